import SystemCrypto
import XCTest

/// The AES-256 cases of the GCM specification's test vectors (McGrew and
/// Viega, test cases 13-16, as NIST's validation uses them), sealed and
/// opened through one key, in turns, so that reusing its context is pinned too.
final class AES256GCMKeyTests: XCTestCase {
    struct Vector {
        let key, nonce, plaintext, aad, ciphertext, tag: [UInt8]
    }

    static let key15 = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
    static let plain15 = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255")
    static let cipher15 = hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad")

    static let vectors: [Vector] = [
        Vector(key: [UInt8](repeating: 0, count: 32), nonce: [UInt8](repeating: 0, count: 12), plaintext: [], aad: [],
               ciphertext: [], tag: hex("530f8afbc74536b9a963b4f1c4cb738b")),
        Vector(key: [UInt8](repeating: 0, count: 32), nonce: [UInt8](repeating: 0, count: 12), plaintext: [UInt8](repeating: 0, count: 16),
               aad: [], ciphertext: hex("cea7403d4d606b6e074ec5d3baf39d18"), tag: hex("d0d1c8a799996bf0265b98b5d48ab919")),
        Vector(key: key15, nonce: hex("cafebabefacedbaddecaf888"), plaintext: plain15, aad: [],
               ciphertext: cipher15, tag: hex("b094dac5d93471bdec1a502270e3cc6c")),
        Vector(key: key15, nonce: hex("cafebabefacedbaddecaf888"), plaintext: Array(plain15.prefix(60)),
               aad: hex("feedfacedeadbeeffeedfacedeadbeefabaddad2"), ciphertext: Array(cipher15.prefix(60)),
               tag: hex("76fc6ece0f4e1768cddf8853bb2d551b")),
    ]

    func seal(_ key: AES256GCMKey, _ v: Vector) throws -> [UInt8] {
        var out: [UInt8] = [0xAA]
        try v.plaintext.withUnsafeBytes { p in
            try v.nonce.withUnsafeBytes { n in try v.aad.withUnsafeBytes { a in try key.seal(p, nonce: n, aad: a, appendingTo: &out) } }
        }
        XCTAssertEqual(out.first, 0xAA, "seal appends, it does not overwrite")
        return Array(out.dropFirst())
    }

    func open(_ key: AES256GCMKey, _ v: Vector, ciphertext: [UInt8]? = nil, tag: [UInt8]? = nil, aad: [UInt8]? = nil) -> [UInt8]? {
        (ciphertext ?? v.ciphertext).withUnsafeBytes { c in
            v.nonce.withUnsafeBytes { n in
                (tag ?? v.tag).withUnsafeBytes { t in (aad ?? v.aad).withUnsafeBytes { a in key.open(c, nonce: n, tag: t, aad: a) } }
            }
        }
    }

    func testSealingGivesTheSpecificationsCiphertextAndTag() throws {
        for v in Self.vectors {
            XCTAssertEqual(hex(try seal(try AES256GCMKey(bytes: v.key), v)), hex(v.ciphertext + v.tag))
        }
    }

    func testOneKeySealsAndOpensInTurnsWithOnlyTheNonceChanged() throws {
        let key = try AES256GCMKey(bytes: Self.key15)
        for _ in 0..<3 {
            for v in Self.vectors.dropFirst(2) {
                XCTAssertEqual(open(key, v), v.plaintext)
                XCTAssertEqual(try seal(key, v), v.ciphertext + v.tag)
            }
        }
    }

    func testAnyChangedByteFailsToOpenAndTheKeyStillWorksAfter() throws {
        let v = Self.vectors[3]
        let key = try AES256GCMKey(bytes: v.key)
        var ciphertext = v.ciphertext
        ciphertext[7] ^= 1
        XCTAssertNil(open(key, v, ciphertext: ciphertext))
        var tag = v.tag
        tag[15] ^= 0x80
        XCTAssertNil(open(key, v, tag: tag))
        XCTAssertNil(open(key, v, aad: v.aad + [0]))
        XCTAssertNil(open(try AES256GCMKey(bytes: [UInt8](repeating: 0, count: 32)), v))
        XCTAssertEqual(open(key, v), v.plaintext)
    }

    func testWrongLengthsAreRefused() throws {
        XCTAssertThrowsError(try AES256GCMKey(bytes: [UInt8](repeating: 0, count: 16)))
        let key = try AES256GCMKey(bytes: Self.key15)
        var out: [UInt8] = []
        XCTAssertThrowsError(try [UInt8](repeating: 0, count: 8).withUnsafeBytes { n in
            try [UInt8]().withUnsafeBytes { e in try key.seal(e, nonce: n, aad: e, appendingTo: &out) }
        })
        let v = Self.vectors[2]
        XCTAssertNil(open(key, v, tag: Array(v.tag.prefix(12))))
    }
}
