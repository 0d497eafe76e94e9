import SystemCrypto
import Foundation
import LedgerTestSupport
import XCTest
@testable import Ledger

/// Signed checkpoints in the formats witnesses speak: the ledger's notes
/// verify with an implementation of C2SP signed-note written here from the
/// specification (sharing no code with the ledger), reproduce the reference
/// implementation's example byte for byte, and are refused once tampered with.
final class SignedCheckpointTests: XCTestCase {
    // golang.org/x/mod/sumdb/note's example key and note (also the C2SP test vector).
    static let goSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let goVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let goText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let goNote = goText + "\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    func testTheReferenceExampleIsReproducedByteForByte() throws {
        let signer = try NoteSigningKey(parsing: Self.goSigner)
        XCTAssertEqual(signer.verifier.description, Self.goVerifier)
        XCTAssertEqual(signer.encoded, Self.goSigner)
        XCTAssertEqual(try SignedNote.sign(Self.goText, with: signer).encoded, Self.goNote)
        let note = try SignedNote(parsing: Self.goNote)
        XCTAssertEqual(note.encoded, Self.goNote)
        XCTAssertEqual(try note.verify(trusting: [try NoteVerifierKey(parsing: Self.goVerifier)]).map(\.name), ["PeterNeumann"])
        XCTAssertTrue(try IndependentNoteVerifier.verify(Self.goNote, verifierKey: Self.goVerifier))
    }

    func testALedgersCheckpointVerifiesIndependentlyAndStatesItsTree() throws {
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder, config: LedgerConfig(prefix: "LG", origin: "praevention.lueneburg.example/LG"))
        defer { ledger.close() }
        for _ in 0..<5 { _ = try openCase(ledger) }
        let note = try ledger.signedCheckpoint().encoded
        let vkey = try XCTUnwrap(try ledger.verifierKeys().last).description
        XCTAssertTrue(vkey.hasPrefix("praevention.lueneburg.example/LG+"), vkey)

        XCTAssertTrue(try IndependentNoteVerifier.verify(note, verifierKey: vkey))
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(lines.prefix(2)), ["praevention.lueneburg.example/LG", "5"])
        let hashes = try (1...UInt64(5)).map { p in try XCTUnwrap(try ledger.store.read { try ledger.store.event(at: p, $0) }).hash }
        XCTAssertEqual(Data(base64Encoded: lines[2]).map { Array($0) }, NaiveMerkleTree.mth(hashes[...]).bytes)
        XCTAssertEqual(lines[3], "access-log 0 " + Base64.encode(ChainHash.zero.bytes), "the access log's head, an extension line")
        XCTAssertEqual(lines[4], "")
        XCTAssertTrue(lines[5].hasPrefix("\u{2014} praevention.lueneburg.example/LG "), lines[5])

        XCTAssertEqual(try ledger.checkSignedCheckpoint(note), TreeHead(size: 5, root: NaiveMerkleTree.mth(hashes[...])))
        XCTAssertNoThrow(try ledger.verify(treeHead: try ledger.checkSignedCheckpoint(note)))
    }

    func testATamperedNoteIsRefusedByBothImplementations() throws {
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder)
        defer { ledger.close() }
        for _ in 0..<3 { _ = try openCase(ledger) }
        let note = try ledger.signedCheckpoint().encoded
        let vkey = try XCTUnwrap(try ledger.verifierKeys().last).description
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let signature = lines[5]
        var flippedSignature = Array(signature.utf8)
        flippedSignature[flippedSignature.count - 6] = flippedSignature[flippedSignature.count - 6] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let tampered = [
            ("size", note.replacingOccurrences(of: "\n3\n", with: "\n4\n")),
            ("origin", note.replacingOccurrences(of: "ledger.example/LG\n3", with: "ledger.example/LH\n3")),
            ("root", [lines[0], lines[1], Base64.encode(MerkleHashing.emptyRoot.bytes), lines[3], "", signature, ""].joined(separator: "\n")),
            ("signature", [lines[0], lines[1], lines[2], lines[3], "", String(decoding: flippedSignature, as: UTF8.self), ""].joined(separator: "\n")),
            ("access log dropped", [lines[0], lines[1], lines[2], "", signature, ""].joined(separator: "\n")),
        ]
        for (what, text) in tampered {
            XCTAssertNotEqual(text, note, what)
            XCTAssertFalse((try? IndependentNoteVerifier.verify(text, verifierKey: vkey)) ?? false, "\(what): the independent check accepted it")
            assertRefused(65, "does not verify: the note was altered") { _ = try ledger.checkSignedCheckpoint(text) }
        }
        // Signed by another key (a forger's), under the ledger's name: no trusted signature.
        let forger = try NoteSigningKey(name: "ledger.example/LG", seed: [UInt8](repeating: 7, count: 32))
        let forged = try SignedNote.sign(TreeCheckpoint(origin: "ledger.example/LG", head: TreeHead(size: 3, root: .zero)).text, with: forger)
        assertRefused(65, "by no key trusted here") { _ = try ledger.checkSignedCheckpoint(forged.encoded) }
        // A witness's cosignature beside the ledger's is ignored, not refused.
        let witness = try NoteSigningKey(name: "witness.example/w1", seed: [UInt8](repeating: 9, count: 32))
        var cosigned = try SignedNote(parsing: note)
        cosigned.signatures.append(try witness.sign(Array(cosigned.text.utf8)))
        XCTAssertEqual(try ledger.checkSignedCheckpoint(cosigned.encoded).size, 3)
        XCTAssertTrue(try IndependentNoteVerifier.verify(cosigned.encoded, verifierKey: vkey))
    }

    func testACheckpointTheLogNoLongerExtendsFailsVerification() throws {
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder)
        defer { ledger.close() }
        for _ in 0..<4 { _ = try openCase(ledger) }
        let key = try ledger.signingKey()
        // A checkpoint the ledger's own key signed over another root (as if the log was rewritten since).
        let other = try SignedNote.sign(TreeCheckpoint(origin: "ledger.example/LG", head: TreeHead(size: 2, root: .zero)).text, with: key)
        let head = try ledger.checkSignedCheckpoint(other.encoded)
        assertRefused(65, "the log no longer extends that checkpoint") { _ = try ledger.verify(treeHead: head) }
        let beyond = try SignedNote.sign(TreeCheckpoint(origin: "ledger.example/LG", head: TreeHead(size: 9, root: .zero)).text, with: key)
        assertRefused(65, "before the signed checkpoint's tree of 9 events") {
            _ = try ledger.verify(treeHead: try ledger.checkSignedCheckpoint(beyond.encoded))
        }
    }

    func testKeyRotationKeepsOldCheckpointsVerifiable() throws {
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder)
        defer { ledger.close() }
        _ = try openCase(ledger)
        let old = try ledger.signedCheckpoint().encoded
        let first = try XCTUnwrap(try ledger.verifierKeys().last)
        let second = try ledger.makeSigningKey(rotate: true)
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(try ledger.verifierKeys(), [first, second])
        _ = try openCase(ledger)
        let new = try ledger.signedCheckpoint()
        XCTAssertEqual(new.signatures.map(\.keyID), [second.keyID])
        XCTAssertEqual(try ledger.checkSignedCheckpoint(old).size, 1, "signed by the former key, still listed")
        XCTAssertEqual(try ledger.checkSignedCheckpoint(new.encoded, trusting: [second]).size, 2)
        assertRefused(65, "by no key trusted here") { _ = try ledger.checkSignedCheckpoint(old, trusting: [second]) }
        assertRefused(64, "already has a signing key") { _ = try ledger.makeSigningKey() }
    }

    func testALedgerWithoutASigningKeySaysHowToMakeOne() throws {
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder)
        // As a ledger made before checkpoints existed: no key file, no verifier keys.
        try ledger.store.write { _ = try $0.delete(ledger.store.meta, key: VerifierKeys.metaKey) }
        try FileManager.default.removeItem(atPath: ledger.options.signingKeyFile)
        assertRefused(77, "create one with 'ledger keygen'") { _ = try ledger.signedCheckpoint() }
        let made = try ledger.makeSigningKey(origin: "praevention.example/LG")
        XCTAssertEqual(made.name, "praevention.example/LG")
        XCTAssertEqual(try ledger.origin(), "praevention.example/LG")
        XCTAssertTrue(try ledger.signedCheckpoint().text.hasPrefix("praevention.example/LG\n0\n"))
        ledger.close()
        XCTAssertEqual(try reopen(folder).origin(), "praevention.example/LG")
    }

    func testKeysAndCheckpointsInTheWrongFormatAreRefused() {
        for text in ["", "PeterNeumann+c74f20a3", "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                     "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                     "PeterNeumann+c74f20a3+AhpcQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"] {
            XCTAssertThrowsError(try NoteVerifierKey(parsing: text), text)
        }
        for text in ["o\n1\n", "o\n01\nAAAA\n", "o\n1\nAAAA\n", "o\n1\n" + Base64.encode([UInt8](repeating: 0, count: 32)), "\n1\n" + Base64.encode([UInt8](repeating: 0, count: 32)) + "\n"] {
            XCTAssertThrowsError(try TreeCheckpoint(parsing: text), text)
        }
        for text in [Self.goText, Self.goText + "\n", Self.goText + "\n- PeterNeumann x08g\n", Self.goNote.replacingOccurrences(of: "\n\u{2014}", with: "\n\u{2014}\u{2014}"),
                     Self.goNote.dropLast() + "", Self.goNote.replacingOccurrences(of: "problem,", with: "problem,\u{7}")] {
            XCTAssertThrowsError(try SignedNote(parsing: text), text)
        }
    }
}

