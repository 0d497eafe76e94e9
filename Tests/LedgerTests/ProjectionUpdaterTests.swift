import LMDB
import LedgerTestSupport
import XCTest
@testable import Ledger

/// The projection updater alone: events applied one by one, with the log
/// written beside it as appends write it, give the records `CaseProjector.fold`
/// gives, in memory and once written back, whichever write an event falls in.
final class ProjectionUpdaterTests: XCTestCase {
    /// The fixture's events in position order, as a ledger stores them (sealed).
    private func fixtureEvents(_ folder: TemporaryFolder) throws -> [Event] {
        let source = try makeLedger(folder, name: "source")
        defer { source.close() }
        _ = try source.importNDJSON(path: TestPaths.fixture("demo.ndjson"))
        return try source.store.read { txn in
            var events: [Event] = []
            try source.store.forEachEvent(txn, detail: .full) { events.append($0); return true }
            return events
        }
    }

    /// Puts the event into the log as an append does (a correction refolds its case from there).
    private func put(_ event: Event, _ store: LedgerStore, _ txn: WriteTransaction) throws {
        var binary = ByteWriter()
        try EventBinaryCodec.encode(event, into: &binary)
        try store.putEvent(binary.bytes, position: event.position, txn)
    }

    func testAppliedEventsGiveTheFoldedRecordInMemoryAndWrittenBack() throws {
        let folder = TemporaryFolder()
        let events = try fixtureEvents(folder)
        XCTAssertTrue(events.contains { $0.type == .entryCorrected } && events.contains { $0.type == .caseReopened })
        let target = try makeLedger(folder, name: "target")
        defer { target.close() }
        var byCase: [CaseID: [Event]] = [:]
        var erased: [CaseID] = []
        // Three writes, so that an event changing an earlier episode falls in a later write than the episode's start.
        let cuts = [0, events.count / 3, 2 * events.count / 3, events.count]
        for (start, end) in zip(cuts, cuts.dropFirst()) {
            let written = try target.store.write { txn -> [CaseID] in
                let updater = ProjectionUpdater(store: target.store, txn: txn, zone: target.zone)
                for event in events[start..<end] {
                    try put(event, target.store, txn)
                    try updater.apply(event)
                    byCase[event.caseID, default: []].append(event)
                    XCTAssertEqual(try updater.record(event.caseID), CaseProjector.fold(byCase[event.caseID] ?? [], zone: target.zone),
                                   "after position \(event.position)")
                }
                try updater.finish(through: events[end - 1].position)
                return updater.erasedCases
            }
            erased += written
        }
        try target.store.read { txn in
            for (id, caseEvents) in byCase {
                XCTAssertEqual(try target.store.record(of: id, txn), CaseProjector.fold(caseEvents, zone: target.zone), "\(id)")
            }
            XCTAssertEqual(try ProjectionCheckpoint.read(target.store, txn)?.position, events.last?.position)
        }
        XCTAssertEqual(erased, events.filter { $0.type == .caseErased }.map(\.caseID))
    }

    func testCountersFollowTheOpenedCasesAndSkipTakenIDs() throws {
        let folder = TemporaryFolder()
        let events = try fixtureEvents(folder)
        let target = try makeLedger(folder, name: "target")
        defer { target.close() }
        let openings = events.filter { $0.type == .caseOpened }
        let last = try XCTUnwrap(openings.last?.caseID)
        let (year, sequence) = last.yearAndSequence
        try target.store.write { txn in
            let updater = ProjectionUpdater(store: target.store, txn: txn, zone: target.zone)
            XCTAssertEqual(try updater.nextCaseID(prefix: "LG", year: year), CaseID(prefix: "LG", year: year, sequence: 1))
            for event in events {
                try put(event, target.store, txn)
                try updater.apply(event)
            }
            XCTAssertEqual(try updater.nextCaseID(prefix: "LG", year: year), CaseID(prefix: "LG", year: year, sequence: sequence + 1))
            try updater.finish(through: events.last?.position ?? 0)
        }
        XCTAssertEqual(try target.store.read { try target.store.sequence($0, prefix: "LG", year: year) }, sequence)
    }

    func testAnEventReportsTheFirstEpisodeItChanged() {
        let id = CaseID(prefix: "LG", year: 2024, sequence: 1)
        let zone = LedgerTimeZone(identifier: LedgerTimeZone.defaultIdentifier)
        var record = CaseRecord(caseID: id)
        var version: UInt32 = 0
        func apply(_ payload: Payload, on date: String) -> Int? {
            guard let zone else { return nil }
            version += 1
            let event = Event(position: UInt64(version), caseID: id, version: version, schema: 1,
                              occurredAt: ts(date + "T10:00:00Z"), recordedAt: ts(date + "T10:00:00Z"), actor: "cw.a",
                              payload: payload, prev: .zero, hash: .zero)
            return ProjectionUpdater.applyFindingChangedEpisode(event, to: &record, zone: zone)
        }
        let opened = CaseOpened(district: "kaltenmoor", source: .walkIn, household: Household(adults: 1, children: 0),
                                caseworker: "cw.a", person: .sealed([1]))
        XCTAssertEqual(apply(.caseOpened(opened), on: "2024-04-02"), 1)
        XCTAssertEqual(apply(.referralMade(ReferralMade(referral: 1, agency: .jobcenter, note: nil)), on: "2024-04-03"), 1)
        XCTAssertEqual(apply(.caseClosed(CaseClosed(reason: .housingLost)), on: "2024-05-02"), 1)
        XCTAssertEqual(apply(.caseReopened(CaseReopened(reason: "neue Kündigung")), on: "2024-07-01"), 1)
        XCTAssertEqual(apply(.contactRecorded(ContactRecorded(channel: .phone, note: nil)), on: "2024-07-02"), 2)
        XCTAssertEqual(apply(.referralConcluded(ReferralConcluded(referral: 1, result: .accepted)), on: "2024-07-03"), 1,
                       "a referral made in the first episode is concluded there")
    }
}
