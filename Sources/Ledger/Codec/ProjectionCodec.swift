/// Binary forms of the stored projections: `case_state` (a `CaseState`) and
/// `episodes` (one `EpisodeFacts` per key, in ProjectionCodec+Episode.swift),
/// documented in Docs/STORAGE.md. `version` counts changes of these forms and
/// of what `CaseProjector` computes (2: emergencies go to the episode in force
/// at their effective date; 4: each episode value begins with its
/// `EpisodeSpan`; 5: tenancy law: stage, Schonfrist, checks, restriction,
/// entry schemas; 6: each entry's position, the case index of format 2),
/// so that such a change rebuilds the projections. Promises:
/// decode(encode(x)) == x; a stored record from a different projection
/// version is never read (the projection is rebuilt).
public enum ProjectionCodec {
    public static let version: UInt32 = 6

    public static func encode(_ s: CaseState) -> [UInt8] {
        var w = ByteWriter(capacity: 128 + s.entries.count * 2)
        encode(s, into: &w)
        return w.bytes
    }

    /// Appends the stored form of `s` to `w` (a rebuild reuses one writer for every case).
    static func encode(_ s: CaseState, into w: inout ByteWriter) {
        w.varint(UInt64(s.version))
        w.varint(s.entries.count)
        var position: UInt64 = 0
        for e in s.entries {
            // 0x40: a schema byte follows (any schema but 1).
            w.u8(e.type.code | (e.voided ? 0x80 : 0) | (e.schema != 1 ? 0x40 : 0))
            if e.schema != 1 { w.u8(e.schema) }
            w.varint(e.episode)
            // The position as the step from the entry before (the first from 0): two or three bytes, not eight.
            w.varint(e.position &- position)
            position = e.position
        }
        w.string(s.district); w.u8(s.source.code)
        w.varint(s.household.adults); w.varint(s.household.children)
        w.string(s.caseworker)
        w.varint(s.episode)
        w.u8((s.isOpen ? 1 : 0) | (s.isErased ? 2 : 0) | (s.isRestricted ? 4 : 0))
        w.signed(s.episodeStartSeconds); w.date(s.episodeStart)
        optional(s.lastClosedSeconds, &w) { w, x in w.signed(x) }
        optional(s.lastClosed, &w) { w, x in w.date(x) }
        optional(s.closeReason, &w) { w, x in w.u8(x.code) }
        optional(s.analysis, &w) { w, a in
            w.varint(UInt64(a.version)); w.date(a.date)
            w.varint(a.causes.count)
            for c in a.causes { w.u8(c.code) }
            w.u8(a.risk.code)
            optional(a.evictionDate, &w) { w, x in w.date(x) }
            optional(a.arrearsCents, &w) { w, x in w.signed(x) }
            optional(a.noticeDate, &w) { w, x in w.date(x) }
            optional(a.noticeKind, &w) { w, x in w.u8(x.code) }
            optional(a.suitDate, &w) { w, x in w.date(x) }
        }
        w.varint(s.secured.count)
        for x in s.secured { w.varint(UInt64(x.version)); w.u8(x.kind.code); w.date(x.effective) }
        w.varint(s.referrals.count)
        for r in s.referrals {
            w.varint(r.number); w.varint(UInt64(r.version)); w.u8(r.agency.code); w.varint(r.episode); w.date(r.made)
            optional(r.concluded, &w) { w, x in w.date(x) }
            optional(r.result, &w) { w, x in w.u8(x.code) }
            optional(r.concludedVersion, &w) { w, x in w.varint(UInt64(x)) }
        }
        w.varint(s.followUps.count)
        for f in s.followUps { w.varint(UInt64(f.version)); w.date(f.due); w.string(f.purpose) }
        w.varint(UInt64(s.lastContactVersion))
        optional(s.lastContact, &w) { w, x in w.date(x) }
    }

