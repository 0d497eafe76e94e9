import Foundation
import SystemCrypto

/// A copy of a stream that cannot be read twice (a pipe, a terminal), so that
/// an import can read its input again when its write transaction must run
/// again (the map grew). The copy lies in an unlinked temporary file, but
/// only as ciphertext: chunks of 1 MiB, each sealed with AES-256-GCM under a
/// key made for this copy and kept in memory only, its nonce the chunk's
/// number. Import lines hold personal data in plain text; a deleted file's
/// blocks stay on the disk until overwritten, and these are unreadable once
/// the process has ended.
///
/// Promises: `read` hands out exactly the bytes copied, in order, once per
/// pass; `rewind` starts a new pass; a chunk that does not open (the file was
/// changed under the process) is an error, never other bytes. Memory: one
/// chunk of plain text and one of ciphertext.
final class SealedSpool {
    static let chunkBytes = 1 << 20
    private static let tagBytes = 16

    private let fd: Int32
    private let key: AES256GCMKey
    let name: String
    /// The plain bytes copied.
    private(set) var byteCount = 0
    private var chunkCount: UInt64 = 0

    // The pass in progress: the next chunk to open, and the opened one's bytes not yet handed out.
    private var nextChunk: UInt64 = 0
    private var plain: [UInt8] = []
    private var plainOffset = 0
    private var fileOffset: off_t = 0

    /// Copies `source` to its end into a new spool in `$TMPDIR` (else /tmp).
    init(copying source: Int32, name: String, random: RandomSource = SystemRandomSource()) throws(LedgerError) {
        self.name = name
        key = try LedgerError.sealingKey(random.bytes(AES256GCMKey.keySize))
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/ledger-stdin-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            let fd = mkstemp(base)
            if fd >= 0 { unlink(base) }
            return fd
        }
        guard fd >= 0 else { throw .io("cannot make a temporary copy of \(name) in \(directory): \(String(cString: strerror(errno)))") }
        do throws(LedgerError) {
            try copy(source, directory: directory)
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    private func copy(_ source: Int32, directory: String) throws(LedgerError) {
        var block = [UInt8](repeating: 0, count: SealedSpool.chunkBytes)
        var filled = 0
        var ended = false
        while !ended {
            let n = block.withUnsafeMutableBytes { raw in
                Foundation.read(source, raw.baseAddress.map { $0 + filled }, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io("cannot read \(name): \(String(cString: strerror(errno)))")
            }
            filled += n
            ended = n == 0
            if filled == block.count || (ended && filled > 0) {
                try append(block[0..<filled], directory: directory)
                filled = 0
            }
        }
        // Plain text read from the pipe is not left in the heap either.
        block.withUnsafeMutableBytes { raw in _ = raw.baseAddress.map { memset($0, 0, raw.count) } }
        rewind()
    }

    /// Seals one chunk and appends its length (4 bytes big-endian), ciphertext and tag.
    private func append(_ chunk: ArraySlice<UInt8>, directory: String) throws(LedgerError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + chunk.count + SealedSpool.tagBytes)
        withUnsafeBytes(of: UInt32(chunk.count).bigEndian) { bytes.append(contentsOf: $0) }
        do {
            try chunk.withUnsafeBytes { plain in
                try SealedSpool.nonce(chunkCount).withUnsafeBytes { nonce in
                    try key.seal(plain, nonce: nonce, aad: UnsafeRawBufferPointer(start: nil, count: 0), appendingTo: &bytes)
                }
            }
        } catch {
            throw .io("cannot seal the temporary copy of \(name): \(error)")
        }
        var offset = 0
        while offset < bytes.count {
            let w = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset) }
            if w < 0 {
                if errno == EINTR { continue }
                throw .io("cannot make a temporary copy of \(name) in \(directory): \(String(cString: strerror(errno)))")
            }
            offset += w
        }
        chunkCount += 1
        byteCount += chunk.count
    }

    /// The nonce of chunk `n`: 4 zero bytes and `n` as 8 bytes big-endian (each chunk's is its own).
    private static func nonce(_ n: UInt64) -> [UInt8] {
        [0, 0, 0, 0] + KeyBytes.u64(n)
    }

    /// Starts a new pass from the first byte.
    func rewind() {
        nextChunk = 0
        fileOffset = 0
        plain.removeAll(keepingCapacity: true)
        plainOffset = 0
    }

    /// Copies up to `buffer.count` bytes of the pass into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LedgerError) -> Int {
        if plainOffset == plain.count {
            guard nextChunk < chunkCount else { return 0 }
            try openNextChunk()
        }
        let n = min(buffer.count, plain.count - plainOffset)
        plain.withUnsafeBytes { raw in
            if let from = raw.baseAddress, let to = buffer.baseAddress { memcpy(to, from + plainOffset, n) }
        }
        plainOffset += n
        return n
    }

    private func openNextChunk() throws(LedgerError) {
        let header = try readRecord(4)
        let length = Int(UInt32(bigEndian: header.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
        guard length <= SealedSpool.chunkBytes else { throw damaged() }
        let record = try readRecord(length + SealedSpool.tagBytes)
        let opened = record.withUnsafeBytes { raw in
            SealedSpool.nonce(nextChunk).withUnsafeBytes { nonce in
                key.open(UnsafeRawBufferPointer(rebasing: raw[0..<length]), nonce: nonce,
                         tag: UnsafeRawBufferPointer(rebasing: raw[length...]), aad: UnsafeRawBufferPointer(start: nil, count: 0))
            }
        }
        guard let opened else { throw damaged() }
        plain.removeAll(keepingCapacity: true)
        plain.append(contentsOf: opened)
        plainOffset = 0
        nextChunk += 1
    }

    /// `count` bytes of the file from where the pass stands.
    private func readRecord(_ count: Int) throws(LedgerError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress.map { $0 + done }, count - done, fileOffset + off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .io("cannot read the temporary copy of \(name) again: \(String(cString: strerror(errno)))") }
            if n == 0 { throw damaged() }
            done += n
        }
        fileOffset += off_t(count)
        return out
    }

    private func damaged() -> LedgerError {
        .io("the temporary copy of \(name) was changed while the import ran; run the import again")
    }

    /// The descriptor of the temporary file (the tests read what lies on disk).
    var descriptor: Int32 { fd }
}
