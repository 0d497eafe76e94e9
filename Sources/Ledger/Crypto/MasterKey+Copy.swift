import Foundation

extension MasterKey {
    /// Copies a master key file (checked to hold a key) to a new file of mode
    /// 0600, flushed to disk; refuses to overwrite. Used by `backup --with-key`.
    static func copy(from source: String, to destination: String) throws(LedgerError) {
        _ = try load(from: source)
        guard let data = FileManager.default.contents(atPath: source) else {
            throw .key("no master key at \(source): set \(environmentVariable) to the key file")
        }
        try SecretFile.create(destination, Array(data), what: "a copy of the master key")
    }
}
