import Foundation
import LedgerTestSupport
import ProcessRunner
import XCTest

/// `ledger import -` copies a pipe aside to read it again if it must; the
/// copy is an unlinked file in $TMPDIR, and its blocks hold no plain text.
final class StdinSpoolCLITests: XCTestCase {
    func testTheCopyOfAPipedImportHoldsNoPlainText() throws {
        #if os(Linux)
        let ledger = try ScratchLedger(self)
        let marker = "Pipedperson Klartextname"
        var lines = NDJSONFactory(year: 2023, actor: "piped").lines(cases: 1, count: 700, eventsPerCase: 13)
        lines = lines.map { $0.replacingOccurrences(of: "Test Person", with: marker) }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        XCTAssertGreaterThan(bytes.count, 1 << 20, "more than one chunk of the copy")

        let release = DispatchSemaphore(value: 0)
        let feeder = try PipeFeeder(bytes, holdOpenUntil: release)
        let child = try ledger.start(["import", "-"], input: .descriptor(feeder.readEnd))
        feeder.closeReadEnd()
        feeder.waitUntilFed(timeout: 60)
        // All is written; the input stays open, so the ledger is still copying: look at its copy now.
        var copy: [UInt8] = []
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            copy = Self.deletedSpool(of: child.pid)
            if copy.count >= 1 << 20 { break }
            usleep(20_000)
        }
        release.signal()
        let result = try child.finish(timeout: 300)
        XCTAssertEqual(result.code, 0, "\(result)")
        XCTAssertGreaterThanOrEqual(copy.count, 1 << 20, "the copy of standard input must be found while the import runs")
        XCTAssertFalse(copy.isEmpty)
        XCTAssertNil(Self.find(Array(marker.utf8), in: copy), "a personal value lies in plain text in the copy")
        XCTAssertNil(Self.find(Array(#""type":"case.opened""#.utf8), in: copy), "import lines lie in plain text in the copy")
        XCTAssertTrue(try ledger.succeed(["show", NDJSONFactory(year: 2023, actor: "").caseID(7)]).contains(marker))
        #else
        throw XCTSkip("reads the child's files through /proc (Linux only)")
        #endif
    }

    /// The contents of the process's open, deleted `ledger-stdin-` file (empty when there is none yet).
    static func deletedSpool(of pid: pid_t) -> [UInt8] {
        let fdDirectory = "/proc/\(pid)/fd"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: fdDirectory)) ?? [] {
            let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: fdDirectory + "/" + entry)) ?? ""
            guard link.contains("ledger-stdin-"), link.hasSuffix("(deleted)") else { continue }
            return [UInt8](FileManager.default.contents(atPath: fdDirectory + "/" + entry) ?? Data())
        }
        return []
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }
}
