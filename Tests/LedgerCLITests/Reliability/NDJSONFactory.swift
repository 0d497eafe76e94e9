import Foundation

/// Makes valid NDJSON import lines (DOMAIN.md "The NDJSON format") for test
/// ledgers: each case follows one script whose every prefix obeys the rules
/// (open, contact, analyse, refer, mediate, follow up, conclude, secure,
/// close, reopen, contact, close), so a case of any length from 1 to
/// `NDJSONFactory.script.count` events is valid. Envelope fields the ledger
/// assigns are left out; `recorded_at` too (the import's time). Personal
/// fields are plain (sealed on import). Deterministic.
struct NDJSONFactory {
    /// The case-id year: pick one no command of the test uses (commands open cases in the current year).
    var year: Int
    var actor: String

    static let script: [(type: String, data: String)] = [
        ("case.opened", #"{"district":"kaltenmoor","source":"landlord_notice","household":{"adults":2,"children":1},"caseworker":"meyer","person":{"name":"Test Person","birth_date":"1980-02-29","address":"Am Sande 1","phone":"04131 0000"}}"#),
        ("contact.recorded", #"{"channel":"consultation","note":"first talk"}"#),
        ("situation.analysed", #"{"causes":["rent_arrears","income_loss"],"risk":"high","eviction_date":"2024-09-30","arrears_cents":240050,"note":"arrears since spring"}"#),
        ("referral.made", #"{"referral":1,"agency":"jobcenter","note":"housing costs"}"#),
        ("mediation.recorded", #"{"party":"landlord","outcome":"installment_plan","amount_cents":120000}"#),
        ("follow_up.scheduled", #"{"due":"2024-08-15","purpose":"check payments"}"#),
        ("contact.recorded", #"{"channel":"phone"}"#),
        ("referral.concluded", #"{"referral":1,"result":"help_granted"}"#),
        ("housing.secured", #"{"kind":"tenancy_retained","effective":"YEAR-01-17"}"#),
        ("case.closed", #"{"reason":"housing_secured"}"#),
        ("case.reopened", #"{"reason":"new notice"}"#),
        ("contact.recorded", #"{"channel":"home_visit","note":"visit"}"#),
        ("case.closed", #"{"reason":"moved_away"}"#),
    ]

    /// The case id of sequence `n`.
    func caseID(_ n: Int) -> String { "LG-\(year)-" + String(format: "%06d", n) }

    /// One import line.
    func line(case id: String, type: String, occurredDay: Int, hour: Int, data: String, actor: String? = nil) -> String {
        let day = String(format: "%02d", 1 + occurredDay % 28)
        let month = String(format: "%02d", 1 + (occurredDay / 28) % 6)
        let occurred = "\(year)-\(month)-\(day)T" + String(format: "%02d", 8 + hour % 10) + ":00:00+01:00"
        // An effective date lies in its episode (DOMAIN.md): the script's is written as YEAR-MM-DD.
        let data = data.replacingOccurrences(of: "YEAR", with: String(year))
        return #"{"case":"\#(id)","type":"\#(type)","schema":1,"occurred_at":"\#(occurred)","actor":"\#(actor ?? self.actor)","data":\#(data)}"#
    }

    /// The first `events` events (1 to the script's length) of case `n`.
    func lines(ofCase n: Int, events: Int) -> [String] {
        let id = caseID(n)
        return NDJSONFactory.script.prefix(max(1, events)).enumerated().map { i, step in
            line(case: id, type: step.type, occurredDay: i * 2, hour: i, data: step.data)
        }
    }

    /// Cases `first ..< first + count`, each with `eventsPerCase` events, one case after another.
    func lines(cases first: Int, count: Int, eventsPerCase: Int) -> [String] {
        (first..<(first + count)).flatMap { lines(ofCase: $0, events: eventsPerCase) }
    }

    /// Cases whose events interleave (as a real office's log does): round-robin over the cases.
    func interleaved(cases first: Int, count: Int, eventsPerCase: Int) -> [String] {
        let perCase = (first..<(first + count)).map { lines(ofCase: $0, events: eventsPerCase) }
        var out: [String] = []
        out.reserveCapacity(count * eventsPerCase)
        for step in 0..<eventsPerCase {
            for c in perCase where step < c.count { out.append(c[step]) }
        }
        return out
    }
}
