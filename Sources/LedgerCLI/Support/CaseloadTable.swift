import Ledger

/// The caseload as a caseworker reads it: the most pressing facts leftmost
/// (case, flags, next deadline, days without contact), ids, dates and flags
/// never cut, urgent rows in red and overdue ones in yellow on a terminal,
/// in the desk's language.
enum CaseloadTable {
    static func table(_ rows: [CaseloadRow], _ words: Words) -> TextTable {
        let columns = [
            TableColumn(words(.caseID), importance: 100),
            TableColumn(words(.flags), importance: 90),
            TableColumn(words(.nextDeadline), importance: 80),
            TableColumn(words(.days), importance: 70, alignRight: true),
            TableColumn(words(.nextFollowUp), importance: 50),
            TableColumn(words(.caseworker), importance: 60),
            TableColumn(words(.district), importance: 30),
            TableColumn(words(.phase), importance: 40),
            TableColumn(words(.stage), importance: 15),
            TableColumn(words(.opened), importance: 10),
            TableColumn(words(.lastContact), importance: 20),
        ]
        let cells = rows.map { r in
            [r.case.rawValue, flags(r, words), deadline(r, words), String(r.daysSinceContact),
             r.nextFollowUp?.description ?? "-", r.caseworker, r.district, words(.phase(r.phase)), words(.stage(r.stage)),
             r.opened.description, r.lastContact?.description ?? "-"]
        }
        return TextTable(columns: columns, rows: cells) { row, column in
            guard column <= 1 else { return nil }
            return rows[row].urgent ? .alert : rows[row].overdue ? .warning : nil
        }
    }

    /// The next deadline with what it is: the eviction, the Schonfrist end, or both.
    static func deadline(_ r: CaseloadRow, _ words: Words) -> String {
        guard let next = r.nextDeadline else { return "-" }
        let what = [r.evictionDate == next ? words(.deadline(.eviction)) : nil,
                    r.schonfristEnd == next ? words(.deadline(.schonfrist)) : nil].compactMap { $0 }
        return "\(next) \(what.joined(separator: "+"))"
    }

    /// URGENT, overdue, restricted and a blocked Schonfrist, as they apply, space-separated.
    static func flags(_ r: CaseloadRow, _ words: Words) -> String {
        [r.urgent ? CaseFlag.urgent : nil, r.overdue ? .overdue : nil, r.restricted ? .restricted : nil,
         r.schonfristBlocked ? .schonfristBlocked : nil].compactMap { $0 }.map { words(.flag($0)) }.joined(separator: " ")
    }

    /// The lines under the table: open cases by district and by phase.
    static func summary(_ counts: CaseloadCounts, _ words: Words) -> [String] {
        [words(.openCasesByDistrict(counts.byDistrict.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: ", "))),
         words(.openCasesByPhase(counts.byPhase.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\(words(.phase($0.key))) \($0.value)" }.joined(separator: ", ")))]
    }
}
