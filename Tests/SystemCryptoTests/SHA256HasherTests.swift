import SystemCrypto
import XCTest

/// FIPS 180-4's examples (NIST's SHA-256 vectors), through both forms, and
/// a reused hasher giving each hash afresh.
final class SHA256HasherTests: XCTestCase {
    static let vectors: [([UInt8], String)] = [
        ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
         "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]

    func testTheOneShotFormGivesNISTsDigests() throws {
        for (message, digest) in Self.vectors {
            XCTAssertEqual(hex(try SHA256Hasher.hash(message).bytes), digest)
        }
    }

    func testAReusedHasherGivesEachDigestAfresh() throws {
        let hasher = try SHA256Hasher()
        for _ in 0..<2 {
            for (message, digest) in Self.vectors {
                XCTAssertEqual(hex(try hasher.hash(message).bytes), digest)
            }
        }
    }

    func testTheWordsAreTheDigestReadBigEndian() throws {
        let digest = try SHA256Hasher.hash(Array("abc".utf8))
        XCTAssertEqual(digest.a, 0xba7816bf8f01cfea)
        XCTAssertEqual(digest.d, 0xb410ff61f20015ad)
    }
}
