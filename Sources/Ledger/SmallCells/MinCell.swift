/// The smallest count a published output may show (DOMAIN.md "Small
/// cells", `--min-cell K`). Promises: K is at least 2 (with 1 nothing would
/// be withheld, so 1 is refused rather than silently meaning "off").
public struct MinCell: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// What the council report uses when not told otherwise.
    public static let councilDefault = MinCell(uncheckedK: 5)

    public let k: Int

    /// Refuses a K below 2 as a usage error naming `option`.
    public init(_ k: Int, option: String = "--min-cell") throws(LedgerError) {
        guard k >= 2 else { throw .usage("\(option) takes a whole number of at least 2 (got \(k))") }
        self.k = k
    }

    private init(uncheckedK: Int) { k = uncheckedK }

    /// Whether a count must be withheld by itself: 0 < n < K (zero is never withheld).
    public func isSmall(_ n: Int) -> Bool { n > 0 && n < k }

    /// How a withheld figure reads in tables and CSV: `<K`.
    public var mark: String { "<\(k)" }

    public var description: String { String(k) }
}
