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
        var out: [UInt8] = []
        out.reserveCapacity(64 * (rows.count + 1))
        for row in [headers] + rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                field(cell, into: &out)
            }
            out.append(contentsOf: [13, 10])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func field(_ s: String, into out: inout [UInt8]) {
        let needsQuotes = s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { out.append(contentsOf: s.utf8); return }
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
    }
}

import Foundation
