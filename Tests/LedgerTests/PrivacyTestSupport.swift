import SystemCrypto
import Foundation
import XCTest
@testable import Ledger

/// A ledger in a fresh temporary folder with a fixed clock, for the privacy tests.
final class PrivacyLedgerWorld {
    let directory: String
    private(set) var ledger: Ledger
    private(set) var clock: FixedClock

    /// 2026-11-25T12:00:00Z.
    static let defaultNow: Int64 = 1_795_608_000

    init(_ test: XCTestCase, now: Int64 = PrivacyLedgerWorld.defaultNow, config: LedgerConfig = LedgerConfig()) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("privacy-\(UUID().uuidString)").path
        directory = base + "/ledger"
        clock = FixedClock(now)
        ledger = try Ledger.create(PrivacyLedgerWorld.options(directory, clock), config: config)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: base) }
    }

    static func options(_ directory: String, _ clock: FixedClock) -> LedgerOptions {
        LedgerOptions(directory: directory, keyFile: directory + "/master.key", clock: clock, durable: false, environment: [:])
    }

    /// Closes and opens the ledger again, with the clock at `now` if given.
    func reopen(now: Int64? = nil) throws {
        ledger.close()
        if let now { clock = FixedClock(now) }
        ledger = try Ledger.open(PrivacyLedgerWorld.options(directory, clock))
    }

    func close() { ledger.close() }

    @discardableResult
    func openCase(name: String, address: String = "Am Sande 1, 21335 Lüneburg", phone: String = "04131 123456",
                  at: String = "2026-01-10T09:00:00Z", caseworker: String = "cw.a") throws -> CaseID {
        let person = PersonInput(name: name, birthDate: try XCTUnwrap(LocalDate("1980-02-03")), address: address, phone: phone)
        let event = try ledger.execute(.open(district: "kaltenmoor", source: .walkIn, household: Household(adults: 1, children: 2),
                                             caseworker: caseworker, person: person),
                                       context: CommandContext(actor: caseworker, occurredAt: Timestamp(at)))
        return event.caseID
    }

    func run(_ command: CaseCommand, at: String, actor: String = "cw.a") throws {
        try ledger.execute(command, context: CommandContext(actor: actor, occurredAt: Timestamp(at)))
    }

    func close(_ id: CaseID, at: String, reason: CloseReason = .contactLost) throws {
        try run(.close(id, reason: reason), at: at)
    }

    func sealedExport(mode: ExportMode = .sealed) throws -> String {
        let path = directory + "/../export-\(UUID().uuidString).ndjson"
        let sink = try OutputSink(path: path)
        try ledger.export(to: sink, mode: mode)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: path)
        return text
    }

    /// Appends `case.erased` and commits it without destroying the key, as
    /// a crash right after the commit would leave it.
    func appendErasureWithoutDestroyingTheKey(_ id: CaseID) throws {
        let ledger = self.ledger
        try ledger.store.write { txn in
            let session = try AppendSession(store: ledger.store, txn: txn, config: ledger.config, zone: ledger.zone,
                                            vault: { try ledger.vault() }, random: SystemRandomSource(),
                                            now: clock.seconds)
            try session.append(IncomingEvent(caseID: id, occurredAt: .utc(epochSeconds: clock.seconds), actor: "cw.a",
                                             payload: .caseErased(CaseErased(reason: .subjectRequest))))
            try session.finish()
        }
    }

    /// The case key's raw 32 bytes, as the vault holds them for `id` (nil when gone):
    /// the stored entry unwrapped with the master key.
    func rawKey(_ id: CaseID) throws -> [UInt8]? {
        guard try ledger.vault().keys(for: [id])[id] != nil, let stored = try storedKey(id) else { return nil }
        let master = try MasterKey.load(from: directory + "/master.key")
        return SealedBox.open(stored, key: try master.wrappingKey(), aad: Vault.aad(id))
    }

    /// The key's bytes as stored in the vault file (wrapped by the master key).
    func storedKey(_ id: CaseID) throws -> [UInt8]? {
        try VaultFile(directory: directory, lockTimeout: 5).storedEntry(of: id)
    }
}

/// What a sealing key seals 16 zero bytes to under the zero nonce: equal for
/// equal keys, so tests can compare keys that do not hand out their bytes.
func fingerprint(_ key: AES256GCMKey?) throws -> [UInt8]? {
    guard let key else { return nil }
    return try SealedBox.seal([UInt8](repeating: 0, count: 16), key: key, aad: [], nonce: [UInt8](repeating: 0, count: SealedBox.nonceSize))
}

/// Byte scanning of files on disk.
enum DiskScan {
    /// Every regular file under `directory`, recursively.
    static func files(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var out: [String] = []
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            let path = directory + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { out.append(path) }
        }
        return out.sorted()
    }

    /// The files under `directory` whose bytes contain `needle`.
    static func filesContaining(_ needle: [UInt8], under directory: String) -> [String] {
        files(under: directory).filter { path in
            guard let data = FileManager.default.contents(atPath: path) else { return false }
            return contains([UInt8](data), needle)
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool { !offsets(of: needle, in: haystack).isEmpty }

    /// Every offset at which `needle` starts in `haystack`.
    static func offsets(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard let first = needle.first, needle.count <= haystack.count else { return [] }
        var out: [Int] = []
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { out.append(i) }
            i += 1
        }
        return out
    }
}

extension PrivacyLedgerWorld {
    /// Opens and closes a case, then commits its `case.erased` as a crash
    /// right after the commit would leave it: the key still in the vault.
    /// Returns the case and its key's bytes as the vault file stores them.
    func caseWithInterruptedErasure() throws -> (id: CaseID, storedKey: [UInt8]) {
        let id = try openCase(name: "Erika Musterfrau")
        try close(id, at: "2026-02-01T09:00:00Z")
        let stored = try XCTUnwrap(try storedKey(id))
        try appendErasureWithoutDestroyingTheKey(id)
        return (id, stored)
    }

    /// A new, empty folder beside the ledger's, to back up into.
    func emptyBackupFolder() throws -> String {
        let destination = directory + "/../backup"
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: false)
        return destination
    }
}
