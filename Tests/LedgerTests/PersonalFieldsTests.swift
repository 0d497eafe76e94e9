import SystemCrypto
import XCTest
@testable import Ledger

/// Which fields are personal is said once (`Payload.mapPersonalFields`, with
/// `EventType.personalFields` beside it); sealing, opening and the names
/// follow from it.
final class PersonalFieldsTests: XCTestCase {
    /// A payload of the type with every optional personal field present. The
    /// switch is exhaustive: a new event type does not compile here until it has one.
    static func fullest(_ type: EventType) -> Payload {
        let note = PersonalField.plain(.string("Notiz"))
        switch type {
        case .caseOpened:
            return .caseOpened(CaseOpened(district: "altstadt", source: .walkIn, household: Household(adults: 1, children: 0),
                                          caseworker: "cw.a", person: .plain(.object(JSONObject([("name", .string("E. M."))])))))
        case .contactRecorded: return .contactRecorded(ContactRecorded(channel: .phone, note: note))
        case .situationAnalysed:
            return .situationAnalysed(SituationAnalysed(causes: [.rentArrears], risk: .high, evictionDate: day("2024-03-01"),
                                                        arrearsCents: 100, note: note))
        case .mediationRecorded: return .mediationRecorded(MediationRecorded(party: .landlord, outcome: .agreement, amountCents: 1, note: note))
        case .referralMade: return .referralMade(ReferralMade(referral: 1, agency: .jobcenter, note: note))
        case .referralConcluded: return concluded(1, .accepted)
        case .followUpScheduled: return followUp("2024-02-01")
        case .housingSecured: return secured("2024-02-01")
        case .emergencyAccommodated: return .emergencyAccommodated(EmergencyAccommodated(effective: day("2024-02-01"), place: note))
        case .caseReassigned: return reassigned("cw.b")
        case .caseClosed: return closed(.housingSecured)
        case .caseReopened: return reopened()
        case .entryCorrected: return voiding(2)
        case .tenancyChecked: return .tenancyChecked(TenancyChecked(status: .stillHoused))
        case .caseRestricted: return .caseRestricted(CaseRestricted(reason: .objection))
        case .caseRestrictionLifted: return .caseRestrictionLifted(CaseRestrictionLifted(reason: "geklärt"))
        case .caseErased: return erased()
        }
    }

    func testEachPayloadNamesExactlyItsTypesPersonalFields() {
        for type in EventType.allCases {
            XCTAssertEqual(Self.fullest(type).personalFields.map(\.name), type.personalFields, type.rawValue)
            XCTAssertEqual(type.hasPersonalFields, !type.personalFields.isEmpty)
        }
    }

    func testACorrectionHoldsItsReadReplacementsFields() throws {
        let amend = amending(2, with: Self.fullest(.emergencyAccommodated))
        XCTAssertEqual(amend.personalFields.map(\.name), [.place])
        let unread = Payload.entryCorrected(EntryCorrected(target: 2, action: .amend,
                                                           unreadReplacement: JSONObject([("place", .string("Heim"))]), reason: "typo"))
        XCTAssertTrue(unread.personalFields.isEmpty, "an unread replacement's fields are not known yet")
    }

    func testSealingThenOpeningGivesBackEveryPersonalField() throws {
        let id = CaseID(prefix: "LG", year: 2024, sequence: 1)
        let key = try AES256GCMKey(bytes: SystemRandomSource().bytes(32))
        let sealer = FieldSealer(caseID: id, key: { key }, nonce: { Array(repeating: 1, count: SealedBox.nonceSize) })
        let opener = FieldOpener(key: key, caseID: id)
        for type in EventType.allCases {
            let payload = Self.fullest(type)
            let sealed = try sealer.seal(payload)
            XCTAssertTrue(sealed.personalFields.allSatisfy { $0.field.isSealed }, type.rawValue)
            XCTAssertEqual(opener.open(sealed), payload, type.rawValue)
        }
    }

    func testASealedFieldOpensOnlyUnderItsOwnName() throws {
        let id = CaseID(prefix: "LG", year: 2024, sequence: 1)
        let key = try AES256GCMKey(bytes: SystemRandomSource().bytes(32))
        let sealer = FieldSealer(caseID: id, key: { key }, nonce: { Array(repeating: 1, count: SealedBox.nonceSize) })
        guard case .contactRecorded(let c) = try sealer.seal(Self.fullest(.contactRecorded)), case .sealed(let bytes)? = c.note else {
            return XCTFail("not sealed")
        }
        let opener = FieldOpener(key: key, caseID: id)
        XCTAssertEqual(opener.open(bytes, field: .note), .string("Notiz"))
        XCTAssertNil(opener.open(bytes, field: .place))
    }

    func testNamesAreListedInOneOrder() {
        XCTAssertEqual(PersonalFieldName.allCases.map(\.rawValue), ["person", "note", "place"])
        XCTAssertEqual(PersonalFieldName.listed([.place, .person]), [.person, .place])
    }
}
