import Foundation
import ProcessRunner

/// A parsed `ledger export`: its lines as given and, per line, the envelope
/// fields the harnesses check, plus every case's standing as the log shows it.
struct ExportView {
    struct Line {
        let text: String
        let position: Int
        let caseID: String
        let version: Int
        let type: String
        let actor: String
        let data: [String: Any]
    }

    /// How a case stands after the last exported event.
    struct CaseStanding {
        var version = 0
        var open = false
        var erased = false
    }

    let lines: [Line]
    let cases: [String: CaseStanding]

    init(_ text: String) throws {
        var lines: [Line] = []
        var cases: [String: CaseStanding] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            guard let object = try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any],
                  let position = object["position"] as? Int, let caseID = object["case"] as? String,
                  let version = object["version"] as? Int, let type = object["type"] as? String,
                  let actor = object["actor"] as? String, let data = object["data"] as? [String: Any] else {
                throw ChildProcessError("export line \(index + 1) is not an event: \(raw.prefix(200))")
            }
            lines.append(Line(text: String(raw), position: position, caseID: caseID, version: version, type: type,
                              actor: actor, data: data))
            var standing = cases[caseID] ?? CaseStanding()
            standing.version = version
            switch type {
            case "case.opened", "case.reopened": standing.open = true
            case "case.closed": standing.open = false
            case "case.erased": standing.erased = true
            default: break
            }
            cases[caseID] = standing
        }
        self.lines = lines
        self.cases = cases
    }

    /// Events recorded by `actor`.
    func count(actor: String) -> Int { lines.reduce(0) { $0 + ($1.actor == actor ? 1 : 0) } }

    /// Whether `earlier` is a prefix of this export, line for line (nothing lost or altered).
    func extends(_ earlier: ExportView) -> Bool {
        guard earlier.lines.count <= lines.count else { return false }
        for (a, b) in zip(earlier.lines, lines) where a.text != b.text { return false }
        return true
    }

    /// Whether positions run 1, 2, 3, … and each case's versions 1, 2, 3, … without gaps.
    var isGapless: Bool {
        var next: [String: Int] = [:]
        for (i, line) in lines.enumerated() {
            guard line.position == i + 1, line.version == (next[line.caseID] ?? 0) + 1 else { return false }
            next[line.caseID] = line.version
        }
        return true
    }

    var openCases: [String] { cases.filter { $0.value.open && !$0.value.erased }.map(\.key).sorted() }
    var closedCases: [String] { cases.filter { !$0.value.open && !$0.value.erased }.map(\.key).sorted() }
}
