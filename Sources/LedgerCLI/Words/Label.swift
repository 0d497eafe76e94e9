/// The names of table columns and of the fields `show` lists, said by `Words`.
enum Label: Sendable, CaseIterable {
    case caseID, phase, stage, district, caseworker, opened, lastContact, days, nextFollowUp, nextDeadline, flags
    case version, versionShort, position, occurred, type, actor, details, corrected, personal
    case openCases, urgent, overdue, episodes, closed, horizon, due, reason, source, household, episode, episodeStart
    case analysis, schonfrist, restricted, housingSecured, openReferrals, openFollowUps
    case name, birthDate, address, phone
    case at, command, cases, fields, purpose
}

/// The flags of a caseload row, in the order they are shown.
enum CaseFlag: Sendable, CaseIterable {
    case urgent, overdue, restricted, schonfristBlocked
}

/// What a caseload row's next deadline is.
enum DeadlineKind: Sendable {
    case eviction, schonfrist
}
