/// The compact binary form of an event as stored in the `events` database
/// (documented in Docs/STORAGE.md). Version 1 layout:
///
///     u8 format (=1) | u8 type | u8 schema | varint version | string case
///     | time occurred_at | time recorded_at | string actor | 32 bytes hash | payload
///
/// `position` is the key and `prev` is the previous event's hash, so neither
/// is stored twice. Promises: `decode(encode(e))` == `e` for every sealed
/// event; a plain personal field or an unread replacement is refused, never written.
public enum EventBinaryCodec {
    public static let formatVersion: UInt8 = 1

    /// How much of the payload to materialise. Projections never need the
    /// sealed bytes, so `.skippingPersonal` leaves them out (as empty `.sealed`).
    public enum Detail: Sendable { case full, skippingPersonal }

    public static func encode(_ event: Event, into w: inout ByteWriter) throws(CodecError) {
        w.u8(formatVersion)
        w.u8(event.type.code)
        w.u8(UInt8(clamping: event.schema))
        w.varint(UInt64(event.version))
        w.string(event.caseID.rawValue)
        timestamp(event.occurredAt, &w)
        timestamp(event.recordedAt, &w)
        w.string(event.actor)
        w.hash(event.hash)
        try payload(event.payload, &w)
    }

    public static func encode(_ event: Event) throws(CodecError) -> [UInt8] {
        var w = ByteWriter()
        try encode(event, into: &w)
        return w.bytes
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer, position: UInt64, prev: ChainHash,
                              detail: Detail = .full) throws(CodecError) -> Event {
        // A position is written as a JSON integer (Int64): a damaged key beyond that is no position.
        guard position >= 1, position <= UInt64(Int64.max) else { throw .malformed("position out of range") }
        var r = ByteReader(bytes)
        let format = try r.u8()
        guard format == formatVersion else { throw .unknownFormat(format) }
        guard let type = EventType(code: try r.u8()) else { throw .malformed("unknown event type code") }
        let schema = Int(try r.u8())
        let version = try r.varint()
        guard version > 0, version <= UInt64(UInt32.max) else { throw .malformed("version out of range") }
        let caseText = try r.string()
        guard let caseID = CaseID(caseText) else { throw .malformed("case id") }
        let occurred = try timestamp(&r)
        let recorded = try timestamp(&r)
        let actor = try r.string()
        let hash = try r.hash()
        let body = try wholePayload(type, &r, detail)
        return Event(position: position, caseID: caseID, version: UInt32(version), schema: schema,
                     occurredAt: occurred, recordedAt: recorded, actor: actor, payload: body, prev: prev, hash: hash)
    }

    /// Reads only the stored hash of an encoded event (for chaining without a full decode).
    public static func storedHash(_ bytes: UnsafeRawBufferPointer) throws(CodecError) -> ChainHash {
        var r = ByteReader(bytes)
        guard try r.u8() == formatVersion else { throw .malformed("format") }
        _ = try r.u8(); _ = try r.u8(); _ = try r.varint()
        try r.skipBlob()
        _ = try timestamp(&r); _ = try timestamp(&r)
        try r.skipBlob()
        return try r.hash()
    }

    // MARK: timestamps

    static func timestamp(_ t: Timestamp, _ w: inout ByteWriter) {
        w.signed(t.epochSeconds)
        w.u8(t.fractionDigits | (t.offsetMinutes == nil ? 0 : 0x10))
        if t.fractionDigits > 0 { w.varint(UInt64(t.fraction)) }
        if let offset = t.offsetMinutes { w.signed(Int64(offset)) }
    }

    static func timestamp(_ r: inout ByteReader) throws(CodecError) -> Timestamp {
        let seconds = try r.signed()
        let flags = try r.u8()
        let digits = flags & 0x0f
        guard digits <= 9 else { throw .malformed("timestamp fraction") }
        let fraction = digits > 0 ? UInt32(truncatingIfNeeded: try r.varint()) : 0
        var offset: Int16? = nil
        if flags & 0x10 != 0 { offset = Int16(truncatingIfNeeded: try r.signed()) }
        return Timestamp(epochSeconds: seconds, fraction: fraction, fractionDigits: digits, offsetMinutes: offset)
    }

    // MARK: payloads

