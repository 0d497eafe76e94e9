/// The rules of DOMAIN.md, checked in one step against a case's state before
/// anything is appended (the `decide` step). Promises: an event that passes
/// keeps every invariant of the case (gapless referral numbers, a standing
/// `housing.secured` behind every `housing_secured` close, nothing but
/// reopening, corrections and erasure after a close, nothing but corrections
/// after erasure); a broken rule throws a `RuleViolation` naming the rule and
/// the case. It returns the payload as it will be stored (a correction's
/// replacement read, once, as its target's type and schema).
public enum Rules {
    public static func check(_ e: IncomingEvent, record: CaseRecord?, context: RuleContext) throws(LedgerError) -> Payload {
        let state = record?.state
        let id = e.caseID.rawValue
        func broken(_ rule: RuleViolation.Rule, _ detail: String) -> LedgerError {
            .ruleBroken(RuleViolation(rule, case: id, detail))
        }
        if e.occurredAt.epochSeconds > context.recordedAt.epochSeconds + context.futureTolerance {
            throw broken(.futureTime, "occurred_at \(e.occurredAt) lies in the future (after recorded_at \(context.recordedAt))")
        }
        guard let s = state else {
            guard case .caseOpened(let opened) = e.payload else {
                throw .unknownCase(id)
            }
            try checkDistrict(opened.district, context, id)
            try BirthDateRule.check(opened.person, latest: context.zone.date(of: e.occurredAt))
            return e.payload
        }
        let type = e.type
        if type == .caseOpened {
            throw broken(.caseExists, "case already exists: case.opened is accepted only once per case")
        }
        if s.isErased && type == .caseErased {
            throw broken(.caseErased, "the case is already erased: its key was destroyed then, and there is nothing left to erase")
        }
        if s.isErased && type != .entryCorrected {
            throw broken(.caseErased, "the case was erased: only entry.corrected of non-personal fields is accepted")
        }
        if s.isRestricted && type == .caseRestricted {
            throw broken(.caseRestricted, "the case is already restricted")
        }
        if s.isRestricted && !type.allowedWhileRestricted {
            throw broken(.caseRestricted, "the case is restricted (Art. 18 GDPR): \(type.rawValue) waits until the restriction is lifted (only entry.corrected, case.restriction_lifted, case.erased are accepted)")
        }
        if !s.isOpen && !type.allowedWhileClosed {
            throw broken(.caseMustBeOpen, "the case is closed: \(type.rawValue) is not accepted (only case.reopened, entry.corrected, case.erased, tenancy.checked, case.restricted, case.restriction_lifted)")
        }
        if type != .entryCorrected && type != .caseErased {
            let afterClose = type == .caseReopened || type == .tenancyChecked
            let since = afterClose ? (s.lastClosedSeconds ?? s.episodeStartSeconds) : s.episodeStartSeconds
            if e.occurredAt.epochSeconds < since {
                throw broken(.occurredOrder, "occurred_at \(e.occurredAt) lies before the \(afterClose ? "close" : "start of the current episode")")
            }
        }
        let eventDate = context.zone.date(of: e.occurredAt)
        switch e.payload {
        case .situationAnalysed(let a):
            if e.schema < 2 && a.hasSchema2Fields {
                throw broken(.tenancyDates, "notice_date, notice_kind and suit_date belong to schema 2 of situation.analysed, not schema \(e.schema)")
            }
            try TenancyDateRules.check(a, eventDate: eventDate, broken)
        case .housingSecured(let h):
            try checkEffective(h.effective, eventDate: eventDate, s, broken)
        case .emergencyAccommodated(let a):
            try checkEffective(a.effective, eventDate: eventDate, s, broken)
        case .tenancyChecked:
            guard !s.isOpen, s.closeReason == .housingSecured else {
                throw broken(.checkAfterSecuredClose, s.isOpen
                    ? "the case is open: a tenancy check is recorded after the office closed the case with housing secured"
                    : "the case was last closed \(s.closeReason?.rawValue ?? "without a reason"), not housing_secured: a tenancy check needs a secured home to check")
            }
        case .caseRestricted:
            guard !s.isRestricted else { throw broken(.caseRestricted, "the case is already restricted") }
        case .caseRestrictionLifted:
            guard s.isRestricted else { throw broken(.caseMustBeRestricted, "the case is not restricted: there is nothing to lift") }
        case .caseReopened:
            guard !s.isOpen else { throw broken(.caseMustBeClosed, "the case is open: only a closed case can be reopened") }
        case .caseErased:
            guard !s.isOpen else { throw broken(.caseMustBeClosed, "the case is open: close it before erasing it") }
        case .referralMade(let m):
            let expected = s.referralsMade + 1
            guard m.referral == expected else {
                throw broken(.referralNumber, "referral number \(m.referral) is not the next one (\(expected))")
            }
        case .referralConcluded(let c):
            guard let referral = s.referrals.first(where: { $0.number == c.referral }) else {
                throw broken(.referralMustBeOpen, "no referral \(c.referral) in this case")
            }
            guard referral.concluded == nil else {
                throw broken(.referralMustBeOpen, "referral \(c.referral) is already concluded")
            }
        case .caseReassigned(let r):
            guard r.caseworker != s.caseworker else {
                throw broken(.differentCaseworker, "the case is already assigned to \(r.caseworker)")
            }
        case .caseClosed(let c):
            if c.reason == .housingSecured && s.secured.isEmpty {
                throw broken(.securedBeforeClose, "reason housing_secured needs a standing housing.secured in the episode")
            }
        case .entryCorrected(let c):
            return .entryCorrected(try checkCorrection(c, s, record?.episodes ?? [], e.version ?? s.version + 1, context, broken))
        default:
            break
        }
        return e.payload
    }

