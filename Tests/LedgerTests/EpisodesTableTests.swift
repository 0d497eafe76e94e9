import XCTest
@testable import Ledger

final class EpisodesTableTests: XCTestCase {
    func testRowsOfEpisodesOverlappingThePeriod() {
        var log = TestLog()
        let id = "LG-2024-000001"
        log.add(id, "2024-01-05T09:00:00Z", opened("altstadt", .courtNotice, by: "cw.a"))
        log.add(id, "2024-01-06T09:00:00Z", analysed([.rentArrears, .incomeLoss]))
        log.add(id, "2024-01-07T09:00:00Z", contact())
        log.add(id, "2024-01-08T09:00:00Z", mediation(.landlord, .agreement))
        log.add(id, "2024-01-09T09:00:00Z", referral(1, .jobcenter))
        log.add(id, "2024-01-10T09:00:00Z", secured("2024-01-09", .newTenancy))
        log.add(id, "2024-01-11T09:00:00Z", reassigned("cw.b"))
        log.add(id, "2024-01-12T09:00:00Z", closed(.housingSecured))
        log.add(id, "2024-06-01T09:00:00Z", reopened())
        log.add("LG-2023-000001", "2023-05-01T09:00:00Z", opened("kaltenmoor"))
        log.add("LG-2023-000001", "2023-06-01T09:00:00Z", closed(.contactLost))

        XCTAssertEqual(EpisodesTable.columns.count, 17)
        // [1 Jan, 1 Jun): episode 1 (5-12 Jan) overlaps; episode 2 starts on `to`; the 2023 case ended before `from`.
        let rows = EpisodesTable.rows(log.episodes, from: day("2024-01-01"), to: day("2024-06-01"))
        XCTAssertEqual(rows, [[
            id, "1", "altstadt", "court_notice", "cw.b", "2024-01-05", "2024-01-12", "housing_secured",
            "2024-01-06", "2024-01-09", "new_tenancy", "rent_arrears;income_loss", "1", "1", "1", "0", "true",
        ]])
        // Unbounded: all three, by case id then episode; the open episode has empty end cells.
        let all = EpisodesTable.rows(log.episodes, from: nil, to: nil)
        XCTAssertEqual(all.map { $0[0] + "#" + $0[1] }, ["LG-2023-000001#1", id + "#1", id + "#2"])
        XCTAssertEqual(all[2][6], "")
        XCTAssertEqual(all[2][16], "false")

        let json = EpisodesTable.json(log.episodes, from: day("2024-06-01"), to: nil)
        guard case .array(let objects) = json, let first = objects.first?.objectValue else { return XCTFail("not an array of objects") }
        XCTAssertEqual(first.keys, EpisodesTable.columns)
        XCTAssertEqual(first["episode"], .int(2))
        XCTAssertEqual(first["end"], .null)
        XCTAssertEqual(first["reopened_within_365"], .bool(false))
    }
}
