import LedgerTestSupport
import XCTest
@testable import Ledger

/// Properties over random ledgers built by random walks of commands
/// (refused ones simply do not happen): the inline projections equal a full
/// rebuild and an as-of replay at the last position; figures taken along the
/// way (metrics by district and by month) equal as-of replays at those
/// positions; import(export(x)) == x. The walk writes schema 2 analyses,
/// `arrears_assumed` mediations, tenancy checks on cases closed with housing
/// secured, and restrictions that are lifted again.
final class PropertyTests: XCTestCase {
    /// Appends `steps` random commands; returns (position, caseload JSON, metrics JSON) snapshots.
    func randomWalk(_ ledger: Ledger, seed: UInt64, steps: Int) throws -> [(UInt64, LocalDate, [CaseloadRow], [MetricsReport])] {
        var dice = SplitMix64(seed: seed)
        var cases: [CaseID] = []
        // Where the rarer commands are accepted, so that they happen often
        // enough: open cases with a secured home (a close with housing
        // secured), closed cases (reopen), those closed with housing secured
        // (tenancy checks), restricted ones (lift).
        var securedOpen: [CaseID] = [], closedCases: [CaseID] = [], securedCloses: [CaseID] = [], restricted: [CaseID] = []
        func pick(_ preferred: [CaseID], else id: CaseID) -> CaseID { preferred.isEmpty ? id : dice.pick(preferred) }
        var clock = ts("2023-01-02T08:00:00Z").epochSeconds
        var snapshots: [(UInt64, LocalDate, [CaseloadRow], [MetricsReport])] = []
        let districts = ["kaltenmoor", "weststadt", "altstadt"]
        for step in 0..<steps {
            clock += Int64(dice.below(3 * 86_400))
            let at = Timestamp.utc(epochSeconds: clock).description
            let ctx = context(at, actor: dice.pick(["cw.a", "cw.b"]))
            let command: CaseCommand
            if cases.isEmpty || dice.below(8) == 0 {
                command = .open(district: dice.pick(districts), source: dice.pick(Source.allCases),
                                household: Household(adults: 1 + dice.below(2), children: dice.below(3)),
                                caseworker: dice.pick(["cw.a", "cw.b"]), person: person)
            } else {
                let id = dice.pick(cases)
                let state = try ledger.record(of: id)?.state
                let today = LocalDate(daysSinceEpoch: Int32(clock / 86_400))
                let d = today.adding(days: dice.below(40) - 10)
                switch dice.below(18) {
                case 0, 1: command = .contact(id, channel: dice.pick(Channel.allCases), note: dice.below(2) == 0 ? "Notiz" : nil)
                case 2: command = .analyse(id, causes: [dice.pick(Cause.allCases)], risk: dice.pick(Risk.allCases),
                                           evictionDate: dice.below(2) == 0 ? d : nil, arrearsCents: Int64(dice.below(500_000)), note: nil)
                case 14:
                    // Schema 2: a notice and a suit before today (now and then one after it: refused), mostly for rent arrears.
                    let notice = today.adding(days: -dice.below(300))
                    command = .analyse(id, causes: dice.below(3) == 0 ? [dice.pick(Cause.allCases)] : [.rentArrears, .evictionLawsuit],
                                       risk: dice.pick(Risk.allCases), evictionDate: dice.below(3) == 0 ? d : nil,
                                       arrearsCents: Int64(dice.below(500_000)), note: nil,
                                       tenancy: TenancyDatesInput(noticeDate: dice.below(5) == 0 ? nil : notice,
                                                                  noticeKind: dice.pick(NoticeKind.allCases),
                                                                  suitDate: dice.below(3) == 0 ? nil : notice.adding(days: dice.below(60))))
                case 3: command = .mediate(id, party: dice.pick(Party.allCases),
                                           outcome: dice.below(3) == 0 ? .arrearsAssumed : dice.pick(MediationOutcome.allCases),
                                           amountCents: nil, note: nil)
                case 4: command = .refer(id, agency: dice.pick(Agency.allCases), note: nil)
                case 5: command = .concludeReferral(id, referral: 1 + dice.below(max(1, state?.referralsMade ?? 1)),
                                                    result: dice.pick(ReferralResult.allCases))
                case 6: command = .followUp(id, due: d, purpose: "Unterlagen")
                case 7: command = .secure(id, kind: dice.pick(HousingKind.allCases), effective: d)
                case 8: command = .accommodate(id, effective: d, place: "Notunterkunft")
                case 9:
                    // Half of the closes are of a case with a secured home, so that tenancy checks have closes to follow.
                    command = dice.below(2) == 0 && !securedOpen.isEmpty
                        ? .close(dice.pick(securedOpen), reason: .housingSecured)
                        : .close(id, reason: dice.pick(CloseReason.allCases))
                case 15: command = .check(pick(securedCloses, else: id), status: dice.pick(TenancyStatus.allCases))
                case 16: command = dice.below(3) == 0 ? .restrict(id, reason: dice.pick(RestrictionReason.allCases))
                                                      : .lift(pick(restricted, else: id), reason: "geklärt")
                case 17: command = .lift(pick(restricted, else: id), reason: "geklärt")
                case 10: command = .reopen(pick(closedCases, else: id), reason: "neue Rückstände")
                case 11:
                    let target = 1 + dice.below(Int(state?.version ?? 1))
                    command = dice.below(2) == 0
                        ? .correct(id, target: target, change: .void, reason: "Irrtum")
                        : .correct(id, target: target, change: .amend([("risk", dice.pick(Risk.allCases).rawValue)]), reason: "Risiko")
                case 12: command = .reassign(id, caseworker: dice.pick(["cw.a", "cw.b", "cw.c"]))
                default: command = dice.below(4) == 0 ? .erase(id, reason: .retentionExpired) : .contact(id, channel: .phone, note: nil)
                }
            }
            let outcome = Result { () throws(LedgerError) -> Event in try ledger.execute(command, context: ctx) }
            switch outcome {
            case .success(let event):
                let id = event.caseID
                switch event.payload {
                case .caseOpened: cases.append(id)
                case .housingSecured: securedOpen.append(id)
                case .caseClosed(let c):
                    closedCases.append(id)
                    securedOpen.removeAll { $0 == id }
                    if c.reason == .housingSecured { securedCloses.append(id) }
                case .caseReopened, .caseErased:
                    closedCases.removeAll { $0 == id }
                    securedCloses.removeAll { $0 == id }
                case .caseRestricted: restricted.append(id)
                case .caseRestrictionLifted: restricted.removeAll { $0 == id }
                default: break
                }
            case .failure(let error):
                XCTAssertTrue([64, 65, 66].contains(error.exitCode), "unexpected refusal: \(error)")
            }
            if step % 37 == 36 {
                let head = try ledger.head()
                let day = ledger.zone.date(of: clock)
                snapshots.append((head.position, day, try ledger.caseload(day: day),
                                  try [MetricsGrouping.district, .month].map { try ledger.metrics(from: LocalDate(daysSinceEpoch: 19_300), to: day, by: $0) }))
            }
        }
        return snapshots
    }

