import Foundation
@testable import Ledger
import ProcessRunner
import XCTest

/// An import that outgrows the memory map: `Environment.write` grows the map
/// and runs the transaction again from the start, so the import must read
/// its input again from the first line, from a file and from a pipe alike.
final class ImportMapGrowthTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.path + "/ledger-growth-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `cases` cases of 4 events each, as NDJSON.
    static func lines(cases: Int) -> String {
        var out = ""
        for n in 1...cases {
            let id = "LG-2024-" + String(format: "%06d", n)
            let head = #"{"case":"\#(id)","schema":1,"occurred_at":"2024-03-0"#
            out += head + #"1T09:00:00+01:00","actor":"bulk","type":"case.opened","data":{"district":"altstadt","source":"walk_in","household":{"adults":1,"children":2},"caseworker":"meyer","person":{"name":"Growth Test","birth_date":"1970-01-01","address":"Street 1","phone":"1"}}}"# + "\n"
            out += head + #"2T09:00:00+01:00","actor":"bulk","type":"contact.recorded","data":{"channel":"phone","note":"a note that takes some room in the map"}}"# + "\n"
            out += head + #"3T09:00:00+01:00","actor":"bulk","type":"situation.analysed","data":{"causes":["rent_arrears"],"risk":"high","arrears_cents":120000}}"# + "\n"
            out += head + #"4T09:00:00+01:00","actor":"bulk","type":"case.closed","data":{"reason":"resolved_otherwise"}}"# + "\n"
        }
        return out
    }

    private func ledger(mapSize: Int) throws -> Ledger {
        var options = LedgerOptions(directory: directory + "/ledger", durable: false)
        options.initialMapSize = mapSize
        let ledger = try Ledger.create(options)
        ledger.store.reservesMapForImports = false  // drive the map's growth inside the import
        return ledger
    }

    func testAnImportReservesRoomInTheMapUpFront() throws {
        var options = LedgerOptions(directory: directory + "/ledger", durable: false)
        options.initialMapSize = 64 << 10
        let ledger = try Ledger.create(options)
        defer { ledger.close() }
        let path = directory + "/big.ndjson"
        let text = Self.lines(cases: 500)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try ledger.importNDJSON(path: path)
        XCTAssertGreaterThanOrEqual(ledger.store.env.mapSize, 2 * text.utf8.count)
        XCTAssertEqual(try ledger.verify().events, 2_000)
    }

    func testAnImportFromAFileThatOutgrowsTheMapIsWhole() throws {
        let ledger = try ledger(mapSize: 64 << 10)
        defer { ledger.close() }
        let path = directory + "/big.ndjson"
        try Data(Self.lines(cases: 2_000).utf8).write(to: URL(fileURLWithPath: path))
        let summary = try ledger.importNDJSON(path: path)
        XCTAssertEqual(summary.events, 8_000)
        XCTAssertEqual(summary.cases, 2_000)
        XCTAssertEqual(try ledger.head().position, 8_000)
        XCTAssertGreaterThan(ledger.store.env.mapSize, 64 << 10, "the map must have grown")
        XCTAssertEqual(try ledger.verify().events, 8_000)
    }

    func testAnImportFromAPipeThatOutgrowsTheMapIsWhole() throws {
        let ledger = try ledger(mapSize: 64 << 10)
        defer { ledger.close() }
        let pipe = try PipeFeeder(Array(Self.lines(cases: 1_000).utf8))
        defer { pipe.closeReadEnd() }
        let summary = try ledger.importNDJSON(path: "/dev/fd/\(pipe.readEnd)")
        XCTAssertEqual(summary.events, 4_000)
        XCTAssertEqual(try ledger.verify().events, 4_000)
    }

    func testAnImportOverTheSizeCapWritesNothingAndLeavesNoKey() throws {
        var options = LedgerOptions(directory: directory + "/ledger", durable: false)
        options.initialMapSize = 64 << 10
        options.maxSize = 512 << 10
        let ledger = try Ledger.create(options)
        defer { ledger.close() }
        let path = directory + "/big.ndjson"
        try Data(Self.lines(cases: 2_000).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ledger.importNDJSON(path: path)) { error in
            XCTAssertEqual((error as? LedgerError)?.exitCode, 74)
            XCTAssertTrue("\(error)".contains("maximum size"), "\(error)")
        }
        XCTAssertEqual(try ledger.head().position, 0)
        XCTAssertEqual(try ledger.vault().caseIDs(), [])
        XCTAssertFalse(PendingKeys.isMarked(ledger.directory))
    }
}
