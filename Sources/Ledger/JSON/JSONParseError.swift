/// Why a text is not acceptable JSON for the ledger.
///
/// `offset` is the 0-based byte offset in the input where the problem was found
/// (for number errors: where the number starts; for `duplicateKey`: the key's
/// opening quote; for escape errors: the backslash; for `unexpectedEnd`: the input length).
/// `description` is one plain-English line.
public struct JSONParseError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kind of problem.
    public enum Reason: Equatable, Sendable {
        /// The input ended in the middle of a value.
        case unexpectedEnd
        /// A byte that cannot appear here (e.g. a BOM, a comment, a trailing comma, `+`).
        case unexpectedCharacter(UInt8)
        /// Malformed UTF-8 (offset of the sequence's first byte).
        case invalidUTF8
        /// A backslash escape that JSON does not define, or a bad `\u` hex digit.
        case invalidEscape
        /// A `\u` escape of a UTF-16 surrogate that is not part of a valid pair.
        case loneSurrogate
        /// A raw byte below 0x20 inside a string.
        case controlCharacterInString
        /// A number with a fraction or exponent; the ledger is integer-only.
        case floatingPointNumber
        /// An integer outside ±(2^53−1).
        case numberOutOfRange
        /// An integer such as `012`.
        case leadingZero
        /// Nesting deeper than the limit (the associated value is the limit).
        case tooDeep(Int)
        /// Input longer than the limit (the associated value is the limit in bytes).
        case tooLarge(Int)
        /// An object has two members with this key.
        case duplicateKey(String)
        /// Non-whitespace after the top-level value.
        case trailingContent
        /// The input is empty or only whitespace.
        case emptyInput
    }

    /// The kind of problem.
    public let reason: Reason
    /// Byte offset in the input.
    public let offset: Int
    /// What the parser expected at `offset`, when known (e.g. "':' after an object key").
    /// Informational only: not part of equality.
    public let expected: String?

    /// Creates an error; `expected` only enriches `description`.
    public init(reason: Reason, offset: Int, expected: String? = nil) {
        self.reason = reason
        self.offset = offset
        self.expected = expected
    }

    /// Equality compares `reason` and `offset` only.
    public static func == (lhs: JSONParseError, rhs: JSONParseError) -> Bool {
        lhs.reason == rhs.reason && lhs.offset == rhs.offset
    }

    public var description: String {
        let at = "at byte \(offset)"
        switch reason {
        case .unexpectedEnd:
            if let expected { return "invalid JSON \(at): unexpected end of input, expected \(expected)" }
            return "invalid JSON \(at): unexpected end of input"
        case .unexpectedCharacter(let byte):
            let found = Self.describe(byte)
            if let expected { return "invalid JSON \(at): expected \(expected), found \(found)" }
            return "invalid JSON \(at): unexpected \(found)"
        case .invalidUTF8:
            return "invalid UTF-8 \(at)"
        case .invalidEscape:
            return "invalid JSON \(at): invalid escape sequence in a string"
        case .loneSurrogate:
            return "invalid JSON \(at): \\u escape of an unpaired UTF-16 surrogate"
        case .controlCharacterInString:
            return "invalid JSON \(at): raw control character in a string (it must be escaped)"
        case .floatingPointNumber:
            return "floating-point number \(at): money and counts are integers (cents); floating-point numbers are not allowed"
        case .numberOutOfRange:
            return "number out of range \(at): integers must be within ±9007199254740991 (2^53-1)"
        case .leadingZero:
            return "invalid JSON \(at): numbers must not have leading zeros"
        case .tooDeep(let limit):
            return "JSON nested too deeply \(at): more than \(limit) levels of arrays/objects"
        case .tooLarge(let limit):
            return "JSON text too large: more than \(limit) bytes"
        case .duplicateKey(let key):
            let quoted = String(decoding: CanonicalJSONWriter.encode(.string(key)), as: UTF8.self)
            return "duplicate key \(quoted) \(at): object keys must be unique"
        case .trailingContent:
            return "invalid JSON \(at): unexpected content after the top-level value"
        case .emptyInput:
            return "invalid JSON: the input is empty"
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        let hex = Hex.encode([byte]).uppercased()
        return "byte 0x\(hex)"
    }
}
