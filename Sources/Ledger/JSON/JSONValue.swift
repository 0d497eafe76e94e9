/// A parsed JSON value as the ledger accepts it.
///
/// Numbers are integers only (within ±(2^53−1) when produced by `JSONParser`);
/// the ledger never stores floating-point amounts.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string payload, or `nil` if this is not a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer payload, or `nil` if this is not a number.
    public var intValue: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }

    /// The Boolean payload, or `nil` if this is not `true`/`false`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, or `nil` if this is not an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object, or `nil` if this is not an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// `true` only for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
