#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the ledger gets random bytes (keys and nonces). Injected so that
/// tests can be deterministic; the system source is the only one a real
/// ledger uses.
public protocol RandomSource: Sendable {
    func bytes(_ count: Int) -> [UInt8]
}

/// The operating system's cryptographically secure generator: one
/// `getentropy` call per request of up to 256 bytes (the standard library's generator makes one
/// per 8 bytes, which was 5% of an import: a nonce per personal field).
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        out.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            while filled < count {
                let n = SystemRandomSource.fill(base + filled, count - filled)
                if n > 0 { filled += n } else if errno != EINTR { break }
            }
        }
        if filled < count {
            // getrandom unavailable: the standard library's generator (same kernel source).
            var generator = SystemRandomNumberGenerator()
            for i in filled..<count { out[i] = UInt8.random(in: .min ... .max, using: &generator) }
        }
        return out
    }

    /// Fills up to 256 bytes (getentropy's limit); returns how many, or -1.
    private static func fill(_ base: UnsafeMutableRawPointer, _ count: Int) -> Int {
        let n = min(count, 256)
        return getentropy(base, n) == 0 ? n : -1
    }
}
