import Ledger
import XCTest

final class HexTests: XCTestCase {
    func testEncodeIsLowercase() {
        XCTAssertEqual(Hex.encode([0x00, 0x0F, 0xAB, 0xFF, 0x10]), "000fabff10")
        XCTAssertEqual(Hex.encode([UInt8]()), "")
    }

    func testDecode() {
        XCTAssertEqual(Hex.decode("000fabff10"), [0x00, 0x0F, 0xAB, 0xFF, 0x10])
        XCTAssertEqual(Hex.decode("ABcd"), [0xAB, 0xCD])
        XCTAssertEqual(Hex.decode(""), [])
        XCTAssertNil(Hex.decode("abc"))
        XCTAssertNil(Hex.decode("zz"))
        XCTAssertNil(Hex.decode("0x12"))
        XCTAssertNil(Hex.decode("éé"))
    }

    func testRoundTrip() {
        let bytes = (0...255).map { UInt8($0) }
        XCTAssertEqual(Hex.decode(Hex.encode(bytes)), bytes)
    }
}
