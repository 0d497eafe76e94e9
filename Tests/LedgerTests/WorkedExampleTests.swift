import Foundation
import LedgerTestSupport
import XCTest
@testable import Ledger

/// The worked examples of the shared folder beside the package
/// (../shared/examples, outside this repository: the tests skip, saying so,
/// where it is absent). The 11 events of three-cases.ndjson and the events of
/// prevention-law.ndjson, folded by the real projector, must give exactly the
/// hand-derived JSON files (see examples/README.md for the derivation), and
/// so must a real ledger that imported them.
final class WorkedExampleTests: XCTestCase {
    static func threeCases() -> TestLog {
        var log = TestLog()
        let c1 = "LG-2024-000001", c2 = "LG-2024-000002", c3 = "LG-2024-000003"
        log.add(c1, "2024-01-10T09:00:00Z", opened("altstadt", .walkIn, by: "cw.a"))
        log.add(c1, "2024-01-15T09:00:00Z", analysed([.rentArrears], risk: .high, eviction: "2024-02-01"))
        log.add(c2, "2024-01-20T09:00:00Z", opened("kaltenmoor", .courtNotice, by: "cw.b"))
        log.add(c2, "2024-01-21T09:00:00Z", analysed([.incomeLoss], risk: .acute))
        log.add(c3, "2024-02-01T23:30:00Z", opened("altstadt", .phone, by: "cw.a"))
        log.add(c3, "2024-02-05T09:00:00Z", mediation(.landlord, .agreement))
        log.add(c3, "2024-02-06T09:00:00Z", referral(1, .jobcenter))
        log.add(c2, "2024-02-09T09:00:00Z", emergency("2024-02-09"))
        log.add(c2, "2024-02-10T09:00:00Z", closed(.housingLost))
        log.add(c1, "2024-02-21T09:00:00Z", secured("2024-02-20", .tenancyRetained))
        log.add(c1, "2024-03-01T09:00:00Z", closed(.housingSecured))
        return log
    }

    func testMetricsOfTheFirstQuarterMatchTheExample() throws {
        let log = Self.threeCases()
        XCTAssertEqual(log.asOf, day("2024-03-01"))
        let report = Metrics.compute(episodes: log.episodes, from: day("2024-01-01"), to: day("2024-04-01"), by: nil, asOf: log.asOf)
        let text = Metrics.json(report).text
        let expected = try Self.exampleOutput("metrics-2024q1.json")
        XCTAssertEqual(try Self.parsed(text), try Self.parsed(expected))
        XCTAssertEqual(text, expected, "same text as the example, key order and decimals included")
    }

    /// The events of prevention-law.ndjson, read as an import reads them.
    static func preventionLaw() throws -> TestLog {
        var log = TestLog()
        for line in try example("prevention-law.ndjson").split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            log.add(try Array(line.utf8).withUnsafeBytes { try EventJSONReader.read(line: $0) })
        }
        return log
    }

    func testMetricsOf2025UnderPreventionLawMatchTheExample() throws {
        let log = try Self.preventionLaw()
        XCTAssertEqual(log.asOf, day("2026-01-05"))
        let report = Metrics.compute(episodes: log.episodes, from: day("2025-01-01"), to: day("2026-01-01"), by: nil, asOf: log.asOf)
        let text = Metrics.json(report).text
        let expected = try Self.exampleOutput("metrics-2025-prevention-law.json")
        XCTAssertEqual(try Self.parsed(text), try Self.parsed(expected))
        XCTAssertEqual(text, expected, "same text as the example, key order and decimals included")
    }

    /// Both metrics examples through a real ledger: imported, then answered
    /// from the stored episodes (which skip by their span) and by replay.
    func testAnImportingLedgerGivesBothMetricsExamples() throws {
        let examples = [("three-cases.ndjson", "metrics-2024q1.json", "2024-01-01", "2024-04-01"),
                        ("prevention-law.ndjson", "metrics-2025-prevention-law.json", "2025-01-01", "2026-01-01")]
        for (source, expected, from, to) in examples {
            let folder = TemporaryFolder()
            let ledger = try makeLedger(folder)
            defer { ledger.close() }
            let path = folder.file(source)
            try Self.example(source).write(toFile: path, atomically: false, encoding: .utf8)
            let head = try ledger.importNDJSON(path: path).head
            let want = try Self.exampleOutput(expected)
            let now = try ledger.metrics(from: day(from), to: day(to), by: nil)
            XCTAssertEqual(Metrics.json(now).text, want, source)
            let replayed = try ledger.metrics(from: day(from), to: day(to), by: nil, asOf: AsOf(position: head.position))
            XCTAssertEqual(Metrics.json(replayed).text, want, source + " by replay")
        }
    }

    func testCaseloadOfSeventhFebruaryMatchesTheExample() throws {
        let log = Self.threeCases()
        let rows = Caseload.rows(from: log.records(occurredBy: day("2024-02-07")), day: day("2024-02-07"), caseworker: nil)
        let text = Caseload.jsonText(rows)
        let expected = try Self.example("caseload-2024-02-07.json")
        XCTAssertEqual(try Self.parsed(text), try Self.parsed(expected))
        XCTAssertEqual(text, expected)
    }

    /// A file of the shared examples, found from this file's path (package
    /// root/../shared/examples); skips the test, naming the path, when it is absent.
    static func example(_ name: String, filePath: String = #filePath) throws -> String {
        let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/examples/\(name)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("the shared worked example \(url.path) is not here (it lives outside the repository)")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// An example of an output, as the ledger prints it: byte for byte the
    /// file, ending in a newline like every output of the ledger (the metrics
    /// examples leave out their final newline; the caseload ones have it).
    static func exampleOutput(_ name: String) throws -> String {
        let text = try example(name)
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// JSON parsed by Foundation (which reads decimals), for a comparison independent of layout.
    static func parsed(_ text: String) throws -> NSObject {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        guard let object = value as? NSObject else { throw CocoaError(.coderReadCorrupt) }
        return object
    }
}
