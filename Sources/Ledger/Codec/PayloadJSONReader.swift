/// Reads the `data` object of each event type. Promises: exactly the keys of
/// DOMAIN.md's payload table, each of the right type and vocabulary; personal
/// fields are accepted plain (to be sealed) or as `{"sealed": base64}`; a
/// correction's replacement is kept unread (see `Replacement`).
enum PayloadJSONReader {
    /// Reads `d` as the payload of `type` in `schema`, lifted to the current
    /// in-memory form by `Upcast` (a schema 1 analysis has no tenancy dates).
    static func read(_ type: EventType, schema: Int, _ d: JSONObject, path: String) throws(LedgerError) -> Payload {
        switch type {
        case .caseOpened:
            try only(d, Keys.caseOpened, type, path)
            let district = try text(d, "district", path)
            try TextField.checkName(district, field: "\(path).district")
            guard case .object(let h)? = d["household"] else {
                throw EventJSONReader.missingOrWrong(d, "household", "an object {adults, children}", path: path)
            }
            try only(h, Keys.household, type, "\(path).household")
            let adults = try EventJSONReader.int(h, "adults", path: "\(path).household")
            let children = try EventJSONReader.int(h, "children", path: "\(path).household")
            guard (1...30).contains(adults), (0...30).contains(children) else {
                throw .invalidInput("\(path).household needs 1 to 30 adults and 0 to 30 children")
            }
            let caseworker = try text(d, "caseworker", path)
            try TextField.checkName(caseworker, field: "\(path).caseworker")
            return .caseOpened(CaseOpened(district: district, source: try vocab(d, "source", path),
                                          household: Household(adults: Int(adults), children: Int(children)),
                                          caseworker: caseworker, person: try person(d, path)))
        case .contactRecorded:
            try only(d, Keys.contactRecorded, type, path)
            return .contactRecorded(ContactRecorded(channel: try vocab(d, "channel", path), note: try note(d, .note, path)))
        case .situationAnalysed:
            try onlyInSchema(d, Upcast.keys(of: type, schema: schema), type, schema, path)
            guard case .array(let list)? = d["causes"] else {
                throw EventJSONReader.missingOrWrong(d, "causes", "a list of causes", path: path)
            }
            guard !list.isEmpty else { throw .invalidInput("\(path).causes needs at least one cause") }
            var causes: [Cause] = []
            for item in list {
                guard case .string(let s) = item else { throw .invalidInput("\(path).causes must hold strings") }
                let cause: Cause
                do { cause = try Cause.parse(s) } catch { throw .invalidInput(error.description) }
                guard !causes.contains(cause) else { throw .invalidInput("\(path).causes names '\(s)' twice") }
                causes.append(cause)
            }
            var analysis = SituationAnalysed(causes: causes, risk: try vocab(d, "risk", path),
                                             evictionDate: try optionalDate(d, "eviction_date", path),
                                             arrearsCents: try optionalCents(d, "arrears_cents", path),
                                             note: try note(d, .note, path))
            if schema >= 2 { try readTenancyDates(d, into: &analysis, path) }
            return Upcast.current(.situationAnalysed(analysis), from: schema)
        case .mediationRecorded:
            try only(d, Keys.mediationRecorded, type, path)
            return .mediationRecorded(MediationRecorded(party: try vocab(d, "party", path), outcome: try vocab(d, "outcome", path),
                                                        amountCents: try optionalCents(d, "amount_cents", path),
                                                        note: try note(d, .note, path)))
        case .referralMade:
            try only(d, Keys.referralMade, type, path)
            return .referralMade(ReferralMade(referral: try number(d, "referral", path), agency: try vocab(d, "agency", path),
                                              note: try note(d, .note, path)))
        case .referralConcluded:
            try only(d, Keys.referralConcluded, type, path)
            return .referralConcluded(ReferralConcluded(referral: try number(d, "referral", path),
                                                        result: try vocab(d, "result", path)))
        case .followUpScheduled:
            try only(d, Keys.followUpScheduled, type, path)
            let purpose = try text(d, "purpose", path)
            try TextField.check(purpose, field: "\(path).purpose", maxLength: 200)
            return .followUpScheduled(FollowUpScheduled(due: try date(d, "due", path), purpose: purpose))
        case .housingSecured:
            try only(d, Keys.housingSecured, type, path)
            return .housingSecured(HousingSecured(kind: try vocab(d, "kind", path), effective: try date(d, "effective", path)))
        case .emergencyAccommodated:
            try only(d, Keys.emergencyAccommodated, type, path)
            guard let place = try note(d, .place, path) else { throw .invalidInput("missing field \(path).place") }
            return .emergencyAccommodated(EmergencyAccommodated(effective: try date(d, "effective", path), place: place))
        case .caseReassigned:
            try only(d, Keys.caseReassigned, type, path)
            let caseworker = try text(d, "caseworker", path)
            try TextField.checkName(caseworker, field: "\(path).caseworker")
            return .caseReassigned(CaseReassigned(caseworker: caseworker))
        case .caseClosed:
            try only(d, Keys.reason, type, path)
            return .caseClosed(CaseClosed(reason: try vocab(d, "reason", path)))
        case .caseReopened:
            try only(d, Keys.reason, type, path)
            return .caseReopened(CaseReopened(reason: try freeReason(d, path)))
        case .entryCorrected:
            try only(d, Keys.entryCorrected, type, path)
            let target = try number(d, "target", path)
            let action: CorrectionAction = try vocab(d, "action", path)
            let reason = try text(d, "reason", path)
            try TextField.check(reason, field: "\(path).reason", maxLength: 500)
            var replacement: JSONObject? = nil
            switch (action, d["replacement"]) {
            case (.void, nil): break
            case (.void, _): throw .invalidInput("\(path).replacement is only for action amend, not void")
            case (.amend, .object(let r)?):
                // Its type is the target's: the rules read it once the target is known.
                replacement = r
            case (.amend, _): throw .invalidInput("action amend needs \(path).replacement (an object)")
            }
            return .entryCorrected(EntryCorrected(target: target, action: action, unreadReplacement: replacement, reason: reason))
        case .caseErased:
            try only(d, Keys.reason, type, path)
            return .caseErased(CaseErased(reason: try vocab(d, "reason", path)))
        case .tenancyChecked:
            try only(d, Keys.tenancyChecked, type, path)
            return .tenancyChecked(TenancyChecked(status: try vocab(d, "status", path)))
        case .caseRestricted:
            try only(d, Keys.reason, type, path)
            return .caseRestricted(CaseRestricted(reason: try vocab(d, "reason", path)))
        case .caseRestrictionLifted:
            try only(d, Keys.reason, type, path)
            return .caseRestrictionLifted(CaseRestrictionLifted(reason: try freeReason(d, path)))
        }
    }

