/// The access log's head as a checkpoint carries it: how many entries the log
/// held and the hash of the last (64 zeros when it held none). A published
/// checkpoint with it makes a wiped or shortened access log visible: the log
/// must still hold at least `count` entries, entry `count` with this hash.
/// Promises: `count` 0 pairs only with the zero hash.
public struct AccessLogHead: Equatable, Sendable {
    public var count: UInt64
    public var hash: ChainHash

    public init(count: UInt64, hash: ChainHash) {
        self.count = count
        self.hash = hash
    }

    /// Whether the pair can be a head at all (an empty log has no hash but zeros).
    var isWellFormed: Bool { count != 0 || hash == .zero }

    /// The extension line of a signed checkpoint's body: `access-log COUNT BASE64HASH`.
    public var extensionLine: String { "\(AccessLogHead.extensionPrefix)\(count) \(Base64.encode(hash.bytes))" }

    static let extensionPrefix = "access-log "

    /// Reads an extension line written by `extensionLine`; nil for a line about something else.
    /// Throws when the line is about the access log but malformed.
    static func parse(extensionLine line: String) throws(NoteError) -> AccessLogHead? {
        guard line.hasPrefix(extensionPrefix) else { return nil }
        let parts = line.dropFirst(extensionPrefix.count).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              parts[0] == "0" || !parts[0].hasPrefix("0"), let count = UInt64(parts[0]),
              let hash = Base64.decode(String(parts[1])).flatMap({ ChainHash(bytes: $0) }) else {
            throw .malformedCheckpoint("the access-log line must be 'access-log COUNT HASH' (a decimal count and the base64 of 32 bytes)")
        }
        let head = AccessLogHead(count: count, hash: hash)
        guard head.isWellFormed else { throw .malformedCheckpoint("an access log of 0 entries has the zero hash") }
        return head
    }
}
