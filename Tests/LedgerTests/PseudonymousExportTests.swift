import Foundation
import XCTest
@testable import Ledger

/// The analysts' export holds no personal value and no sealed field.
final class PseudonymousExportTests: XCTestCase {
    func testThePseudonymousExportHoldsNoPersonalValue() throws {
        let world = try PrivacyLedgerWorld(self)
        let personal = ["Erika Musterfrau", "Am Sande 1, 21335 Lüneburg", "04131 123456", "1980-02-03", "Erstgespräch unter vier Augen",
                        "Notunterkunft Vor dem Bardowicker Tore", "Ratenzahlung vereinbart"]
        let id = try world.openCase(name: personal[0], address: personal[1], phone: personal[2])
        try world.run(.contact(id, channel: .phone, note: personal[4]), at: "2026-01-12T09:00:00Z")
        try world.run(.mediate(id, party: .landlord, outcome: .installmentPlan, amountCents: 24_000, note: personal[6]), at: "2026-01-13T09:00:00Z")
        try world.run(.accommodate(id, effective: try XCTUnwrap(LocalDate("2026-01-20")), place: personal[5]), at: "2026-01-20T09:00:00Z")
        try world.run(.correct(id, target: 1, change: .amend([(field: "person.phone", value: "0151 999")]), reason: "Tippfehler"),
                      at: "2026-01-21T09:00:00Z")

        let text = try world.sealedExport(mode: .pseudonymous)

        XCTAssertEqual(text.split(separator: "\n").count, 5)
        for value in personal + ["0151 999"] { XCTAssertFalse(text.contains(value), "the export holds a personal value") }
        XCTAssertFalse(text.contains("\"sealed\""))
        XCTAssertTrue(text.contains("\"person\":null"))
        XCTAssertTrue(text.contains("\"place\":null"))
        let revealed = try world.sealedExport(mode: .revealed(AccessRequest(actor: "auditor.b", command: "export --reveal")))
        for value in personal { XCTAssertTrue(revealed.contains(value), "control: \(value) is in the data") }
        world.close()
    }
}
