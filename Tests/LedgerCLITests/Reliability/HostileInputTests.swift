import Foundation
import XCTest

/// Import refuses a broken file whole, naming `FILE:LINE: reason`, for every
/// class of bad input: the table below holds one file per class, each a few
/// valid lines followed by (or with, at a known line) the bad one. After every
/// refusal the export is byte for byte what it was.
final class HostileInputTests: XCTestCase {
    /// One broken file: its lines (raw bytes allowed), the line the import must name and a word its reason must contain.
    struct Case {
        let name: String
        let lines: [[UInt8]]
        let line: Int
        let keyword: String
    }

    /// The base ledger holds LG-2024-000001 (the whole script: closed), LG-2024-000002 (open, 5 events
    /// and a correction as version 6) and LG-2024-000003 (erased). Broken files continue from there with new cases from 100 on.
    static let factory = NDJSONFactory(year: 2024, actor: "importer")

    static func baseLines() -> [String] {
        let f = factory
        var lines = f.lines(ofCase: 1, events: NDJSONFactory.script.count)
        lines += f.lines(ofCase: 2, events: 5)
        lines.append(f.line(case: f.caseID(2), type: "entry.corrected", occurredDay: 10, hour: 1,
                            data: #"{"target":2,"action":"void","reason":"recorded twice"}"#))
        lines += f.lines(ofCase: 3, events: 1)
        lines.append(f.line(case: f.caseID(3), type: "case.closed", occurredDay: 2, hour: 1, data: #"{"reason":"declined_help"}"#))
        lines.append(f.line(case: f.caseID(3), type: "case.erased", occurredDay: 3, hour: 1, data: #"{"reason":"subject_request"}"#))
        return lines
    }

    static func cases() -> [Case] {
        let f = factory
        let closed = f.caseID(1), open = f.caseID(2), erased = f.caseID(3)
        let good = f.lines(ofCase: 100, events: 2).map { Array($0.utf8) }
        func event(_ id: String, _ type: String, _ data: String, day: Int = 20) -> String {
            f.line(case: id, type: type, occurredDay: day, hour: 3, data: data)
        }
        func bad(_ name: String, _ line: String, _ keyword: String) -> Case {
            Case(name: name, lines: good + [Array(line.utf8)], line: good.count + 1, keyword: keyword)
        }
        func badBytes(_ name: String, _ bytes: [UInt8], _ keyword: String) -> Case {
            Case(name: name, lines: good + [bytes], line: good.count + 1, keyword: keyword)
        }
        let contact = event(open, "contact.recorded", #"{"channel":"phone"}"#)
        func replacing(_ text: String, _ old: String, _ new: String) -> String { text.replacingOccurrences(of: old, with: new) }
        let opening = f.lines(ofCase: 101, events: 1)[0]
        var invalidUTF8 = Array(event(open, "contact.recorded", #"{"channel":"phone","note":"XX"}"#).utf8)
        if let at = invalidUTF8.firstIndex(of: UInt8(ascii: "X")) { invalidUTF8[at] = 0xC3; invalidUTF8[at + 1] = 0x28 }
        let deep = #"{"case":"\#(open)","type":"contact.recorded","schema":1,"data":"# + String(repeating: "[", count: 100_000)
        let huge = event(open, "contact.recorded", #"{"channel":"phone","note":""# + String(repeating: "a", count: 1 << 20) + #""}"#)
        let hugest = event(open, "contact.recorded", #"{"channel":"phone","note":""# + String(repeating: "b", count: 5 << 20) + #""}"#)
        let future = replacing(contact, "2024-01-21T11:00:00+01:00", "2099-01-21T11:00:00+01:00")

        return [
            bad("invalid JSON", #"{"case":"\#(open)","type":"contact.recorded","#, "invalid JSON"),
            bad("not an object", "[1,2,3]", "object"),
            bad("empty object", "{}", "missing field"),
            // Lines of only white space are skipped but counted (DOMAIN.md): the bad line after two of them is named.
            Case(name: "blank lines, then a bad one", lines: good + [[], Array(" \t\r".utf8), Array(#"{"case":"#.utf8)],
                 line: good.count + 3, keyword: "JSON"),
            badBytes("invalid UTF-8", invalidUTF8, "UTF-8"),
            badBytes("NUL byte", Array(contact.utf8) + [0], "JSON"),
            bad("byte order mark", "\u{FEFF}" + contact, "JSON"),
            bad("trailing garbage", contact + " x", "JSON"),
            bad("wrong type: schema as string", replacing(contact, #""schema":1"#, #""schema":"1""#), "wrong type"),
            bad("wrong type: data as array", replacing(contact, #""data":{"channel":"phone"}"#, #""data":["phone"]"#), "wrong type"),
            bad("wrong type: adults as string", replacing(opening, #""adults":2"#, #""adults":"2""#), "wrong type"),
            bad("floating point", replacing(opening, #""adults":2"#, #""adults":2.0"#), "floating-point"),
            bad("exponent", event(open, "mediation.recorded", #"{"party":"landlord","outcome":"agreement","amount_cents":1e5}"#), "floating-point"),
            bad("number out of range", replacing(contact, #""schema":1"#, #""schema":99999999999999999999"#), "range"),
            bad("negative cents", event(open, "mediation.recorded", #"{"party":"landlord","outcome":"agreement","amount_cents":-5}"#), "cents"),
            bad("unknown event type", replacing(contact, "contact.recorded", "contact.deleted"), "unknown event type"),
            bad("unknown schema", replacing(contact, #""schema":1"#, #""schema":7"#), "schema"),
            bad("unknown channel", replacing(contact, #""phone""#, #""pigeon""#), "channel"),
            bad("unknown cause", event(open, "situation.analysed", #"{"causes":["bad_luck"],"risk":"low"}"#), "cause"),
            bad("unknown district", replacing(opening, "kaltenmoor", "atlantis"), "district"),
            bad("unknown field in data", replacing(contact, #""channel":"phone""#, #""channel":"phone","mood":"good""#), "unknown field"),
            bad("unknown envelope field", replacing(contact, #""schema":1"#, #""schema":1,"extra":1"#), "unknown envelope field"),
            bad("missing field", replacing(contact, #","actor":"importer""#, ""), "missing field"),
            bad("duplicate key", replacing(contact, #""schema":1"#, #""schema":1,"schema":1"#), "duplicate key"),
            bad("impossible date", replacing(opening, "1980-02-29", "1981-02-29"), "date"),
            bad("impossible time", replacing(contact, "T11:00:00", "T25:00:00"), "occurred_at"),
            bad("month 13", replacing(contact, "2024-01-21", "2024-13-21"), "occurred_at"),
            bad("occurred in the future", future, "future"),
            bad("recorded in the future", replacing(contact, #""actor""#, #""recorded_at":"2099-01-01T00:00:00Z","actor""#), "future"),
            bad("recorded_at not UTC", replacing(contact, #""actor""#, #""recorded_at":"2024-01-01T00:00:00+01:00","actor""#), "UTC"),
            bad("recorded_at going back", replacing(contact, #""actor""#, #""recorded_at":"2000-01-01T00:00:00Z","actor""#), "recorded_at"),
            bad("event after closing", event(closed, "contact.recorded", #"{"channel":"phone"}"#, day: 27), "closed"),
            bad("second opening", replacing(opening, f.caseID(101), open), "case-exists"),
            bad("voiding an opening", event(open, "entry.corrected", #"{"target":1,"action":"void","reason":"oops"}"#), "cannot void"),
            bad("correcting a correction", event(open, "entry.corrected", #"{"target":6,"action":"void","reason":"oops"}"#), "itself a correction"),
            bad("voiding a voided event", event(open, "entry.corrected", #"{"target":2,"action":"void","reason":"oops"}"#), "already voided"),
            bad("correcting a missing version", event(open, "entry.corrected", #"{"target":99,"action":"void","reason":"oops"}"#), "not an earlier version"),
            bad("amend with a wrong payload", event(open, "entry.corrected", #"{"target":3,"action":"amend","replacement":{"channel":"phone"},"reason":"x"}"#), "replacement"),
            bad("unknown referral", event(open, "referral.concluded", #"{"referral":5,"result":"accepted"}"#), "no referral 5"),
            Case(name: "referral concluded twice",
                 lines: good + [event(open, "referral.concluded", #"{"referral":1,"result":"accepted"}"#),
                                event(open, "referral.concluded", #"{"referral":1,"result":"declined"}"#, day: 21)].map { Array($0.utf8) },
                 line: good.count + 2, keyword: "already concluded"),
            bad("referral out of order", event(open, "referral.made", #"{"referral":3,"agency":"jobcenter"}"#), "referral"),
            bad("closing as secured without housing", event(open, "case.closed", #"{"reason":"housing_secured"}"#), "housing_secured"),
            bad("reopening an open case", event(open, "case.reopened", #"{"reason":"again"}"#), "only a closed case"),
            bad("erasing an open case", event(open, "case.erased", #"{"reason":"subject_request"}"#), "close it"),
            bad("event after erasure", event(erased, "case.reopened", #"{"reason":"again"}"#), "erased"),
            bad("event of an unknown case", event(f.caseID(999), "contact.recorded", #"{"channel":"phone"}"#), "unknown case"),
            bad("malformed case id", replacing(contact, open, "LG-24-1"), "case id"),
            bad("same caseworker again", event(open, "case.reassigned", #"{"caseworker":"meyer"}"#), "already assigned"),
            bad("before the episode start", replacing(contact, "2024-01-21", "2023-12-21"), "before"),
            bad("birth date in the future", replacing(opening, "1980-02-29", "2999-01-01"), "birth_date"),
            bad("birth date before 1900", replacing(opening, "1980-02-29", "0001-01-01"), "birth_date"),
            bad("actor with a space", replacing(contact, #""actor":"importer""#, #""actor":"a b""#), "actor"),
            bad("control character in a note", event(open, "contact.recorded", #"{"channel":"phone","note":"a\u0007b"}"#), "control"),
            bad("position that differs", replacing(contact, #"{"case""#, #"{"position":1,"case""#), "position"),
            bad("version that differs", replacing(contact, #"{"case""#, #"{"version":2,"case""#), "version"),
            bad("prev that differs", replacing(contact, #"{"case""#, #"{"prev":"\#(String(repeating: "ab", count: 32))","case""#), "prev"),
            bad("hash that differs", replacing(contact, #"{"case""#, #"{"hash":"\#(String(repeating: "cd", count: 32))","case""#), "hash"),
            bad("sealed field that is not base64", replacing(contact, #""channel":"phone""#, #""channel":"phone","note":{"sealed":"!!"}"#), "sealed"),
            bad("pseudonymous null", replacing(contact, #""channel":"phone""#, #""channel":"phone","note":null"#), "null"),
            bad("deeply nested JSON", deep, "nested"),
            bad("line over 1 MB", huge, "1048576"),
            bad("line over 4 MB, no newline in the reader's block", hugest, "longer than 1048576"),
        ]
    }

    func testEveryClassOfBrokenFileIsRefusedWholeWithFileAndLine() throws {
        let ledger = try ScratchLedger(self)
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", Self.baseLines())])
        let before = try ledger.export()
        var failures: [String] = []
        for (index, c) in Self.cases().enumerated() {
            var bytes: [UInt8] = []
            for line in c.lines { bytes += line + [10] }
            let path = try ledger.writeBytes("broken-\(index).ndjson", bytes)
            let result = try ledger.run(["import", path])
            let prefix = "\(path):\(c.line): "
            if result.code != 65 { failures.append("\(c.name): expected exit 65, got \(result.ending)") }
            if !result.stderr.contains(prefix) {
                failures.append("\(c.name): expected '\(prefix)' in: \(result.stderr.prefix(300))")
            }
            if !result.stderr.lowercased().contains(c.keyword.lowercased()) {
                failures.append("\(c.name): expected '\(c.keyword)' in: \(result.stderr.prefix(300))")
            }
            if try ledger.export() != before { failures.append("\(c.name): the refused import changed the log") }
        }
        XCTAssertEqual(failures, [])
        StressReport.add(["faults": Self.cases().count])
        let verify = try ledger.run(["verify"])
        XCTAssertEqual(verify.code, 0, "\(verify)")
        XCTAssertEqual(try VaultCheck.problems(ledger: ledger, export: ExportView(before)), [])
    }
}
