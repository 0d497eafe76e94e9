/// The stored form of one episode (`episodes` database): a fixed header of
/// the episode's `EpisodeSpan` (first day, then last day or `Int32.max` while
/// open, each 4 bytes big-endian two's complement), then its facts. Promises:
/// decode(encode(x)) == x; `episodeSpan` of an encoded value is
/// `EpisodeSpan(x)`, read from the first 8 bytes alone.
extension ProjectionCodec {
    /// The last-day mark of an open episode's span.
    static let openEnded = Int32.max

    public static func encode(_ e: EpisodeFacts) -> [UInt8] {
        var w = ByteWriter(capacity: 104)
        encode(e, into: &w)
        return w.bytes
    }

    /// Appends the stored form of `e` to `w`.
    static func encode(_ e: EpisodeFacts, into w: inout ByteWriter) {
        let span = EpisodeSpan(e)
        w.u32BE(UInt32(bitPattern: span.first.daysSinceEpoch))
        w.u32BE(UInt32(bitPattern: span.last?.daysSinceEpoch ?? openEnded))
        w.string(e.district); w.u8(e.source.code); w.string(e.caseworker)
        w.date(e.start)
        optional(e.end, &w) { w, x in w.date(x) }
        optional(e.closeReason, &w) { w, x in w.u8(x.code) }
        optional(e.firstAnalysis, &w) { w, x in w.date(x) }
        w.varint(e.causes.count)
        for c in e.causes { w.u8(c.code) }
        optional(e.securedEffective, &w) { w, x in w.date(x) }
        optional(e.securedKind, &w) { w, x in w.u8(x.code) }
        w.varint(e.contacts)
        w.varint(e.mediations.count)
        for m in e.mediations { w.date(m.date); w.u8(m.party.code | (m.successful ? 0x80 : 0)) }
        w.varint(e.referrals.count)
        for r in e.referrals {
            w.varint(r.number); w.u8(r.agency.code); w.date(r.made)
            optional(r.concluded, &w) { w, x in w.date(x) }
            optional(r.result, &w) { w, x in w.u8(x.code) }
        }
        w.varint(e.emergencies.count)
        for d in e.emergencies { w.date(d) }
        optional(e.reopened, &w) { w, x in w.date(x) }
        w.u8(e.stage.code)
        optional(e.noticeDate, &w) { w, x in w.date(x) }
        optional(e.noticeKind, &w) { w, x in w.u8(x.code) }
        w.u8((e.schonfrist.applies ? 1 : 0) | (e.schonfrist.blocked ? 2 : 0))
        optional(e.schonfrist.end, &w) { w, x in w.date(x) }
        optional(e.lastArrearsAssumed, &w) { w, x in w.date(x) }
        w.varint(e.checks.count)
        for c in e.checks { w.date(c.date); w.u8(c.status.code) }
    }

    /// The span at the head of a stored episode, without decoding the rest.
    public static func episodeSpan(_ bytes: UnsafeRawBufferPointer) throws(CodecError) -> EpisodeSpan {
        guard bytes.count >= 8 else { throw .truncated }
        let first = Int32(bigEndian: bytes.loadUnaligned(as: Int32.self))
        let last = Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4, as: Int32.self))
        return EpisodeSpan(first: LocalDate(daysSinceEpoch: first),
                           last: last == openEnded ? nil : LocalDate(daysSinceEpoch: last))
    }

    public static func decodeEpisode(_ bytes: UnsafeRawBufferPointer, caseID: CaseID, number: Int) throws(CodecError) -> EpisodeFacts {
        var e = EpisodeFacts(caseID: caseID, number: number, district: "", source: .walkIn, caseworker: "",
                             start: LocalDate(daysSinceEpoch: 0))
        try decodeEpisode(bytes, into: &e)
        return e
    }

    /// Decodes a stored episode into `e`, every field but the case id and
    /// number (which the key holds), reusing the storage of `e`'s lists: a
    /// scan that decodes into one value allocates nothing per episode.
    /// A name not asked for (`district`, `caseworker`) is skipped and left
    /// empty: making a string of each is a third of the decoding.
    static func decodeEpisode(_ bytes: UnsafeRawBufferPointer, into e: inout EpisodeFacts,
                              district: Bool = true, caseworker: Bool = true) throws(CodecError) {
        var r = ByteReader(bytes)
        _ = try r.bytes(8) // the span
        if district { e.district = try r.string() } else { try r.skipBlob(); e.district = "" }
        e.source = try vocab(&r)
        if caseworker { e.caseworker = try r.string() } else { try r.skipBlob(); e.caseworker = "" }
        e.start = try r.date()
        e.end = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
        e.closeReason = try optional(&r) { (r: inout ByteReader) throws(CodecError) -> CloseReason in try vocab(&r) }
        e.firstAnalysis = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
        if !e.causes.isEmpty { e.causes.removeAll(keepingCapacity: true) }
        for _ in 0..<(try r.int()) { e.causes.append(try vocab(&r)) }
        e.securedEffective = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
        e.securedKind = try optional(&r) { (r: inout ByteReader) throws(CodecError) -> HousingKind in try vocab(&r) }
        e.contacts = try r.int()
        if !e.mediations.isEmpty { e.mediations.removeAll(keepingCapacity: true) }
        for _ in 0..<(try r.int()) {
            let date = try r.date()
            let code = try r.u8()
            guard let party = Party(code: code & 0x7f) else { throw .malformed("party") }
            e.mediations.append(MediationFact(date: date, party: party, successful: code & 0x80 != 0))
        }
        if !e.referrals.isEmpty { e.referrals.removeAll(keepingCapacity: true) }
        for _ in 0..<(try r.int()) {
            var fact = ReferralFact(number: try r.int(), agency: try vocab(&r), made: try r.date())
            fact.concluded = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
            fact.result = try optional(&r) { (r: inout ByteReader) throws(CodecError) -> ReferralResult in try vocab(&r) }
            e.referrals.append(fact)
        }
        if !e.emergencies.isEmpty { e.emergencies.removeAll(keepingCapacity: true) }
        for _ in 0..<(try r.int()) { e.emergencies.append(try r.date()) }
        e.reopened = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
        e.stage = try vocab(&r)
        e.noticeDate = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
        e.noticeKind = try optional(&r) { (r: inout ByteReader) throws(CodecError) -> NoticeKind in try vocab(&r) }
        let schonfrist = try r.u8()
        guard schonfrist & ~3 == 0 else { throw .malformed("schonfrist flags") }
        e.schonfrist = Schonfrist(applies: schonfrist & 1 != 0,
                                  end: try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() },
                                  blocked: schonfrist & 2 != 0)
        e.lastArrearsAssumed = try optional(&r) { (r: inout ByteReader) throws(CodecError) in try r.date() }
        if !e.checks.isEmpty { e.checks.removeAll(keepingCapacity: true) }
        for _ in 0..<(try r.int()) { e.checks.append(TenancyCheck(date: try r.date(), status: try vocab(&r))) }
        try r.expectEnd("an episode")
    }
}
