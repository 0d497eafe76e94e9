import Ledger

/// Renders rows as an aligned text table at most `width` columns wide,
/// measuring text by characters (so umlauts count as one column); the widest
/// columns are shortened with '…' when the table would not fit. Written into
/// one byte buffer, each cell measured once (by its bytes when it is plain
/// ASCII, which is one character per byte but for CR LF).
struct TextTable {
    var headers: [String]
    var rows: [[String]]
    var width = 100

    func render() -> String { String(decoding: bytes(), as: UTF8.self) }

    /// The table as UTF-8: lines joined by "\n", no newline after the last.
    func bytes() -> [UInt8] {
        let count = headers.count
        var widths = headers.map { TextTable.measure($0).characters }
        var measured: [Measure] = [] // every cell, row by row
        measured.reserveCapacity(rows.count * count)
        for row in rows {
            for i in 0..<count {
                let m = i < row.count ? TextTable.measure(row[i]) : Measure(characters: 0, isPlainASCII: true)
                measured.append(m)
                widths[i] = max(widths[i], m.characters)
            }
        }
        let gaps = 2 * (count - 1)
        while widths.reduce(0, +) + gaps > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
              widths[widest] > 6 {
            widths[widest] -= 1
        }
        var out: [UInt8] = []
        out.reserveCapacity((widths.reduce(0, +) + gaps + 1) * (rows.count + 2))
        line(headers, headers.map(TextTable.measure), widths, &out)
        out.append(10)
        line(widths.map { String(repeating: "-", count: $0) }, widths.map { Measure(characters: $0, isPlainASCII: true) }, widths, &out)
        for (r, row) in rows.enumerated() {
            out.append(10)
            line(row, measured[(r * count)..<((r + 1) * count)], widths, &out)
        }
        return out
    }

    /// A cell's width in characters, and whether it is ASCII without CR (one character per byte).
    struct Measure {
        var characters: Int
        var isPlainASCII: Bool
    }

    /// Characters of `s` (grapheme clusters, as `String.count`).
    static func measure(_ s: String) -> Measure {
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && $0 != 13 }
        } ?? false
        return Measure(characters: plain ? s.utf8.count : s.count, isPlainASCII: plain)
    }

    /// One line: cells padded to their column's width (but the last), two spaces apart.
    private func line(_ cells: [String], _ measured: some Collection<Measure>, _ widths: [Int], _ out: inout [UInt8]) {
        for (i, m) in zip(widths.indices, measured) {
            if i > 0 { out.append(contentsOf: [32, 32]) }
            let cell = i < cells.count ? cells[i] : ""
            var shown = m.characters
            if m.characters > widths[i] {
                if m.isPlainASCII {
                    out.appendUTF8(cell, prefix: widths[i] - 1)
                } else {
                    out.appendUTF8(String(cell.prefix(widths[i] - 1)))
                }
                out.append(contentsOf: [0xE2, 0x80, 0xA6]) // …
                shown = widths[i]
            } else {
                out.appendUTF8(cell)
            }
            if i < widths.count - 1 {
                for _ in 0..<(widths[i] - shown) { out.append(32) }
            }
        }
    }
}

/// RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; CRLF line ends.
enum CSV {
    static func render(_ headers: [String], _ rows: [[String]]) -> String {
        String(decoding: bytes(headers, rows), as: UTF8.self)
    }

    static func bytes(_ headers: [String], _ rows: [[String]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (rows.count + 1))
        record(headers, into: &out)
        for row in rows { record(row, into: &out) }
        return out
    }

    static func record(_ row: [String], into out: inout [UInt8]) {
        for (i, cell) in row.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            field(cell, into: &out)
        }
        out.append(contentsOf: [13, 10])
    }

    static func field(_ s: String, into out: inout [UInt8]) {
        func special(_ byte: UInt8) -> Bool { byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13 }
        let needsQuotes = s.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) } ?? s.utf8.contains(where: special)
        guard needsQuotes else { out.appendUTF8(s); return }
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
