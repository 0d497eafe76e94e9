import Foundation
import Ledger
import LedgerTestSupport

/// Random mutations of valid NDJSON import lines for the fuzz target: byte
/// level (bit flips, truncation, inserted bytes) and structure level
/// (duplicated or removed keys, swapped values, numbers made floats, values of
/// the wrong type, huge strings, deep nesting, other vocabulary values,
/// lines duplicated or swapped). Deterministic for a given generator.
enum LineMutator {
    enum Kind: String, CaseIterable {
        case bitFlip, truncate, insertBytes, duplicateKey, removeKey, swapValues, numberToFloat, wrongType,
             hugeString, deepNesting, otherVocabulary, duplicateLine, swapLines, loneSurrogate, randomDate
    }

    /// Mutates one line of `lines` (or, for line-level kinds, the list); returns the kind used and the
    /// 0-based index of the first line that differs from the original.
    static func mutate(_ lines: inout [[UInt8]], rng: inout SplitMix64) -> (Kind, Int) {
        let kind = Kind.allCases.randomElement(using: &rng) ?? .bitFlip
        let index = Int.random(in: 0..<lines.count, using: &rng)
        switch kind {
        case .duplicateLine:
            lines.insert(lines[index], at: index + 1)
            return (kind, index + 1)
        case .swapLines:
            guard lines.count > 1 else { return mutate(&lines, rng: &rng) }
            let other = Int.random(in: 0..<lines.count, using: &rng)
            lines.swapAt(index, other)
            return (kind, min(index, other))
        default:
            lines[index] = mutate(lines[index], kind: kind, rng: &rng)
            return (kind, index)
        }
    }

