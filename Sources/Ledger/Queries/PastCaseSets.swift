/// Which cases a past day's answer must replay, judged by the stored
/// `EpisodeSpan`s of the projection (of the cases without events after the
/// as-of position, whose projection is their record then). Promises: each
/// predicate accepts an episode of every case that can have a row on the day
/// (a superset, proved below for any order of occurred dates, since an event
/// may be recorded long after it occurred); the replay then decides.
///
/// What the proofs use: the day's record is the fold of the events that
/// occurred by the day, corrections always included (`CaseProjector.fold`),
/// so it has the same voided events as the full fold. `case.opened`,
/// `case.reopened` and `case.closed` are never voided (Rules); in the full
/// fold each of them, in version order, starts an episode or ends the episode
/// current at its version, and an episode's span runs from at most its start to
/// at least its end, with no last day while it has none (`EpisodeSpan`).
enum PastCaseSets {
    /// A test of a stored episode: `span` on its first 8 bytes, then `facts` on the decoded episode
    /// (without its district and caseworker).
    struct Test {
        var span: (EpisodeSpan) -> Bool
        var facts: (EpisodeFacts) -> Bool
    }

    /// Episodes of cases that can be open on `day`.
    ///
    /// Open on the day means: among the opening, reopening and closing events
    /// that occurred by the day, the last by version opens. That event starts
    /// an episode E of the full fold with E.start <= day; every later one of
    /// those events occurred after the day, and E's end (the last close applied
    /// to E, a later event) is one of them or absent. So E.start <= day < E.end
    /// (or E has no end), and its span, which holds both, passes too.
    static func openOn(_ day: LocalDate) -> Test {
        Test(span: { span in span.first <= day && (span.last.map { day < $0 } ?? true) },
             facts: { e in e.start <= day && (e.end.map { day < $0 } ?? true) })
    }

    /// Episodes of cases that can have a tenancy check due on `day`.
    ///
    /// A row needs an episode of the day's record closed `housing_secured` on C
    /// with C <= day and `ChecksDue.canBeDue(closedOn: C, on: day)`. That close
    /// is a `case.closed` that occurred on C. In the full fold it ends the
    /// episode E current at its version, and nothing later changes E's end or
    /// close reason: a closed case accepts no other close before a reopening
    /// (Rules), and a reopening starts a new episode; an amendment of the close
    /// counts in both folds. So E.end = C and E.closeReason = housing_secured,
    /// and E's span holds C (C + 12 months >= day − 90 days; the span test takes
    /// a month more, for the days month arithmetic clamps at a month's end).
    static func checkDue(on day: LocalDate) -> Test {
        let earliestClose = day.adding(days: -ChecksDue.overdueWindowDays).adding(months: -13)
        return Test(span: { span in span.first <= day && (span.last.map { earliestClose <= $0 } ?? true) },
                    facts: { e in
                        e.closeReason == .housingSecured
                            && (e.end.map { $0 <= day && ChecksDue.canBeDue(closedOn: $0, on: day) } ?? false)
                    })
    }
}
