import SystemCrypto
import LedgerTestSupport
import XCTest
@testable import Ledger

/// The keyring alone: which key a case's fields are sealed under, where it
/// comes from, and what an import made ahead.
final class CaseKeyringTests: XCTestCase {
    private let id = CaseID(prefix: "LG", year: 2024, sequence: 7)

    /// Counts what is drawn from a seeded source.
    private final class CountingRandom: RandomSource, @unchecked Sendable {
        let source = SeededRandom(seed: 3)
        var draws: [Int] = []
        func bytes(_ count: Int) -> [UInt8] {
            draws.append(count)
            return source.bytes(count)
        }
    }

    private struct VaultOpened: Error {}

    private func makeVault(_ folder: TemporaryFolder) throws -> Vault {
        let vault = Vault(directory: folder.path, master: MasterKey(bytes: [UInt8](repeating: 9, count: 32)),
                          random: SeededRandom(seed: 1))
        try vault.create()
        return vault
    }

    private func note(_ text: String) -> Payload {
        .contactRecorded(ContactRecorded(channel: .phone, note: .plain(.string(text))))
    }

    private func sealedNote(_ payload: Payload) throws -> [UInt8] {
        guard case .contactRecorded(let c) = payload, case .sealed(let bytes) = c.note else {
            throw LedgerError.corrupted("the note is not sealed")
        }
        return bytes
    }

    private func opened(_ payload: Payload, with key: AES256GCMKey?) throws -> JSONValue? {
        FieldOpener(key: key, caseID: id).open(try sealedNote(payload), field: .note)
    }

    func testACaseTheWriteOpensGetsOneNewKey() throws {
        let random = CountingRandom()
        let keyring = CaseKeyring(vault: { throw VaultOpened() }, knownKeys: nil, random: random)
        let first = try keyring.seal(note("eins"), of: id, opening: true, presealed: nil)
        let second = try keyring.seal(note("zwei"), of: id, opening: false, presealed: nil)
        XCTAssertEqual(random.draws, [32, SealedBox.nonceSize, SealedBox.nonceSize])
        XCTAssertEqual(keyring.createdKeys, [id])
        let key = try XCTUnwrap(keyring.usedKeys[id])
        XCTAssertEqual(try opened(first, with: key), .string("eins"))
        XCTAssertEqual(try opened(second, with: key), .string("zwei"))
    }

    func testAKeyTheLedgerKnowsIsUsedWithoutTheVault() throws {
        let known = SealingKeyCache()
        let key = try AES256GCMKey(bytes: SystemRandomSource().bytes(32))
        known.remember([id: key])
        let keyring = CaseKeyring(vault: { throw VaultOpened() }, knownKeys: known, random: CountingRandom())
        let sealed = try keyring.seal(note("bekannt"), of: id, opening: false, presealed: nil)
        XCTAssertEqual(try opened(sealed, with: key), .string("bekannt"))
        XCTAssertEqual(keyring.createdKeys, [])
    }

    func testAnExistingCasesKeyComesFromTheVault() throws {
        let folder = TemporaryFolder()
        let vault = try makeVault(folder)
        let raw = [UInt8](repeating: 5, count: 32)
        try vault.store([id: raw])
        let keyring = CaseKeyring(vault: { vault }, knownKeys: SealingKeyCache(), random: CountingRandom())
        let sealed = try keyring.seal(note("aus dem Tresor"), of: id, opening: false, presealed: nil)
        XCTAssertEqual(try opened(sealed, with: try AES256GCMKey(bytes: raw)), .string("aus dem Tresor"))
        XCTAssertEqual(keyring.createdKeys, [])
    }

    func testACaseWithoutAKeyCannotBeSealed() throws {
        let folder = TemporaryFolder()
        let vault = try makeVault(folder)
        let keyring = CaseKeyring(vault: { vault }, knownKeys: nil, random: CountingRandom())
        XCTAssertThrowsError(try keyring.seal(note("x"), of: id, opening: false, presealed: nil)) { error in
            XCTAssertEqual(error as? LedgerError, .invalidInput("LG-2024-000007: the case's key is not in this ledger's vault (erased, or imported sealed without its key), so new personal fields cannot be sealed"))
        }
    }

