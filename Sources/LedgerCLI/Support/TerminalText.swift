/// Text made safe for a terminal: what a note, a name or an argument holds
/// cannot move the cursor, change colours, fake a table row or reorder what
/// is shown. Control characters (C0, DEL, C1; a line break too, where one
/// line is meant) and bidirectional overrides and isolates are written as
/// visible escapes such as `\u{1B}`; everything else is kept.
enum TerminalText {
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7f || (0x80...0x9f).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
