/// A case's personal data as a caseworker sees it after a logged reveal:
/// the person's details as they currently stand (the latest amendment of
/// `case.opened`) and every note and shelter place of the events that stand
/// (voided events left out, amended ones with their replacement). Promises:
/// built only from an opener that `Ledger.opener(for:access:)` handed out, so
/// the reveal is in the access log; an erased case gives `.erased` for every
/// field, a key this vault does not hold `.unavailable`, bytes that do not
/// authenticate under the key it does hold `.altered`.
public struct PersonalView: Equatable, Sendable {
    /// One personal value as it can be shown.
    public enum Value: Equatable, Sendable {
        case opened(JSONValue)
        /// The case was erased: its key is gone for good.
        case erased
        /// The key is not in this vault (imported sealed without it).
        case unavailable
        /// The key is in this vault, but the bytes do not open under it: they were altered
        /// (or moved here from another case or field).
        case altered
    }

    /// A note (or shelter place) of one standing event.
    public struct Note: Equatable, Sendable {
        public var version: UInt32
        public var occurredAt: Timestamp
        public var type: EventType
        public var field: String
        public var value: Value
    }

    public var person: Value
    public var notes: [Note]

    /// Builds the view from the case's events in version order.
    public static func build(_ events: [Event], opener: FieldOpener, erased: Bool) -> PersonalView {
        var effective: [UInt32: Payload] = [:]
        var voided = Set<UInt32>()
        for e in events {
            guard case .entryCorrected(let c) = e.payload else {
                effective[e.version] = e.payload
                continue
            }
            let target = UInt32(clamping: c.target)
            switch c.action {
            case .void: voided.insert(target)
            case .amend: if let r = c.replacement?.payload { effective[target] = r }
            }
        }
        var person = Value.unavailable
        var notes: [Note] = []
        for e in events where !voided.contains(e.version) {
            guard let payload = effective[e.version], e.type != .entryCorrected else { continue }
            for (name, field) in payload.personalFields {
                let value = open(field, name: name, opener: opener, erased: erased)
                if name == .person { person = value } else {
                    notes.append(Note(version: e.version, occurredAt: e.occurredAt, type: e.type, field: name.rawValue, value: value))
                }
            }
        }
        return PersonalView(person: person, notes: notes)
    }

    /// The personal fields of one event as recorded (a correction: its replacement's), opened.
    public static func fields(of event: Event, opener: FieldOpener, erased: Bool) -> [(name: String, value: Value)] {
        event.payload.personalFields.map { ($0.name.rawValue, open($0.field, name: $0.name, opener: opener, erased: erased)) }
    }

    /// One field as it can be shown.
    public static func open(_ field: PersonalField, name: PersonalFieldName, opener: FieldOpener, erased: Bool) -> Value {
        if erased { return .erased }
        switch field {
        case .plain(let value): return .opened(value)
        case .sealed(let bytes):
            switch opener.opening(bytes, field: name) {
            case .opened(let value): return .opened(value)
            case .noKey: return .unavailable
            case .altered: return .altered
            }
        }
    }
}
