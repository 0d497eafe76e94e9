/// Reads one NDJSON line (DOMAIN.md "The NDJSON format") into an
/// `IncomingEvent`. Promises: it accepts exactly the wire format (known keys,
/// right types, known vocabularies, real dates, integers only; a correction's
/// replacement is checked when the rules read it as its target's type, see
/// `Replacement`), reports the first problem by field name, and never puts a
/// personal value in a message.
public enum EventJSONReader {
    public static func read(line: UnsafeRawBufferPointer) throws(LedgerError) -> IncomingEvent {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw .invalidInput(describe(error))
        }
        guard case .object(let object) = value else { throw .invalidInput("invalid JSON event: a line must hold one JSON object") }
        return try read(object: object)
    }

    static func describe(_ error: JSONParseError) -> String {
        switch error.reason {
        case .invalidUTF8: return "invalid UTF-8 at byte \(error.offset): lines must be UTF-8 text"
        case .floatingPointNumber:
            return "floating-point number at byte \(error.offset): numbers must be integers (money is integer cents)"
        default:
            let text = error.description
            return text.lowercased().hasPrefix("invalid json") ? text : "invalid JSON: \(text)"
        }
    }

    public static func read(object o: JSONObject) throws(LedgerError) -> IncomingEvent {
        // One pass sorts the members into slots (a line has about ten; a lookup
        // per field and a Set of allowed keys cost more than the rest of the read).
        var envelope = Envelope()
        for member in o.members {
            guard envelope.take(member.key, member.value) else {
                throw .invalidInput("unknown envelope field '\(member.key.prefix(40))'")
            }
        }
        guard case .string(let caseText)? = envelope.caseID else { throw missingOrWrong(o, "case", "a string") }
        guard let caseID = CaseID(caseText) else {
            throw .invalidInput("case '\(caseText.prefix(40))' is not a case id like LG-2026-000042")
        }
        guard case .string(let typeText)? = envelope.type else { throw missingOrWrong(o, "type", "a string") }
        guard let type = EventType(rawValue: typeText) else {
            throw .invalidInput("unknown event type '\(typeText.prefix(40))' (known: \(EventType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard case .int(let schema)? = envelope.schema else { throw missingOrWrong(o, "schema", "an integer") }
        guard type.supportedSchemas.contains(Int(schema)) else {
            throw .invalidInput("unknown schema \(schema) for \(type.rawValue) (this build reads schema \(type.supportedSchemas.lowerBound)...\(type.supportedSchemas.upperBound))")
        }
        let occurred = try timestamp(o, "occurred_at", envelope.occurredAt)
        var recorded: Timestamp? = nil
        if envelope.recordedAt != nil {
            let t = try timestamp(o, "recorded_at", envelope.recordedAt)
            guard t.isUTC else { throw .invalidInput("recorded_at must be in UTC (ending in Z)") }
            recorded = t
        }
        guard case .string(let actor)? = envelope.actor else { throw missingOrWrong(o, "actor", "a string") }
        try TextField.checkName(actor, field: "actor")
        guard case .object(let data)? = envelope.data else { throw missingOrWrong(o, "data", "an object") }
        let payload = try PayloadJSONReader.read(type, schema: Int(schema), data, path: "data")
        var event = IncomingEvent(caseID: caseID, schema: Int(schema), occurredAt: occurred, recordedAt: recorded,
                                  actor: actor, payload: payload)
        if let value = envelope.position {
            guard case .int(let p) = value else { throw missingOrWrong(o, "position", "an integer") }
            guard p > 0 else { throw .invalidInput("position must be 1 or more") }
            event.position = UInt64(p)
        }
        if let value = envelope.version {
            guard case .int(let v) = value else { throw missingOrWrong(o, "version", "an integer") }
            guard v > 0, v <= Int64(UInt32.max) else { throw .invalidInput("version must be 1 or more") }
            event.version = UInt32(v)
        }
        if let value = envelope.prev {
            guard case .string(let text) = value else { throw missingOrWrong(o, "prev", "a string") }
            guard let h = ChainHash(hex: text) else { throw .invalidInput("prev must be 64 hex digits") }
            event.prev = h
        }
        if let value = envelope.hash {
            guard case .string(let text) = value else { throw missingOrWrong(o, "hash", "a string") }
            guard let h = ChainHash(hex: text) else { throw .invalidInput("hash must be 64 hex digits") }
            event.hash = h
        }
        return event
    }

    /// The envelope's members by name (nil: absent).
    struct Envelope {
        var position, caseID, version, type, schema, occurredAt, recordedAt, actor, data, prev, hash: JSONValue?

        /// Stores the member; false for a key that is not an envelope field.
        mutating func take(_ key: String, _ value: JSONValue) -> Bool {
            switch key {
            case "case": caseID = value
            case "type": type = value
            case "schema": schema = value
            case "occurred_at": occurredAt = value
            case "recorded_at": recordedAt = value
            case "actor": actor = value
            case "data": data = value
            case "position": position = value
            case "version": version = value
            case "prev": prev = value
            case "hash": hash = value
            default: return false
            }
            return true
        }
    }

    // MARK: field helpers shared with the payload reader

    static func missingOrWrong(_ o: JSONObject, _ key: String, _ expected: String,
                               path: @autoclosure () -> String? = nil) -> LedgerError {
        let name = path().map { "\($0).\(key)" } ?? key
        if o[key] == nil { return .invalidInput("missing field \(name)") }
        return .invalidInput("\(name) has the wrong type: it must be \(expected)")
    }

    static func string(_ o: JSONObject, _ key: String, path: @autoclosure () -> String? = nil) throws(LedgerError) -> String {
        guard case .string(let s)? = o[key] else { throw missingOrWrong(o, key, "a string", path: path()) }
        return s
    }

    static func int(_ o: JSONObject, _ key: String, path: @autoclosure () -> String? = nil) throws(LedgerError) -> Int64 {
        guard case .int(let i)? = o[key] else { throw missingOrWrong(o, key, "an integer", path: path()) }
        return i
    }

    static func timestamp(_ o: JSONObject, _ key: String) throws(LedgerError) -> Timestamp {
        try timestamp(o, key, o[key])
    }

    static func timestamp(_ o: JSONObject, _ key: String, _ value: JSONValue?) throws(LedgerError) -> Timestamp {
        guard case .string(let text)? = value else { throw missingOrWrong(o, key, "a string") }
        guard let t = Timestamp(text) else {
            throw .invalidInput("\(key) '\(text.prefix(40))' is not a valid date and time like 2024-01-10T09:00:00Z or 2024-01-10T10:00:00+01:00")
        }
        return t
    }
}
