/// Turns a command into the event to append, given the case's record: the
/// `decide` step. It fills what the office does not type (the next referral
/// number, a correction's full replacement) and leaves every rule to `Rules`.
enum Decide {
    static func payload(_ command: CaseCommand, record: CaseRecord?, amendTarget: () throws -> Payload?) throws -> Payload {
        func note(_ text: String?, _ field: String) throws(LedgerError) -> PersonalField? {
            guard let text else { return nil }
            try TextField.check(text, field: field, maxLength: 1000, multiline: true)
            return .plain(.string(text))
        }
        switch command {
        case .open(let district, let source, let household, let caseworker, let person):
            try TextField.checkName(caseworker, field: "caseworker")
            guard (1...30).contains(household.adults), (0...30).contains(household.children) else {
                throw LedgerError.usage("a household needs 1 to 30 adults and 0 to 30 children")
            }
            try TextField.check(person.name, field: "name", maxLength: 200)
            try TextField.check(person.address, field: "address", maxLength: 300)
            try TextField.check(person.phone, field: "phone", maxLength: 60, allowEmpty: true)
            let value = JSONValue.object(JSONObject([("address", .string(person.address)),
                                                     ("birth_date", .string(person.birthDate.description)),
                                                     ("name", .string(person.name)), ("phone", .string(person.phone))]))
            return .caseOpened(CaseOpened(district: district, source: source, household: household,
                                          caseworker: caseworker, person: .plain(value)))
        case .contact(_, let channel, let text):
            return .contactRecorded(ContactRecorded(channel: channel, note: try note(text, "note")))
        case .analyse(_, let causes, let risk, let eviction, let arrears, let text, let tenancy):
            guard !causes.isEmpty else { throw LedgerError.usage("an analysis needs at least one cause") }
            guard Set(causes).count == causes.count else { throw LedgerError.usage("a cause is named twice") }
            return .situationAnalysed(SituationAnalysed(causes: causes, risk: risk, evictionDate: eviction,
                                                        arrearsCents: arrears, note: try note(text, "note"),
                                                        noticeDate: tenancy.noticeDate, noticeKind: tenancy.noticeKind,
                                                        suitDate: tenancy.suitDate))
        case .mediate(_, let party, let outcome, let amount, let text):
            return .mediationRecorded(MediationRecorded(party: party, outcome: outcome, amountCents: amount,
                                                        note: try note(text, "note")))
        case .refer(_, let agency, let text):
            return .referralMade(ReferralMade(referral: (record?.state.referralsMade ?? 0) + 1, agency: agency,
                                              note: try note(text, "note")))
        case .concludeReferral(_, let referral, let result):
            return .referralConcluded(ReferralConcluded(referral: referral, result: result))
        case .followUp(_, let due, let purpose):
            try TextField.check(purpose, field: "purpose", maxLength: 200)
            return .followUpScheduled(FollowUpScheduled(due: due, purpose: purpose))
        case .secure(_, let kind, let effective):
            return .housingSecured(HousingSecured(kind: kind, effective: effective))
        case .accommodate(_, let effective, let place):
            try TextField.check(place, field: "place", maxLength: 300)
            return .emergencyAccommodated(EmergencyAccommodated(effective: effective, place: .plain(.string(place))))
        case .reassign(_, let caseworker):
            try TextField.checkName(caseworker, field: "caseworker")
            return .caseReassigned(CaseReassigned(caseworker: caseworker))
        case .close(_, let reason):
            return .caseClosed(CaseClosed(reason: reason))
        case .reopen(_, let reason):
            try TextField.check(reason, field: "reason", maxLength: 200)
            return .caseReopened(CaseReopened(reason: reason))
        case .correct(_, let target, let change, let reason):
            try TextField.check(reason, field: "reason", maxLength: 500)
            switch change {
            case .void:
                return .entryCorrected(EntryCorrected(target: target, action: .void, replacement: nil, reason: reason))
            case .amend(let edits):
                if let state = record?.state, state.isErased,
                   let personal = edits.first(where: { PersonalFieldName(wirePath: $0.field) != nil }) {
                    throw LedgerError.ruleBroken(RuleViolation(.caseErased, case: state.caseID.rawValue,
                        "the case was erased: its personal fields are gone for good and cannot be amended (\(personal.field)); only non-personal fields can"))
                }
                guard let current = try amendTarget() else {
                    throw LedgerError.ruleBroken(RuleViolation(.correctionTarget, case: record?.state.caseID.rawValue ?? "?",
                                                               "correction target \(target) is not an earlier version of this case"))
                }
                let replacement = try Amendment.apply(edits, to: current)
                return .entryCorrected(EntryCorrected(target: target, action: .amend, unreadReplacement: replacement, reason: reason))
            }
        case .erase(_, let reason):
            return .caseErased(CaseErased(reason: reason))
        case .check(_, let status):
            return .tenancyChecked(TenancyChecked(status: status))
        case .restrict(_, let reason):
            return .caseRestricted(CaseRestricted(reason: reason))
        case .lift(_, let reason):
            try TextField.check(reason, field: "reason", maxLength: 200)
            return .caseRestrictionLifted(CaseRestrictionLifted(reason: reason))
        }
    }
}
