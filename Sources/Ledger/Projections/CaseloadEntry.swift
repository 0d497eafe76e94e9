/// What the caseload needs of one open case, kept as the value of the
/// `open_cases` projection so that today's caseload decodes a few small rows
/// instead of every case's full state. Promises: equal to
/// `CaseloadEntry(record:)` of the case's current record; the day-dependent
/// figures (days since contact, overdue, urgent, next deadline) are computed
/// at query time.
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
    /// The current episode's Schonfrist end (nil when none runs) and whether it is blocked.
    public var schonfristEnd: LocalDate?
    public var schonfristBlocked: Bool
    /// The stage the current episode had reached when the office came in.
    public var stage: Stage
    public var restricted: Bool

    /// The entry of a case's current state and episodes.
    public init(record: CaseRecord) {
        self.init(state: record.state, episode: record.episodes.last)
    }

    init(state s: CaseState, episode: EpisodeFacts?) {
        caseID = s.caseID
        phase = s.phase
        district = s.district
        caseworker = s.caseworker
        episodeStart = s.episodeStart
        lastContact = s.lastContact
        nextFollowUp = s.openFollowUps.map(\.due).min()
        evictionDate = s.analysis?.evictionDate
        schonfristEnd = episode?.schonfrist.end
        schonfristBlocked = episode?.schonfrist.blocked ?? false
        stage = episode?.stage ?? .unknown
        restricted = s.isRestricted
    }

    func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 48)
        encode(into: &w)
        return w.bytes
    }

    /// Appends the stored form to `w`.
    func encode(into w: inout ByteWriter) {
        // The phase's code (below 0x40), with the flags of a blocked Schonfrist (0x40) and a restriction (0x80).
        w.u8(phase.code | (schonfristBlocked ? 0x40 : 0) | (restricted ? 0x80 : 0))
        w.string(district)
        w.string(caseworker)
        w.date(episodeStart)
        for date in [lastContact, nextFollowUp, evictionDate, schonfristEnd] {
            if let date { w.u8(1); w.date(date) } else { w.u8(0) }
        }
        w.u8(stage.code)
    }

    init(caseID: CaseID, decoding bytes: UnsafeRawBufferPointer) throws(CodecError) {
        var r = ByteReader(bytes)
        let flags = try r.u8()
        guard let phase = Phase(code: flags & 0x3f) else { throw .malformed("phase") }
        self.caseID = caseID
        self.phase = phase
        schonfristBlocked = flags & 0x40 != 0
        restricted = flags & 0x80 != 0
        district = try r.string()
        caseworker = try r.string()
        episodeStart = try r.date()
        lastContact = try r.u8() == 0 ? nil : try r.date()
        nextFollowUp = try r.u8() == 0 ? nil : try r.date()
        evictionDate = try r.u8() == 0 ? nil : try r.date()
        schonfristEnd = try r.u8() == 0 ? nil : try r.date()
        guard let stage = Stage(code: try r.u8()) else { throw .malformed("stage") }
        self.stage = stage
        try r.expectEnd("a caseload entry")
    }
}
