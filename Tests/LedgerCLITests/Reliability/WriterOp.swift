import Foundation
import LedgerTestSupport
import ProcessRunner

/// One writer process of the crash harness: a single command or an import,
/// with its own actor name so that its events can be counted in the export.
struct WriterOp {
    enum Kind: String, CaseIterable {
        case open, contact, contactExpectingVersion, close, reopen, erase, importGood, importRefused
    }

    let kind: Kind
    let actor: String
    let arguments: [String]
    /// Events the op appends when it succeeds (a refused import: 0).
    let expectedEvents: Int
    var child: ChildProcess?
    /// Seconds after the start at which the harness kills it (nil: let it finish).
    var killAfter: Double?
    var killed = false
    var ending: ChildProcess.Ending?
    var stdout = ""
    var stderr = ""

    /// How an ended op must show in the log: its events all there, or none.
    enum Verdict: Equatable { case acknowledged, refused, interrupted }

    var verdict: Verdict {
        switch ending {
        case .exited(0)?: return .acknowledged
        case .exited?: return .refused
        default: return .interrupted
        }
    }

    /// Checks the op's events in `export`; nil when consistent, else why not.
    func problem(in export: ExportView) -> String? {
        let found = export.count(actor: actor)
        switch verdict {
        case .acknowledged:
            if kind == .importRefused { return "the import with a bad last line was accepted (\(found) events)" }
            return found == expectedEvents ? nil : "acknowledged \(expectedEvents) events but \(found) are in the log (lost)"
        case .refused:
            return found == 0 ? nil : "refused (\(ending.map { "\($0)" } ?? "?")) but \(found) of its events are in the log"
        case .interrupted:
            return found == 0 || (found == expectedEvents && kind != .importRefused)
                ? nil : "killed; \(found) of its \(expectedEvents) events are in the log (a half-written write)"
        }
    }

    /// Builds a random op against the cases the log holds. `importFile` writes an NDJSON file and returns its path.
    static func random(number: Int, export: ExportView, rng: inout SplitMix64,
                       importFile: (String, [String]) throws -> String) throws -> WriterOp {
        let actor = "w\(number)"
        let open = export.openCases
        let closed = export.closedCases
        var kinds: [Kind] = [.open, .importGood, .importGood, .importRefused]
        if !open.isEmpty { kinds += [.contact, .contact, .contactExpectingVersion, .close] }
        if !closed.isEmpty { kinds += [.erase, .erase, .reopen] }
        let kind = kinds.randomElement(using: &rng) ?? .open
        func pick(_ list: [String]) -> String { list.randomElement(using: &rng) ?? "LG-2000-000001" }
        let base = ["--actor", actor]
        switch kind {
        case .open:
            return WriterOp(kind: kind, actor: actor, arguments: ["open"] + base + [
                "--district", "altstadt", "--source", "walk_in", "--adults", "1", "--children", "0",
                "--caseworker", "meyer", "--new-caseworker", "--name", "Person \(number)", "--birth-date", "1970-05-06",
                "--address", "Street \(number)", "--phone", "0\(number)"], expectedEvents: 1)
        case .contact:
            return WriterOp(kind: kind, actor: actor, arguments: ["contact", pick(open)] + base + [
                "--channel", "phone", "--note", "call \(number)"], expectedEvents: 1)
        case .contactExpectingVersion:
            let id = pick(open)
            let version = export.cases[id]?.version ?? 0
            return WriterOp(kind: kind, actor: actor, arguments: ["contact", id] + base + [
                "--channel", "letter", "--expect-version", String(version)], expectedEvents: 1)
        case .close:
            return WriterOp(kind: kind, actor: actor, arguments: ["close", pick(open)] + base + ["--reason", "declined_help"],
                            expectedEvents: 1)
        case .reopen:
            return WriterOp(kind: kind, actor: actor, arguments: ["reopen", pick(closed)] + base + ["--reason", "came back"],
                            expectedEvents: 1)
        case .erase:
            return WriterOp(kind: kind, actor: actor, arguments: ["erase", pick(closed)] + base + ["--reason", "subject_request"],
                            expectedEvents: 1)
        case .importGood, .importRefused:
            let factory = NDJSONFactory(year: 2023, actor: actor)
            let cases = Int.random(in: 1...(Bool.random(using: &rng) ? 6 : 40), using: &rng)
            let perCase = Int.random(in: 1...NDJSONFactory.script.count, using: &rng)
            // Op n owns case numbers n*100 ..< n*100 + 100. A quarter of the imports retry (part of)
            // an earlier op's cases instead, as a user re-running an interrupted import would: they
            // are taken whole if the earlier one never committed, else refused ("already exists").
            let earlier = number > 1 && Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: max(1, number - 6)..<number, using: &rng) : number
            var lines = factory.interleaved(cases: earlier * 100, count: cases, eventsPerCase: perCase)
            let expected = lines.count
            if kind == .importRefused {
                // A bad last line: an event of a case that does not exist (no op makes cases of 2022).
                lines.append(factory.line(case: NDJSONFactory(year: 2022, actor: actor).caseID(number), type: "contact.recorded", occurredDay: 1,
                                          hour: 1, data: #"{"channel":"phone"}"#))
            }
            let path = try importFile("import-\(number).ndjson", lines)
            return WriterOp(kind: kind, actor: actor, arguments: ["import", path], expectedEvents: expected)
        }
    }
}
