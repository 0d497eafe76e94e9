/// A JSON object: its members in the order they appeared in the source text.
///
/// Keys produced by `JSONParser` are unique (a duplicate key is a parse error).
/// Equality is member-by-member and order-sensitive; `CanonicalJSONWriter`
/// sorts keys itself when writing.
public struct JSONObject: Equatable, Sendable {
    /// The members in source (or insertion) order.
    public var members: [(key: String, value: JSONValue)]

    /// Creates an object from members in the given order.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value of the first member named `key`, or `nil` (linear scan; objects are small).
    public subscript(key: String) -> JSONValue? {
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }

    /// The keys in member order.
    public var keys: [String] {
        members.map(\.key)
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (l, r) in zip(lhs.members, rhs.members) {
            guard l.key == r.key, l.value == r.value else { return false }
        }
        return true
    }
}
