import Foundation
import LedgerTestSupport
import XCTest
@testable import Ledger

/// A clock the test moves forward, so that events are recorded at different times.
final class SteppingClock: LedgerClock, @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Int64
    init(_ seconds: Int64) { self.seconds = seconds }
    func now() -> Int64 { lock.lock(); defer { lock.unlock() }; return seconds }
    func advance(by step: Int64) { lock.lock(); seconds += step; lock.unlock() }
}

/// The past days' and known-at answers (`PastReplay`: the projections, and a
/// replay of only the cases whose answer can differ) equal the full replay of
/// the log they replace, on random ledgers whose events are often recorded
/// days after they occurred and corrected (voided, dates amended) long after:
/// caseloads, checks due, metrics (every grouping) and episodes, for days
/// before the first event, through the log and after its last, each now, as
/// known at many moments and as of many positions.
final class PastAnswersPropertyTests: XCTestCase {
    func testPastAnswersEqualTheFullReplay() throws {
        var fastPaths = 0, rows = 0, dueRows = 0
        for seed in [UInt64(11), 12, 13] {
            let folder = TemporaryFolder()
            let start = ts("2023-01-02T08:00:00Z").epochSeconds
            let clock = SteppingClock(start)
            let ledger = try Ledger.create(LedgerOptions(directory: folder.file("ledger"), clock: clock, random: SeededRandom(seed: seed),
                                                         durable: false, environment: [:]), config: LedgerConfig())
            defer { ledger.close() }
            var dice = SplitMix64(seed: seed)
            try walk(ledger, clock: clock, dice: &dice, steps: 420)
            let head = try ledger.head().position
            let all = try ledger.replayedRecords().values
            for (what, happened) in [("correction", all.contains { $0.state.entries.contains { $0.type == .entryCorrected } }),
                                     ("reopening", all.contains { $0.state.episode > 1 }),
                                     ("erasure", all.contains { $0.state.isErased }),
                                     ("restriction", all.contains { $0.state.entries.contains { $0.type == .caseRestricted } }),
                                     ("tenancy check", all.contains { $0.episodes.contains { !$0.checks.isEmpty } }),
                                     ("late recording", try lateRecordings(ledger) > 10)] {
                XCTAssertTrue(happened, "seed \(seed): no \(what) happened")
            }
            let moments = try recordedTimes(ledger)
            XCTAssertEqual(moments.count, Int(head))
            let firstDay = ledger.zone.date(of: start), lastDay = ledger.zone.date(of: clock.now())
            let span = lastDay.daysSinceEpoch - firstDay.daysSinceEpoch
            var days = [firstDay.adding(days: -3), lastDay.adding(days: 30), lastDay.adding(days: 400)]
            for _ in 0..<14 { days.append(firstDay.adding(days: dice.below(Int(span) + 1))) }
            var asOfs = [AsOf(), AsOf(position: head), AsOf(position: 0), AsOf(knownAt: Timestamp.utc(epochSeconds: start - 86_400))]
            for _ in 0..<7 {
                // Exactly at an event's recording (events recorded in the same second share it), and between two.
                let p = 1 + dice.below(Int(head))
                asOfs.append(AsOf(knownAt: Timestamp.utc(epochSeconds: moments[p - 1])))
                asOfs.append(AsOf(knownAt: Timestamp.utc(epochSeconds: moments[p - 1] - 1)))
                asOfs.append(AsOf(position: UInt64(1 + dice.below(Int(head)))))
            }
            for asOf in asOfs {
                let reference = try fullReplayHead(ledger, asOf)
                if !(try ledger.prefersFullReplay(asOf)) { fastPaths += 1 }
                for day in days {
                    let occurredBy = { (e: Event) in ledger.zone.date(of: e.occurredAt) <= day }
                    let records = try ledger.replayedRecords(through: asOf.position ?? .max, knownAt: asOf.knownAt, include: occurredBy)
                    let expected = Caseload.rows(from: records.values, day: day, caseworker: nil)
                    XCTAssertEqual(try ledger.caseload(day: day, asOf: asOf), expected, "seed \(seed) day \(day) \(asOf)")
                    XCTAssertEqual(try ledger.caseload(day: day, caseworker: "cw.b", asOf: asOf),
                                   Caseload.rows(from: records.values, day: day, caseworker: "cw.b"), "seed \(seed) day \(day) \(asOf)")
                    let due = ChecksDue.rows(from: records.values, day: day, caseworker: nil)
                    XCTAssertEqual(try ledger.checksDue(day: day, asOf: asOf), due, "seed \(seed) day \(day) \(asOf)")
                    rows += expected.count
                    dueRows += due.count
                }
                let replayed = try ledger.replayedRecords(through: asOf.position ?? .max, knownAt: asOf.knownAt)
                let episodes = replayed.values.flatMap(\.episodes)
                let (fast, fastHead) = try ledger.episodeFacts(asOf: asOf)
                XCTAssertEqual(fastHead, reference, "seed \(seed) \(asOf)")
                XCTAssertEqual(try ledger.headAt(asOf), reference, "seed \(seed) \(asOf)")
                XCTAssertEqual(sortedEpisodes(fast), sortedEpisodes(episodes), "seed \(seed) \(asOf)")
                guard !asOf.isNow else { continue }
                let asOfDay = reference.recordedAt.map { ledger.zone.date(of: $0) } ?? ledger.today
                for (from, to) in [(firstDay, lastDay), (firstDay.adding(days: Int(span) / 3), firstDay.adding(days: Int(span) / 2)),
                                   (lastDay.adding(days: -60), lastDay.adding(days: 10))] {
                    for grouping in [nil, MetricsGrouping.district, .caseworker, .source, .month] {
                        let expected = Metrics.compute(episodes: episodes, from: from, to: to, by: grouping, asOf: asOfDay)
                        let answered = try ledger.metrics(from: from, to: to, by: grouping, asOf: asOf)
                        XCTAssertEqual(Metrics.json(answered).text, Metrics.json(expected).text, "seed \(seed) \(asOf) by \(String(describing: grouping))")
                    }
                }
            }
        }
        XCTAssertGreaterThan(fastPaths, 20, "the moments never took the per-case path")
        XCTAssertGreaterThan(rows, 100, "the caseloads compared were empty")
        XCTAssertGreaterThan(dueRows, 0, "no check was ever due: the checks-due comparison compared nothing")
    }

