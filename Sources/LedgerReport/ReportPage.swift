/// The report's content in one language, before it is written as HTML or
/// Markdown: headings, tables, charts and notes, every text from the
/// catalogue and every figure a `PageValue`. Promises: the writers add
/// layout only, no figure and no word of their own.
struct ReportPage {
    var language: ReportLanguage
    var title: String
    /// Label and text lines under the title (period, previous period, data as of).
    var facts: [(label: String, text: String)]
    /// The small-cell note, or the warning of an internal version.
    var notice: String
    var internalVersion: Bool
    var sections: [Section]
    var footer: String
    /// How a withheld figure reads: `<K` (empty without suppression).
    var withheldMark: String
}

/// A titled part of the page.
struct Section {
    var id: String
    var title: String
    var blocks: [Block]
}

/// What a section holds.
enum Block {
    case table(PageTable)
    case chart(Chart)
    case note(String)
    /// Terms and their definitions.
    case definitions([String])
}

/// A table whose first column labels each row; `bar` names the column
/// (an index into `cells`) drawn as a bar beside the figures. Column
/// headings start with a capital letter, whatever case the catalogue's
/// label has where it stands in running text.
struct PageTable {
    var columns: [String]
    var rows: [PageRow]
    var bar: Int?

    init(columns: [String], rows: [PageRow], bar: Int?) {
        self.columns = columns.map { $0.prefix(1).uppercased() + $0.dropFirst() }
        self.rows = rows
        self.bar = bar
    }
}

struct PageRow {
    var label: String
    var cells: [PageValue]
}

/// A monthly chart: bars (one per series and month) or a line of rates,
/// optionally with a reference line (the period's value).
struct Chart {
    enum Kind { case bars, line }

    var id: String
    var title: String
    var kind: Kind
    /// One label per month (`Jul 25`).
    var labels: [String]
    var series: [ChartSeries]
    var reference: (label: String, value: PageValue)?
    /// Text for the legend entry of withheld values (`below 5, not shown`).
    var withheldLegend: String?
    /// Said under the chart when no value of it is published.
    var emptyNote: String?
}

struct ChartSeries {
    var name: String
    var values: [PageValue]
}
