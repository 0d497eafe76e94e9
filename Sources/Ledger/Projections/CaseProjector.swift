/// A case's state together with the facts of each of its episodes: the unit
/// the inline projections store and rebuilds recompute.
public struct CaseRecord: Equatable, Sendable {
    public var state: CaseState
    public var episodes: [EpisodeFacts]

    public init(caseID: CaseID) {
        state = CaseState(caseID: caseID)
        episodes = []
    }
}

/// Folds events into a `CaseRecord`. The one place where events change
/// state: appends, rebuilds, as-of replays and verification all use it, which
/// is why an incremental projection equals a full rebuild. Promises:
/// `apply` of a non-correction equals a `fold` that ends with it; a
/// correction is folded by replaying the case (`fold`), where voided events
/// are skipped and amended ones count with their replacement payload.
public enum CaseProjector {
    /// Applies one event (with the payload that counts for it) to the record.
    public static func apply(_ event: Event, payload: Payload? = nil, voided: Bool = false,
                             to record: inout CaseRecord, zone: LedgerTimeZone) {
        apply(version: event.version, position: event.position, type: event.type, schema: UInt8(clamping: event.schema),
              occurredAt: event.occurredAt.epochSeconds, payload: payload ?? event.payload, voided: voided,
              to: &record, zone: zone)
    }

    /// `apply` from the parts of an event it reads: its version, its type (the
    /// entry recorded, even when `payload` is an amendment's replacement), the
    /// epoch seconds of its occurred_at and the payload that counts for it. A
    /// replay calls this without building an `Event`.
    static func apply(version: UInt32, position: UInt64, type: EventType, schema: UInt8, occurredAt: Int64, payload p: Payload,
                      voided: Bool, to record: inout CaseRecord, zone: LedgerTimeZone) {
        // The state and the episodes are changed in place, as two inout parts: no
        // copy of either, and their arrays grow in place (a replay applies millions of events).
        apply(version: version, position: position, type: type, schema: schema, occurredAt: occurredAt, payload: p,
              voided: voided, state: &record.state, episodes: &record.episodes, zone: zone)
    }

