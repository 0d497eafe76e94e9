import XCTest
@testable import Ledger

/// The binary and JSON forms of every event type round-trip, and the
/// hand-ordered canonical writer agrees with the generic RFC 8785 writer.
final class CodecTests: XCTestCase {
    static let sealed: PersonalField = .sealed(Array(repeating: 7, count: 40))

    static let payloads: [Payload] = [
        .caseOpened(CaseOpened(district: "kaltenmoor", source: .courtNotice, household: Household(adults: 2, children: 3),
                               caseworker: "cw.müller", person: sealed)),
        .contactRecorded(ContactRecorded(channel: .homeVisit, note: sealed)),
        .contactRecorded(ContactRecorded(channel: .phone, note: nil)),
        .situationAnalysed(SituationAnalysed(causes: [.rentArrears, .evictionLawsuit], risk: .acute,
                                             evictionDate: LocalDate(year: 2026, month: 3, day: 31), arrearsCents: 240_050, note: sealed)),
        .situationAnalysed(SituationAnalysed(causes: [.other], risk: .low, evictionDate: nil, arrearsCents: nil, note: nil)),
        .mediationRecorded(MediationRecorded(party: .utility, outcome: .installmentPlan, amountCents: 0, note: nil)),
        .referralMade(ReferralMade(referral: 3, agency: .debtCounselling, note: sealed)),
        .referralConcluded(ReferralConcluded(referral: 3, result: .noShow)),
        .followUpScheduled(FollowUpScheduled(due: LocalDate(daysSinceEpoch: 20_000), purpose: "Unterlagen \"prüfen\" \\ täglich")),
        .housingSecured(HousingSecured(kind: .supportedHousing, effective: LocalDate(daysSinceEpoch: -5))),
        .emergencyAccommodated(EmergencyAccommodated(effective: LocalDate(daysSinceEpoch: 19_000), place: sealed)),
        .caseReassigned(CaseReassigned(caseworker: "cw.öz")),
        .caseClosed(CaseClosed(reason: .declinedHelp)),
        .caseReopened(CaseReopened(reason: "neue Mietrückstände")),
        .entryCorrected(EntryCorrected(target: 2, action: .void, replacement: nil, reason: "Dublette")),
        .entryCorrected(EntryCorrected(target: 4, action: .amend,
                                       replacement: .housingSecured(HousingSecured(kind: .newTenancy, effective: LocalDate(daysSinceEpoch: 1))),
                                       reason: "Datum")),
        .caseErased(CaseErased(reason: .retentionExpired)),
        .situationAnalysed(SituationAnalysed(causes: [.rentArrears], risk: .high, evictionDate: nil, arrearsCents: 100, note: sealed,
                                             noticeDate: LocalDate(year: 2025, month: 7, day: 15), noticeKind: .extraordinaryAndOrdinary,
                                             suitDate: LocalDate(year: 2025, month: 8, day: 29))),
        .situationAnalysed(SituationAnalysed(causes: [.evictionLawsuit], risk: .medium, evictionDate: nil, arrearsCents: nil, note: nil,
                                             suitDate: LocalDate(year: 2025, month: 8, day: 29))),
        .entryCorrected(EntryCorrected(target: 3, action: .amend,
                                       replacement: .situationAnalysed(SituationAnalysed(
                                           causes: [.rentArrears], risk: .high, evictionDate: nil, arrearsCents: nil, note: sealed,
                                           noticeDate: LocalDate(year: 2025, month: 7, day: 15), noticeKind: .ordinary)),
                                       reason: "Kündigungsart")),
        .tenancyChecked(TenancyChecked(status: .movedToHousing)),
        .caseRestricted(CaseRestricted(reason: .legalClaims)),
        .caseRestrictionLifted(CaseRestrictionLifted(reason: "Widerspruch erledigt")),
    ]

    func event(_ payload: Payload, version: UInt32 = 5, occurred: String = "2024-03-31T01:30:00.25+01:00") -> Event {
        Event(position: 42, caseID: CaseID(prefix: "LG", year: 2024, sequence: 17), version: version, schema: payload.type.currentSchema,
              occurredAt: ts(occurred), recordedAt: ts("2024-03-31T00:31:00Z"), actor: "cw.test", payload: payload,
              prev: ChainHash(a: 1, b: 2, c: 3, d: 4), hash: ChainHash(a: 5, b: 6, c: 7, d: 8))
    }

    func testEveryTypeIsCovered() {
        XCTAssertEqual(Set(Self.payloads.map(\.type)), Set(EventType.allCases))
    }

