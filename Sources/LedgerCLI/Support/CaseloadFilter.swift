import Ledger

/// Which caseload rows to show: by district, phase, urgency, overdue, and
/// at most `limit` of them (after the others, in the caseload's order).
struct CaseloadFilter {
    var district: String?
    var phase: Phase?
    var urgentOnly = false
    var overdueOnly = false
    var limit: Int?

    /// The open phases a caseload row can have.
    static let phases: [Phase] = [.intake, .active, .secured]

    /// The phase `text` names, or the vocabulary error naming the allowed ones.
    static func phase(_ text: String) throws -> Phase {
        guard let phase = Phase(rawValue: text), phases.contains(phase) else {
            throw DeskError.vocabulary(VocabularyError(field: "phase", value: text, allowed: phases.map(\.rawValue)))
        }
        return phase
    }

    /// The rows that pass every filter but the limit.
    func matching(_ rows: [CaseloadRow]) -> [CaseloadRow] {
        rows.filter { r in
            (district.map { $0 == r.district } ?? true) && (phase.map { $0 == r.phase } ?? true)
                && (!urgentOnly || r.urgent) && (!overdueOnly || r.overdue)
        }
    }

    /// The first `limit` of `rows` (all without a limit).
    func limited(_ rows: [CaseloadRow]) -> [CaseloadRow] {
        limit.map { Array(rows.prefix($0)) } ?? rows
    }
}
