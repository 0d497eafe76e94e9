import Ledger

/// Indented JSON for people and scripts (1-space indent, keys in the given order).
enum PrettyJSON {
    static func render(_ value: JSONValue, indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent + 1)
        let close = String(repeating: " ", count: indent)
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .string(let s): return quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + render($0, indent: indent + 1) }.joined(separator: ",\n") + "\n" + close + "]"
        case .object(let o):
            if o.members.isEmpty { return "{}" }
            return "{\n" + o.members.map { pad + quote($0.key) + ": " + render($0.value, indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + close + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var w = CanonicalJSONWriter()
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
