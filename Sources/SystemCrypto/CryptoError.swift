import CCrypto

/// What can go wrong in a call into the system's libcrypto. Every call's
/// return code is checked and turned into one of these; none is ignored.
/// Promises: a message names the operation and never holds key bytes,
/// plain text or a personal value.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// libcrypto refused or failed an operation (out of memory, or a library
    /// built without the algorithm); `detail` is the library's own reason when it gave one.
    case libraryFailure(operation: String, detail: String)
    /// A key, nonce or tag of the wrong length was handed in.
    case wrongLength(what: String, expected: Int, actual: Int)
    /// Bytes that are not an Ed25519 key.
    case invalidKey(String)

    public var description: String {
        switch self {
        case .libraryFailure(let operation, let detail):
            let reason = detail.isEmpty ? "" : ": \(detail)"
            return "the system's crypto library (libcrypto) could not \(operation)\(reason)"
        case .wrongLength(let what, let expected, let actual):
            return "\(what) must be \(expected) bytes, not \(actual)"
        case .invalidKey(let reason):
            return reason
        }
    }

    /// The failure of `operation`, with the reason libcrypto queued for this
    /// thread (its queue is emptied, so a later failure does not show it).
    static func library(_ operation: String) -> CryptoError {
        var detail = ""
        var code = ERR_get_error()
        while code != 0 {
            if detail.isEmpty, let reason = ERR_reason_error_string(code) { detail = String(cString: reason) }
            code = ERR_get_error()
        }
        return .libraryFailure(operation: operation, detail: detail)
    }

    static func check(_ result: Int32, _ operation: String) throws(CryptoError) {
        guard result == 1 else { throw library(operation) }
    }
}
