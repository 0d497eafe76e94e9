/// The standard library's `withUnsafe…Bytes` rethrow as `any Error`; these
/// keep a `CryptoError` typed through them.
extension Array where Element == UInt8 {
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(CryptoError) -> R) throws(CryptoError) -> R {
        try withUnsafeBytes { raw in Result { () throws(CryptoError) in try body(raw) } }.get()
    }

    mutating func withMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws(CryptoError) -> R) throws(CryptoError) -> R {
        try withUnsafeMutableBytes { raw in Result { () throws(CryptoError) in try body(raw) } }.get()
    }
}