    /// The head the full replay stops at: the last event admitted by position and recording time.
    func fullReplayHead(_ ledger: Ledger, _ asOf: AsOf) throws -> LogHead {
        try ledger.store.read { txn in
            var head = LogHead.empty
            try ledger.store.forEachEvent(txn, detail: .skippingPersonal) { e in
                guard e.position <= asOf.position ?? .max else { return false }
                if let knownAt = asOf.knownAt, knownAt.isBefore(e.recordedAt) { return false }
                head = LogHead(position: e.position, hash: e.hash, recordedAt: e.recordedAt)
                return true
            }
            return asOf.isNow ? try ledger.store.head(txn) : head
        }
    }

    /// Events recorded on a later day than they occurred.
    func lateRecordings(_ ledger: Ledger) throws -> Int {
        try ledger.store.read { txn in
            var late = 0
            try ledger.store.forEachEvent(txn, detail: .skippingPersonal) { e in
                if ledger.zone.date(of: e.occurredAt) < ledger.zone.date(of: e.recordedAt) { late += 1 }
                return true
            }
            return late
        }
    }

    func recordedTimes(_ ledger: Ledger) throws -> [Int64] {
        try ledger.store.read { txn in
            var out: [Int64] = []
            try ledger.store.forEachEvent(txn, detail: .skippingPersonal) { out.append($0.recordedAt.epochSeconds); return true }
            return out
        }
    }

    func sortedEpisodes(_ episodes: [EpisodeFacts]) -> [EpisodeFacts] {
        episodes.sorted { ($0.caseID, $0.number) < ($1.caseID, $1.number) }
    }

