import Foundation
import XCTest
@testable import Ledger

/// A restricted case (Art. 18 GDPR) opens its personal data only with a
/// purpose, and the access log flags every such reveal.
final class RestrictedRevealTests: XCTestCase {
    func testARestrictedCaseOpensOnlyWithAPurposeAndIsFlagged() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        try world.run(.restrict(id, reason: .accuracyDisputed), at: "2026-01-11T09:00:00Z")

        XCTAssertThrowsError(try world.ledger.opener(for: id, access: AccessRequest(actor: "cw.a", command: "show"))) {
            guard case .ruleBroken(let violation)? = $0 as? LedgerError else { return XCTFail("\($0)") }
            XCTAssertEqual(violation.rule, .caseRestricted)
            XCTAssertEqual(($0 as? LedgerError)?.exitCode, 65)
        }
        XCTAssertEqual(try world.ledger.accessLog(), [], "a refused reveal records nothing")

        let opener = try world.ledger.opener(for: id, access: AccessRequest(actor: "cw.a", command: "show", purpose: "Prüfung Az. 7"))
        let view = PersonalView.build(try world.ledger.events(of: id), opener: opener, erased: false)
        guard case .opened(.object(let person)) = view.person else { return XCTFail("the person did not open") }
        XCTAssertEqual(person["name"], .string("Erika Musterfrau"))
        XCTAssertEqual(try world.ledger.accessLog().map(\.restricted), [true])

        try world.run(.lift(id, reason: "Daten berichtigt"), at: "2026-01-12T09:00:00Z")
        _ = try world.ledger.opener(for: id, access: AccessRequest(actor: "cw.a", command: "history"))
        XCTAssertEqual(try world.ledger.accessLog().map(\.restricted), [true, false], "lifted: no purpose needed, not flagged")
        XCTAssertEqual(try world.ledger.verify().accessLogEntries, 2)
        world.close()
    }

    func testARevealingExportOfALogWithARestrictedCaseNeedsAPurpose() throws {
        let world = try PrivacyLedgerWorld(self)
        try world.openCase(name: "Erika Musterfrau")
        let restricted = try world.openCase(name: "Max Mustermann", at: "2026-01-11T09:00:00Z")
        try world.run(.restrict(restricted, reason: .objection), at: "2026-01-12T09:00:00Z")

        XCTAssertThrowsError(try world.sealedExport(mode: .revealed(AccessRequest(actor: "auditor.b", command: "export --reveal")))) {
            XCTAssertTrue(($0 as? LedgerError)?.description.contains("rule case-restricted") ?? false, "\($0)")
        }
        XCTAssertEqual(try world.ledger.accessLog(), [])
        let text = try world.sealedExport(mode: .revealed(AccessRequest(actor: "auditor.b", command: "export --reveal",
                                                                         purpose: "Prüfung")))
        XCTAssertTrue(text.contains("Max Mustermann"))
        XCTAssertEqual(try world.ledger.accessLog().map(\.restricted), [true])
        world.close()
    }
}
