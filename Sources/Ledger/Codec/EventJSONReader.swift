/// Reads one NDJSON line (DOMAIN.md "The NDJSON format") into an
/// `IncomingEvent`. Promises: it accepts exactly the wire format (known keys,
/// right types, known vocabularies, real dates, integers only), reports the
/// first problem by field name, and never puts a personal value in a message.
public enum EventJSONReader {
    static let envelopeKeys: Set<String> = ["position", "case", "version", "type", "schema", "occurred_at",
                                            "recorded_at", "actor", "data", "prev", "hash"]

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
        for key in o.keys where !envelopeKeys.contains(key) {
            throw .invalidInput("unknown envelope field '\(key.prefix(40))'")
        }
        let caseText = try string(o, "case")
        guard let caseID = CaseID(caseText) else {
            throw .invalidInput("case '\(caseText.prefix(40))' is not a case id like LG-2026-000042")
        }
        let typeText = try string(o, "type")
        guard let type = EventType(rawValue: typeText) else {
            throw .invalidInput("unknown event type '\(typeText.prefix(40))' (known: \(EventType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let schema = try int(o, "schema")
        guard type.supportedSchemas.contains(Int(schema)) else {
            throw .invalidInput("unknown schema \(schema) for \(type.rawValue) (this build reads schema \(type.supportedSchemas.lowerBound)...\(type.supportedSchemas.upperBound))")
        }
        let occurred = try timestamp(o, "occurred_at")
        var recorded: Timestamp? = nil
        if o["recorded_at"] != nil {
            let t = try timestamp(o, "recorded_at")
            guard t.isUTC else { throw .invalidInput("recorded_at must be in UTC (ending in Z)") }
            recorded = t
        }
        let actor = try string(o, "actor")
        try TextField.checkName(actor, field: "actor")
        guard case .object(let data)? = o["data"] else { throw missingOrWrong(o, "data", "an object") }
        let payload = try PayloadJSONReader.read(type, data, path: "data")
        var event = IncomingEvent(caseID: caseID, schema: Int(schema), occurredAt: occurred, recordedAt: recorded,
                                  actor: actor, payload: payload)
        if o["position"] != nil {
            let p = try int(o, "position")
            guard p > 0 else { throw .invalidInput("position must be 1 or more") }
            event.position = UInt64(p)
        }
        if o["version"] != nil {
            let v = try int(o, "version")
            guard v > 0, v <= Int64(UInt32.max) else { throw .invalidInput("version must be 1 or more") }
            event.version = UInt32(v)
        }
        if o["prev"] != nil {
            guard let h = ChainHash(hex: try string(o, "prev")) else { throw .invalidInput("prev must be 64 hex digits") }
            event.prev = h
        }
        if o["hash"] != nil {
            guard let h = ChainHash(hex: try string(o, "hash")) else { throw .invalidInput("hash must be 64 hex digits") }
            event.hash = h
        }
        return event
    }

    // MARK: field helpers shared with the payload reader

    static func missingOrWrong(_ o: JSONObject, _ key: String, _ expected: String, path: String? = nil) -> LedgerError {
        let name = path.map { "\($0).\(key)" } ?? key
        if o[key] == nil { return .invalidInput("missing field \(name)") }
        return .invalidInput("\(name) has the wrong type: it must be \(expected)")
    }

    static func string(_ o: JSONObject, _ key: String, path: String? = nil) throws(LedgerError) -> String {
        guard case .string(let s)? = o[key] else { throw missingOrWrong(o, key, "a string", path: path) }
        return s
    }

    static func int(_ o: JSONObject, _ key: String, path: String? = nil) throws(LedgerError) -> Int64 {
        guard case .int(let i)? = o[key] else { throw missingOrWrong(o, key, "an integer", path: path) }
        return i
    }

    static func timestamp(_ o: JSONObject, _ key: String) throws(LedgerError) -> Timestamp {
        let text = try string(o, key)
        guard let t = Timestamp(text) else {
            throw .invalidInput("\(key) '\(text.prefix(40))' is not a valid date and time like 2024-01-10T09:00:00Z or 2024-01-10T10:00:00+01:00")
        }
        return t
    }
}
