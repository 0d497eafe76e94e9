/// Renders rows as an aligned text table at most `width` columns wide,
/// measuring text by characters (so umlauts count as one column); the widest
/// columns are shortened with '…' when the table would not fit.
struct TextTable {
    var headers: [String]
    var rows: [[String]]
    var width = 100

    func render() -> String {
        let count = headers.count
        var widths = headers.map { $0.count }
        for row in rows {
            for (i, cell) in row.enumerated() where i < count { widths[i] = max(widths[i], cell.count) }
        }
        let gaps = 2 * (count - 1)
        while widths.reduce(0, +) + gaps > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
              widths[widest] > 6 {
            widths[widest] -= 1
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for i in 0..<count {
                var cell = i < cells.count ? cells[i] : ""
                if cell.count > widths[i] { cell = String(cell.prefix(widths[i] - 1)) + "…" }
                parts.append(i == count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count))
            }
            return parts.joined(separator: "  ")
        }
        var out = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; CRLF line ends.
enum CSV {
    static func render(_ headers: [String], _ rows: [[String]]) -> String {
        ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
