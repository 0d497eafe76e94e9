/// A checkpoint's body (C2SP tlog-checkpoint): the origin (the log's name),
/// the tree size in decimal and the base64 root hash of the log's Merkle
/// tree (RFC 6962/9162) at that size, each on a line of its own, then any
/// extension lines. It is the text of the note a ledger signs. Promises:
/// `init(parsing:)` reads back exactly what `text` writes and refuses a size
/// with leading zeros, a root that is not 32 bytes of base64, and empty lines.
public struct TreeCheckpoint: Equatable, Sendable {
    public var origin: String
    public var head: TreeHead
    public var extensions: [String]

    public init(origin: String, head: TreeHead, extensions: [String] = []) {
        self.origin = origin
        self.head = head
        self.extensions = extensions
    }

    public init(parsing text: String) throws(NoteError) {
        guard text.hasSuffix("\n") else { throw .malformedCheckpoint("its text must end with a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, lines.allSatisfy({ !$0.isEmpty }) else {
            throw .malformedCheckpoint("it needs an origin, a tree size and a root hash, each on a non-empty line")
        }
        let size = lines[1]
        guard size.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), size == "0" || !size.hasPrefix("0"),
              let value = UInt64(size) else {
            throw .malformedCheckpoint("the tree size '\(size.prefix(30))' is not a decimal number without leading zeros")
        }
        guard let root = Base64.decode(lines[2]).flatMap({ ChainHash(bytes: $0) }) else {
            throw .malformedCheckpoint("the root hash is not the base64 of 32 bytes")
        }
        self.init(origin: lines[0], head: TreeHead(size: value, root: root), extensions: Array(lines.dropFirst(3)))
    }

    /// The note text: `origin`, size and root lines, then the extension lines, each ending in a newline.
    public var text: String {
        ([origin, String(head.size), Base64.encode(head.root.bytes)] + extensions).map { $0 + "\n" }.joined()
    }
}
