/// A personal (P) field of DOMAIN.md. In the log it is always `.sealed`
/// (AES-GCM bytes under the case's key); `.plain` exists only between the
/// input (a CLI option, an import line) and sealing, and in revealed output.
/// Promises: a plain value never reaches storage; `description` never shows a
/// plain value, so an error or log line cannot leak one.
public enum PersonalField: Equatable, Sendable, CustomStringConvertible {
    case plain(JSONValue)
    case sealed([UInt8])

    public var isSealed: Bool { if case .sealed = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .plain: return "<personal field>"
        case .sealed(let bytes): return "<sealed \(bytes.count) bytes>"
        }
    }
}
