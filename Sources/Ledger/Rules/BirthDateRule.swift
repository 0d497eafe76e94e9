/// A person's birth date must be a day that can be one: not before
/// 1900-01-01 and not after the day the case is opened (or, for an
/// amendment, recorded). Only a plain birth date can be checked; one given
/// sealed is kept as it is. Promises: the message never repeats the date,
/// which is personal.
enum BirthDateRule {
    static let earliest = LocalDate(daysSinceEpoch: -25_567)  // 1900-01-01

    static func check(_ person: PersonalField, latest: LocalDate, path: String = "data.person") throws(LedgerError) {
        guard case .plain(.object(let p)) = person, case .string(let text)? = p["birth_date"],
              let date = LocalDate(text) else { return }
        guard date >= earliest, date <= latest else {
            throw .invalidInput("\(path).birth_date must lie between \(earliest) and \(latest) (the day the case was opened): a birth date in the future or before 1900 is impossible")
        }
    }
}
