import Foundation
import ProcessRunner
import XCTest
@testable import Ledger

/// `import -` copies standard input aside so that it can read it again; the
/// copy on disk is ciphertext only (a deleted file's blocks stay on the disk).
final class SealedSpoolTests: XCTestCase {
    /// Lines holding a personal value, over three chunks of the spool.
    private let marker = "Spoolpersonal Geheimname"
    private var text: [UInt8] {
        var out: [UInt8] = []
        var n = 0
        while out.count < 2 * SealedSpool.chunkBytes + 12_345 {
            out += Array(#"{"n":\#(n),"name":"\#(marker)"}"#.utf8) + [10]
            n += 1
        }
        return out
    }

    private func spool(_ bytes: [UInt8]) throws -> SealedSpool {
        let pipe = try PipeFeeder(bytes)
        defer { pipe.closeReadEnd() }
        return try SealedSpool(copying: pipe.readEnd, name: "<stdin>")
    }

    private func readAll(_ spool: SealedSpool, block: Int = 100_000) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: block)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try spool.read(into: $0) }
            if n == 0 { return out }
            out += buffer[0..<n]
        }
    }

    /// Everything in the spool's (unlinked) file.
    private func onDisk(_ spool: SealedSpool) -> [UInt8] {
        var info = stat()
        XCTAssertEqual(fstat(spool.descriptor, &info), 0)
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        let n = bytes.withUnsafeMutableBytes { pread(spool.descriptor, $0.baseAddress, $0.count, 0) }
        XCTAssertEqual(n, bytes.count)
        return bytes
    }

    func testWhatIsReadBackIsWhatWasCopiedOnEveryPass() throws {
        let text = self.text
        let spool = try spool(text)
        XCTAssertEqual(spool.byteCount, text.count)
        XCTAssertEqual(try readAll(spool), text)
        XCTAssertEqual(try readAll(spool), [], "a pass ends once")
        spool.rewind()
        XCTAssertEqual(try readAll(spool, block: 4_099), text)
        XCTAssertEqual(try readAll(try self.spool([])), [])
    }

    func testNoPlainTextLiesOnDisk() throws {
        let spool = try spool(text)
        let disk = onDisk(spool)
        XCTAssertGreaterThan(disk.count, 2 * SealedSpool.chunkBytes)
        XCTAssertEqual(DiskScan.offsets(of: Array(marker.utf8), in: disk), [])
        XCTAssertEqual(DiskScan.offsets(of: Array(#"{"n":"#.utf8), in: disk), [])
    }

    func testAChangedByteOnDiskIsAnErrorNotOtherBytes() throws {
        let spool = try spool(text)
        var byte: UInt8 = 0
        XCTAssertEqual(pread(spool.descriptor, &byte, 1, 100), 1)
        byte ^= 1
        XCTAssertEqual(pwrite(spool.descriptor, &byte, 1, 100), 1)
        XCTAssertThrowsError(try readAll(spool)) { error in
            XCTAssertTrue("\(error)".contains("was changed"), "\(error)")
        }
    }

    /// Through the import's reader: standard input that is a pipe goes through a spool.
    func testALineReaderOnAPipeSpoolsIt() throws {
        let pipe = try PipeFeeder(Array("{}\n{}\n".utf8))
        defer { pipe.closeReadEnd() }
        let reader = try LineReader(descriptor: pipe.readEnd, owned: false, name: "<stdin>")
        XCTAssertNotNil(reader.spool)
        XCTAssertEqual(reader.totalBytes, 6)
        var lines = 0
        try reader.forEachLine { _, _ in lines += 1 }
        try reader.rewind()
        try reader.forEachLine { _, _ in lines += 1 }
        XCTAssertEqual(lines, 4)
    }
}