    /// A `reason` that is free text, not personal (a reopening's, a lifted restriction's): one line of up to 200 characters.
    static func freeReason(_ d: JSONObject, _ path: String) throws(LedgerError) -> String {
        let reason = try text(d, "reason", path)
        try TextField.check(reason, field: "\(path).reason", maxLength: 200)
        return reason
    }

    /// The schema 2 dates of an analysis (their rules are `TenancyDateRules`, checked when the event is decided).
    static func readTenancyDates(_ d: JSONObject, into a: inout SituationAnalysed, _ path: String) throws(LedgerError) {
        a.noticeDate = try optionalDate(d, "notice_date", path)
        a.noticeKind = d["notice_kind"] == nil ? nil : try vocab(d, "notice_kind", path) as NoticeKind
        a.suitDate = try optionalDate(d, "suit_date", path)
    }

    /// Like `only`, but names the schema when a key belongs to a later one.
    static func onlyInSchema(_ d: JSONObject, _ allowed: [String], _ type: EventType, _ schema: Int,
                             _ path: String) throws(LedgerError) {
        for member in d.members where !allowed.contains(member.key) {
            if Upcast.keys(of: type, schema: type.currentSchema).contains(member.key) {
                throw .invalidInput("\(path).\(member.key) is a field of \(type.rawValue) schema \(type.currentSchema), not of schema \(schema)")
            }
            throw .invalidInput("unknown field \(path).\(member.key.prefix(40)) for \(type.rawValue)")
        }
    }

    /// The keys each payload allows, as lists: payloads have at most five keys,
    /// and comparing small strings beats hashing them into a Set per line.
    enum Keys {
        static let caseOpened: [String] = ["district", "source", "household", "caseworker", "person"]
        static let contactRecorded: [String] = ["channel", "note"]
        static let situationAnalysed: [String] = ["causes", "risk", "eviction_date", "arrears_cents", "note"]
        static let situationAnalysed2: [String] = situationAnalysed + ["notice_date", "notice_kind", "suit_date"]
        static let tenancyChecked: [String] = ["status"]
        static let mediationRecorded: [String] = ["party", "outcome", "amount_cents", "note"]
        static let referralMade: [String] = ["referral", "agency", "note"]
        static let referralConcluded: [String] = ["referral", "result"]
        static let followUpScheduled: [String] = ["due", "purpose"]
        static let housingSecured: [String] = ["kind", "effective"]
        static let emergencyAccommodated: [String] = ["effective", "place"]
        static let caseReassigned: [String] = ["caseworker"]
        static let reason: [String] = ["reason"]
        static let entryCorrected: [String] = ["target", "action", "replacement", "reason"]
        static let household: [String] = ["adults", "children"]
        static let person: [String] = ["name", "birth_date", "address", "phone"]

