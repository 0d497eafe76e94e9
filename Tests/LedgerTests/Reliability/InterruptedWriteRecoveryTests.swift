import Foundation
@testable import Ledger
import LedgerTestSupport
import XCTest

/// What a writer killed at the wrong moment leaves behind is finished or
/// taken back by the next writer, and the next reader never waits for it.
final class InterruptedWriteRecoveryTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.path + "/ledger-recovery-\(UUID().uuidString.prefix(8))/ledger"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent)
    }

    private func options() -> LedgerOptions {
        LedgerOptions(directory: directory, lockTimeout: 600, durable: false)
    }

    private func openCase(_ ledger: Ledger) throws -> CaseID {
        let person = PersonInput(name: "Recovery Test", birthDate: LocalDate(year: 1980, month: 1, day: 1) ?? LocalDate(daysSinceEpoch: 0),
                                 address: "Street 1", phone: "1")
        let command = CaseCommand.open(district: "altstadt", source: .walkIn, household: Household(adults: 1, children: 0),
                                       caseworker: "meyer", person: person)
        return try ledger.execute(command, context: CommandContext(actor: "tester", occurredAt: nil, expectVersion: nil)).caseID
    }

    /// A writer killed after storing a new case's key and before committing leaves that key and the marker.
    private func leaveOrphanKey(_ ledger: Ledger, _ id: CaseID) throws {
        try PendingKeys.mark(ledger.directory)
        try ledger.vault().store([id: [UInt8](repeating: 7, count: 32)])
    }

    func testTheNextWriterTakesBackKeysOfAnAppendThatNeverCommitted() throws {
        let ledger = try Ledger.create(options())
        let kept = try openCase(ledger)
        let orphan = CaseID(prefix: "LG", year: 2026, sequence: 999_999)
        try leaveOrphanKey(ledger, orphan)
        XCTAssertEqual(Set(try ledger.vault().caseIDs()), [kept, orphan])
        ledger.close()

        let next = try Ledger.open(options())
        defer { next.close() }
        XCTAssertEqual(try next.vault().caseIDs(), [kept], "the orphan key must be gone, the case's key kept")
        XCTAssertFalse(PendingKeys.isMarked(directory))
        XCTAssertNotNil(try next.opener(for: kept).key, "the kept case must still open")
    }

    func testAnOpenDoesNotWaitForTheWriterLockToRecover() throws {
        let ledger = try Ledger.create(options())
        let id = try openCase(ledger)
        let erased = try openCase(ledger)
        try ledger.execute(.close(erased, reason: .declinedHelp), context: CommandContext(actor: "tester"))
        try ledger.execute(.erase(erased, reason: .subjectRequest), context: CommandContext(actor: "tester"))
        // Left behind by killed writers: an erasure whose key is back, and a key of an append that never committed.
        try ledger.vault().store([erased: [UInt8](repeating: 9, count: 32)])
        try ledger.store.write { txn in try txn.put(ledger.store.meta, key: StoreKeys.pendingErasure(erased), value: []) }
        try leaveOrphanKey(ledger, CaseID(prefix: "LG", year: 2026, sequence: 999_998))
        ledger.close()

        // Another process (here: this one) is writing: it holds the writer lock.
        let lock = FileLock(path: directory + "/writer.lock")
        try lock.lock(.exclusive, timeout: 5, what: "test")
        let opened = DispatchSemaphore(value: 0)
        let options = UncheckedBox(options())
        Thread.detachNewThread {
            if let reader = try? Ledger.open(options.value) {
                _ = try? reader.record(of: id)
                reader.close()
            }
            opened.signal()
        }
        XCTAssertEqual(opened.wait(timeout: .now() + 60), .success, "a reader's open must not wait for the writer lock")
        XCTAssertTrue(PendingKeys.isMarked(directory), "recovery is left to whoever gets the lock")
        lock.unlock()

        let next = try Ledger.open(self.options())
        defer { next.close() }
        XCTAssertFalse(PendingKeys.isMarked(directory))
        XCTAssertEqual(try next.vault().caseIDs(), [id])
    }

    func testAnErasureWhoseKeyDestructionWasInterruptedIsFinishedByTheNextOpen() throws {
        let ledger = try Ledger.create(options())
        let id = try openCase(ledger)
        try ledger.execute(.close(id, reason: .declinedHelp), context: CommandContext(actor: "tester", occurredAt: nil, expectVersion: nil))
        try ledger.execute(.erase(id, reason: .subjectRequest), context: CommandContext(actor: "tester"))
        // As if the process had died after committing case.erased and before the key was destroyed:
        // the key back in the vault and the erasure's pending mark back in the log's meta.
        try ledger.vault().store([id: [UInt8](repeating: 9, count: 32)])
        try ledger.store.write { txn in try txn.put(ledger.store.meta, key: StoreKeys.pendingErasure(id), value: []) }
        XCTAssertEqual(try ledger.vault().caseIDs(), [id])
        ledger.close()

        let next = try Ledger.open(options())
        defer { next.close() }
        XCTAssertEqual(try next.vault().caseIDs(), [], "the next open must finish destroying the key")
        XCTAssertEqual(try next.pendingErasures(), [])
    }
}

