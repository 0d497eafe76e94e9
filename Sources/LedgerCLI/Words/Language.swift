import ArgumentParser

/// The language the desk speaks to people: table headers, phases, flags,
/// summaries and the common errors. Machine formats (CSV, JSON, NDJSON) and
/// wire values never change with it. English is the fallback for anything
/// the German catalogue does not hold.
enum Language: String, CaseIterable, Sendable, ExpressibleByArgument {
    case en, de

    /// `--lang` when given, else the first of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` that is set and not empty: German for `de…`, else English.
    static func choose(option: Language?, environment: [String: String]) -> Language {
        if let option { return option }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("de") ? .de : .en
            }
        }
        return .en
    }
}

/// Says a `Phrase` in one language, German falling back to English.
struct Words: Sendable {
    let language: Language

    static let english = Words(language: .en)

    func callAsFunction(_ phrase: Phrase) -> String {
        if language == .de, let german = Catalogue.german(phrase) { return german }
        return Catalogue.english(phrase)
    }

    /// A table header.
    func callAsFunction(_ label: Label) -> String { self(.label(label)) }
}
