import Foundation
import LMDB
import XCTest

final class PerformanceTests: XCTestCase {
    /// A zero-copy full scan visits every one of 1,000,000 entries in order.
    func testFullScanVisitsEveryEntry() throws {
        let env = try makeEnvironment(.init(mapSize: 256 << 20, durable: false))
        let db = try env.openDatabase("events")
        let count: UInt64 = 1_000_000
        try env.write { txn in
            var value = [UInt8](repeating: 7, count: 32)
            for i in UInt64(0)..<count {
                value[0] = UInt8(truncatingIfNeeded: i)
                try withUnsafeBytes(of: i.bigEndian) { key in
                    try value.withUnsafeBytes { v in try txn.put(db, key: key, value: v, flags: .append) }
                }
            }
        }
        var best = 0.0
        for _ in 0..<3 {
            var visited = 0
            var checksum = 0
            let start = DispatchTime.now().uptimeNanoseconds
            try env.read { txn in
                try txn.forEach(db) { _, value in
                    visited += 1
                    checksum &+= Int(value[0])
                    return true
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            XCTAssertEqual(visited, Int(count))
            XCTAssertEqual(checksum, (0..<Int(count)).reduce(0) { $0 &+ ($1 & 0xFF) })
            best = max(best, Double(count) / seconds)
        }
        // Timings are reported, never asserted (tools/bench measures speed).
        print("full scan: \(Int(best)) values/s")
    }
}