    /// DOMAIN.md: `effective` not before the episode's start date, nor more
    /// than 365 days after the event's own date.
    static func checkEffective(_ effective: LocalDate, eventDate: LocalDate, _ s: CaseState,
                               _ broken: (RuleViolation.Rule, String) -> LedgerError) throws(LedgerError) {
        if effective < s.episodeStart {
            throw broken(.effectiveDate, "effective \(effective) lies before the episode's start \(s.episodeStart)")
        }
        if eventDate.days(until: effective) > 365 {
            throw broken(.effectiveDate, "effective \(effective) lies more than 365 days after the event's own date \(eventDate)")
        }
    }

    static func checkDistrict(_ district: String, _ context: RuleContext, _ id: String) throws(LedgerError) {
        guard context.districts.contains(district) else {
            let error = VocabularyError(field: "district", value: district, allowed: context.districts)
            throw .ruleBroken(RuleViolation(.district, case: id, error.description))
        }
    }

    static func checkCorrection(_ c: EntryCorrected, _ s: CaseState, _ episodes: [EpisodeFacts], _ version: UInt32, _ context: RuleContext,
                                _ broken: (RuleViolation.Rule, String) -> LedgerError) throws(LedgerError) -> EntryCorrected {
        guard c.target >= 1, c.target < Int(version), c.target <= s.entries.count else {
            throw broken(.correctionTarget, "correction target \(c.target) is not an earlier version of this case")
        }
        let target = s.entries[c.target - 1]
        guard !target.voided else { throw broken(.correctionTarget, "version \(c.target) is already voided") }
        guard target.type != .entryCorrected else {
            throw broken(.correctionTarget, "version \(c.target) is itself a correction and cannot be corrected")
        }
        switch c.action {
        case .void:
            switch target.type {
            case .caseOpened, .caseClosed, .caseReopened, .caseErased:
                throw broken(.correctionTarget, "cannot void \(target.type.rawValue) (version \(c.target)); it can only be amended")
            case .referralMade:
                if let r = s.referrals.first(where: { $0.version == UInt32(c.target) }), r.concluded != nil {
                    throw broken(.correctionTarget, "cannot void referral \(r.number): it is concluded; void the conclusion first")
                }
            case .housingSecured:
                let episode = target.episode
                let closedSecured = episode >= 1 && episode <= episodes.count && episodes[episode - 1].closeReason == .housingSecured
                let standing = standingSecured(in: episode, s)
                if closedSecured && standing <= 1 {
                    throw broken(.securedBeforeClose, "cannot void the only housing.secured of an episode closed as housing_secured")
                }
            default:
                break
            }
            return c
        case .amend:
            guard let replacement = c.replacement else {
                throw broken(.correctionTarget, "an amend needs a replacement payload")
            }
            guard target.type != .caseErased else { throw broken(.correctionTarget, "case.erased cannot be amended") }
            let schema = Int(target.schema)
            if case .unread(let object) = replacement, target.type == .situationAnalysed, schema < 2,
               let added = object.keys.first(where: { !Upcast.keys(of: .situationAnalysed, schema: schema).contains($0)
                                                      && Upcast.keys(of: .situationAnalysed, schema: 2).contains($0) }) {
                throw broken(.correctionSchema, "version \(c.target) is a schema 1 analysis: it cannot gain \(added) by a correction (record a new analysis instead)")
            }
            let typed = try replacement.read(as: target.type, schema: schema, path: "data.replacement")
            var plainPersonal = false
            typed.forEachPersonalField { field, _ in if !field.isSealed { plainPersonal = true } }
            if s.isErased && plainPersonal {
                throw broken(.caseErased, "the case was erased: its personal fields are gone for good; an amendment may change only non-personal fields and carries the sealed ones over")
            }
            switch typed {
            case .situationAnalysed(let a):
                if target.schema < 2 && a.hasSchema2Fields {
                    throw broken(.correctionSchema, "version \(c.target) is a schema 1 analysis: it cannot gain notice_date, notice_kind or suit_date by a correction (record a new analysis instead)")
                }
                // Checked against the date of the correction: the target's own date is not in the state.
                try TenancyDateRules.check(a, eventDate: context.zone.date(of: context.recordedAt), broken)
            case .caseOpened(let o):
                try checkDistrict(o.district, context, s.caseID.rawValue)
                try BirthDateRule.check(o.person, latest: context.zone.date(of: context.recordedAt), path: "data.replacement.person")
            case .referralMade(let m):
                if let r = s.referrals.first(where: { $0.version == UInt32(c.target) }), r.number != m.referral {
                    throw broken(.referralNumber, "an amend cannot renumber referral \(r.number)")
                }
            case .referralConcluded(let rc):
                if let r = s.referrals.first(where: { $0.concludedVersion == UInt32(c.target) }), r.number != rc.referral {
                    throw broken(.referralNumber, "an amend cannot move a conclusion to another referral")
                }
            case .caseClosed(let closed):
                if closed.reason == .housingSecured && standingSecured(in: target.episode, s) == 0 {
                    throw broken(.securedBeforeClose, "reason housing_secured needs a standing housing.secured in the episode")
                }
            default:
                break
            }
            return EntryCorrected(target: c.target, action: .amend, replacement: typed, reason: c.reason)
        }
    }

    /// Standing housing.secured entries of an episode.
    static func standingSecured(in episode: Int, _ s: CaseState) -> Int {
        s.entries.reduce(0) { $0 + ($1.type == .housingSecured && $1.episode == episode && !$1.voided ? 1 : 0) }
    }
}
