import Foundation

/// How sealed (personal) fields appear in JSON output.
public enum PersonalOutput {
    /// `{"sealed": "<base64>"}`, as stored: the only form the hash covers.
    case sealed
    /// `null`: the pseudonymous export for analysts. The free-text fields
    /// that are not sealed (a follow-up's purpose, the reasons of a reopening,
    /// a lifted restriction and a correction) are `null` too: caseworkers
    /// write names into them (DOMAIN.md "The NDJSON format").
    case withheld
    /// The opened plain value; the closure opens a sealed field of the event's case
    /// (nil when its key is gone, then the sealed form is written).
    case revealed((PersonalFieldName, [UInt8]) -> JSONValue?)
}

/// Writes an event's export object as RFC 8785 canonical JSON, keys in sorted
/// order by construction (DOMAIN.md "The NDJSON format"). Promises: with
/// `includeHash: false` and `.sealed` the bytes are exactly what `hash` covers;
/// an export line is the same object with `hash`, also canonical.
public enum EventJSONWriter {
    public static func write(_ e: Event, includeHash: Bool, personal: PersonalOutput = .sealed,
                             into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.plainKey("actor"); w.string(e.actor)
        w.plainKey("case"); w.string(e.caseID.rawValue)
        w.plainKey("data"); payload(e.payload, personal, &w)
        if includeHash { w.plainKey("hash"); w.plainString { e.hash.appendHex(to: &$0) } }
        w.plainKey("occurred_at"); w.plainString { e.occurredAt.appendWireText(to: &$0) }
        w.plainKey("position"); w.int(Int64(e.position))
        w.plainKey("prev"); w.plainString { e.prev.appendHex(to: &$0) }
        w.plainKey("recorded_at"); w.plainString { e.recordedAt.appendWireText(to: &$0) }
        w.plainKey("schema"); w.int(Int64(e.schema))
        w.plainKey("type"); w.string(e.type.rawValue)
        w.plainKey("version"); w.int(Int64(e.version))
        w.endObject()
    }

    /// The canonical bytes `hash` covers.
    public static func canonicalBytes(_ e: Event) -> [UInt8] {
        var w = CanonicalJSONWriter(reservingCapacity: 512)
        write(e, includeHash: false, into: &w)
        return w.bytes
    }