    private static func apply(version: UInt32, position: UInt64, type: EventType, schema: UInt8, occurredAt: Int64,
                              payload p: Payload, voided: Bool, state s: inout CaseState, episodes: inout [EpisodeFacts],
                              zone: LedgerTimeZone) {
        s.version = version
        let date = zone.date(of: occurredAt)
        let openingEpisode = type == .caseOpened ? 1 : (type == .caseReopened && !voided ? s.episode + 1 : s.episode)
        s.entries.append(EntryInfo(type: type, episode: openingEpisode, voided: voided, schema: schema, position: position))
        if voided { return }
        let current = episodes.count - 1
        switch p {
        case .caseOpened(let o):
            s.district = o.district
            s.source = o.source
            s.household = o.household
            s.caseworker = o.caseworker
            s.episode = 1
            s.isOpen = true
            s.episodeStartSeconds = occurredAt
            s.episodeStart = date
            episodes = [EpisodeFacts(caseID: s.caseID, number: 1, district: o.district, source: o.source,
                                     caseworker: o.caseworker, start: date)]
        case .contactRecorded:
            s.lastContactVersion = version
            if s.lastContact.map({ date > $0 }) ?? true { s.lastContact = date }
            if current >= 0 { episodes[current].contacts += 1 }
        case .situationAnalysed(let a):
            s.analysis = AnalysisInfo(version: version, date: date, causes: a.causes, risk: a.risk,
                                      evictionDate: a.evictionDate, arrearsCents: a.arrearsCents,
                                      noticeDate: a.noticeDate, noticeKind: a.noticeKind, suitDate: a.suitDate)
            if current >= 0 {
                let first = episodes[current].firstAnalysis
                // The stage comes from the episode's first standing analysis by version.
                if first == nil { episodes[current].stage = a.dates.stage }
                if first.map({ date < $0 }) ?? true { episodes[current].firstAnalysis = date }
                episodes[current].causes = a.causes
                episodes[current].noticeDate = a.noticeDate
                episodes[current].noticeKind = a.noticeKind
                episodes[current].schonfrist = Schonfrist(latest: a.dates, earlier: episodes[..<current].lazy.map(\.cure))
            }
        case .mediationRecorded(let m):
            if current >= 0 {
                episodes[current].mediations.append(MediationFact(date: date, party: m.party,
                                                                  successful: m.outcome.isSuccessful))
                if m.outcome == .arrearsAssumed { episodes[current].lastArrearsAssumed = date }
            }
        case .referralMade(let m):
            s.referrals.append(ReferralInfo(number: m.referral, version: version, agency: m.agency,
                                            episode: s.episode, made: date))
            if current >= 0 {
                episodes[current].referrals.append(ReferralFact(number: m.referral, agency: m.agency, made: date))
            }
        case .referralConcluded(let c):
            if let i = s.referrals.firstIndex(where: { $0.number == c.referral }) {
                s.referrals[i].concluded = date
                s.referrals[i].result = c.result
                s.referrals[i].concludedVersion = version
                let e = s.referrals[i].episode - 1
                if e >= 0, e < episodes.count,
                   let j = episodes[e].referrals.firstIndex(where: { $0.number == c.referral }) {
                    episodes[e].referrals[j].concluded = date
                    episodes[e].referrals[j].result = c.result
                }
            }
        case .followUpScheduled(let f):
            s.followUps.append(FollowUpInfo(version: version, due: f.due, purpose: f.purpose))
        case .housingSecured(let h):
            s.secured.append(SecuredInfo(version: version, kind: h.kind, effective: h.effective))
            if current >= 0 {
                let known = episodes[current].securedEffective
                if known.map({ h.effective < $0 }) ?? true {
                    episodes[current].securedEffective = h.effective
                    episodes[current].securedKind = h.kind
                }
            }
        case .emergencyAccommodated(let a):
            // DOMAIN.md: an emergency accommodation belongs to the episode in force at its effective date.
            if let i = episodeIndex(inForceOn: a.effective, episodes) { episodes[i].emergencies.append(a.effective) }
        case .caseReassigned(let r):
            s.caseworker = r.caseworker
            if current >= 0 { episodes[current].caseworker = r.caseworker }
        case .caseClosed(let c):
            s.isOpen = false
            s.lastClosedSeconds = occurredAt
            s.lastClosed = date
            s.closeReason = c.reason
            if current >= 0 {
                episodes[current].end = date
                episodes[current].closeReason = c.reason
            }
        case .caseReopened:
            if current >= 0 { episodes[current].reopened = date }
            s.episode += 1
            s.isOpen = true
            s.episodeStartSeconds = occurredAt
            s.episodeStart = date
            s.closeReason = nil
            s.analysis = nil
            s.secured = []
            s.followUps = []
            s.lastContact = nil
            s.lastContactVersion = 0
            episodes.append(EpisodeFacts(caseID: s.caseID, number: s.episode, district: s.district,
                                         source: s.source, caseworker: s.caseworker, start: date))
        case .entryCorrected:
            break
        case .caseErased:
            s.isErased = true
        case .tenancyChecked(let c):
            // The case is closed: its last episode is the one last closed before the check.
            if current >= 0 { episodes[current].checks.append(TenancyCheck(date: date, status: c.status)) }
        case .caseRestricted:
            s.isRestricted = true
        case .caseRestrictionLifted:
            s.isRestricted = false
        }
    }

    /// The episode in force on `day`: the last one started on or before it
    /// (a closed one stays in force until the next starts); the first episode
    /// for a day before the case was opened; nil when there is none.
    static func episodeIndex(inForceOn day: LocalDate, _ episodes: [EpisodeFacts]) -> Int? {
        guard !episodes.isEmpty else { return nil }
        return episodes.lastIndex { $0.start <= day } ?? 0
    }

    /// Folds a case's events (in version order) with every correction among
    /// them applied. `include` limits the events that count (for "as it stood
    /// on day D"); corrections are applied whenever they were recorded.
    public static func fold(_ events: [Event], zone: LedgerTimeZone,
                            include: (Event) -> Bool = { _ in true }) -> CaseRecord? {
        guard let first = events.first else { return nil }
        var corrections = CaseCorrections()
        for event in events {
            if case .entryCorrected(let c) = event.payload { corrections.add(c) }
        }
        var record = CaseRecord(caseID: first.caseID)
        for event in events where include(event) {
            apply(event, payload: corrections.replacement(for: event.version), voided: corrections.isVoided(event.version),
                  to: &record, zone: zone)
        }
        return record
    }
}
