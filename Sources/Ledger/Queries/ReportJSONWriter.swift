/// Writes a report's JSON straight into one byte buffer, value by value, in
/// `ReportJSON`'s layout (members in the order written, one space of indent
/// per level, strings escaped as the canonical writer does, a newline at
/// the end), so that a report of thousands of rows needs no tree of values.
/// Promises: the bytes are those `ReportJSON.bytes` gives for the same values
/// (it is written by this writer). The caller closes every array and object
/// it opens, and gives each member of an object its `key` before its value.
/// In the `.lines` layout (NDJSON) the top-level array is not written: each
/// of its items is one line of compact JSON (no white space), and an empty
/// array is no line at all.
public struct ReportJSONWriter {
    /// How the values are laid out.
    public enum Layout: Sendable {
        /// Indented by one space per level, one member or item per line.
        case pretty
        /// The top-level array's items as lines of compact JSON (NDJSON).
        case lines
    }

    private var out: [UInt8]
    /// For each open array or object: whether it is an array, and whether it holds nothing yet.
    private var open: [(isArray: Bool, isEmpty: Bool)] = []
    private let layout: Layout

    public init(capacity: Int = 4096, layout: Layout = .pretty) {
        out = []
        out.reserveCapacity(capacity)
        self.layout = layout
    }

    /// Appends the final newline and gives the text (the writer is spent).
    public mutating func finish() -> [UInt8] {
        if layout == .pretty || !out.isEmpty { out.append(10) }
        return out
    }

    public mutating func beginArray() { begin(UInt8(ascii: "["), isArray: true) }
    public mutating func endArray() { end(UInt8(ascii: "]")) }
    public mutating func beginObject() { begin(UInt8(ascii: "{"), isArray: false) }
    public mutating func endObject() { end(UInt8(ascii: "}")) }

    /// The name of the next member of the open object.
    public mutating func key(_ name: String) {
        nextItem()
        ReportJSONWriter.quote(name, into: &out)
        out.append(UInt8(ascii: ":"))
        if layout == .pretty { out.append(UInt8(ascii: " ")) }
    }

    public mutating func null() {
        valueStarts()
        out.append(contentsOf: "null".utf8)
    }

    public mutating func bool(_ b: Bool) {
        valueStarts()
        out.append(contentsOf: (b ? "true" : "false").utf8)
    }

    public mutating func int(_ i: Int64) {
        valueStarts()
        ReportJSONWriter.appendDecimal(i, to: &out)
    }

    public mutating func int(_ i: Int) { int(Int64(i)) }

    /// An exact number with at most `places` decimals (at least one).
    public mutating func decimal(_ r: Ratio, places: Int) {
        valueStarts()
        out.append(contentsOf: r.decimal(places: places).utf8)
    }

    public mutating func string(_ s: String) {
        valueStarts()
        ReportJSONWriter.quote(s, into: &out)
    }

    /// A date as reports write it: `"YYYY-MM-DD"`, or null.
    public mutating func date(_ d: LocalDate?) {
        guard let d else { return null() }
        valueStarts()
        out.append(UInt8(ascii: "\""))
        d.appendWireText(to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// A whole report value.
    public mutating func value(_ v: ReportJSON) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .decimal(let r, let places): decimal(r, places: places)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members {
                key(member.key)
                value(member.value)
            }
            endObject()
        }
    }

    /// A plain ledger value (members keep their order).
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { value(item) }
            endArray()
        case .object(let o):
            beginObject()
            for member in o.members {
                key(member.key)
                value(member.value)
            }
            endObject()
        }
    }

    // MARK: layout

    private mutating func begin(_ bracket: UInt8, isArray: Bool) {
        valueStarts()
        if !(isArray && isLinesTop) { out.append(bracket) }
        open.append((isArray: isArray, isEmpty: true))
    }

    private mutating func end(_ bracket: UInt8) {
        guard let container = open.popLast() else { return }
        if container.isArray && isLinesTop { return }
        if !container.isEmpty { newline() }
        out.append(bracket)
    }

    /// In the lines layout, whether the next bracket is the top-level array's (never written).
    private var isLinesTop: Bool { layout == .lines && open.count == 0 }

    /// An item of an array starts on its own line; a member's value follows its key.
    private mutating func valueStarts() {
        if let last = open.last, last.isArray { nextItem() }
    }

    /// The separator and new line before the next item of the open container.
    private mutating func nextItem() {
        guard !open.isEmpty else { return }
        let first = open[open.count - 1].isEmpty
        open[open.count - 1].isEmpty = false
        if layout == .lines && open.count == 1 && open[0].isArray {
            if !first { out.append(10) }
            return
        }
        if !first { out.append(UInt8(ascii: ",")) }
        newline()
    }

    /// A line break and the indent of the open containers' depth (nothing in the lines layout).
    private mutating func newline() {
        guard layout == .pretty else { return }
        out.append(10)
        for _ in 0..<open.count { out.append(UInt8(ascii: " ")) }
    }

    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        DecimalDigits.append(value, to: &out)
    }

    /// A JSON string literal, escaped as the ledger's canonical writer does
    /// (RFC 8785: \" \\ \b \f \n \r \t, other controls as \u00xx, the rest literal).
    static func quote(_ s: String, into out: inout [UInt8]) {
        func special(_ byte: UInt8) -> Bool { byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }
        let needsEscapes = s.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) } ?? true
        out.append(UInt8(ascii: "\""))
        if needsEscapes { escape(s, into: &out) } else { out.appendUTF8(s) }
        out.append(UInt8(ascii: "\""))
    }

    private static func escape(_ s: String, into out: inout [UInt8]) {
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x08: out.append(contentsOf: [92, UInt8(ascii: "b")])
            case 0x0c: out.append(contentsOf: [92, UInt8(ascii: "f")])
            case 0x0a: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0d: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                let digit = { (v: UInt8) -> UInt8 in v < 10 ? 48 + v : 87 + v }
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, digit(byte >> 4), digit(byte & 15)])
            default: out.append(byte)
            }
        }
    }
}
