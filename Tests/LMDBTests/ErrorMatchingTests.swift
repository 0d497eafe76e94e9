import XCTest
@testable import LMDB

/// `LMDBError`'s promise that a thrown error can be caught by its constant:
/// `catch LMDBError.mapFull` compiles and catches that code, and no other.
final class ErrorMatchingTests: XCTestCase {
    func testCatchByConstantCatchesMapFullAtTheCap() throws {
        let env = try makeEnvironment(.init(mapSize: 64 << 10, maxMapSize: 64 << 10, durable: false))
        let db = try env.openDatabase("d")
        var caught = false
        do {
            try env.write { txn in
                for i in UInt32(0)..<10_000 {
                    try txn.put(db, key: withUnsafeBytes(of: i.bigEndian) { Array($0) }, value: [UInt8](repeating: 7, count: 200))
                }
            }
            XCTFail("a map that may not grow should fill up")
        } catch LMDBError.keyExist {
            XCTFail("matched the wrong constant")
        } catch LMDBError.mapFull {
            caught = true
        }
        XCTAssertTrue(caught)
    }

    func testSwitchOverAnyErrorMatchesByCode() {
        let errors: [any Error] = [LMDBError.mapFull, LMDBError(code: LMDBError.notFound.code), CocoaError(.fileNoSuchFile)]
        let names = errors.map { error -> String in
            switch error {
            case LMDBError.mapFull: return "mapFull"
            case LMDBError.notFound: return "notFound"
            default: return "other"
            }
        }
        XCTAssertEqual(names, ["mapFull", "notFound", "other"])
    }

    func testAnLMDBErrorValueStillMatchesItsConstant() {
        switch LMDBError.dbsFull {
        case .mapFull: XCTFail("wrong constant")
        case .dbsFull: break
        default: XCTFail("no constant matched")
        }
    }
}
