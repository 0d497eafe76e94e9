extension Replacement {
    /// The replacement as a payload of its target's type and schema. An unread
    /// one is read once, by that type's reader: the checks and messages of an
    /// import line, under `path`. A read one must already be of that type.
    func read(as type: EventType, schema: Int, path: String) throws(LedgerError) -> Payload {
        switch self {
        case .unread(let object):
            return try PayloadJSONReader.read(type, schema: schema, object, path: path)
        case .read(let payload):
            guard payload.type == type else {
                throw .invalidInput("\(path) is a \(payload.type.rawValue) payload, but its target is a \(type.rawValue)")
            }
            return payload
        }
    }

    /// How many plain personal fields the replacement holds: the nonces its
    /// sealing will draw once it is read. For an unread one the count is exact
    /// whenever it reads: a personal field's key is its name
    /// (`PersonalFieldName`), and a value that is not a sealed field is read
    /// as plain or refused.
    var plainPersonalFieldCount: Int {
        var count = 0
        switch self {
        case .unread(let object):
            for member in object.members where PersonalFieldName(rawValue: member.key) != nil {
                if (try? PayloadJSONReader.sealedForm(member.value, member.key)) == nil { count += 1 }
            }
        case .read(let payload):
            payload.forEachPersonalField { field, _ in if !field.isSealed { count += 1 } }
        }
        return count
    }
}
