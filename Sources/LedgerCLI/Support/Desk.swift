import Foundation

/// Where a command's output goes and how it should look there: the width a
/// table may take (nil: unlimited, when the output is piped or with
/// `--wide`), whether urgent and overdue rows are coloured, and the words of
/// the reader's language. Made once at the start of a command from
/// `GlobalOptions`, the environment and the terminal (`detect`), then passed
/// to whatever prints; nothing else reads the terminal, `LANG` or `NO_COLOR`.
struct Desk: Sendable {
    var width: Int?
    var colour: Bool
    var words: Words

    /// Output for a pipe or a file, in English: never cut, never coloured.
    static let plain = Desk(width: nil, colour: false, words: .english)

    /// The desk of standard output: on a terminal its width (`COLUMNS` when
    /// set, else the terminal's own, else 80) unless `wide`, and colour
    /// unless `NO_COLOR` is set or `TERM` is `dumb`; piped, unlimited and
    /// plain.
    static func detect(wide: Bool, language: Language?, environment: [String: String],
                       terminal: TerminalProbe) -> Desk {
        let words = Words(language: Language.choose(option: language, environment: environment))
        guard terminal.isTerminal else { return Desk(width: nil, colour: false, words: words) }
        var width: Int? = nil
        if !wide {
            if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 {
                width = columns
            } else {
                width = terminal.columns ?? 80
            }
        }
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
        return Desk(width: width, colour: !noColour, words: words)
    }
}

extension Desk {
    /// Prints a line of prose (a title, a summary, a note), broken at spaces to fit the width.
    func say(_ text: String) {
        guard let width, width >= 20 else { return print(text) }
        for line in Desk.wrap(text, width) { print(line) }
    }

    /// `text` in lines of at most `width` characters, broken at spaces (a longer word stands alone).
    static func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty { current = String(word); continue }
            if current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        return lines
    }
}

/// What standard output is connected to: a terminal (and how wide), or not.
struct TerminalProbe: Sendable {
    var isTerminal: Bool
    var columns: Int?

    /// Asks the kernel about standard output (isatty, TIOCGWINSZ).
    static func standardOutput() -> TerminalProbe {
        guard isatty(STDOUT_FILENO) != 0 else { return TerminalProbe(isTerminal: false, columns: nil) }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return TerminalProbe(isTerminal: true, columns: nil)
        }
        return TerminalProbe(isTerminal: true, columns: Int(size.ws_col))
    }
}