    func testAPayloadWithoutPlainFieldsAsksForNoKey() throws {
        let random = CountingRandom()
        let keyring = CaseKeyring(vault: { throw VaultOpened() }, knownKeys: nil, random: random)
        let plain = Payload.contactRecorded(ContactRecorded(channel: .phone, note: nil))
        XCTAssertEqual(try keyring.seal(plain, of: id, opening: false, presealed: nil), plain)
        XCTAssertEqual(random.draws, [])
        XCTAssertTrue(keyring.usedKeys.isEmpty)
    }

    func testAKeyMadeAheadForAnOpeningBecomesTheCasesKey() throws {
        let random = CountingRandom()
        let keyring = CaseKeyring(vault: { throw VaultOpened() }, knownKeys: nil, random: random)
        let raw = [UInt8](repeating: 7, count: 32)
        let ahead = Payload.contactRecorded(ContactRecorded(channel: .phone, note: .sealed([1, 2, 3])))
        let sealed = try keyring.seal(note("plain, as the rules saw it"), of: id, opening: true,
                                      presealed: PresealedPayload(payload: ahead, openingKey: raw))
        XCTAssertEqual(sealed, ahead)
        XCTAssertEqual(random.draws, [])
        XCTAssertEqual(keyring.createdKeys, [id])
        let later = try keyring.seal(note("später"), of: id, opening: false, presealed: nil)
        XCTAssertEqual(try opened(later, with: try AES256GCMKey(bytes: raw)), .string("später"))
    }

    func testAKeyMadeAheadForACaseThatIsNotNewIsRefused() {
        let keyring = CaseKeyring(vault: { throw VaultOpened() }, knownKeys: nil, random: CountingRandom())
        let presealed = PresealedPayload(payload: note("x"), openingKey: [UInt8](repeating: 7, count: 32))
        XCTAssertThrowsError(try keyring.seal(note("x"), of: id, opening: false, presealed: presealed)) { error in
            XCTAssertEqual(error as? LedgerError, .corrupted("LG-2024-000007: a key was made ahead for a case that is not new"))
        }
    }

    func testACorrectionTakesTheNoncesDrawnAheadFirst() throws {
        let random = CountingRandom()
        let known = SealingKeyCache()
        let key = try AES256GCMKey(bytes: SystemRandomSource().bytes(32))
        known.remember([id: key])
        let keyring = CaseKeyring(vault: { throw VaultOpened() }, knownKeys: known, random: random)
        let nonce = [UInt8](repeating: 4, count: SealedBox.nonceSize)
        let correction = Payload.entryCorrected(EntryCorrected(target: 2, action: .amend, replacement: note("berichtigt"),
                                                               reason: "Tippfehler"))
        let sealed = try keyring.seal(correction, of: id, opening: false,
                                      presealed: PresealedPayload(payload: correction, openingKey: nil, nonces: [nonce]))
        guard case .entryCorrected(let c) = sealed, let replacement = c.replacement?.payload else {
            return XCTFail("not a correction with a replacement")
        }
        XCTAssertEqual(Array(try sealedNote(replacement).prefix(SealedBox.nonceSize)), nonce)
        XCTAssertEqual(try opened(replacement, with: key), .string("berichtigt"))
        XCTAssertEqual(random.draws, [])
    }

    func testNewKeysReachTheVaultMarkedPending() throws {
        let folder = TemporaryFolder()
        let vault = try makeVault(folder)
        let keyring = CaseKeyring(vault: { vault }, knownKeys: nil, random: CountingRandom())
        try keyring.storeNewKeys(pendingIn: folder.path)
        XCTAssertFalse(PendingKeys.isMarked(folder.path), "nothing made, nothing marked")
        _ = try keyring.seal(note("neu"), of: id, opening: true, presealed: nil)
        try keyring.storeNewKeys(pendingIn: folder.path)
        XCTAssertTrue(PendingKeys.isMarked(folder.path))
        let stored = try XCTUnwrap(try vault.keys(for: [id])[id])
        XCTAssertEqual(try fingerprint(stored), try fingerprint(keyring.usedKeys[id]))
    }
}
