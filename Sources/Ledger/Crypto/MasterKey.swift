import Foundation
import SystemCrypto

/// The ledger's master key: 32 random bytes kept as 64 hex digits in a file
/// that `init` creates with mode 0600 (by default `master.key` in the ledger
/// folder; `LEDGER_KEY_FILE` names another place). It only wraps case keys.
/// Promises: the key's bytes are never printed or logged.
public struct MasterKey {
    public static let environmentVariable = "LEDGER_KEY_FILE"
    public static let defaultFileName = "master.key"

    /// Held as bytes, not as a cipher context, since one `Vault` serves an
    /// import's two threads: each vault operation makes its own (`wrappingKey`).
    private let bytes: SecretBytes

    init(bytes: [UInt8]) { self.bytes = SecretBytes(bytes) }

    /// The AES-256-GCM key that wraps case keys, for one thread.
    func wrappingKey() throws(LedgerError) -> AES256GCMKey {
        try bytes.withUnsafeBytes { raw throws(LedgerError) in try LedgerError.sealingKey(raw) }
    }

    /// Where the key file is for a ledger folder, given the environment.
    public static func path(ledgerDirectory: String, environment: [String: String]) -> String {
        if let path = environment[environmentVariable], !path.isEmpty { return path }
        return ledgerDirectory + "/" + defaultFileName
    }

    /// Creates a new key file; refuses to overwrite one.
    public static func create(at path: String, random: RandomSource) throws(LedgerError) -> MasterKey {
        let bytes = random.bytes(32)
        try SecretFile.create(path, Array((Hex.encode(bytes) + "\n").utf8), what: "a master key")
        return MasterKey(bytes: bytes)
    }

    /// Reads the key file; refuses one that other accounts can get at (`FileAccess.checkKeyFile`).
    public static func load(from path: String) throws(LedgerError) -> MasterKey {
        try FileAccess.checkKeyFile(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .key("no master key at \(path): set \(environmentVariable) to the key file, or restore it")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count == 64, let bytes = Hex.decode(text) else {
            throw .key("the file \(path) is not a master key (expected 64 hex digits)")
        }
        return MasterKey(bytes: bytes)
    }
}
