/// The name of a personal (P) field of DOMAIN.md. Promises: `rawValue` is
/// the field's wire name (its key in a payload), the name its seal is bound
/// to (SEALING.md) and the name the access log records; the order of the
/// cases is the order listings use.
public enum PersonalFieldName: String, CaseIterable, Hashable, Sendable {
    case person
    case note
    case place

    /// The names in `names`, in listing order.
    static func listed(_ names: Set<PersonalFieldName>) -> [PersonalFieldName] {
        allCases.filter(names.contains)
    }

    /// The personal field an amendment's `FIELD` names (a wire path such as `note` or `person.name`), if any.
    init?(wirePath: String) {
        self.init(rawValue: String(wirePath.split(separator: ".").first ?? ""))
    }
}