    static func mutate(_ line: [UInt8], kind: Kind, rng: inout SplitMix64) -> [UInt8] {
        var bytes = line
        switch kind {
        case .bitFlip:
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
            }
            return bytes
        case .truncate:
            return Array(bytes.prefix(Int.random(in: 0..<max(1, bytes.count), using: &rng)))
        case .insertBytes:
            let pool: [UInt8] = [0x00, 0x07, 0x0A, 0x0D, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x80, 0xC0, 0xC3, 0xE2, 0xF0, 0xFF, 0x2E, 0x65]
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0...bytes.count, using: &rng)
                bytes.insert(pool.randomElement(using: &rng) ?? 0, at: at)
            }
            // A raw newline would split the line; keep the mutation inside it.
            return bytes.map { $0 == 0x0A ? 0x20 : $0 }
        case .numberToFloat:
            let digits = bytes.indices.filter { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 && ($0 + 1 == bytes.count || !(bytes[$0 + 1] >= 0x30 && bytes[$0 + 1] <= 0x39)) }
            guard let end = digits.randomElement(using: &rng) else { return bytes }
            let suffix = [".0", ".5", "e3", "E-2", ".0e0"].randomElement(using: &rng) ?? ".0"
            bytes.insert(contentsOf: Array(suffix.utf8), at: end + 1)
            return bytes
        case .loneSurrogate:
            guard let quote = bytes.indices.filter({ bytes[$0] == 0x22 }).randomElement(using: &rng) else { return bytes }
            bytes.insert(contentsOf: Array(#"\ud800"#.utf8), at: quote + 1)
            return bytes
        default:
            return mutateStructure(line, kind: kind, rng: &rng) ?? mutate(line, kind: .bitFlip, rng: &rng)
        }
    }

    /// Structure-level mutations: parse, change, write back (keys sorted). Nil when the line does not parse.
    private static func mutateStructure(_ line: [UInt8], kind: Kind, rng: inout SplitMix64) -> [UInt8]? {
        guard case .object(var top)? = try? JSONParser.parse(line) else { return nil }
        // Mutate the envelope or the data object (or one nested in it) with equal chance.
        var path: [String] = []
        if Bool.random(using: &rng), case .object(let data)? = top["data"] {
            path = ["data"]
            if Bool.random(using: &rng), let nested = data.members.filter({ if case .object = $0.value { return true } else { return false } })
                .randomElement(using: &rng) {
                path.append(nested.key)
            }
        }
        guard var target = object(at: path, in: top), !target.members.isEmpty else { return nil }
        let i = Int.random(in: 0..<target.members.count, using: &rng)
        switch kind {
        case .duplicateKey:
            return duplicateInside(top, path: path, member: target.members[i])
        case .removeKey:
            target.members.remove(at: i)
        case .swapValues:
            let j = Int.random(in: 0..<target.members.count, using: &rng)
            let v = target.members[i].value
            target.members[i].value = target.members[j].value
            target.members[j].value = v
        case .wrongType:
            let choices: [JSONValue] = [.null, .bool(true), .int(-1), .int(9_007_199_254_740_991), .string(""), .string("x"),
                                        .array([]), .object(JSONObject())]
            target.members[i].value = choices.randomElement(using: &rng) ?? .null
        case .hugeString:
            let size = [1_000, 70_000, 1_100_000].randomElement(using: &rng) ?? 1_000
            target.members[i].value = .string(String(repeating: "é", count: size / 2))
        case .deepNesting:
            let depth = [31, 33, 500, 100_000].randomElement(using: &rng) ?? 33
            var text = CanonicalJSONWriter.encode(.object(top))
            guard let colon = text.firstIndex(of: 0x3A) else { return nil }
            text.insert(contentsOf: Array(repeating: UInt8(ascii: "["), count: depth), at: colon + 1)
            return text
        case .otherVocabulary:
            let words = ["phone", "closed", "housing_secured", "acute", "jobcenter", "agreement", "void", "amend", "altstadt",
                         "case.opened", "case.closed", "case.erased", "entry.corrected", "LG-2024-000001", "2024-02-30",
                         "1970-01-01T00:00:00Z", "meyer", "subject_request"]
            target.members[i].value = .string(words.randomElement(using: &rng) ?? "phone")
        case .randomDate:
            let y = Int.random(in: 0...9999, using: &rng), m = Int.random(in: 0...13, using: &rng), d = Int.random(in: 0...32, using: &rng)
            let date = String(format: "%04d-%02d-%02d", y, m, d)
            target.members[i].value = .string(Bool.random(using: &rng) ? date : date + "T12:00:00Z")
        default:
            return nil
        }
        top = replacing(path, in: top, with: target)
        return CanonicalJSONWriter.encode(.object(top))
    }

    private static func object(at path: [String], in top: JSONObject) -> JSONObject? {
        var current = top
        for key in path {
            guard case .object(let next)? = current[key] else { return nil }
            current = next
        }
        return current
    }

    private static func replacing(_ path: [String], in top: JSONObject, with value: JSONObject) -> JSONObject {
        guard let first = path.first else { return value }
        var copy = top
        guard let index = copy.members.firstIndex(where: { $0.key == first }), case .object(let inner) = copy.members[index].value else {
            return top
        }
        copy.members[index].value = .object(replacing(Array(path.dropFirst()), in: inner, with: value))
        return copy
    }

    /// The line with `member` written twice in the object at `path` (canonical writers never do that).
    private static func duplicateInside(_ top: JSONObject, path: [String], member: (key: String, value: JSONValue)) -> [UInt8] {
        let marker = "__duplicate_marker__"
        var marked = object(at: path, in: top) ?? JSONObject()
        marked.members.append((key: marker, value: .null))
        let text = String(decoding: CanonicalJSONWriter.encode(.object(replacing(path, in: top, with: marked))), as: UTF8.self)
        let duplicate = String(decoding: CanonicalJSONWriter.encode(.string(member.key)), as: UTF8.self) + ":"
            + String(decoding: CanonicalJSONWriter.encode(member.value), as: UTF8.self)
        return Array(text.replacingOccurrences(of: "\"\(marker)\":null", with: duplicate).utf8)
    }
}
