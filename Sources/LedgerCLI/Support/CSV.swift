import Ledger

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
