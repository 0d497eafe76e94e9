import XCTest
@testable import Ledger

/// `CaseKey` orders case ids as LMDB orders their key bytes (the rebuild
/// writes projections in this order with MDB_APPEND) and tells ids apart
/// exactly by their bytes.
final class CaseKeyTests: XCTestCase {
    func testOrderIsTheByteOrderOfTheIds() throws {
        let ids = ["LG-2026-000042", "LG-2026-0000421", "LG-2026-000041", "A-2022-000001", "ABCDEFGHIJ-2026-123456789",
                   "ABCDEFGHIJ-2026-12345678", "LG-2025-999999", "Z9-2026-000001", "LG-2026-100000"]
        let keys = try ids.map { id in try XCTUnwrap(CaseKey(XCTUnwrap(CaseID(id)))) }
        for (i, a) in ids.enumerated() {
            for (j, b) in ids.enumerated() {
                XCTAssertEqual(keys[i] < keys[j], Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)), "\(a) < \(b)")
                XCTAssertEqual(keys[i] == keys[j], a == b, "\(a) == \(b)")
                if a == b { XCTAssertEqual(keys[i].mixed, keys[j].mixed) }
            }
        }
    }

    /// Every length from 1 to 32 bytes, short and partial words included, keeps the byte order and equality.
    func testEveryLengthKeepsByteOrder() throws {
        var generator = SystemRandomNumberGenerator()
        var samples: [[UInt8]] = []
        for count in 1...32 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            samples.append(bytes)
            var changed = bytes
            changed[count - 1] ^= 0x01
            samples.append(changed)
            samples.append(Array(bytes.prefix(count - 1)) + [0])
        }
        let keys = try samples.map { b in try XCTUnwrap(b.withUnsafeBytes { CaseKey($0) }) }
        for i in samples.indices {
            for j in samples.indices {
                XCTAssertEqual(keys[i] < keys[j], samples[i].lexicographicallyPrecedes(samples[j]), "\(samples[i]) < \(samples[j])")
                XCTAssertEqual(keys[i] == keys[j], samples[i] == samples[j], "\(samples[i]) == \(samples[j])")
            }
        }
    }

    func testKeysFromBytesEqualKeysFromIDs() throws {
        let id = try XCTUnwrap(CaseID("LG-2026-000042"))
        let fromBytes = Array(id.rawValue.utf8).withUnsafeBytes { CaseKey($0) }
        XCTAssertEqual(fromBytes, CaseKey(id))
        XCTAssertNil([UInt8](repeating: 65, count: 33).withUnsafeBytes { CaseKey($0) })
    }
}
