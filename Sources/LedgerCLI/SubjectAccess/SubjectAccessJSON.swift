import Ledger

/// The machine-readable subject-access file (`CASE.json`): the case, the
/// person, every event as its export object with the personal fields opened
/// in place (`[erased]` or `[sealed: key not in this vault]` where they do
/// not open) and a `corrected_by` list, the recipients, the retention, the
/// access-log entries that covered the case and the searches for the name.
enum SubjectAccessJSON {
    static func render(_ r: SubjectAccessReport) -> JSONValue {
        let s = r.state
        let marker = r.erased ? PersonalText.erased : PersonalText.unavailable
        return .object(JSONObject([
            ("case", .string(r.caseID.rawValue)),
            ("made_at", .string(r.madeAt.description)),
            ("made_by", .string(r.madeBy)),
            ("time_zone", .string(r.timeZone)),
            ("erased", .bool(r.erased)),
            ("statement", .string(r.erased
                ? "The case was erased: its personal data is gone for good; what remains is pseudonymous case data and the access log."
                : "Every event the ledger holds about the case, with its personal fields opened.")),
            ("restricted", .bool(s.isRestricted)),
            ("person", PersonalText.json(r.person)),
            ("state", .object(JSONObject([
                ("phase", .string(s.phase.rawValue)), ("district", .string(s.district)), ("source", .string(s.source.rawValue)),
                ("adults", .int(Int64(s.household.adults))), ("children", .int(Int64(s.household.children))),
                ("caseworker", .string(s.caseworker)), ("episode", .int(Int64(s.episode))),
                ("episode_start", .string(s.episodeStart.description)),
            ]))),
            ("events", .array(r.entries.map { event($0, marker: marker) })),
            ("recipients", .array(r.recipients.map(recipient))),
            ("retention", .object(JSONObject([
                ("retention_years", .int(Int64(r.retention.years))),
                ("last_closed", r.retention.lastClosed.map { .string($0.description) } ?? .null),
                ("erasure_due", r.retention.erasureDue.map { .string($0.description) } ?? .null),
            ]))),
            ("access_log", .array(r.accessLog.map(AccessLogCommand.json))),
            ("name_searches", .array(r.nameSearches.map(AccessLogCommand.json))),
        ]))
    }

    static func event(_ entry: SubjectAccessReport.Entry, marker: String) -> JSONValue {
        var w = CanonicalJSONWriter()
        EventJSONWriter.write(entry.event, includeHash: true, personal: .revealed({ _, _ in .string(marker) }), into: &w)
        guard case .object(let object)? = try? JSONParser.parse(w.bytes) else { return .null }
        let corrections = entry.correctedBy.map { c in
            JSONValue.object(JSONObject([("version", .int(Int64(c.version))), ("action", .string(c.action.rawValue))]))
        }
        return .object(JSONObject(object.members + [("corrected_by", .array(corrections))]))
    }

    static func recipient(_ r: ReferralInfo) -> JSONValue {
        .object(JSONObject([
            ("referral", .int(Int64(r.number))), ("agency", .string(r.agency.rawValue)), ("made", .string(r.made.description)),
            ("concluded", r.concluded.map { .string($0.description) } ?? .null),
            ("result", r.result.map { .string($0.rawValue) } ?? .null),
        ]))
    }
}
