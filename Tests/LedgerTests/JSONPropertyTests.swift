import Ledger
import LedgerTestSupport
import XCTest


/// Random `JSONValue`s: parse(encode(v)) must give v back (objects key-sorted).
final class JSONPropertyTests: XCTestCase {
    private static let scalarPool: [Unicode.Scalar] = {
        var pool: [Unicode.Scalar] = Array("abcxyzAZ09 _-:/'\"\\".unicodeScalars)
        pool += (0..<0x20).compactMap { Unicode.Scalar(UInt32($0)) }
        pool += ["\u{7F}", "\u{80}", "é", "ö", "€", "\u{2028}", "\u{2029}", "\u{D7FF}", "\u{E000}",
                 "\u{FB33}", "\u{FEFF}", "\u{FFFD}", "\u{FFFF}", "😀", "\u{10000}", "\u{10FFFF}"]
        return pool
    }()

    private static let maxMagnitude: Int64 = 9_007_199_254_740_991

    private func randomString(_ rng: inout SplitMix64) -> String {
        let length = rng.below(8) == 0 ? rng.below(48) : rng.below(10)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            // Mostly ASCII letters so the fast path is exercised too.
            if rng.below(3) == 0 {
                scalars.append(Self.scalarPool[rng.below(Self.scalarPool.count)])
            } else {
                scalars.append(Unicode.Scalar(UInt8(ascii: "a") + UInt8(rng.below(26))))
            }
        }
        return String(scalars)
    }

    private func randomInt(_ rng: inout SplitMix64) -> Int64 {
        switch rng.below(6) {
        case 0: return [0, -1, 1, Self.maxMagnitude, -Self.maxMagnitude][rng.below(5)]
        case 1, 2: return Int64(rng.below(2_000_001)) - 1_000_000
        default: return Int64(bitPattern: rng.next()) % (Self.maxMagnitude + 1)
        }
    }

    private func randomValue(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
        let kinds = depth >= 5 ? 4 : 6
        switch rng.below(kinds) {
        case 0: return rng.below(2) == 0 ? .null : .bool(rng.below(2) == 0)
        case 1: return .int(randomInt(&rng))
        case 2, 3: return .string(randomString(&rng))
        case 4:
            return .array((0..<rng.below(6)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var members: [(key: String, value: JSONValue)] = []
            for _ in 0..<rng.below(7) {
                let key = randomString(&rng)
                if members.contains(where: { $0.key == key }) { continue }
                members.append((key: key, value: randomValue(&rng, depth: depth + 1)))
            }
            return .object(JSONObject(members))
        }
    }

    /// Sorts object members by UTF-16 code units (independently of the writer's comparator).
    private func keySorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map(keySorted))
        case .object(let object):
            let members = object.members
                .map { (key: $0.key, value: keySorted($0.value)) }
                .sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
            return .object(JSONObject(members))
        default:
            return value
        }
    }

    func testRandomValuesRoundTrip() throws {
        var rng = SplitMix64(seed: 0x1ED6_E2_2024)
        for iteration in 0..<2_000 {
            let value = randomValue(&rng, depth: 0)
            let encoded = CanonicalJSONWriter.encode(value)
            let parsed: JSONValue
            do {
                parsed = try JSONParser.parse(encoded)
            } catch {
                XCTFail("iteration \(iteration): \(error) in \(String(decoding: encoded, as: UTF8.self))")
                return
            }
            XCTAssertEqual(parsed, keySorted(value), "iteration \(iteration)")
            XCTAssertEqual(CanonicalJSONWriter.encode(parsed), encoded, "iteration \(iteration): not idempotent")
        }
    }

    func testKeyOrderAgreesWithUTF16Order() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<5_000 {
            let a = randomString(&rng)
            let b = rng.below(4) == 0 ? a + randomString(&rng) : randomString(&rng)
            XCTAssertEqual(
                CanonicalJSONWriter.canonicalKeyOrder(a, b),
                a.utf16.lexicographicallyPrecedes(b.utf16),
                "\(Array(a.unicodeScalars)) vs \(Array(b.unicodeScalars))"
            )
        }
    }
}
