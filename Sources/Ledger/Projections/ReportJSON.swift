/// A report for scripts and analysts (metrics, caseload, episodes) as JSON.
/// Unlike `JSONValue`, the event model that holds integers only, a report may
/// hold decimals: rates and means, kept as an exact `Ratio` and written with
/// `Ratio.decimal(places:)`. Promises: `text` is valid JSON (RFC 8259, UTF-8)
/// with members in the order given (producers put them in the contract's
/// order), indented by one space per level as in the shared examples, and the
/// same report always gives the same text.
public indirect enum ReportJSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An exact number written with at most `places` decimals (at least one).
    case decimal(Ratio, places: Int)
    case string(String)
    case array([ReportJSON])
    case object([Member])

    /// One member of an object.
    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: ReportJSON
        public init(_ key: String, _ value: ReportJSON) { self.key = key; self.value = value }
    }

    /// A plain ledger value as a report value (members keep their order).
    public init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(ReportJSON.init))
        case .object(let o): self = .object(o.members.map { Member($0.key, ReportJSON($0.value)) })
        }
    }

    /// A count.
    public static func count(_ value: Int) -> ReportJSON { .int(Int64(value)) }

    /// A ratio rounded to `places`, or null when there is none.
    public static func number(_ ratio: Ratio?, places: Int) -> ReportJSON {
        ratio.map { .decimal($0, places: places) } ?? .null
    }

    /// The pretty-printed text, ending in a newline.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The pretty-printed UTF-8 bytes, ending in a newline (built in one buffer:
    /// a caseload of thousands of rows is printed in a few milliseconds).
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, indent: 0)
        out.append(10)
        return out
    }

    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .decimal(let r, let places): out.append(contentsOf: r.decimal(places: places).utf8)
        case .string(let s): ReportJSON.quote(s, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                ReportJSON.newline(indent + 1, &out)
                item.write(to: &out, indent: indent + 1)
            }
            ReportJSON.newline(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                ReportJSON.newline(indent + 1, &out)
                ReportJSON.quote(member.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                member.value.write(to: &out, indent: indent + 1)
            }
            ReportJSON.newline(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(10)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    /// A JSON string literal, escaped as the ledger's canonical writer does
    /// (RFC 8785: \" \\ \b \f \n \r \t, other controls as \u00xx, the rest literal).
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: s.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
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
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// A date as reports write it: `YYYY-MM-DD`, or null.
    static func date(_ d: LocalDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }
}