    /// Random commands, recorded as the clock moves on; a third of them occurred up to ten days before they
    /// are recorded (refused when before the episode's start). Refused commands simply do not happen.
    func walk(_ ledger: Ledger, clock: SteppingClock, dice: inout SplitMix64, steps: Int) throws {
        var cases: [CaseID] = [], closed: [CaseID] = [], securedOpen: [CaseID] = [], securedClosed: [CaseID] = []
        var restricted: [CaseID] = []
        for _ in 0..<steps {
            clock.advance(by: dice.below(4) == 0 ? 0 : Int64(dice.below(2 * 86_400)))
            let now = clock.now()
            let occurred = dice.below(3) == 0 ? now - Int64(dice.below(10 * 86_400)) : now
            let ctx = CommandContext(actor: "cw.a", occurredAt: Timestamp.utc(epochSeconds: occurred))
            let today = ledger.zone.date(of: occurred)
            let d = today.adding(days: dice.below(60) - 20)
            let command: CaseCommand
            if cases.isEmpty || dice.below(7) == 0 {
                command = .open(district: dice.pick(["kaltenmoor", "weststadt"]), source: dice.pick(Source.allCases),
                                household: Household(adults: 1, children: dice.below(3)), caseworker: dice.pick(["cw.a", "cw.b"]),
                                person: person)
            } else {
                let id = dice.pick(cases)
                let version = Int(try ledger.record(of: id)?.state.version ?? 1)
                func pick(_ preferred: [CaseID]) -> CaseID { preferred.isEmpty ? id : dice.pick(preferred) }
                switch dice.below(20) {
                case 0, 1, 2: command = .contact(id, channel: dice.pick(Channel.allCases), note: nil)
                case 3: command = .analyse(id, causes: [.rentArrears, .evictionLawsuit], risk: dice.pick(Risk.allCases),
                                           evictionDate: dice.below(2) == 0 ? d : nil, arrearsCents: 120_000, note: nil,
                                           tenancy: TenancyDatesInput(noticeDate: today.adding(days: -dice.below(90)), noticeKind: .extraordinary,
                                                                      suitDate: today.adding(days: -dice.below(30))))
                case 4: command = .followUp(id, due: d, purpose: "Unterlagen")
                case 5: command = .secure(id, kind: dice.pick(HousingKind.allCases), effective: d)
                case 6: command = .mediate(id, party: .landlord, outcome: dice.pick(MediationOutcome.allCases), amountCents: nil, note: nil)
                case 7: command = .refer(id, agency: dice.pick(Agency.allCases), note: nil)
                case 8: command = .accommodate(id, effective: d, place: "Notunterkunft")
                case 9, 10: command = dice.below(2) == 0 ? .close(pick(securedOpen), reason: .housingSecured)
                                                         : .close(id, reason: dice.pick(CloseReason.allCases))
                case 11: command = .reopen(pick(closed), reason: "neue Rückstände")
                case 12: command = .check(pick(securedClosed), status: dice.pick(TenancyStatus.allCases))
                case 13: command = .correct(id, target: 1 + dice.below(version), change: .void, reason: "Irrtum")
                case 14:
                    // Late corrections that move dates: an eviction, a secured home's or a follow-up's.
                    let field = dice.pick(["eviction_date", "effective", "due"])
                    command = .correct(id, target: 1 + dice.below(version), change: .amend([(field, d.description)]), reason: "Datum")
                case 15: command = .reassign(id, caseworker: dice.pick(["cw.a", "cw.b", "cw.c"]))
                case 16: command = .restrict(id, reason: dice.pick(RestrictionReason.allCases))
                case 17: command = .lift(pick(restricted), reason: "geklärt")
                case 18: command = dice.below(2) == 0 ? .erase(pick(closed), reason: .retentionExpired) : .contact(id, channel: .phone, note: nil)
                default: command = .contact(id, channel: .phone, note: nil)
                }
            }
            guard let event = try? ledger.execute(command, context: ctx) else { continue }
            let id = event.caseID
            switch event.payload {
            case .caseOpened: cases.append(id)
            case .housingSecured: securedOpen.append(id)
            case .caseClosed(let c):
                closed.append(id)
                securedOpen.removeAll { $0 == id }
                if c.reason == .housingSecured { securedClosed.append(id) }
            case .caseReopened, .caseErased:
                closed.removeAll { $0 == id }
                securedClosed.removeAll { $0 == id }
            case .caseRestricted: restricted.append(id)
            case .caseRestrictionLifted: restricted.removeAll { $0 == id }
            default: break
            }
        }
    }
}
