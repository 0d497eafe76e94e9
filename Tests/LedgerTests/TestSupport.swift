import Foundation
@testable import Ledger
import LedgerTestSupport
import XCTest

/// A deterministic random source for ledgers under test.
final class SeededRandom: RandomSource, @unchecked Sendable {
    private var generator: SplitMix64
    private let lock = NSLock()
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    func bytes(_ count: Int) -> [UInt8] {
        lock.lock(); defer { lock.unlock() }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            let z = generator.next()
            for i in 0..<8 where out.count < count { out.append(UInt8(truncatingIfNeeded: z >> (8 * UInt64(i)))) }
        }
        return out
    }
}

/// 2026-11-25T12:00:00Z, the tests' "now".
let testNow: Int64 = 1_795_608_000

func makeLedger(_ folder: TemporaryFolder, name: String = "ledger", now: Int64 = testNow, seed: UInt64 = 1,
                config: LedgerConfig = LedgerConfig()) throws -> Ledger {
    let options = LedgerOptions(directory: folder.file(name), clock: FixedClock(now), random: SeededRandom(seed: seed),
                                durable: false, environment: [:])
    return try Ledger.create(options, config: config)
}

func reopen(_ folder: TemporaryFolder, name: String = "ledger", now: Int64 = testNow) throws -> Ledger {
    try Ledger.open(LedgerOptions(directory: folder.file(name), clock: FixedClock(now), random: SeededRandom(seed: 99),
                                  durable: false, environment: [:]))
}

/// The whole export as bytes.
func exportBytes(_ ledger: Ledger, mode: ExportMode = .sealed, folder: TemporaryFolder) throws -> [UInt8] {
    let path = folder.file("export-\(UUID().uuidString).ndjson")
    try ledger.export(to: try OutputSink(path: path), mode: mode)
    return Array(FileManager.default.contents(atPath: path) ?? Data())
}

func ts(_ text: String) -> Timestamp {
    guard let t = Timestamp(text) else { fatalError("bad test timestamp \(text)") }
    return t
}


let person = PersonInput(name: "Erika Musterfrau", birthDate: LocalDate(year: 1980, month: 2, day: 3) ?? LocalDate(daysSinceEpoch: 0),
                         address: "Am Sande 1, 21335 Lüneburg", phone: "04131 123456")

func context(_ at: String, actor: String = "cw.test", expect: UInt32? = nil) -> CommandContext {
    CommandContext(actor: actor, occurredAt: ts(at), expectVersion: expect)
}

/// Opens a case at `at` and returns its id.
func openCase(_ ledger: Ledger, at: String = "2026-01-10T09:00:00Z", district: String = "kaltenmoor") throws -> CaseID {
    let event = try ledger.execute(.open(district: district, source: .courtNotice, household: Household(adults: 1, children: 2),
                                         caseworker: "cw.test", person: person), context: context(at))
    return event.caseID
}

/// Asserts that the block throws a LedgerError with the exit code and a message containing `text`.
func assertRefused(_ expectedCode: Int32, _ text: String, file: StaticString = #filePath, line: UInt = #line,
                   _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("expected a refusal containing '\(text)'", file: file, line: line)
    } catch let error as LedgerError {
        XCTAssertEqual(error.exitCode, expectedCode, "\(error)", file: file, line: line)
        XCTAssertTrue(error.description.lowercased().contains(text.lowercased()), "'\(error)' lacks '\(text)'", file: file, line: line)
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}
