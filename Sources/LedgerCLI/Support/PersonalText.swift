import ArgumentParser
import Ledger

/// Options of the commands that show personal data (`show`, `history`).
struct RevealOptions: ParsableArguments {
    @Flag(help: "Show the case without opening any personal field (nothing is logged).")
    var noPersonal = false

    @Option(help: "Why the personal data is opened (required; default: $LEDGER_PURPOSE; recorded in the access log; not personal: a file number, not a name).")
    var purpose: String?

    /// Records the reveal in the access log and returns the opener, or nil with `--no-personal`.
    /// A reveal without a purpose (`--purpose`, else `$LEDGER_PURPOSE`) is refused, exit 64.
    func opener(_ ledger: Ledger, _ id: CaseID, _ global: GlobalOptions, command: String) throws -> FieldOpener? {
        guard !noPersonal else { return nil }
        let why = try RevealPurpose.required(purpose)
        return try ledger.opener(for: id, access: AccessRequest(actor: global.actorName, command: command, purpose: why))
    }
}

/// How personal values read in tables, CSV and JSON.
enum PersonalText {
    static let erased = "[erased]"
    static let unavailable = "[sealed: key not in this vault]"
    static let altered = "[sealed: altered, does not open under its key]"

    /// The person's fields as (label, text) rows, in a fixed order.
    static func personRows(_ value: PersonalView.Value) -> [(String, String)] {
        let labels = [("name", "name"), ("birth date", "birth_date"), ("address", "address"), ("phone", "phone")]
        return labels.map { label, key in
            switch value {
            case .opened(.object(let o)): return (label, o[key].map(text) ?? "")
            case .opened(let other): return (label, text(other))
            case .erased: return (label, erased)
            case .unavailable: return (label, unavailable)
            case .altered: return (label, altered)
            }
        }
    }

    /// One value as a single line of text.
    static func line(_ value: PersonalView.Value) -> String {
        switch value {
        case .opened(.object(let o)):
            let known = ["name", "birth_date", "address", "phone"]
            let ordered = known.compactMap { o[$0] } + o.members.filter { !known.contains($0.key) }.map(\.value)
            return ordered.map(text).joined(separator: ", ")
        case .opened(let other): return text(other)
        case .erased: return erased
        case .unavailable: return unavailable
        case .altered: return altered
        }
    }

    /// The value for JSON output (erased and unavailable as their marker strings).
    static func json(_ value: PersonalView.Value) -> JSONValue {
        switch value {
        case .opened(let v): return v
        case .erased: return .string(erased)
        case .unavailable: return .string(unavailable)
        case .altered: return .string(altered)
        }
    }

    static func text(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        case .array(let items): return items.map(text).joined(separator: ", ")
        case .object(let o): return o.members.map { text($0.value) }.joined(separator: ", ")
        }
    }
}