    static func payload(_ p: Payload, _ w: inout ByteWriter) throws(CodecError) {
        switch p {
        case .caseOpened(let o):
            w.string(o.district); w.u8(o.source.code)
            w.varint(o.household.adults); w.varint(o.household.children)
            w.string(o.caseworker); try personal(o.person, &w)
        case .contactRecorded(let c):
            w.u8(c.channel.code); try optionalPersonal(c.note, &w)
        case .situationAnalysed(let a):
            w.varint(a.causes.count)
            for cause in a.causes { w.u8(cause.code) }
            w.u8(a.risk.code)
            optionalDate(a.evictionDate, &w)
            optionalCents(a.arrearsCents, &w)
            try optionalPersonal(a.note, &w)
            schema2Dates(a, &w)
        case .mediationRecorded(let m):
            w.u8(m.party.code); w.u8(m.outcome.code)
            optionalCents(m.amountCents, &w)
            try optionalPersonal(m.note, &w)
        case .referralMade(let m):
            w.varint(m.referral); w.u8(m.agency.code); try optionalPersonal(m.note, &w)
        case .referralConcluded(let c):
            w.varint(c.referral); w.u8(c.result.code)
        case .followUpScheduled(let f):
            w.date(f.due); w.string(f.purpose)
        case .housingSecured(let s):
            w.u8(s.kind.code); w.date(s.effective)
        case .emergencyAccommodated(let e):
            w.date(e.effective); try personal(e.place, &w)
        case .caseReassigned(let r):
            w.string(r.caseworker)
        case .caseClosed(let c):
            w.u8(c.reason.code)
        case .caseReopened(let r):
            w.string(r.reason)
        case .entryCorrected(let c):
            w.varint(c.target); w.u8(c.action.code); w.string(c.reason)
            switch c.replacement {
            case .read(let replacement)?:
                w.u8(replacement.type.code)
                try payload(replacement, &w)
            case .unread?:
                throw .malformed("replacement not read as its target's type")
            case nil:
                w.u8(0xff)
            }
        case .caseErased(let e):
            w.u8(e.reason.code)
        case .tenancyChecked(let c):
            w.u8(c.status.code)
        case .caseRestricted(let r):
            w.u8(r.reason.code)
        case .caseRestrictionLifted(let l):
            w.string(l.reason)
        }
    }

    /// The payload, which must end the stored event: trailing bytes are refused (no hash covers them).
    static func wholePayload(_ type: EventType, _ r: inout ByteReader, _ detail: Detail) throws(CodecError) -> Payload {
        let body = try payload(type, &r, detail)
        try r.expectEnd("an event")
        return body
    }

    static func payload(_ type: EventType, _ r: inout ByteReader, _ detail: Detail) throws(CodecError) -> Payload {
        switch type {
        case .caseOpened:
            let district = try r.string()
            let source: Source = try vocab(&r)
            let adults = try r.int(), children = try r.int()
            let caseworker = try r.string()
            let person = try personal(&r, detail)
            return .caseOpened(CaseOpened(district: district, source: source,
                                          household: Household(adults: adults, children: children),
                                          caseworker: caseworker, person: person))
        case .contactRecorded:
            let channel: Channel = try vocab(&r)
            return .contactRecorded(ContactRecorded(channel: channel, note: try optionalPersonal(&r, detail)))
        case .situationAnalysed:
            let count = try r.int()
            guard count <= Cause.allCases.count else { throw .malformed("too many causes") }
            var causes: [Cause] = []
            causes.reserveCapacity(count)
            for _ in 0..<count { causes.append(try vocab(&r)) }
            let risk: Risk = try vocab(&r)
            let eviction = try optionalDate(&r)
            let arrears = try optionalCents(&r)
            var analysis = SituationAnalysed(causes: causes, risk: risk, evictionDate: eviction,
                                             arrearsCents: arrears, note: try optionalPersonal(&r, detail))
            try schema2Dates(&analysis, &r)
            return .situationAnalysed(analysis)
        case .mediationRecorded:
            let party: Party = try vocab(&r)
            let outcome: MediationOutcome = try vocab(&r)
            let amount = try optionalCents(&r)
            return .mediationRecorded(MediationRecorded(party: party, outcome: outcome, amountCents: amount,
                                                        note: try optionalPersonal(&r, detail)))
        case .referralMade:
            let number = try r.int()
            let agency: Agency = try vocab(&r)
            return .referralMade(ReferralMade(referral: number, agency: agency, note: try optionalPersonal(&r, detail)))
        case .referralConcluded:
            let number = try r.int()
            return .referralConcluded(ReferralConcluded(referral: number, result: try vocab(&r)))
        case .followUpScheduled:
            let due = try r.date()
            return .followUpScheduled(FollowUpScheduled(due: due, purpose: try r.string()))
        case .housingSecured:
            let kind: HousingKind = try vocab(&r)
            return .housingSecured(HousingSecured(kind: kind, effective: try r.date()))
        case .emergencyAccommodated:
            let effective = try r.date()
            return .emergencyAccommodated(EmergencyAccommodated(effective: effective, place: try personal(&r, detail)))
        case .caseReassigned:
            return .caseReassigned(CaseReassigned(caseworker: try r.string()))
        case .caseClosed:
            return .caseClosed(CaseClosed(reason: try vocab(&r)))
        case .caseReopened:
            return .caseReopened(CaseReopened(reason: try r.string()))
        case .entryCorrected:
            let target = try r.int()
            let action: CorrectionAction = try vocab(&r)
            let reason = try r.string()
            let code = try r.u8()
            var replacement: Payload? = nil
            if code != 0xff {
                guard let replacedType = EventType(code: code), replacedType != .entryCorrected else {
                    throw .malformed("replacement type")
                }
                replacement = try payload(replacedType, &r, detail)
            }
            return .entryCorrected(EntryCorrected(target: target, action: action, replacement: replacement, reason: reason))
        case .caseErased:
            return .caseErased(CaseErased(reason: try vocab(&r)))
        case .tenancyChecked:
            return .tenancyChecked(TenancyChecked(status: try vocab(&r)))
        case .caseRestricted:
            return .caseRestricted(CaseRestricted(reason: try vocab(&r)))
        case .caseRestrictionLifted:
            return .caseRestrictionLifted(CaseRestrictionLifted(reason: try r.string()))
        }
    }

