/// Everything the office holds about the person of one case, for their
/// right of access (Art. 15 GDPR, §83 SGB X): every event with its personal
/// fields opened, each with the corrections that changed it, the recipients
/// (the agencies the household was referred to), the retention date, every
/// access-log entry that covered the case and the name searches that looked
/// for the person. Promises: built only after the access is recorded (purpose
/// `subject_access`); it holds nothing of another case; an erased case holds
/// what remains (pseudonymous case data, the access log) and says so through
/// `erased`, its personal fields left sealed.
public struct SubjectAccessReport: Sendable {
    /// One event of the case as recorded, and what later corrections did to it.
    public struct Entry: Sendable {
        /// The event, its personal fields opened in place where the key opens them (else still sealed).
        public var event: Event
        /// The corrections of this event, by version, in order.
        public var correctedBy: [(version: UInt32, action: CorrectionAction)]
    }

    /// When the retention period ends.
    public struct Retention: Equatable, Sendable {
        /// The ledger's retention period in years.
        public var years: Int
        /// The date of the case's last close (nil while it is open).
        public var lastClosed: LocalDate?
        /// From this day the case is erased (`ledger retention --apply`); nil while open or once erased.
        public var erasureDue: LocalDate?
    }

    public var caseID: CaseID
    /// When the report was made, by the ledger's clock.
    public var madeAt: Timestamp
    /// The account that made it.
    public var madeBy: String
    /// The ledger's time zone, in which dates are given.
    public var timeZone: String
    /// The case as it stands (pseudonymous case data).
    public var state: CaseState
    /// The case was erased: its personal data is gone for good.
    public var erased: Bool
    /// The person as they currently stand.
    public var person: PersonalView.Value
    public var entries: [Entry]
    /// The agencies the household was referred to (recipients, Art. 15(1)(c) GDPR).
    public var recipients: [ReferralInfo]
    public var retention: Retention
    /// Every access-log entry that covered the case, this report's own included.
    public var accessLog: [AccessEntry]
    /// The name searches whose query was the person's current name (with or without the birth date).
    public var nameSearches: [AccessEntry]
}

extension Ledger {
    /// The subject-access report of a case, for `actor`. Records the access
    /// first (command `subject-access`, purpose `subject_access`; a restricted
    /// case's entry is flagged); an erased case records nothing (nothing is
    /// opened). Throws `.unknownCase` for a case the ledger does not hold.
    public func subjectAccess(_ id: CaseID, actor: String) throws(LedgerError) -> SubjectAccessReport {
        let opener = try opener(for: id, access: AccessRequest(actor: actor, command: "subject-access", purpose: "subject_access"))
        guard let record = try record(of: id) else { throw .unknownCase(id.rawValue) }
        let events = try self.events(of: id)
        let erased = record.state.isErased
        var corrections: [UInt32: [(version: UInt32, action: CorrectionAction)]] = [:]
        for e in events {
            if case .entryCorrected(let c) = e.payload { corrections[UInt32(clamping: c.target), default: []].append((e.version, c.action)) }
        }
        let entries = events.map { e -> SubjectAccessReport.Entry in
            var opened = e
            if !erased { opened.payload = opener.open(e.payload) }
            return SubjectAccessReport.Entry(event: opened, correctedBy: corrections[e.version] ?? [])
        }
        let person = PersonalView.build(events, opener: opener, erased: erased).person
        let log = try accessLog(AccessLogFilter(caseID: id))
        return SubjectAccessReport(caseID: id, madeAt: .utc(epochSeconds: options.clock.now()), madeBy: actor,
                                   timeZone: zone.identifier, state: record.state, erased: erased, person: person,
                                   entries: entries, recipients: record.state.referrals, retention: retention(of: record.state),
                                   accessLog: log, nameSearches: try nameSearches(for: person))
    }

    private func retention(of s: CaseState) -> SubjectAccessReport.Retention {
        let closed = s.isOpen ? nil : s.lastClosed
        let due = s.isErased ? nil : closed.flatMap { Ledger.periodEnd(closed: $0, years: config.retentionYears) }
        return SubjectAccessReport.Retention(years: config.retentionYears, lastClosed: closed, erasureDue: due)
    }

    /// The searches for the person's current name, found by its keyed hash (none for a person that did not open).
    private func nameSearches(for person: PersonalView.Value) throws(LedgerError) -> [AccessEntry] {
        guard case .opened(let value) = person, let key = try nameIndexKey(), let tags = try key.tags(person: value) else { return [] }
        return try accessLog().filter { entry in
            guard case .nameSearch(let search) = entry.scope else { return false }
            return search.query == (search.withBirthDate ? tags.nameAndBirth : tags.name)
        }
    }
}
