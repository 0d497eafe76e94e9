import Foundation
import LMDB
import XCTest

extension XCTestCase {
    /// A fresh, empty directory under the temporary directory, removed when the test ends.
    func makeTemporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lmdb-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock {
            try? FileManager.default.removeItem(at: url)
        }
        return url.path
    }

    /// An environment in a fresh temporary directory (not durable: tests don't need fsync).
    func makeEnvironment(_ options: EnvironmentOptions = .init(durable: false)) throws -> Environment {
        try Environment(path: makeTemporaryDirectory(), options: options)
    }
}

/// 8-byte big-endian encoding, so byte order equals numeric order.
func be(_ value: UInt64) -> [UInt8] {
    withUnsafeBytes(of: value.bigEndian) { Array($0) }
}

/// Decodes an 8-byte big-endian key.
func decodeBE(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))
}

/// Deterministic payload for `index`, `size` bytes long.
func payload(_ index: UInt64, size: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: index &* 31), count: size)
    for (offset, byte) in be(index).enumerated() where offset < size {
        bytes[offset] = byte
    }
    return bytes
}

struct Marker: Error, Equatable {}
