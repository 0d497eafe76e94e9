import CCrypto

/// Key bytes held in memory of their own, wiped (`OPENSSL_cleanse`, which
/// the compiler cannot leave out) when the last reference goes. Never
/// changed after init, so it may be shared by threads. Promises: the bytes
/// are handed out only inside `withUnsafeBytes`; `description` never shows them.
public final class SecretBytes: @unchecked Sendable, CustomStringConvertible {
    private let buffer: UnsafeMutableRawBufferPointer

    public init(_ bytes: [UInt8]) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        self.buffer = buffer
        count = bytes.count
    }

    deinit {
        OPENSSL_cleanse(buffer.baseAddress, buffer.count)
        buffer.deallocate()
    }

    public let count: Int

    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }

    public var description: String { "\(count) secret bytes" }
}
