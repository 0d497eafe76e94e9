import SystemCrypto

/// Seals the plain personal fields of a payload (and of a correction's read
/// replacement) under the case's key; fields already sealed are kept byte
/// for byte. The key is asked for only when a plain field is present.
/// Promises: the result holds no `.plain` field.
struct FieldSealer {
    let caseID: CaseID
    let key: () throws -> AES256GCMKey
    let nonce: () -> [UInt8]

    init(caseID: CaseID, key: @escaping () throws -> AES256GCMKey, nonce: @escaping () -> [UInt8]) {
        self.caseID = caseID
        self.key = key
        self.nonce = nonce
    }

    /// The payload with every plain personal field sealed (see `Payload.mapPersonalFields`).
    func seal(_ p: Payload) throws -> Payload {
        try p.mapPersonalFields { field, name in try seal(field, name) }
    }

    private func seal(_ field: PersonalField, _ name: PersonalFieldName) throws -> PersonalField {
        guard case .plain(let value) = field else { return field }
        let plaintext = CanonicalJSONWriter.encode(value)
        return .sealed(try SealedBox.seal(plaintext, key: try key(), aad: SealedBox.aad(caseID, name.rawValue), nonce: nonce()))
    }
}

/// Opens sealed fields of one case for display (reveal), given its key.
public struct FieldOpener {
    let key: AES256GCMKey?
    public let caseID: CaseID

    /// What opening one sealed field gave.
    public enum Opening: Equatable, Sendable {
        case opened(JSONValue)
        /// No key for the case: erased, or imported sealed without its key.
        case noKey
        /// The key is there, but the bytes do not authenticate under it (or, opened, are no JSON):
        /// they were altered, or moved from another case or field.
        case altered
    }

    /// Opens one sealed field, telling a missing key from bytes that fail their authentication.
    public func opening(_ sealed: [UInt8], field: PersonalFieldName) -> Opening {
        guard let key else { return .noKey }
        guard let plain = SealedBox.open(sealed, key: key, aad: SealedBox.aad(caseID, field.rawValue)),
              let value = try? JSONParser.parse(plain) else { return .altered }
        return .opened(value)
    }

    /// The plain value, or nil when the key is gone or the bytes do not open.
    public func open(_ sealed: [UInt8], field: PersonalFieldName) -> JSONValue? {
        if case .opened(let value) = opening(sealed, field: field) { return value }
        return nil
    }

    /// The payload with every sealed field it can open replaced by its plain value.
    func open(_ p: Payload) -> Payload {
        p.mapPersonalFields { field, name in
            guard case .sealed(let bytes) = field, let value = open(bytes, field: name) else { return field }
            return .plain(value)
        }
    }
}
