import Ledger

extension ImportSummary {
    /// The line `import` prints: what was appended, what was already held, and the head.
    var line: String {
        let alreadyHeld = held > 0 ? " (\(held) already held, checked)" : ""
        return "imported \(events) events of \(cases) cases\(alreadyHeld); head \(head.position):\(head.hash.hex)"
    }
}
