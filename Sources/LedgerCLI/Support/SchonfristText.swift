import Ledger

/// How `show` and the caseload table put an episode's Schonfrist into words.
enum SchonfristText {
    /// The Schonfrist as of `day`: running (with its end), ended, blocked, or not applying.
    static func describe(_ s: Schonfrist, on day: LocalDate) -> String {
        if let end = s.end, end < day { return "ended \(end)" }
        if let end = s.end { return "ends \(end): arrears paid or assumed by then void the termination without notice" }
        if s.blocked { return "blocked: a termination cured the same way lies less than two years back (§569 III Nr. 2 BGB)" }
        return s.applies ? "applies" : "does not apply"
    }
}
