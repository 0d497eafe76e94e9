import Ledger

/// Renders rows as an aligned text table, measuring text by characters (so
/// umlauts count as one column). Promises: with no `width` (piped output,
/// `--wide`) nothing is shortened or left out; with a width, only `.text`
/// columns are shortened, with `…`, down to their minimum, and if the
/// table is still too wide the least important columns are left out
/// (`layout().hidden` names them) rather than cutting an id, a date, a flag
/// or a number; if even the most important column does not fit, lines run
/// over. Written into one byte buffer, each cell measured once (by its bytes
/// when it is plain ASCII).
struct TextTable {
    var columns: [TableColumn]
    var rows: [[String]]
    /// The widest a line may be; nil: unlimited.
    var width: Int?
    /// The colour of a cell (row, column), used when rendering with colour.
    var paint: ((_ row: Int, _ column: Int) -> Paint?)?

    /// A table whose every column is fixed, the first the most important
    /// (left out from the right on a narrow terminal); unlimited width.
    init(headers: [String], rows: [[String]], width: Int? = nil) {
        self.init(columns: headers.enumerated().map { TableColumn($0.element, importance: headers.count - $0.offset) },
                  rows: rows, width: width)
    }

    init(columns: [TableColumn], rows: [[String]], width: Int? = nil, paint: ((Int, Int) -> Paint?)? = nil) {
        self.columns = columns
        self.rows = rows
        self.width = width
        self.paint = paint
    }

    var headers: [String] { columns.map(\.header) }

    /// The columns shown (by index, in order), their widths, and the headers of those left out.
    struct Layout {
        var shown: [Int]
        var widths: [Int]
        var hidden: [String]
    }

    func render(colour: Bool = false) -> String { String(decoding: bytes(colour: colour), as: UTF8.self) }

    /// The table as UTF-8: lines joined by "\n", no newline after the last.
    func bytes(colour: Bool = false) -> [UInt8] { rendering(colour: colour).bytes }

    /// The table's bytes and the headers of the columns left out to fit.
    func rendering(colour: Bool) -> (bytes: [UInt8], hidden: [String]) {
        let cells = measuredCells()
        let layout = layout(natural: cells.natural)
        var out: [UInt8] = []
        out.reserveCapacity((layout.widths.reduce(0, +) + 2 * layout.widths.count + 1) * (rows.count + 2))
        let headerMeasures = columns.map { TextTable.measure($0.header) }
        line(layout.shown.map { columns[$0].header }, layout.shown.map { headerMeasures[$0] }, layout, &out,
             colour: colour ? { _ in Paint.bold } : nil)
        out.append(10)
        line(layout.widths.map { String(repeating: "-", count: $0) },
             layout.widths.map { Measure(characters: $0, isPlainASCII: true) }, layout, &out, colour: nil)
        let count = columns.count
        for (r, row) in rows.enumerated() {
            out.append(10)
            let measures = cells.measures[(r * count)..<((r + 1) * count)]
            let painter: ((Int) -> [UInt8]?)? = colour ? paint.map { paint in { paint(r, $0)?.escape } } : nil
            line(layout.shown.map { $0 < row.count ? TextTable.flatten(row[$0]) : "" },
                 layout.shown.map { measures[measures.startIndex + $0] }, layout, &out, colour: painter)
        }
        return (out, layout.hidden)
    }

    /// Which columns are shown and how wide, for this table's `width`.
    func layout() -> Layout { layout(natural: measuredCells().natural) }

