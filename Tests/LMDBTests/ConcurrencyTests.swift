import Dispatch
import Foundation
import LMDB
import XCTest

/// Collects failures from worker threads.
private final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    private var finished = false

    var writerFinished: Bool {
        get {
            lock.lock()
            defer { lock.unlock() }
            return finished
        }
        set {
            lock.lock()
            finished = newValue
            lock.unlock()
        }
    }

    func record(_ message: String) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }
}

final class ConcurrencyTests: XCTestCase {
    func testReadersRunWhileWriterGrowsTheMap() throws {
        let env = try makeEnvironment(.init(mapSize: 64 << 10, durable: false))
        let db = try env.openDatabase("events")
        let failures = FailureLog()
        let batches: UInt64 = 300
        let done = DispatchSemaphore(value: 0)
        let workers = 3
        for worker in 0..<workers {
            Thread.detachNewThread {
                defer { done.signal() }
                Self.work(worker, env: env, db: db, batches: batches, log: failures)
            }
        }
        for _ in 0..<workers {
            XCTAssertEqual(done.wait(timeout: .now() + 120), .success)
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try env.entryCount(db), Int(batches * 10))
        XCTAssertGreaterThan(env.mapSize, 3_000_000)
    }

    private static func work(
        _ worker: Int, env: Environment, db: Database, batches: UInt64, log failures: FailureLog
    ) {
        do {
            if worker == 0 {
                for batch in UInt64(0)..<batches {
                    try env.write { txn in
                        for i in batch * 10..<(batch + 1) * 10 {
                            try txn.put(db, key: be(i), value: payload(i, size: 1000), flags: .append)
                        }
                    }
                }
                failures.writerFinished = true
            } else {
                var lastCount = 0
                var reads = 0
                while !failures.writerFinished || reads < 100 {
                    reads += 1
                    let count = try env.read { txn -> Int in
                        let count = try txn.entryCount(db)
                        if count > 0 {
                            let ok = try txn.lastEntry(db) { key, value in
                                decodeBE(key) == UInt64(count - 1) && value.count == 1000
                            }
                            if ok != true { failures.record("last entry mismatch at count \(count)") }
                        }
                        return count
                    }
                    if count < lastCount { failures.record("count went backwards: \(lastCount) -> \(count)") }
                    lastCount = count
                }
            }
        } catch {
            if worker == 0 { failures.writerFinished = true }
            failures.record("worker \(worker): \(error)")
        }
    }
}