    /// Marks the schema 2 dates of an analysis that follow its note.
    static let schema2Tag: UInt8 = 2

    /// The schema 2 dates of an analysis, written after its note only when one
    /// is present, behind a tag byte: so a schema 1 analysis (and a schema 2 one
    /// without them) keeps exactly the bytes that format 1 always gave it. An
    /// analysis is the last thing in its event, also as a correction's replacement.
    static func schema2Dates(_ a: SituationAnalysed, _ w: inout ByteWriter) {
        guard a.hasSchema2Fields else { return }
        w.u8(schema2Tag)
        optionalDate(a.noticeDate, &w)
        w.u8(a.noticeKind.map(\.code) ?? 0xff)
        optionalDate(a.suitDate, &w)
    }

    static func schema2Dates(_ a: inout SituationAnalysed, _ r: inout ByteReader) throws(CodecError) {
        guard !r.isAtEnd else { return }
        guard try r.u8() == schema2Tag else { throw .malformed("analysis extension") }
        a.noticeDate = try optionalDate(&r)
        let kind = try r.u8()
        if kind != 0xff {
            guard let value = NoticeKind(code: kind) else { throw .malformed("unknown notice_kind code") }
            a.noticeKind = value
        }
        a.suitDate = try optionalDate(&r)
        guard a.hasSchema2Fields else { throw .malformed("empty analysis extension") }
    }

    static func vocab<V: Vocabulary>(_ r: inout ByteReader) throws(CodecError) -> V {
        guard let value = V(code: try r.u8()) else { throw .malformed("unknown \(V.vocabularyName) code") }
        return value
    }

    static func personal(_ field: PersonalField, _ w: inout ByteWriter) throws(CodecError) {
        guard case .sealed(let bytes) = field, !bytes.isEmpty else { throw .malformed("personal field not sealed") }
        w.blob(bytes)
    }

    static func optionalPersonal(_ field: PersonalField?, _ w: inout ByteWriter) throws(CodecError) {
        if let field { try personal(field, &w) } else { w.varint(0) }
    }

    static func personal(_ r: inout ByteReader, _ detail: Detail) throws(CodecError) -> PersonalField {
        guard let field = try optionalPersonal(&r, detail) else { throw .malformed("missing personal field") }
        return field
    }

    static func optionalPersonal(_ r: inout ByteReader, _ detail: Detail) throws(CodecError) -> PersonalField? {
        let count = try r.int()
        if count == 0 { return nil }
        let raw = try r.bytes(count)
        return detail == .full ? .sealed(Array(raw)) : .sealed([])
    }

    static func optionalDate(_ d: LocalDate?, _ w: inout ByteWriter) {
        if let d { w.u8(1); w.date(d) } else { w.u8(0) }
    }

    static func optionalDate(_ r: inout ByteReader) throws(CodecError) -> LocalDate? {
        try r.u8() == 0 ? nil : try r.date()
    }

    static func optionalCents(_ c: Int64?, _ w: inout ByteWriter) {
        if let c { w.u8(1); w.signed(c) } else { w.u8(0) }
    }

    static func optionalCents(_ r: inout ByteReader) throws(CodecError) -> Int64? {
        try r.u8() == 0 ? nil : try r.signed()
    }
}