final class FailedKeyDestructionTests: XCTestCase {
    /// An import that opens a case and erases another commits; if destroying the erased case's key
    /// then fails, the new case's key (stored before the commit) must stay: its case is in the log.
    func testAFailedKeyDestructionAfterTheCommitKeepsTheNewCasesKeys() throws {
        let root = FileManager.default.temporaryDirectory.path + "/ledger-destroy-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let ledger = try Ledger.create(LedgerOptions(directory: root + "/ledger", durable: false))
        defer { ledger.close() }
        let person = PersonInput(name: "Destroy Test", birthDate: LocalDate(daysSinceEpoch: 3_000), address: "Street 2", phone: "2")
        let erased = try ledger.execute(.open(district: "altstadt", source: .phone, household: Household(adults: 1, children: 0),
                                              caseworker: "meyer", person: person), context: CommandContext(actor: "tester")).caseID
        try ledger.execute(.close(erased, reason: .declinedHelp), context: CommandContext(actor: "tester"))
        let now = Timestamp.utc(epochSeconds: Int64(Date().timeIntervalSince1970)).description
        let opened = "LG-2024-000777"
        let lines = [
            #"{"case":"\#(opened)","type":"case.opened","schema":1,"occurred_at":"2024-05-06T10:00:00+02:00","actor":"tester","data":{"district":"altstadt","source":"walk_in","household":{"adults":1,"children":0},"caseworker":"meyer","person":{"name":"New Person","birth_date":"1985-01-01","address":"Street 3","phone":"3"}}}"#,
            #"{"case":"\#(erased.rawValue)","type":"case.erased","schema":1,"occurred_at":"\#(now)","actor":"tester","data":{"reason":"subject_request"}}"#,
        ]
        let path = root + "/import.ndjson"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        // A folder where the compaction copy must go makes the key destruction fail.
        let blocker = ledger.directory + "/" + VaultFile.fileName + ".new"
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        XCTAssertThrowsError(try ledger.importNDJSON(path: path))
        XCTAssertEqual(try ledger.head().position, 4, "the import itself committed")
        guard let id = CaseID(opened) else { return XCTFail("bad case id") }
        XCTAssertNotNil(try ledger.opener(for: id).key, "the committed new case must keep its key")

        try FileManager.default.removeItem(atPath: blocker)
        ledger.close()
        let next = try Ledger.open(LedgerOptions(directory: root + "/ledger", durable: false))
        defer { next.close() }
        XCTAssertEqual(try next.vault().caseIDs(), [id], "the next open finishes the erasure and keeps the new key")
    }
}
