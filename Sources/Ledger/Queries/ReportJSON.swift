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

    /// The pretty-printed UTF-8 bytes, ending in a newline (written by `ReportJSONWriter`).
    public var bytes: [UInt8] {
        var writer = ReportJSONWriter()
        writer.value(self)
        return writer.finish()
    }
}

extension JSONValue {
    /// A date as reports write it: `YYYY-MM-DD`, or null.
    static func date(_ d: LocalDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }
}
