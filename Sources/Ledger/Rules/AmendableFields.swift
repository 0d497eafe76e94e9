/// The `FIELD` names `--amend FIELD=VALUE` takes for an event type: its
/// payload's keys, nested ones by their dotted path (`household.adults`,
/// `person.phone`), and the euro aliases `arrears` and `amount` of the
/// `_cents` fields. Promises: a name outside the list is refused before
/// anything is read, naming the closest field and every allowed one (a bare
/// `adults` gets "did you mean 'household.adults'?").
struct AmendableFields {
    let names: [String]

    static func of(_ type: EventType) -> AmendableFields {
        var names: [String] = []
        for key in PayloadJSONReader.Keys.of(type) {
            switch key {
            case "household": names += PayloadJSONReader.Keys.household.map { "household." + $0 }
            case "person": names += PayloadJSONReader.Keys.person.map { "person." + $0 }
            case "arrears_cents": names += ["arrears", key]
            case "amount_cents": names += ["amount", key]
            default: names.append(key)
            }
        }
        return AmendableFields(names: names)
    }

    /// Throws a usage error when `field` is not one of the type's fields.
    func check(_ field: String, type: EventType) throws(LedgerError) {
        guard !names.contains(field) else { return }
        let nested = names.filter { $0.hasSuffix("." + field) }
        let suggestion = nested.count == 1 ? nested[0] : ClosestMatch.closest(to: field, in: names)
        var text = "--amend \(field.prefix(40)): \(type.rawValue) has no field '\(field.prefix(40))'"
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        text += " (fields: \(names.joined(separator: ", ")))"
        throw .usage(text)
    }
}