    public static func decodeState(_ bytes: UnsafeRawBufferPointer, caseID: CaseID) throws(CodecError) -> CaseState {
        var r = ByteReader(bytes)
        var s = CaseState(caseID: caseID)
        s.version = try u32(&r)
        let entryCount = try r.int()
        s.entries.reserveCapacity(entryCount)
        var position: UInt64 = 0
        for _ in 0..<entryCount {
            let code = try r.u8()
            guard let type = EventType(code: code & 0x3f) else { throw .malformed("entry type") }
            let schema = code & 0x40 != 0 ? try r.u8() : 1
            let episode = try r.int()
            position = position &+ (try r.varint())
            s.entries.append(EntryInfo(type: type, episode: episode, voided: code & 0x80 != 0, schema: schema, position: position))
        }
        s.district = try r.string(); s.source = try vocab(&r)
        s.household = Household(adults: try r.int(), children: try r.int())
        s.caseworker = try r.string()
        s.episode = try r.int()
        let flags = try r.u8()
        s.isOpen = flags & 1 != 0; s.isErased = flags & 2 != 0; s.isRestricted = flags & 4 != 0
        s.episodeStartSeconds = try r.signed(); s.episodeStart = try r.date()
        s.lastClosedSeconds = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.signed() }
        s.lastClosed = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
        s.closeReason = try optional(&r) { (r: inout ByteReader) throws(CodecError) -> CloseReason in try vocab(&r) }
        s.analysis = try optional(&r) { (r: inout ByteReader) throws(CodecError) -> AnalysisInfo in
            let version = try u32(&r), date = try r.date()
            let n = try r.int()
            var causes: [Cause] = []
            for _ in 0..<n { causes.append(try vocab(&r)) }
            let risk: Risk = try vocab(&r)
            let eviction = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
            let arrears = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.signed() }
            let notice = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
            let kind = try optional(&r) { (r: inout ByteReader) throws(CodecError) -> NoticeKind in try vocab(&r) }
            let suit = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
            return AnalysisInfo(version: version, date: date, causes: causes, risk: risk, evictionDate: eviction,
                                arrearsCents: arrears, noticeDate: notice, noticeKind: kind, suitDate: suit)
        }
        for _ in 0..<(try r.int()) {
            s.secured.append(SecuredInfo(version: try u32(&r), kind: try vocab(&r), effective: try r.date()))
        }
        for _ in 0..<(try r.int()) {
            var ref = ReferralInfo(number: try r.int(), version: try u32(&r), agency: try vocab(&r), episode: try r.int(), made: try r.date())
            ref.concluded = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
            ref.result = try optional(&r) { (r: inout ByteReader) throws(CodecError) -> ReferralResult in try vocab(&r) }
            ref.concludedVersion = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try u32(&r) }
            s.referrals.append(ref)
        }
        for _ in 0..<(try r.int()) {
            s.followUps.append(FollowUpInfo(version: try u32(&r), due: try r.date(), purpose: try r.string()))
        }
        s.lastContactVersion = try u32(&r)
        s.lastContact = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
        try r.expectEnd("a case state")
        return s
    }

    // MARK: helpers

    static func optional<T>(_ value: T?, _ w: inout ByteWriter, _ body: (inout ByteWriter, T) -> Void) {
        if let value { w.u8(1); body(&w, value) } else { w.u8(0) }
    }

    static func optional<T>(_ r: inout ByteReader, _ body: (inout ByteReader) throws(CodecError) -> T) throws(CodecError) -> T? {
        try r.u8() == 0 ? nil : try body(&r)
    }

    static func vocab<V: Vocabulary>(_ r: inout ByteReader) throws(CodecError) -> V {
        guard let v = V(code: try r.u8()) else { throw .malformed("unknown \(V.vocabularyName) code") }
        return v
    }

    static func u32(_ r: inout ByteReader) throws(CodecError) -> UInt32 {
        let v = try r.varint()
        guard v <= UInt64(UInt32.max) else { throw .malformed("value out of range") }
        return UInt32(v)
    }
}
