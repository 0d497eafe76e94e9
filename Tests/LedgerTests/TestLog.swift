import XCTest
@testable import Ledger

/// Events built in a test, folded with the real `CaseProjector`. Each `add`
/// gives the case's next version; recorded_at equals occurred_at.
struct TestLog {
    let zone = berlin()
    private(set) var events: [Event] = []

    /// Appends an event of case `id` that occurred at `at` (RFC 3339); returns its version.
    @discardableResult
    mutating func add(_ id: String, _ at: String, _ payload: Payload) -> UInt32 {
        let caseID = caseID(id)
        let version = UInt32(events.filter { $0.caseID == caseID }.count + 1)
        let time = timestamp(at)
        events.append(Event(position: UInt64(events.count + 1), caseID: caseID, version: version, schema: 1,
                            occurredAt: time, recordedAt: time, actor: "test", payload: payload, prev: .zero, hash: .zero))
        return version
    }

    /// Appends an event read from an NDJSON line (its schema, times and actor
    /// kept; the version and position are the log's next); returns its version.
    @discardableResult
    mutating func add(_ incoming: IncomingEvent) -> UInt32 {
        let version = UInt32(events.filter { $0.caseID == incoming.caseID }.count + 1)
        events.append(Event(position: UInt64(events.count + 1), caseID: incoming.caseID, version: version,
                            schema: incoming.schema, occurredAt: incoming.occurredAt,
                            recordedAt: incoming.recordedAt ?? incoming.occurredAt, actor: incoming.actor,
                            payload: incoming.payload, prev: .zero, hash: .zero))
        return version
    }

    /// Every case folded (corrections applied), optionally from the events that occurred on or before `day`.
    func records(occurredBy day: LocalDate? = nil) -> [CaseRecord] {
        let ids = Set(events.map(\.caseID)).sorted()
        return ids.compactMap { id in
            CaseProjector.fold(events.filter { $0.caseID == id }, zone: zone) { event in
                day.map { zone.date(of: event.occurredAt) <= $0 } ?? true
            }
        }
    }

    func states(occurredBy day: LocalDate? = nil) -> [CaseState] { records(occurredBy: day).map(\.state) }
    var episodes: [EpisodeFacts] { records().flatMap(\.episodes) }

    /// The date of the last recorded_at in the ledger's zone.
    var asOf: LocalDate { zone.date(of: events.last?.recordedAt ?? Timestamp(epochSeconds: 0)) }
}

// MARK: Values

func berlin() -> LedgerTimeZone {
    if let zone = LedgerTimeZone(identifier: "Europe/Berlin") { return zone }
    preconditionFailure("no Europe/Berlin zone data on this system")
}

func day(_ text: String) -> LocalDate {
    guard let d = LocalDate(text) else { XCTFail("bad date \(text)"); return LocalDate(daysSinceEpoch: 0) }
    return d
}

func timestamp(_ text: String) -> Timestamp {
    guard let t = Timestamp(text) else { XCTFail("bad timestamp \(text)"); return Timestamp(epochSeconds: 0) }
    return t
}

func caseID(_ text: String) -> CaseID {
    guard let id = CaseID(text) else { XCTFail("bad case id \(text)"); return CaseID(prefix: "LG", year: 2024, sequence: 0) }
    return id
}

// MARK: Payloads

let sealed = PersonalField.sealed([1, 2, 3])

func opened(_ district: String, _ source: Source = .walkIn, by caseworker: String = "cw.a") -> Payload {
    .caseOpened(CaseOpened(district: district, source: source, household: Household(adults: 1, children: 0),
                           caseworker: caseworker, person: sealed))
}

func analysed(_ causes: [Cause], risk: Risk = .high, eviction: String? = nil) -> Payload {
    .situationAnalysed(SituationAnalysed(causes: causes, risk: risk, evictionDate: eviction.map(day), arrearsCents: nil, note: sealed))
}

func contact(_ channel: Channel = .phone) -> Payload { .contactRecorded(ContactRecorded(channel: channel, note: sealed)) }

func mediation(_ party: Party, _ outcome: MediationOutcome) -> Payload {
    .mediationRecorded(MediationRecorded(party: party, outcome: outcome, amountCents: nil, note: sealed))
}

func referral(_ number: Int, _ agency: Agency) -> Payload { .referralMade(ReferralMade(referral: number, agency: agency, note: sealed)) }
func concluded(_ number: Int, _ result: ReferralResult) -> Payload { .referralConcluded(ReferralConcluded(referral: number, result: result)) }
func followUp(_ due: String) -> Payload { .followUpScheduled(FollowUpScheduled(due: day(due), purpose: "check")) }
func secured(_ effective: String, _ kind: HousingKind = .tenancyRetained) -> Payload { .housingSecured(HousingSecured(kind: kind, effective: day(effective))) }
func emergency(_ effective: String) -> Payload { .emergencyAccommodated(EmergencyAccommodated(effective: day(effective), place: sealed)) }
func reassigned(_ caseworker: String) -> Payload { .caseReassigned(CaseReassigned(caseworker: caseworker)) }
func closed(_ reason: CloseReason) -> Payload { .caseClosed(CaseClosed(reason: reason)) }
func reopened() -> Payload { .caseReopened(CaseReopened(reason: "back")) }
func erased() -> Payload { .caseErased(CaseErased(reason: .subjectRequest)) }

func voiding(_ target: UInt32) -> Payload {
    .entryCorrected(EntryCorrected(target: Int(target), action: .void, replacement: nil, reason: "wrong"))
}

func amending(_ target: UInt32, with replacement: Payload) -> Payload {
    .entryCorrected(EntryCorrected(target: Int(target), action: .amend, replacement: replacement, reason: "typo"))
}