    /// A damaged event stops a sharded rebuild with the error a rebuild on one thread gives, whichever
    /// shard its case falls in, and leaves the projections as they were.
    func testShardedRebuildReportsADamagedEventAsBefore() throws {
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder, seed: 9)
        defer { ledger.close() }
        _ = try randomWalk(ledger, seed: 9, steps: 120)
        let before = try storedBytes(ledger)
        let head = try ledger.head().position
        XCTAssertGreaterThan(head, 20)
        for position in [head / 3, head / 2, head] {
            let original = try ledger.store.read { txn in
                try txn.withValue(ledger.store.events, key: KeyBytes.u64(position)) { Array($0) }
            }
            let original_ = try XCTUnwrap(original)
            for damage in [Array(original_.prefix(original_.count / 2)), Array(original_.prefix(6))] {
                try ledger.store.write { txn in try txn.put(ledger.store.events, key: KeyBytes.u64(position), value: damage) }
                var errors: [String] = []
                for shards in [1, 2, 3] {
                    do {
                        _ = try ledger.rebuildLocked(shards: shards)
                        errors.append("no error")
                    } catch {
                        errors.append("\(error)")
                    }
                }
                XCTAssertNotEqual(errors[0], "no error", "position \(position)")
                XCTAssertEqual(Set(errors).count, 1, "position \(position): \(errors)")
                XCTAssertEqual(try storedBytes(ledger), before)
            }
            try ledger.store.write { txn in try txn.put(ledger.store.events, key: KeyBytes.u64(position), value: original_) }
        }
    }

    /// Every key and value of the three projections, in order.
    func storedBytes(_ ledger: Ledger) throws -> [[UInt8]] {
        try ledger.store.read { txn in
            var out: [[UInt8]] = []
            for db in [ledger.store.caseState, ledger.store.episodes, ledger.store.openCases] {
                try txn.forEach(db) { key, value in
                    out.append(Array(key)); out.append(Array(value))
                    return true
                }
                out.append([])
            }
            return out
        }
    }

    func storedRecords(_ ledger: Ledger) throws -> [CaseID: CaseRecord] {
        try ledger.store.read { txn in
            var out: [CaseID: CaseRecord] = [:]
            try txn.forEach(ledger.store.caseState) { key, _ in
                if let id = CaseID(String(decoding: key, as: UTF8.self)) { out[id] = try ledger.store.record(of: id, txn) }
                return true
            }
            return out
        }
    }

    func testInlineProjectionsEqualRebuildAndReplay() throws {
        var dueRows = 0
        for seed in [UInt64(1), 2, 3] {
            let folder = TemporaryFolder()
            let ledger = try makeLedger(folder, seed: seed)
            defer { ledger.close() }
            let snapshots = try randomWalk(ledger, seed: seed, steps: 260)
            let inline = try storedRecords(ledger)
            XCTAssertGreaterThan(inline.count, 5)
            XCTAssertTrue(inline.values.contains { $0.state.entries.contains { $0.type == .entryCorrected } }, "no correction happened")
            XCTAssertTrue(inline.values.contains { $0.state.episode > 1 }, "no reopening happened")
            let episodes = inline.values.flatMap(\.episodes)
            XCTAssertTrue(episodes.contains { !$0.checks.isEmpty }, "no tenancy check happened")
            XCTAssertTrue(episodes.contains { $0.schonfrist.applies }, "no Schonfrist applied")
            XCTAssertTrue(episodes.contains { $0.lastArrearsAssumed != nil }, "no arrears were assumed")
            XCTAssertTrue(inline.values.contains { $0.state.entries.contains { $0.type == .caseRestricted } }, "no restriction happened")
            XCTAssertTrue(inline.values.contains { $0.state.entries.contains { $0.type == .situationAnalysed && $0.schema == 2 } },
                          "no schema 2 analysis happened")
            assertSame(try ledger.replayedRecords(), inline, "seed \(seed): replay vs inline")
            XCTAssertGreaterThan(snapshots.count, 3)
            for (position, day, caseload, metrics) in snapshots {
                let asOf = AsOf(position: position)
                for (grouping, inline) in zip([MetricsGrouping.district, .month], metrics) {
                    let replayed = try ledger.metrics(from: LocalDate(daysSinceEpoch: 19_300), to: day, by: grouping, asOf: asOf)
                    XCTAssertEqual(Metrics.json(replayed).text, Metrics.json(inline).text, "seed \(seed) position \(position) by \(grouping)")
                }
                XCTAssertEqual(try ledger.caseload(day: day, asOf: asOf), caseload, "seed \(seed) position \(position)")
            }
            let head = try ledger.head()
            let today = try ledger.caseload()
            XCTAssertFalse(today.isEmpty)
            XCTAssertEqual(today, try ledger.caseload(asOf: AsOf(position: head.position)),
                           "seed \(seed): today's caseload from the projection differs from a replay")
            // Checks due from today on are answered from the projections, earlier days by replay; seen
            // from the walk's last day (a reader whose clock says so), both must agree for the same days.
            let walkEnd = try XCTUnwrap(snapshots.last).1
            let reader = try reopen(folder, now: Int64(walkEnd.daysSinceEpoch) * 86_400 + 43_200)
            for ahead in [0, 30, 91, 200, 400] {
                let day = walkEnd.adding(days: ahead)
                let fromProjection = try reader.checksDue(day: day)
                XCTAssertEqual(fromProjection, try reader.checksDue(day: day, asOf: AsOf(position: head.position)),
                               "seed \(seed): checks due on \(day) from the projection differ from a replay")
                dueRows += fromProjection.count
            }
            reader.close()
            try ledger.rebuildProjections()
            assertSame(try storedRecords(ledger), inline, "seed \(seed): rebuild vs inline")
            XCTAssertNoThrow(try ledger.verify())
            // A replay split between threads writes byte for byte what one thread writes.
            _ = try ledger.rebuildLocked(shards: 1)
            let serial = try storedBytes(ledger)
            XCTAssertFalse(serial.isEmpty)
            for shards in [2, 3] {
                _ = try ledger.rebuildLocked(shards: shards)
                XCTAssertEqual(try storedBytes(ledger), serial, "seed \(seed): \(shards) shards vs one")
            }
        }
        XCTAssertGreaterThan(dueRows, 0, "no check was ever due: the checks-due comparison compared nothing")
    }

    func testImportOfExportIsIdentity() throws {
        for seed in [UInt64(5), 6] {
            let folder = TemporaryFolder()
            let ledger = try makeLedger(folder, seed: seed)
            _ = try randomWalk(ledger, seed: seed, steps: 200)
            let exported = try exportBytes(ledger, folder: folder)
            let path = folder.file("x.ndjson")
            try Data(exported).write(to: URL(fileURLWithPath: path))
            let copy = try makeLedger(folder, name: "copy", seed: seed + 100)
            let summary = try copy.importNDJSON(path: path)
            XCTAssertEqual(summary.head, try ledger.head())
            XCTAssertEqual(try exportBytes(copy, folder: folder), exported, "seed \(seed)")
            assertSame(try storedRecords(copy), try storedRecords(ledger), "seed \(seed): imported copy vs original")
            ledger.close(); copy.close()
        }
    }

    /// Compares record maps and reports only the first differing case, field by field.
    func assertSame(_ a: [CaseID: CaseRecord], _ b: [CaseID: CaseRecord], _ what: String,
                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Set(a.keys), Set(b.keys), "\(what): different cases", file: file, line: line)
        for id in a.keys.sorted() {
            guard let x = a[id], let y = b[id], x != y else { continue }
            if x.state != y.state {
                let mx = Mirror(reflecting: x.state).children, my = Array(Mirror(reflecting: y.state).children)
                for (i, child) in mx.enumerated() where "\(child.value)" != "\(my[i].value)" {
                    XCTFail("\(what): \(id) state.\(child.label ?? "?"): \(child.value) vs \(my[i].value)", file: file, line: line)
                }
            }
            for (ex, ey) in zip(x.episodes, y.episodes) where ex != ey {
                let mx = Array(Mirror(reflecting: ex).children), my = Array(Mirror(reflecting: ey).children)
                for (i, child) in mx.enumerated() where "\(child.value)" != "\(my[i].value)" {
                    XCTFail("\(what): \(id) episode \(ex.number).\(child.label ?? "?"): \(child.value) vs \(my[i].value)", file: file, line: line)
                }
            }
            if x.episodes.count != y.episodes.count { XCTFail("\(what): \(id) episode counts differ", file: file, line: line) }
            return
        }
    }
}
