/// The rules of a schema 2 analysis's dates (DOMAIN.md "Tenancy law"):
/// `notice_kind` exactly with `notice_date`, neither the notice nor the suit
/// after the analysis's own date, the suit not before the notice.
enum TenancyDateRules {
    static func check(_ a: SituationAnalysed, eventDate: LocalDate,
                      _ broken: (RuleViolation.Rule, String) -> LedgerError) throws(LedgerError) {
        if a.noticeDate != nil && a.noticeKind == nil {
            throw broken(.tenancyDates, "notice_kind is required with notice_date (extraordinary, ordinary or extraordinary_and_ordinary)")
        }
        if a.noticeDate == nil && a.noticeKind != nil {
            throw broken(.tenancyDates, "notice_kind needs a notice_date")
        }
        if let notice = a.noticeDate, notice > eventDate {
            throw broken(.tenancyDates, "notice_date \(notice) lies after the analysis's own date \(eventDate)")
        }
        if let suit = a.suitDate, suit > eventDate {
            throw broken(.tenancyDates, "suit_date \(suit) lies after the analysis's own date \(eventDate)")
        }
        if let notice = a.noticeDate, let suit = a.suitDate, suit < notice {
            throw broken(.tenancyDates, "suit_date \(suit) lies before notice_date \(notice)")
        }
    }
}