/// C2SP signed-note verification written from the specification alone, with Foundation's base64 and
/// libcrypto's SHA-256 and Ed25519 (pinned to RFC 8032 in SystemCryptoTests): the "independent
/// implementation" a witness would be.
enum IndependentNoteVerifier {
    static func verify(_ note: String, verifierKey: String) throws -> Bool {
        // The verifier key: name + 8 hex digits of key ID + base64(0x01 || 32-byte key).
        let parts = verifierKey.split(separator: "+", maxSplits: 2).map(String.init)
        guard parts.count == 3, let material = Data(base64Encoded: parts[2]), material.count == 33, material.first == 1,
              let keyID = UInt32(parts[1], radix: 16) else { return false }
        let publicKey = material.dropFirst()
        var idInput = Data(parts[0].utf8)
        idInput.append(contentsOf: [0x0a, 0x01])
        idInput.append(publicKey)
        guard Data(try SHA256Hasher.hash(Array(idInput)).bytes).prefix(4) == withUnsafeBytes(of: keyID.bigEndian, { Data($0) }) else { return false }
        let key = Array(publicKey)
        // The text ends at the last blank line; signature lines follow, each "— name base64".
        guard let split = note.range(of: "\n\n", options: .backwards) else { return false }
        let text = String(note[..<split.lowerBound]) + "\n"
        var verified = false
        for line in note[split.upperBound...].split(separator: "\n") {
            guard line.hasPrefix("\u{2014} ") else { return false }
            let fields = line.dropFirst(2).split(separator: " ").map(String.init)
            guard fields.count == 2, let blob = Data(base64Encoded: fields[1]), blob.count == 68 else { continue }
            guard fields[0] == parts[0], blob.prefix(4) == withUnsafeBytes(of: keyID.bigEndian, { Data($0) }) else { continue }
            guard Ed25519.isValidSignature(Array(blob.dropFirst(4)), of: Array(text.utf8), publicKey: key) else { return false }
            verified = true
        }
        return verified
    }
}