    /// The payload alone as canonical JSON (the `data` object).
    public static func payload(_ p: Payload, _ personal: PersonalOutput, _ w: inout CanonicalJSONWriter) {
        w.beginObject()
        switch p {
        case .caseOpened(let o):
            w.plainKey("caseworker"); w.string(o.caseworker)
            w.plainKey("district"); w.string(o.district)
            w.plainKey("household")
            w.beginObject()
            w.plainKey("adults"); w.int(Int64(o.household.adults))
            w.plainKey("children"); w.int(Int64(o.household.children))
            w.endObject()
            personalField(.person, o.person, personal, &w)
            w.plainKey("source"); w.string(o.source.rawValue)
        case .contactRecorded(let c):
            w.plainKey("channel"); w.string(c.channel.rawValue)
            personalField(.note, c.note, personal, &w)
        case .situationAnalysed(let a):
            if let cents = a.arrearsCents { w.plainKey("arrears_cents"); w.int(cents) }
            w.plainKey("causes")
            w.beginArray()
            for cause in a.causes { w.string(cause.rawValue) }
            w.endArray()
            if let date = a.evictionDate { w.plainKey("eviction_date"); w.plainString { date.appendWireText(to: &$0) } }
            personalField(.note, a.note, personal, &w)
            if let date = a.noticeDate { w.plainKey("notice_date"); w.plainString { date.appendWireText(to: &$0) } }
            if let kind = a.noticeKind { w.plainKey("notice_kind"); w.string(kind.rawValue) }
            w.plainKey("risk"); w.string(a.risk.rawValue)
            if let date = a.suitDate { w.plainKey("suit_date"); w.plainString { date.appendWireText(to: &$0) } }
        case .mediationRecorded(let m):
            if let cents = m.amountCents { w.plainKey("amount_cents"); w.int(cents) }
            personalField(.note, m.note, personal, &w)
            w.plainKey("outcome"); w.string(m.outcome.rawValue)
            w.plainKey("party"); w.string(m.party.rawValue)
        case .referralMade(let m):
            w.plainKey("agency"); w.string(m.agency.rawValue)
            personalField(.note, m.note, personal, &w)
            w.plainKey("referral"); w.int(Int64(m.referral))
        case .referralConcluded(let c):
            w.plainKey("referral"); w.int(Int64(c.referral))
            w.plainKey("result"); w.string(c.result.rawValue)
        case .followUpScheduled(let f):
            w.plainKey("due"); w.plainString { f.due.appendWireText(to: &$0) }
            w.plainKey("purpose"); freeText(f.purpose, personal, &w)
        case .housingSecured(let s):
            w.plainKey("effective"); w.plainString { s.effective.appendWireText(to: &$0) }
            w.plainKey("kind"); w.string(s.kind.rawValue)
        case .emergencyAccommodated(let a):
            w.plainKey("effective"); w.plainString { a.effective.appendWireText(to: &$0) }
            personalField(.place, a.place, personal, &w)
        case .caseReassigned(let r):
            w.plainKey("caseworker"); w.string(r.caseworker)
        case .caseClosed(let c):
            w.plainKey("reason"); w.string(c.reason.rawValue)
        case .caseReopened(let r):
            w.plainKey("reason"); freeText(r.reason, personal, &w)
        case .entryCorrected(let c):
            w.plainKey("action"); w.string(c.action.rawValue)
            w.plainKey("reason"); freeText(c.reason, personal, &w)
            switch c.replacement {
            case .read(let replacement)?: w.plainKey("replacement"); payload(replacement, personal, &w)
            case .unread(let object)?:
                // Only an event the rules have not read yet holds one: as given, but no plain value goes to analysts.
                w.plainKey("replacement")
                if case .withheld = personal { w.null() } else { w.write(.object(object)) }
            case nil: break
            }
            w.plainKey("target"); w.int(Int64(c.target))
        case .caseErased(let e):
            w.plainKey("reason"); w.string(e.reason.rawValue)
        case .tenancyChecked(let c):
            w.plainKey("status"); w.string(c.status.rawValue)
        case .caseRestricted(let r):
            w.plainKey("reason"); w.string(r.reason.rawValue)
        case .caseRestrictionLifted(let l):
            w.plainKey("reason"); freeText(l.reason, personal, &w)
        }
        w.endObject()
    }

    /// Writes a personal field under its wire name (nothing for an absent optional one).
    static func personalField(_ name: PersonalFieldName, _ f: PersonalField?, _ personal: PersonalOutput,
                              _ w: inout CanonicalJSONWriter) {
        guard let f else { return }
        w.key(name.rawValue)
        switch (f, personal) {
        case (.plain, .withheld), (.sealed, .withheld):
            w.null()
        case (.plain(let value), _):
            w.write(value)
        case (.sealed(let bytes), .revealed(let open)):
            if let value = open(name, bytes) { w.write(value) } else { sealedObject(bytes, &w) }
        case (.sealed(let bytes), .sealed):
            sealedObject(bytes, &w)
        }
    }

    /// Writes a free-text field that is not sealed: as given, but `null` for analysts.
    static func freeText(_ text: String, _ personal: PersonalOutput, _ w: inout CanonicalJSONWriter) {
        if case .withheld = personal { w.null() } else { w.string(text) }
    }

    static func sealedObject(_ bytes: [UInt8], _ w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.plainKey("sealed"); w.plainString { Base64.append(bytes, to: &$0) }
        w.endObject()
    }
}
