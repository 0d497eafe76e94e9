/// Applies `FIELD=VALUE` edits (wire names; `household.adults`,
/// `person.name` for nested fields; `arrears`/`amount` in euros as aliases of
/// the `_cents` fields; `-` removes an optional field) to a payload, giving
/// the full replacement an `amend` stores, unread: the rules read it with the
/// target's type and schema through the same reader as an import line, so it
/// obeys the same checks.
enum Amendment {
    static let integerFields: Set<String> = ["adults", "children", "referral", "arrears_cents", "amount_cents"]

    static func apply(_ edits: [(field: String, value: String)], to payload: Payload) throws -> JSONObject {
        guard !edits.isEmpty else { throw LedgerError.usage("--amend needs at least one FIELD=VALUE") }
        var w = CanonicalJSONWriter()
        EventJSONWriter.payload(payload, .sealed, &w)
        guard case .object(var object)? = try? JSONParser.parse(w.bytes) else {
            throw LedgerError.corrupted("the corrected event could not be read back")
        }
        let fields = AmendableFields.of(payload.type)
        for (field, value) in edits {
            try fields.check(field, type: payload.type)
            var path = field.split(separator: ".").map(String.init)
            var typed: JSONValue?
            if path.last == "arrears" || path.last == "amount" {
                path[path.count - 1] += "_cents"
                typed = value == "-" ? nil : .int(try Money.cents(fromEuros: value))
            } else if value == "-" {
                typed = nil
            } else if let last = path.last, integerFields.contains(last) {
                guard let n = Int64(value) else { throw LedgerError.usage("\(field) must be a whole number") }
                typed = .int(n)
            } else if path.last == "causes" {
                typed = .array(value.split(separator: ",").map { .string(String($0)) })
            } else {
                typed = .string(value)
            }
            guard !path.isEmpty else { throw LedgerError.usage("--amend needs FIELD=VALUE") }
            object = try set(object, path[...], typed, field: field)
        }
        return object
    }

    static func set(_ object: JSONObject, _ path: ArraySlice<String>, _ value: JSONValue?, field: String) throws -> JSONObject {
        guard let head = path.first else { return object }
        var members = object.members
        let index = members.firstIndex { $0.key == head }
        if path.count == 1 {
            if let index { members.remove(at: index) }
            if let value { members.append((key: head, value: value)) }
            return JSONObject(members)
        }
        guard let index, case .object(let inner) = members[index].value else {
            throw LedgerError.usage("\(field): '\(head)' has no fields to amend (or is sealed and its key is gone)")
        }
        members[index].value = .object(try set(inner, path.dropFirst(), value, field: field))
        return JSONObject(members)
    }
}
