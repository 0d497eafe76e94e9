/// Reading an older payload schema as the current one (the "upcast" of
/// Marten and Axon): stored events are never rewritten; each (type, schema)
/// that is not current says here which keys it has and how its payload is
/// lifted to today's in-memory form. Promises: an upcast event's stored bytes,
/// canonical form and hash are those it was written with, because the fields
/// a later schema adds are absent (nil) in the lifted payload and absent
/// fields are neither stored nor written.
///
/// To change a payload's schema: add the new keys to `keys(of:schema:)` for
/// the new number, raise `EventType.currentSchema`, and add one step to
/// `current(_:from:)` that lifts the previous schema's payload.
enum Upcast {
    /// The JSON keys of `type`'s payload in `schema`.
    static func keys(of type: EventType, schema: Int) -> [String] {
        switch (type, schema) {
        case (.situationAnalysed, 1): return PayloadJSONReader.Keys.situationAnalysed
        default: return PayloadJSONReader.Keys.of(type)
        }
    }

    /// The payload read under `schema`, lifted step by step to the current schema.
    static func current(_ payload: Payload, from schema: Int) -> Payload {
        var lifted = payload
        var at = schema
        while at < payload.type.currentSchema {
            lifted = step(lifted, from: at)
            at += 1
        }
        return lifted
    }

    /// One schema step of one type.
    private static func step(_ payload: Payload, from schema: Int) -> Payload {
        switch (payload, schema) {
        case (.situationAnalysed, 1):
            // Schema 1 -> 2: notice_date, notice_kind and suit_date did not
            // exist; the analysis is read without them (stage from its causes).
            return payload
        default:
            return payload
        }
    }
}
