import Ledger

/// `show --format json`: a case's state as typed JSON (numbers, Booleans,
/// null, arrays, snake_case keys), in the order of Docs/OUTPUTS.md. The
/// person and the notes are there only when they were opened (`person` is
/// an object, or the string `[erased]` / `[sealed: key not in this vault]`).
enum CaseJSON {
    static func state(_ record: CaseRecord, personal: PersonalView?) -> JSONValue {
        let s = record.state
        let episode = record.episodes.last
        let schonfrist = episode?.schonfrist ?? .none
        var members: [(key: String, value: JSONValue)] = [
            ("case", .string(s.caseID.rawValue)), ("version", .int(Int64(s.version))), ("phase", .string(s.phase.rawValue)),
            ("episode", .int(Int64(s.episode))), ("district", .string(s.district)), ("source", .string(s.source.rawValue)),
            ("household", object([("adults", .int(Int64(s.household.adults))), ("children", .int(Int64(s.household.children)))])),
            ("caseworker", .string(s.caseworker)), ("episode_start", date(s.episodeStart)), ("last_contact", date(s.lastContact)),
            ("analysis", s.analysis.map(analysis) ?? .null),
            ("stage", .string((episode?.stage ?? .unknown).rawValue)),
            ("schonfrist", object([("applies", .bool(schonfrist.applies)), ("end", date(schonfrist.end)),
                                   ("blocked", .bool(schonfrist.blocked))])),
            ("restricted", .bool(s.isRestricted)),
            ("housing_secured", .array(s.secured.map { object([("kind", .string($0.kind.rawValue)), ("effective", date($0.effective))]) })),
            ("open_referrals", .array(s.openReferrals.map {
                object([("referral", .int(Int64($0.number))), ("agency", .string($0.agency.rawValue)), ("made", date($0.made))])
            })),
            ("open_follow_ups", .array(s.openFollowUps.map { object([("due", date($0.due)), ("purpose", .string($0.purpose))]) })),
            ("closed", s.isOpen ? .null : object([("date", date(s.lastClosed)), ("reason", s.closeReason.map { .string($0.rawValue) } ?? .null)])),
        ]
        if let personal {
            members.append(("person", PersonalText.json(personal.person)))
            members.append(("notes", .array(personal.notes.map { note in
                object([("version", .int(Int64(note.version))), ("occurred_at", .string(note.occurredAt.description)),
                        ("type", .string(note.type.rawValue)), ("field", .string(note.field)), ("text", PersonalText.json(note.value))])
            })))
        }
        return .object(JSONObject(members))
    }

    static func analysis(_ a: AnalysisInfo) -> JSONValue {
        object([("date", date(a.date)), ("causes", .array(a.causes.map { .string($0.rawValue) })), ("risk", .string(a.risk.rawValue)),
                ("eviction_date", date(a.evictionDate)), ("arrears_cents", a.arrearsCents.map { .int($0) } ?? .null),
                ("notice_date", date(a.noticeDate)), ("notice_kind", a.noticeKind.map { .string($0.rawValue) } ?? .null),
                ("suit_date", date(a.suitDate))])
    }

    static func object(_ members: [(key: String, value: JSONValue)]) -> JSONValue { .object(JSONObject(members)) }

    static func date(_ d: LocalDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }
}
