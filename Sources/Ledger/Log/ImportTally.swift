/// What an import has done so far: events appended, lines found already
/// held, and the cases the appended events belong to. Promises: each line
/// taken counts exactly once, as appended or as held.
struct ImportTally {
    var events = 0
    var held = 0
    var cases = Set<CaseID>()

    /// Takes one line into the write (`AppendSession.take`) and counts what became of it.
    mutating func take(_ incoming: IncomingEvent, presealed: PresealedPayload?, into session: AppendSession) throws {
        switch try session.take(incoming, presealed: presealed) {
        case .appended:
            events += 1
            cases.insert(incoming.caseID)
        case .held:
            held += 1
        }
    }

    /// Adds another write's tally (a stream's next batch).
    mutating func add(_ other: ImportTally) {
        events += other.events
        held += other.held
        cases.formUnion(other.cases)
    }

    var lines: Int { events + held }

    func summary(head: LogHead) -> ImportSummary {
        ImportSummary(events: events, cases: cases.count, head: head, held: held)
    }
}
