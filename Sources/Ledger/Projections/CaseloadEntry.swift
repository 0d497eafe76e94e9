/// What the caseload needs of one open case, kept as the value of the
/// `open_cases` projection so that today's caseload decodes a few small rows
/// instead of every case's full state. Promises: equal to
/// `CaseloadEntry(state:)` of the case's current state; the day-dependent
/// figures (days since contact, overdue, urgent) are computed at query time.
public struct CaseloadEntry: Equatable, Sendable {
    public var caseID: CaseID
    public var phase: Phase
    public var district: String
    public var caseworker: String
    public var episodeStart: LocalDate
    public var lastContact: LocalDate?
    /// The earliest due date among the episode's open follow-ups.
    public var nextFollowUp: LocalDate?
    public var evictionDate: LocalDate?

    public init(state s: CaseState) {
        caseID = s.caseID
        phase = s.phase
        district = s.district
        caseworker = s.caseworker
        episodeStart = s.episodeStart
        lastContact = s.lastContact
        nextFollowUp = s.openFollowUps.map(\.due).min()
        evictionDate = s.analysis?.evictionDate
    }

    func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 48)
        encode(into: &w)
        return w.bytes
    }

    /// Appends the stored form to `w`.
    func encode(into w: inout ByteWriter) {
        w.u8(phase.code)
        w.string(district)
        w.string(caseworker)
        w.date(episodeStart)
        for date in [lastContact, nextFollowUp, evictionDate] {
            if let date { w.u8(1); w.date(date) } else { w.u8(0) }
        }
    }

    init(caseID: CaseID, decoding bytes: UnsafeRawBufferPointer) throws(CodecError) {
        var r = ByteReader(bytes)
        guard let phase = Phase(code: try r.u8()) else { throw .malformed("phase") }
        self.caseID = caseID
        self.phase = phase
        district = try r.string()
        caseworker = try r.string()
        episodeStart = try r.date()
        lastContact = try r.u8() == 0 ? nil : try r.date()
        nextFollowUp = try r.u8() == 0 ? nil : try r.date()
        evictionDate = try r.u8() == 0 ? nil : try r.date()
    }
}
