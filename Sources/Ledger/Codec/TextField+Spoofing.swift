import Foundation

extension TextField {
    /// The scalars that reorder text on a terminal or a page: the bidirectional
    /// embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
    /// A text holding one could show a caseworker something else than it says.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Refuses a text holding a bidirectional override or isolate. ASCII texts
    /// (the usual case) are passed over by their bytes alone.
    static func refuseBidiControls(_ text: String, field: @autoclosure () -> String) throws(LedgerError) {
        // Every bidi control is encoded as E2 80 AA–AE or E2 81 A6–A9: no text without an E2 byte holds one.
        guard holdsByteE2(text), text.unicodeScalars.contains(where: isBidiControl) else { return }
        throw .invalidInput("\(field()) contains a bidirectional override (U+202A–U+202E or U+2066–U+2069), which could disguise the text")
    }

    /// Whether the text's UTF-8 holds a byte E2 (with `memchr`: the generic byte walk was 1% of an import).
    static func holdsByteE2(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0xE2, bytes.count) != nil
        } ?? text.utf8.contains(0xE2)
    }

    /// Whether a name follows the pattern for accounts and caseworkers: a letter
    /// first, then letters, digits, `.`, `_` or `-` (Unicode letters too: `cw.müller`).
    /// Nothing a spreadsheet reads as a formula, no spaces, no controls.
    static func isWellFormedName(_ text: String) -> Bool {
        // Nearly every name is ASCII: decided on its bytes, without a Unicode property lookup per scalar.
        if let verdict = text.utf8.withContiguousStorageIfAvailable(isWellFormedASCIIName), let verdict { return verdict }
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { s in
            s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "_" || s == "-"
        }
    }

    /// `isWellFormedName` for a name of ASCII bytes (among ASCII scalars only
    /// `A`-`Z` and `a`-`z` are alphabetic); nil when a byte is not ASCII.
    static func isWellFormedASCIIName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var wellFormed = !bytes.isEmpty
        for (index, byte) in bytes.enumerated() {
            if byte >= 0x80 { return nil }
            let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            let other = (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x5F || byte == 0x2D
            if !(letter || (index > 0 && other)) { wellFormed = false }
        }
        return wellFormed
    }
}
