import Foundation

/// The file holding a ledger's checkpoint signing key, in the note signer
/// format (`PRIVATE+KEY+…`, `NoteSigningKey`): `$LEDGER_SIGNING_KEY_FILE`, or
/// `signing.key` beside the master key (in the ledger folder unless
/// `$LEDGER_KEY_FILE` puts the master key elsewhere). Protected like the
/// master key: mode 0600, never printed, left out of backups unless
/// `--with-key`. Promises: a key file is never overwritten in place;
/// `replace` writes the new key to `PATH.new` first and renames it over the
/// old, so the file always holds one whole key.
public enum SigningKeyFile {
    public static let environmentVariable = "LEDGER_SIGNING_KEY_FILE"
    public static let defaultFileName = "signing.key"

    /// Where the signing key is for a ledger whose master key is at `masterKeyFile`.
    public static func path(masterKeyFile: String, environment: [String: String]) -> String {
        if let path = environment[environmentVariable], !path.isEmpty { return path }
        let folder = (masterKeyFile as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/" + defaultFileName
    }

    /// Makes a new key named `origin` from the ledger's random source and writes it to a new file at `path`.
    static func create(at path: String, origin: String, random: RandomSource) throws(LedgerError) -> NoteSigningKey {
        let key = try newKey(origin: origin, random: random)
        try SecretFile.create(path, Array((key.encoded + "\n").utf8), what: "a checkpoint signing key")
        return key
    }

    static func newKey(origin: String, random: RandomSource) throws(LedgerError) -> NoteSigningKey {
        do { return try NoteSigningKey(name: origin, seed: random.bytes(32)) } catch { throw .usage(error.description) }
    }

    /// Reads the key at `path`; exit 77 when it is missing or not a key.
    static func load(from path: String) throws(LedgerError) -> NoteSigningKey {
        try FileAccess.checkKeyFile(path, what: "checkpoint signing key")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .key("no checkpoint signing key at \(path): create one with 'ledger keygen' (or set \(environmentVariable) to the key file)")
        }
        do {
            return try NoteSigningKey(parsing: String(decoding: data, as: UTF8.self))
        } catch {
            throw .key("the file \(path) is not a checkpoint signing key (\(error.description))")
        }
    }

    /// Copies the key file at `source` (checked to hold a key) to a new file `destination` (`backup --with-key`).
    static func copy(from source: String, to destination: String) throws(LedgerError) {
        try SecretFile.create(destination, Array((try load(from: source).encoded + "\n").utf8), what: "a copy of the checkpoint signing key")
    }

    /// Replaces the key at `path` by `key`: written to `PATH.new`, flushed, renamed over `path`, the folder flushed.
    static func replace(at path: String, with key: NoteSigningKey) throws(LedgerError) {
        let staging = path + ".new"
        unlink(staging)
        try SecretFile.create(staging, Array((key.encoded + "\n").utf8), what: "the new checkpoint signing key")
        guard rename(staging, path) == 0 else {
            throw .io("cannot move the new signing key from \(staging) to \(path): \(String(cString: strerror(errno)))")
        }
        let folder = (path as NSString).deletingLastPathComponent
        try Durability.fsyncDirectory(folder.isEmpty ? "." : folder)
    }
}