        static func of(_ type: EventType) -> [String] {
            switch type {
            case .caseOpened: return caseOpened
            case .contactRecorded: return contactRecorded
            case .situationAnalysed: return situationAnalysed2
            case .mediationRecorded: return mediationRecorded
            case .referralMade: return referralMade
            case .referralConcluded: return referralConcluded
            case .followUpScheduled: return followUpScheduled
            case .housingSecured: return housingSecured
            case .emergencyAccommodated: return emergencyAccommodated
            case .caseReassigned: return caseReassigned
            case .caseClosed, .caseReopened, .caseErased, .caseRestricted, .caseRestrictionLifted: return reason
            case .entryCorrected: return entryCorrected
            case .tenancyChecked: return tenancyChecked
            }
        }
    }

    static func only(_ d: JSONObject, _ allowed: [String], _ type: EventType,
                     _ path: @autoclosure () -> String) throws(LedgerError) {
        for member in d.members where !allowed.contains(member.key) {
            throw .invalidInput("unknown field \(path()).\(member.key.prefix(40)) for \(type.rawValue)")
        }
    }

    static func text(_ d: JSONObject, _ key: String, _ path: String) throws(LedgerError) -> String {
        try EventJSONReader.string(d, key, path: path)
    }

    static func vocab<V: Vocabulary>(_ d: JSONObject, _ key: String, _ path: String) throws(LedgerError) -> V {
        let s = try text(d, key, path)
        do { return try V.parse(s) } catch { throw .invalidInput(error.description) }
    }

    static func number(_ d: JSONObject, _ key: String, _ path: String) throws(LedgerError) -> Int {
        let v = try EventJSONReader.int(d, key, path: path)
        guard v >= 1, v <= 1_000_000 else { throw .invalidInput("\(path).\(key) must be 1 or more") }
        return Int(v)
    }

    static func date(_ d: JSONObject, _ key: String, _ path: String) throws(LedgerError) -> LocalDate {
        let s = try text(d, key, path)
        guard let date = LocalDate(s) else {
            throw .invalidInput("\(path).\(key) '\(s.prefix(20))' is not a real date (YYYY-MM-DD)")
        }
        return date
    }

    static func optionalDate(_ d: JSONObject, _ key: String, _ path: String) throws(LedgerError) -> LocalDate? {
        d[key] == nil ? nil : try date(d, key, path)
    }

    static func optionalCents(_ d: JSONObject, _ key: String, _ path: String) throws(LedgerError) -> Int64? {
        guard d[key] != nil else { return nil }
        let v = try EventJSONReader.int(d, key, path: path)
        guard v >= 0, v <= 100_000_000_00 else { throw .invalidInput("\(path).\(key) must be 0 to 10,000,000,000 cents") }
        return v
    }

    /// A personal text: a plain string or `{"sealed": base64}`.
    static func note(_ d: JSONObject, _ name: PersonalFieldName, _ path: String) throws(LedgerError) -> PersonalField? {
        let key = name.rawValue
        guard let value = d[key] else { return nil }
        if let sealed = try sealedForm(value, "\(path).\(key)") { return sealed }
        guard case .string(let s) = value else { throw .invalidInput("\(path).\(key) must be a string or a sealed field") }
        try TextField.check(s, field: "\(path).\(key)", maxLength: 1000, multiline: true)
        return .plain(.string(s))
    }

    static func person(_ d: JSONObject, _ path: String) throws(LedgerError) -> PersonalField {
        guard let value = d[PersonalFieldName.person.rawValue] else { throw .invalidInput("missing field \(path).person") }
        if let sealed = try sealedForm(value, "\(path).person") { return sealed }
        guard case .object(let p) = value else { throw .invalidInput("\(path).person must be an object or a sealed field") }
        let at = "\(path).person"
        try only(p, Keys.person, .caseOpened, at)
        let name = try text(p, "name", at)
        try TextField.check(name, field: "\(at).name", maxLength: 200)
        let birth = try text(p, "birth_date", at)
        guard LocalDate(birth) != nil else { throw .invalidInput("\(at).birth_date is not a real date (YYYY-MM-DD)") }
        let address = try text(p, "address", at)
        try TextField.check(address, field: "\(at).address", maxLength: 300)
        let phone = try text(p, "phone", at)
        try TextField.check(phone, field: "\(at).phone", maxLength: 60, allowEmpty: true)
        return .plain(.object(JSONObject([("address", .string(address)), ("birth_date", .string(birth)),
                                          ("name", .string(name)), ("phone", .string(phone))])))
    }

    static func sealedForm(_ value: JSONValue, _ field: @autoclosure () -> String) throws(LedgerError) -> PersonalField? {
        switch value {
        case .null:
            throw .invalidInput("\(field()) is null: a pseudonymous export cannot be imported")
        case .object(let o) where o["sealed"] != nil:
            guard o.keys == ["sealed"], case .string(let text)? = o["sealed"], let bytes = Base64.decode(text),
                  bytes.count >= SealedBox.overhead else {
                throw .invalidInput("\(field()) is not a valid sealed field ({\"sealed\": base64 of nonce, ciphertext and tag})")
            }
            return .sealed(bytes)
        default:
            return nil
        }
    }
}
