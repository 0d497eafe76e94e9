import Foundation

/// How sealed (personal) fields appear in JSON output.
public enum PersonalOutput {
    /// `{"sealed": "<base64>"}`, as stored: the only form the hash covers.
    case sealed
    /// `null`: the pseudonymous export for analysts.
    case withheld
    /// The opened plain value; the closure opens a sealed field of the event's case
    /// (nil when its key is gone, then the sealed form is written).
    case revealed((CaseID, String, [UInt8]) -> JSONValue?)
}

/// Writes an event's export object as RFC 8785 canonical JSON, keys in sorted
/// order by construction (DOMAIN.md "The NDJSON format"). Promises: with
/// `includeHash: false` and `.sealed` the bytes are exactly what `hash` covers;
/// an export line is the same object with `hash`, also canonical.
public enum EventJSONWriter {
    public static func write(_ e: Event, includeHash: Bool, personal: PersonalOutput = .sealed,
                             into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("actor"); w.string(e.actor)
        w.key("case"); w.string(e.caseID.rawValue)
        w.key("data"); payload(e.payload, e.caseID, personal, &w)
        if includeHash { w.key("hash"); w.string(e.hash.hex) }
        w.key("occurred_at"); w.string(e.occurredAt.description)
        w.key("position"); w.int(Int64(e.position))
        w.key("prev"); w.string(e.prev.hex)
        w.key("recorded_at"); w.string(e.recordedAt.description)
        w.key("schema"); w.int(Int64(e.schema))
        w.key("type"); w.string(e.type.rawValue)
        w.key("version"); w.int(Int64(e.version))
        w.endObject()
    }

    /// The canonical bytes `hash` covers.
    public static func canonicalBytes(_ e: Event) -> [UInt8] {
        var w = CanonicalJSONWriter(reservingCapacity: 512)
        write(e, includeHash: false, into: &w)
        return w.bytes
    }

    /// The payload alone as canonical JSON (the `data` object).
    public static func payload(_ p: Payload, _ caseID: CaseID, _ personal: PersonalOutput, _ w: inout CanonicalJSONWriter) {
        w.beginObject()
        switch p {
        case .caseOpened(let o):
            w.key("caseworker"); w.string(o.caseworker)
            w.key("district"); w.string(o.district)
            w.key("household")
            w.beginObject()
            w.key("adults"); w.int(Int64(o.household.adults))
            w.key("children"); w.int(Int64(o.household.children))
            w.endObject()
            w.key("person"); field(o.person, caseID, "person", personal, &w)
            w.key("source"); w.string(o.source.rawValue)
        case .contactRecorded(let c):
            w.key("channel"); w.string(c.channel.rawValue)
            optionalField("note", c.note, caseID, personal, &w)
        case .situationAnalysed(let a):
            if let cents = a.arrearsCents { w.key("arrears_cents"); w.int(cents) }
            w.key("causes")
            w.beginArray()
            for cause in a.causes { w.string(cause.rawValue) }
            w.endArray()
            if let date = a.evictionDate { w.key("eviction_date"); w.string(date.description) }
            optionalField("note", a.note, caseID, personal, &w)
            w.key("risk"); w.string(a.risk.rawValue)
        case .mediationRecorded(let m):
            if let cents = m.amountCents { w.key("amount_cents"); w.int(cents) }
            optionalField("note", m.note, caseID, personal, &w)
            w.key("outcome"); w.string(m.outcome.rawValue)
            w.key("party"); w.string(m.party.rawValue)
        case .referralMade(let m):
            w.key("agency"); w.string(m.agency.rawValue)
            optionalField("note", m.note, caseID, personal, &w)
            w.key("referral"); w.int(Int64(m.referral))
        case .referralConcluded(let c):
            w.key("referral"); w.int(Int64(c.referral))
            w.key("result"); w.string(c.result.rawValue)
        case .followUpScheduled(let f):
            w.key("due"); w.string(f.due.description)
            w.key("purpose"); w.string(f.purpose)
        case .housingSecured(let s):
            w.key("effective"); w.string(s.effective.description)
            w.key("kind"); w.string(s.kind.rawValue)
        case .emergencyAccommodated(let a):
            w.key("effective"); w.string(a.effective.description)
            w.key("place"); field(a.place, caseID, "place", personal, &w)
        case .caseReassigned(let r):
            w.key("caseworker"); w.string(r.caseworker)
        case .caseClosed(let c):
            w.key("reason"); w.string(c.reason.rawValue)
        case .caseReopened(let r):
            w.key("reason"); w.string(r.reason)
        case .entryCorrected(let c):
            w.key("action"); w.string(c.action.rawValue)
            w.key("reason"); w.string(c.reason)
            if let replacement = c.replacement { w.key("replacement"); payload(replacement, caseID, personal, &w) }
            w.key("target"); w.int(Int64(c.target))
        case .caseErased(let e):
            w.key("reason"); w.string(e.reason.rawValue)
        }
        w.endObject()
    }

    static func optionalField(_ name: String, _ f: PersonalField?, _ caseID: CaseID, _ personal: PersonalOutput,
                              _ w: inout CanonicalJSONWriter) {
        guard let f else { return }
        w.key(name)
        field(f, caseID, name, personal, &w)
    }

    static func field(_ f: PersonalField, _ caseID: CaseID, _ name: String, _ personal: PersonalOutput,
                      _ w: inout CanonicalJSONWriter) {
        switch (f, personal) {
        case (.plain(let value), _):
            w.write(value)
        case (.sealed, .withheld):
            w.null()
        case (.sealed(let bytes), .revealed(let open)):
            if let value = open(caseID, name, bytes) { w.write(value) } else { sealedObject(bytes, &w) }
        case (.sealed(let bytes), .sealed):
            sealedObject(bytes, &w)
        }
    }

    static func sealedObject(_ bytes: [UInt8], _ w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("sealed"); w.string(Base64.encode(bytes))
        w.endObject()
    }
}
