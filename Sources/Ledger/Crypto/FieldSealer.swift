import Crypto

/// Seals the plain personal fields of a payload (and of a correction's
/// replacement) under the case's key; fields already sealed are kept byte
/// for byte. The key is asked for only when a plain field is present.
/// Promises: the result holds no `.plain` field.
struct FieldSealer {
    let caseID: CaseID
    let key: () throws -> SymmetricKey
    let nonce: () -> [UInt8]

    init(caseID: CaseID, key: @escaping () throws -> SymmetricKey, nonce: @escaping () -> [UInt8]) {
        self.caseID = caseID
        self.key = key
        self.nonce = nonce
    }

    mutating func seal(_ p: Payload) throws -> Payload {
        switch p {
        case .caseOpened(var o):
            o.person = try field(o.person, "person")
            return .caseOpened(o)
        case .contactRecorded(var c):
            c.note = try optional(c.note, "note")
            return .contactRecorded(c)
        case .situationAnalysed(var a):
            a.note = try optional(a.note, "note")
            return .situationAnalysed(a)
        case .mediationRecorded(var m):
            m.note = try optional(m.note, "note")
            return .mediationRecorded(m)
        case .referralMade(var m):
            m.note = try optional(m.note, "note")
            return .referralMade(m)
        case .emergencyAccommodated(var e):
            e.place = try field(e.place, "place")
            return .emergencyAccommodated(e)
        case .entryCorrected(var c):
            if let r = c.replacement { c.replacement = try seal(r) }
            return .entryCorrected(c)
        default:
            return p
        }
    }

    private func optional(_ f: PersonalField?, _ name: String) throws -> PersonalField? {
        guard let f else { return nil }
        return try field(f, name)
    }

    private func field(_ f: PersonalField, _ name: String) throws -> PersonalField {
        guard case .plain(let value) = f else { return f }
        let plaintext = CanonicalJSONWriter.encode(value)
        return .sealed(try SealedBox.seal(plaintext, key: try key(), aad: SealedBox.aad(caseID, name), nonce: nonce()))
    }
}

/// Opens sealed fields of one case for display (reveal), given its key.
public struct FieldOpener {
    let key: SymmetricKey?
    public let caseID: CaseID

    /// The plain value, or nil when the key is gone or the bytes do not open.
    public func open(_ sealed: [UInt8], field: String) -> JSONValue? {
        guard let key, let plain = SealedBox.open(sealed, key: key, aad: SealedBox.aad(caseID, field)) else { return nil }
        return try? JSONParser.parse(plain)
    }
}
