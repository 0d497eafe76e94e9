import SystemCrypto
import XCTest

/// RFC 4231's HMAC-SHA-256 test cases 1, 2, 4 and 6 (a short key, a text
/// key, a long text, a key longer than a block), each computed twice by one
/// authenticator so that its restart after `finalize` is pinned, and fed in
/// pieces.
final class HMACSHA256Tests: XCTestCase {
    static let vectors: [(key: [UInt8], data: [UInt8], tag: String)] = [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ]

    func testTagsAreRFC4231s() throws {
        for v in Self.vectors {
            let mac = try HMACSHA256Key(bytes: v.key).authenticator()
            for _ in 0..<2 {
                try mac.update(Array(v.data.prefix(3)))
                try mac.update(Array(v.data.dropFirst(3)))
                XCTAssertEqual(hex(try mac.finalize().bytes), v.tag)
            }
        }
    }

    func testAuthenticatorsOfOneKeyAreIndependent() throws {
        let v = Self.vectors[1]
        let key = try HMACSHA256Key(bytes: v.key)
        let first = try key.authenticator()
        let second = try key.authenticator()
        try first.update(Array("something else".utf8))
        try second.update(v.data)
        XCTAssertEqual(hex(try second.finalize().bytes), v.tag)
        XCTAssertNotEqual(hex(try first.finalize().bytes), v.tag)
    }

    func testAnEmptyKeyIsRefused() {
        XCTAssertThrowsError(try HMACSHA256Key(bytes: []))
    }
}
