import Ledger

/// JSON for people and scripts in the one style of every `ledger` output:
/// `ReportJSONWriter`'s (1-space indent, keys in the given order), or as
/// NDJSON lines for a list.
enum PrettyJSON {
    /// The value as indented text, without a final newline (for `print`).
    static func render(_ value: JSONValue) -> String {
        var text = String(decoding: ReportJSON(value).bytes, as: UTF8.self)
        text.removeLast()
        return text
    }

    /// Writes a list as `format` asks: an indented array for json, one compact line per item for ndjson.
    static func write(_ items: [JSONValue], lines: Bool) {
        var json = ReportJSONWriter(capacity: 256 * items.count + 16, layout: lines ? .lines : .pretty)
        json.value(.array(items))
        writeStandardOutput(json.finish())
    }

    static func quote(_ s: String) -> String {
        var w = CanonicalJSONWriter()
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
