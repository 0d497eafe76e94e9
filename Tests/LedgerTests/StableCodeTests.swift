import XCTest
@testable import Ledger

/// Every type stored as a one-byte code: its codes are distinct, read back
/// to the same value, and leave the flag bit that projections add free.
/// (That the codes are the ones existing ledgers hold is GoldenLedgerTests'.)
final class StableCodeTests: XCTestCase {
    static let storedTypes: [any StableCode.Type] = [
        EventType.self, Phase.self, Source.self, Channel.self, Cause.self, Risk.self, Party.self, MediationOutcome.self,
        Agency.self, ReferralResult.self, HousingKind.self, CloseReason.self, ErasureReason.self, CorrectionAction.self,
    ]

    func testCodesAreDistinctAndReadBack() {
        for type in Self.storedTypes { check(type) }
    }

    func check<T: StableCode>(_ type: T.Type) {
        let codes = T.allCases.map(\.code)
        XCTAssertEqual(Set(codes).count, codes.count, "\(T.self) has two cases with one code")
        for value in T.allCases {
            XCTAssertEqual(T(code: value.code), value, "\(T.self).\(value)")
            XCTAssertLessThan(value.code, 0x80, "\(T.self).\(value): projections keep a flag in the high bit")
        }
        XCTAssertEqual(T.codeBound, Int(codes.max() ?? 0) + 1)
        for unused in UInt8.min...UInt8.max where !codes.contains(unused) {
            XCTAssertNil(T(code: unused), "\(T.self) read unknown code \(unused)")
        }
    }
}
