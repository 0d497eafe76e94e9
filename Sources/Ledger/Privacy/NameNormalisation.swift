import Foundation

/// How a name is compared in the blind name index (`ledger find`): two
/// spellings of one name give the same text. Promises: the result is the
/// name in Unicode NFC, case-folded (full Unicode case folding: `ẞ` and `ß`
/// fold to `ss`), with `ä`, `ö`, `ü` written `ae`, `oe`, `ue`, every run of
/// white space and hyphens (also the typographic hyphens and dashes) made one
/// space, and none at either end; a soft hyphen is dropped. So `Müller` =
/// `MUELLER` = `Mu\u{308}ller`, `Weiß` = `Weiss`, `Anna-Lena` = `anna lena`;
/// but `Muller` ≠ `Müller` and `Annalena` ≠ `Anna-Lena`. Never logged.
public enum NameNormalisation {
    /// The normalised form of `name` (empty when it holds only separators).
    public static func normalise(_ name: String) -> String {
        // Plain ASCII is its own NFC, and folds as it lower-cases: Foundation's passes are skipped.
        let folded = name.utf8.allSatisfy { $0 < 0x80 } ? name.lowercased()
            : name.precomposedStringWithCanonicalMapping
                .folding(options: [.caseInsensitive], locale: nil)
                .precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var separated = false
        for scalar in folded.unicodeScalars {
            if scalar == softHyphen { continue }
            if scalar.properties.isWhitespace || dashes.contains(scalar) {
                separated = !out.isEmpty
                continue
            }
            if separated {
                out.append(" ")
                separated = false
            }
            switch scalar {
            case "ä": out.append(contentsOf: "ae".unicodeScalars)
            case "ö": out.append(contentsOf: "oe".unicodeScalars)
            case "ü": out.append(contentsOf: "ue".unicodeScalars)
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign.
    static let dashes: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"]
    static let softHyphen: Unicode.Scalar = "\u{AD}"
}
