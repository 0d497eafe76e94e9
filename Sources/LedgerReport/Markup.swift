/// Text put into HTML or XML, escaped once for every page the ledger writes
/// (the council report, the subject-access page). Promises: `&`, `<`, `>`,
/// `"` and `'` never reach the page raw, so text cannot break out of an
/// element or an attribute.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        guard s.contains(where: { "&<>\"'".contains($0) }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Writes HTML and SVG text that is also well-formed XML (every element
/// closed, attributes quoted, text escaped), so that the page parses as
/// XML as well as HTML. Promises: text and attribute values never break
/// out of their place (`&`, `<`, `>`, `"` and `'` are escaped).
struct Markup {
    private(set) var text = ""

    static func escape(_ s: String) -> String { HTMLText.escape(s) }

    /// `<tag a="v" …>`; nil values leave their attribute out.
    mutating func open(_ tag: String, _ attributes: [(String, String?)] = []) {
        text += "<" + tag + Markup.attributes(attributes) + ">"
    }

    mutating func close(_ tag: String) { text += "</" + tag + ">" }

    /// `<tag a="v" …/>`.
    mutating func empty(_ tag: String, _ attributes: [(String, String?)] = []) {
        text += "<" + tag + Markup.attributes(attributes) + "/>"
    }

    /// `<tag …>text</tag>`.
    mutating func element(_ tag: String, _ attributes: [(String, String?)] = [], _ content: String) {
        open(tag, attributes)
        self.content(content)
        close(tag)
    }

    /// Escaped text.
    mutating func content(_ s: String) { text += Markup.escape(s) }

    /// Markup made elsewhere by a `Markup` (or constant and known to be well-formed).
    mutating func raw(_ s: String) { text += s }

    mutating func newline() { text += "\n" }

    static func attributes(_ list: [(String, String?)]) -> String {
        list.compactMap { name, value in value.map { " " + name + "=\"" + escape($0) + "\"" } }.joined()
    }
}
