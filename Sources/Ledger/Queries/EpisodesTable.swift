/// The analysts' episodes table: one row per episode, pseudonymous (case ids
/// and case data only, never a sealed field). Promises: rows ordered by case
/// id, then episode number; the same cells in the CSV form (`rows`) and the
/// JSON form (`json`), where a missing value is an empty cell or null.
public enum EpisodesTable {
    public static let columns = [
        "case", "episode", "district", "source", "caseworker", "start", "end", "close_reason",
        "first_analysis", "first_secured", "secured_kind", "causes", "contacts", "mediations",
        "referrals", "emergency_accommodations", "reopened_within_365",
    ]

    /// Text cells in `columns` order of the episodes overlapping [from, to)
    /// (started before `to`, not ended before `from`; a nil bound is open).
    public static func rows(_ episodes: some Sequence<EpisodeFacts>, from: LocalDate?, to: LocalDate?) -> [[String]] {
        selected(episodes, from: from, to: to).map { e in values(e).map(cell) }
    }

    /// The same rows as a JSON array of objects keyed by `columns`, with
    /// numbers, Booleans and null where the cells are empty.
    public static func json(_ episodes: some Sequence<EpisodeFacts>, from: LocalDate?, to: LocalDate?) -> JSONValue {
        .array(selected(episodes, from: from, to: to).map { e in
            .object(JSONObject(Array(zip(columns, values(e)).map { (key: $0.0, value: $0.1) })))
        })
    }

    static func selected(_ episodes: some Sequence<EpisodeFacts>, from: LocalDate?, to: LocalDate?) -> [EpisodeFacts] {
        episodes.filter { e in
            (to.map { e.start < $0 } ?? true) && (from.map { f in e.end.map { $0 >= f } ?? true } ?? true)
        }
        .sorted { ($0.caseID, $0.number) < ($1.caseID, $1.number) }
    }

    /// One episode's values in `columns` order.
    static func values(_ e: EpisodeFacts) -> [JSONValue] {
        [
            .string(e.caseID.rawValue), .int(Int64(e.number)), .string(e.district), .string(e.source.rawValue),
            .string(e.caseworker), .date(e.start), .date(e.end), text(e.closeReason?.rawValue),
            .date(e.firstAnalysis), .date(e.securedEffective), text(e.securedKind?.rawValue),
            .string(e.causes.map(\.rawValue).joined(separator: ";")), .int(Int64(e.contacts)),
            .int(Int64(e.mediations.count)), .int(Int64(e.referrals.count)), .int(Int64(e.emergencies.count)),
            .bool(e.reopenedWithinYear),
        ]
    }

    static func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    static func cell(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null, .array, .object: return ""
        }
    }
}
