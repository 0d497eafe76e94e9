/// Which fields of each payload are personal, said once. Sealing
/// (`FieldSealer`), opening (`FieldOpener`), the field names the access log
/// records, the personal view and the rules on erased cases all derive from
/// `Payload.mapPersonalFields` and `EventType.personalFields` below. Both
/// switch over every case with no `default:`, so a new event type does not
/// compile until it says which personal fields it has (none is an answer);
/// that the two agree is checked in debug builds on every call and by a test.
extension Payload {
    /// The payload with each personal field it holds replaced by
    /// `transform(field, name)`, in payload order; an absent optional field is
    /// skipped. A correction's fields are its replacement's (once read: an
    /// unread replacement has none yet, see `Replacement`).
    public func mapPersonalFields<E: Error>(
        _ transform: (PersonalField, PersonalFieldName) throws(E) -> PersonalField
    ) throws(E) -> Payload {
        func map(_ field: PersonalField, _ name: PersonalFieldName) throws(E) -> PersonalField {
            assert(type.personalFields.contains(name), "\(type.rawValue) maps \(name.rawValue), not in its personalFields")
            return try transform(field, name)
        }
        func mapOptional(_ field: PersonalField?, _ name: PersonalFieldName) throws(E) -> PersonalField? {
            guard let field else { return nil }
            return try map(field, name)
        }
        switch self {
        case .caseOpened(var o):
            o.person = try map(o.person, .person)
            return .caseOpened(o)
        case .contactRecorded(var c):
            c.note = try mapOptional(c.note, .note)
            return .contactRecorded(c)
        case .situationAnalysed(var a):
            a.note = try mapOptional(a.note, .note)
            return .situationAnalysed(a)
        case .mediationRecorded(var m):
            m.note = try mapOptional(m.note, .note)
            return .mediationRecorded(m)
        case .referralMade(var m):
            m.note = try mapOptional(m.note, .note)
            return .referralMade(m)
        case .emergencyAccommodated(var e):
            e.place = try map(e.place, .place)
            return .emergencyAccommodated(e)
        case .entryCorrected(var c):
            guard case .read(let replacement)? = c.replacement else { return self }
            c.replacement = .read(try replacement.mapPersonalFields(transform))
            return .entryCorrected(c)
        case .referralConcluded, .followUpScheduled, .housingSecured, .caseReassigned, .caseClosed, .caseReopened,
             .caseErased, .tenancyChecked, .caseRestricted, .caseRestrictionLifted:
            return self
        }
    }

    /// Calls `body` with each personal field the payload holds, as `mapPersonalFields` visits them.
    func forEachPersonalField(_ body: (PersonalField, PersonalFieldName) -> Void) {
        _ = mapPersonalFields { field, name in
            body(field, name)
            return field
        }
    }

    /// The personal fields the payload holds, by name, in payload order (a correction's: its replacement's).
    var personalFields: [(name: PersonalFieldName, field: PersonalField)] {
        var fields: [(name: PersonalFieldName, field: PersonalField)] = []
        forEachPersonalField { field, name in fields.append((name, field)) }
        return fields
    }
}

extension EventType {
    /// The personal fields a payload of this type can hold (optional ones
    /// included), in payload order: exactly those `Payload.mapPersonalFields`
    /// names for it. A correction has none of its own (its replacement holds
    /// its target's).
    public var personalFields: [PersonalFieldName] {
        switch self {
        case .caseOpened: return [.person]
        case .contactRecorded, .situationAnalysed, .mediationRecorded, .referralMade: return [.note]
        case .emergencyAccommodated: return [.place]
        case .referralConcluded, .followUpScheduled, .housingSecured, .caseReassigned, .caseClosed, .caseReopened,
             .entryCorrected, .caseErased, .tenancyChecked, .caseRestricted, .caseRestrictionLifted:
            return []
        }
    }

    /// Whether a payload of this type can hold a personal (sealed) field.
    public var hasPersonalFields: Bool { !personalFields.isEmpty }
}