    func testBinaryRoundTrip() throws {
        for payload in Self.payloads {
            let e = event(payload)
            let bytes = try EventBinaryCodec.encode(e)
            let back = try bytes.withUnsafeBytes { try EventBinaryCodec.decode($0, position: 42, prev: e.prev) }
            XCTAssertEqual(back, e, "\(payload.type)")
            XCTAssertEqual(try bytes.withUnsafeBytes { try EventBinaryCodec.storedHash($0) }, e.hash)
        }
    }

    func testBinaryRefusesPlainPersonalFields() {
        let e = event(.contactRecorded(ContactRecorded(channel: .phone, note: .plain(.string("secret")))))
        XCTAssertThrowsError(try EventBinaryCodec.encode(e))
    }

    /// A schema 1 analysis is read through the upcast: no schema 2 field, and
    /// its canonical form (what its hash covers) is the line it came from.
    func testSchema1AnalysisIsUpcastWithItsBytesKept() throws {
        let line = #"{"actor":"cw.a","case":"LG-2024-000017","data":{"causes":["termination_notice"],"risk":"medium"},"occurred_at":"2024-03-31T01:30:00+01:00","schema":1,"type":"situation.analysed"}"#
        let incoming = try Array(line.utf8).withUnsafeBytes { try EventJSONReader.read(line: $0) }
        guard case .situationAnalysed(let a) = incoming.payload else { return XCTFail("not an analysis") }
        XCTAssertFalse(a.hasSchema2Fields)
        XCTAssertEqual(incoming.schema, 1)
        XCTAssertEqual(a.dates.stage, .notice)
        var e = event(incoming.payload)
        e.schema = 1
        let bytes = try EventBinaryCodec.encode(e)
        let back = try bytes.withUnsafeBytes { try EventBinaryCodec.decode($0, position: 42, prev: e.prev) }
        XCTAssertEqual(back, e)
        let json = String(decoding: EventJSONWriter.canonicalBytes(e), as: UTF8.self)
        XCTAssertTrue(json.contains(#""data":{"causes":["termination_notice"],"risk":"medium"}"#), json)
    }

    func testSchema1LineWithASchema2FieldIsRefused() {
        let line = #"{"actor":"cw.a","case":"LG-2024-000017","data":{"causes":["rent_arrears"],"risk":"medium","suit_date":"2024-03-01"},"occurred_at":"2024-03-31T01:30:00+01:00","schema":1,"type":"situation.analysed"}"#
        XCTAssertThrowsError(try Array(line.utf8).withUnsafeBytes { try EventJSONReader.read(line: $0) }) { error in
            XCTAssertTrue("\(error)".contains("schema 2"), "\(error)")
        }
        let schema2 = line.replacingOccurrences(of: #""schema":1"#, with: #""schema":2"#)
        XCTAssertNoThrow(try Array(schema2.utf8).withUnsafeBytes { try EventJSONReader.read(line: $0) })
    }

    func testTruncatedBinaryIsAnErrorNotACrash() throws {
        let bytes = try EventBinaryCodec.encode(event(Self.payloads[3]))
        for cut in 0..<bytes.count {
            let prefix = Array(bytes[0..<cut])
            XCTAssertThrowsError(try prefix.withUnsafeBytes { try EventBinaryCodec.decode($0, position: 1, prev: .zero) })
        }
    }

    /// The writer emits keys in sorted order by construction; the generic
    /// JCS writer sorting a parse of its output must give the same bytes.
    func testCanonicalWriterIsRFC8785() throws {
        for payload in Self.payloads {
            let bytes = EventJSONWriter.canonicalBytes(event(payload))
            let reparsed = CanonicalJSONWriter.encode(try JSONParser.parse(bytes))
            XCTAssertEqual(String(decoding: reparsed, as: UTF8.self), String(decoding: bytes, as: UTF8.self))
        }
    }

    func testJSONReadBackGivesTheSameEvent() throws {
        for payload in Self.payloads {
            let e = event(payload)
            var w = CanonicalJSONWriter()
            EventJSONWriter.write(e, includeHash: true, into: &w)
            let incoming = try w.bytes.withUnsafeBytes { try EventJSONReader.read(line: $0) }
            XCTAssertEqual(incoming.caseID, e.caseID)
            XCTAssertEqual(incoming.occurredAt.description, e.occurredAt.description)
            XCTAssertEqual(incoming.hash, e.hash)
            XCTAssertEqual(incoming.prev, e.prev)
            let replacementType: EventType? = { if case .entryCorrected(let c) = payload { return c.replacement?.payload?.type } else { return nil } }()
            if let replacementType, case .entryCorrected(let c) = incoming.payload, let r = c.replacement {
                let typed = try r.read(as: replacementType, schema: replacementType.currentSchema, path: "r")
                XCTAssertEqual(Optional(typed), { () -> Payload? in if case .entryCorrected(let o) = payload { return o.replacement?.payload } else { return nil } }())
            } else {
                XCTAssertEqual(incoming.payload, payload, "\(payload.type)")
            }
        }
    }

    func testTimestampsKeepTheirTextExactly() {
        for text in ["2024-01-10T09:00:00Z", "2024-01-10T10:00:00+01:00", "2024-10-27T02:30:00.123456789-09:30",
                     "1969-12-31T23:59:59Z", "2024-02-29T23:59:59.5+14:00"] {
            XCTAssertEqual(Timestamp(text)?.description, text)
        }
        for bad in ["2024-02-30T09:00:00Z", "2024-01-10 09:00:00Z", "2024-01-10T09:00:00", "2024-01-10T24:00:00Z",
                    "2024-01-10T09:00:00z", "2024-01-10T09:00:60Z", "2024-01-10T09:00:00.Z", "2024-01-10T09:00:00+1:00"] {
            XCTAssertNil(Timestamp(bad), bad)
        }
        XCTAssertEqual(Timestamp("2024-01-10T10:00:00+01:00")?.epochSeconds, Timestamp("2024-01-10T09:00:00Z")?.epochSeconds)
    }

    func testBerlinDates() throws {
        let zone = try XCTUnwrap(LedgerTimeZone(identifier: "Europe/Berlin"))
        XCTAssertEqual(zone.date(of: ts("2024-02-01T23:30:00Z")).description, "2024-02-02")
        XCTAssertEqual(zone.date(of: ts("2024-07-01T21:59:59Z")).description, "2024-07-01")
        XCTAssertEqual(zone.date(of: ts("2024-07-01T22:00:00Z")).description, "2024-07-02")
        // Clocks go forward at 01:00 UTC on 31 March 2024 and back at 01:00 UTC on 27 October 2024.
        XCTAssertEqual(zone.offsetSeconds(at: ts("2024-03-31T00:59:59Z").epochSeconds), 3600)
        XCTAssertEqual(zone.offsetSeconds(at: ts("2024-03-31T01:00:00Z").epochSeconds), 7200)
        XCTAssertEqual(zone.offsetSeconds(at: ts("2024-10-27T01:00:00Z").epochSeconds), 3600)
        XCTAssertEqual(zone.date(of: ts("2024-10-26T22:30:00Z")).description, "2024-10-27")
    }

    /// The bucketed lookup gives the system zone's offset at every instant tried, on both sides of every
    /// transition from 1900 to 2200.
    func testZoneOffsetsMatchTheSystemZone() throws {
        for id in ["Europe/Berlin", "America/New_York", "UTC"] {
            let zone = try XCTUnwrap(LedgerTimeZone(identifier: id))
            let system = try XCTUnwrap(TimeZone(identifier: id))
            func check(_ t: Int64) {
                XCTAssertEqual(zone.offsetSeconds(at: t), system.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t))),
                               "\(id) at \(t)")
            }
            var cursor = Date(timeIntervalSince1970: -2_208_988_800)
            while let next = system.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < 7_258_118_400 {
                let t = Int64(next.timeIntervalSince1970.rounded())
                for d in [-86_400, -1, 0, 1, 86_400] as [Int64] { check(t + d) }
                cursor = next
            }
            for t in stride(from: Int64(-2_208_988_800), to: 7_258_118_400, by: 1_000_003) { check(t) }
            for t in [-2_208_988_800, 7_258_118_399] as [Int64] { check(t) }
        }
    }

    func testDatesAndMoney() throws {
        XCTAssertNil(LocalDate("2023-02-29"))
        XCTAssertNotNil(LocalDate("2024-02-29"))
        XCTAssertNil(LocalDate("2024-13-01"))
        XCTAssertEqual(LocalDate("2024-03-01")?.days(until: try XCTUnwrap(LocalDate("2025-03-01"))), 365)
        XCTAssertEqual(try Money.cents(fromEuros: "2400"), 240_000)
        XCTAssertEqual(try Money.cents(fromEuros: "2400,5"), 240_050)
        XCTAssertEqual(try Money.cents(fromEuros: "2400.05"), 240_005)
        for bad in ["-1", "1.234", "1e3", "", "12,34,5", "abc", "1.0.0"] {
            XCTAssertThrowsError(try Money.cents(fromEuros: bad), bad)
        }
        XCTAssertEqual(Money.euros(240_005), "2400.05")
    }

    func testBase64() {
        for n in 0..<40 {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            XCTAssertEqual(Base64.decode(Base64.encode(bytes)), bytes)
        }
        XCTAssertNil(Base64.decode("abc"))
        XCTAssertNil(Base64.decode("ab=c"))
    }
}
