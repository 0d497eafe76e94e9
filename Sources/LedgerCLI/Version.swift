import Ledger

/// What `ledger --version` prints: the release, and the formats it reads and writes.
enum LedgerVersion {
    static let release = "1.1.0"
    static var text: String {
        "ledger \(release) (event format \(EventBinaryCodec.formatVersion), projections \(ProjectionCodec.version))"
    }
}
