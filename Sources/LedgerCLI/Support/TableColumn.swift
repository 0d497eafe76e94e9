/// One column of a `TextTable`: its header, whether its cells may be
/// shortened, how readily it is left out on a narrow terminal, and its
/// alignment.
struct TableColumn: Sendable {
    enum Kind: Sendable {
        /// Ids, dates, flags, numbers, vocabulary: never shortened.
        case fixed
        /// Free text (notes, details): shortened with `…` down to `minimum` characters when the table must fit.
        case text(minimum: Int)
    }

    var header: String
    var kind: Kind
    /// When the table does not fit even with its text at the minimum, the
    /// shown column of the lowest importance is left out first (ties: the
    /// rightmost); the most important column is always shown.
    var importance: Int
    var alignRight: Bool

    init(_ header: String, _ kind: Kind = .fixed, importance: Int = 0, alignRight: Bool = false) {
        self.header = header
        self.kind = kind
        self.importance = importance
        self.alignRight = alignRight
    }

    /// The narrowest a cell of this column may become.
    func minimum(natural: Int) -> Int {
        switch kind {
        case .fixed: return natural
        case .text(let minimum): return min(natural, max(minimum, 1))
        }
    }
}

/// How a cell is coloured on a terminal that takes colour.
enum Paint: Sendable {
    /// Bold red: urgent.
    case alert
    /// Yellow: overdue.
    case warning

    var escape: [UInt8] {
        switch self {
        case .alert: return Array("\u{1b}[1;31m".utf8)
        case .warning: return Array("\u{1b}[33m".utf8)
        }
    }

    static let reset: [UInt8] = Array("\u{1b}[0m".utf8)
    static let bold: [UInt8] = Array("\u{1b}[1m".utf8)
}
