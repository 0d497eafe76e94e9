/// Writes a `ReportPage` as Markdown: the same headings, figures, notes
/// and definitions as the HTML page, each chart as a table of its months
/// (Markdown has no drawing), and each table bar as a row of blocks.
/// Promises: a withheld value reads `<K` (escaped so that it stays text),
/// never its number; a `|` inside a cell cannot split it.
struct MarkdownPage {
    let page: ReportPage
    let text: PageText

    init(_ page: ReportPage) {
        self.page = page
        text = PageText(format: LocaleFormat(language: page.language), withheldMark: page.withheldMark)
    }

    /// Blocks of a bar at most this long.
    static let barLength = 20

    func markdown() -> String {
        var out = "# \(MarkdownPage.escape(page.title))\n\n"
        for (label, value) in page.facts { out += "- **\(MarkdownPage.escape(label))**: \(MarkdownPage.escape(value))\n" }
        out += "\n> \(MarkdownPage.escape(page.notice))\n"
        for section in page.sections {
            out += "\n## \(MarkdownPage.escape(section.title))\n"
            for block in section.blocks {
                out += "\n"
                switch block {
                case .table(let t): out += table(t)
                case .chart(let c): out += chart(c)
                case .note(let note): out += "_\(MarkdownPage.escape(note))_\n"
                case .definitions(let terms): out += terms.map { "- " + MarkdownPage.escape($0) + "\n" }.joined()
                }
            }
        }
        return out + "\n---\n\n" + MarkdownPage.escape(page.footer) + "\n"
    }

    func table(_ t: PageTable) -> String {
        let highest = t.bar.map { b in max(t.rows.map { $0.cells[b].barValue }.max() ?? 0, 1) } ?? 1
        var rows = [t.columns + (t.bar == nil ? [] : [""])]
        for row in t.rows {
            rows.append([row.label] + row.cells.map(text.text) + (t.bar.map { [bar(row.cells[$0], of: highest)] } ?? []))
        }
        return MarkdownPage.grid(rows, numeric: t.columns.count)
    }

    func chart(_ c: Chart) -> String {
        var rows = [[""] + c.series.map(\.name)]
        for (i, label) in c.labels.enumerated() { rows.append([label] + c.series.map { text.text($0.values[i]) }) }
        var out = "**\(MarkdownPage.escape(c.title))**\n\n" + MarkdownPage.grid(rows, numeric: c.series.count + 1)
        if let (label, value) = c.reference { out += "\n\(MarkdownPage.escape(label)): \(MarkdownPage.escape(text.text(value)))\n" }
        return out
    }

    func bar(_ v: PageValue, of highest: Int) -> String {
        switch v {
        case .count(let n) where n > 0: return String(repeating: "█", count: max(1, n * MarkdownPage.barLength / highest))
        case .withheld: return "░"
        default: return ""
        }
    }

    /// A pipe table; columns 1..<numeric are right-aligned.
    static func grid(_ rows: [[String]], numeric: Int) -> String {
        guard let head = rows.first else { return "" }
        func line(_ cells: [String]) -> String { "| " + cells.map(escape).joined(separator: " | ") + " |\n" }
        let rule = "|" + head.indices.map { $0 > 0 && $0 < numeric ? " ---: |" : " --- |" }.joined() + "\n"
        return line(head) + rule + rows.dropFirst().map(line).joined()
    }

    /// Text that Markdown shows as written: `|`, `<`, `*`, `_` and `\` escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if "|<>*_\\`[]".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