    private func layout(natural: [Int]) -> Layout {
        var shown = Array(columns.indices)
        func fits(_ widths: [Int]) -> Bool {
            guard let width else { return true }
            return widths.reduce(0, +) + 2 * max(widths.count - 1, 0) <= width
        }
        while true {
            var widths = shown.map { natural[$0] }
            if fits(widths) { return Layout(shown: shown, widths: widths, hidden: hiddenHeaders(shown)) }
            let minimums = shown.map { columns[$0].minimum(natural: natural[$0]) }
            let excess = widths.reduce(0, +) + 2 * (shown.count - 1) - (width ?? 0)
            TextTable.shrink(&widths, minimums: minimums, by: excess)
            if fits(widths) || shown.count == 1 {
                return Layout(shown: shown, widths: widths, hidden: hiddenHeaders(shown))
            }
            // The most important column (the leftmost of equals) stays; of the others the least important (the rightmost of equals) goes.
            let keep = shown.indices.max { a, b in
                let x = columns[shown[a]].importance, y = columns[shown[b]].importance
                return x != y ? x < y : a > b
            } ?? 0
            let leave = shown.indices.filter { $0 != keep }.min { a, b in
                let x = columns[shown[a]].importance, y = columns[shown[b]].importance
                return x != y ? x < y : a > b
            } ?? shown.count - 1
            shown.remove(at: leave)
        }
    }

    private func hiddenHeaders(_ shown: [Int]) -> [String] {
        columns.indices.filter { !shown.contains($0) }.map { columns[$0].header }
    }

    /// Takes `excess` characters off the widest shrinkable columns, none below its minimum.
    static func shrink(_ widths: inout [Int], minimums: [Int], by excess: Int) {
        var left = excess
        while left > 0 {
            guard let widest = widths.indices.filter({ widths[$0] > minimums[$0] }).max(by: { widths[$0] < widths[$1] }) else { return }
            let others = widths.indices.filter { $0 != widest && widths[$0] > minimums[$0] }.map { widths[$0] }.max()
            let step = min(left, widths[widest] - minimums[widest], max(1, widths[widest] - (others ?? minimums[widest])))
            widths[widest] -= step
            left -= step
        }
    }

    /// Every cell's measure, row by row, and each column's natural width.
    private func measuredCells() -> (measures: [Measure], natural: [Int]) {
        let count = columns.count
        var natural = columns.map { TextTable.measure($0.header).characters }
        var measures: [Measure] = []
        measures.reserveCapacity(rows.count * count)
        for row in rows {
            for i in 0..<count {
                let m = i < row.count ? TextTable.measure(row[i]) : Measure(characters: 0, isPlainASCII: true)
                measures.append(m)
                natural[i] = max(natural[i], m.characters)
            }
        }
        return (measures, natural)
    }

    /// A cell's width in characters, and whether it is printable ASCII (one character per byte).
    struct Measure {
        var characters: Int
        var isPlainASCII: Bool
    }

    /// Characters of `s` (grapheme clusters, as `String.count`) once line breaks and tabs are spaces.
    static func measure(_ s: String) -> Measure {
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && $0 >= 0x20 }
        } ?? false
        return Measure(characters: plain ? s.utf8.count : flatten(s).count, isPlainASCII: plain)
    }

    /// The cell on one line: CR LF, LF, CR and tabs become a space each.
    static func flatten(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 10 || $0 == 13 || $0 == 9 }) else { return s }
        return s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\t", with: " ")
    }

    /// One line: cells padded to their column's width (but the last), two spaces apart.
    private func line(_ cells: [String], _ measured: [Measure], _ layout: Layout, _ out: inout [UInt8],
                      colour: ((Int) -> [UInt8]?)?) {
        for (k, column) in layout.shown.enumerated() {
            let width = layout.widths[k]
            if k > 0 { out.append(contentsOf: [32, 32]) }
            let cell = cells[k]
            let m = measured[k]
            let shown = min(m.characters, width)
            let padding = width - shown
            let isLast = k == layout.shown.count - 1
            if columns[column].alignRight { for _ in 0..<padding { out.append(32) } }
            let escape = colour?(column)
            if let escape { out.append(contentsOf: escape) }
            if m.characters > width {
                if m.isPlainASCII {
                    out.appendUTF8(cell, prefix: width - 1)
                } else {
                    out.appendUTF8(String(cell.prefix(width - 1)))
                }
                out.append(contentsOf: [0xE2, 0x80, 0xA6]) // …
            } else {
                out.appendUTF8(cell)
            }
            if escape != nil { out.append(contentsOf: Paint.reset) }
            if !columns[column].alignRight && !isLast { for _ in 0..<padding { out.append(32) } }
        }
    }
}
