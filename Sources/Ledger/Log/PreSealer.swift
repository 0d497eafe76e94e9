import SystemCrypto

/// Seals the plain personal fields of import lines on the reading thread,
/// ahead of their append, so that sealing runs beside the appends on a
/// second core. Best effort by design: whatever it cannot seal (a case it
/// holds no key for, an opening line of a case it saw opened before) it
/// leaves plain, and the append seals or refuses it exactly as it would have
/// without it. Promises: it seals only with the key the append will use (a
/// key it made for a case opened in this file and hands to the append with
/// that opening line, or the case's key from the vault); every random byte
/// of an import is drawn here, in the order the one-thread import drew them
/// (a new case's key, then a nonce per field), so a seeded source gives the
/// same bytes: for a correction, which the append seals itself (the rules
/// first read its replacement as the target's type), it draws the nonces
/// the append will use; it never reports errors.
final class PreSealer {
    private let random: RandomSource
    private let vault: Vault?
    /// The blind name index's key, to hash an opening's plain person ahead (nil: the append hashes it).
    private let nameIndexKey: NameIndexKey?
    /// Cases met so far, and the key each can be sealed with here.
    private var keys: [CaseID: KnownKey] = [:]

    /// The key of a case met before. A key this thread made for a case opened in the file is kept as its
    /// 32 bytes and given a cipher context for each event it seals (a context is about 1 KB, and an import
    /// meets every case of its file: 61,000 contexts were 62 MB of a million-event import); a key from the
    /// vault keeps the context the vault gave.
    private enum KnownKey {
        case unusable
        case made([UInt8])
        case stored(AES256GCMKey)
    }

    init(random: RandomSource, vault: Vault?, nameIndexKey: NameIndexKey? = nil) {
        self.random = random
        self.vault = vault
        self.nameIndexKey = nameIndexKey
    }

    /// The event's payload with its plain fields sealed (for a correction:
    /// the nonces its sealing will take), or nil when there is nothing it can seal.
    func preseal(_ incoming: IncomingEvent) -> PresealedPayload? {
        let id = incoming.caseID
        let isOpening = incoming.type == .caseOpened
        if incoming.type == .entryCorrected { return nonces(for: incoming) }
        if isOpening && keys[id] != nil { return nil }
        let resolver = KeyResolver()
        let sealer = FieldSealer(caseID: id) { () throws -> AES256GCMKey in
            if let key = resolver.key { return key }
            let key = try isOpening ? self.newKey(resolver) : self.existingKey(id)
            resolver.key = key
            return key
        } nonce: {
            self.random.bytes(SealedBox.nonceSize)
        }
        let sealed: Payload
        do {
            sealed = try sealer.seal(incoming.payload)
        } catch {
            return nil
        }
        if isOpening { keys[id] = resolver.raw.map { KnownKey.made($0) } ?? KnownKey.unusable }
        guard resolver.key != nil else { return nil }
        return PresealedPayload(payload: sealed, openingKey: resolver.raw, nameTags: nameTags(of: incoming.payload))
    }

    /// Draws the nonces the append will take to seal a correction's plain fields
    /// (one per plain personal field of its replacement, once the case's key is
    /// known to be there: the append asks for the key before each nonce).
    private func nonces(for incoming: IncomingEvent) -> PresealedPayload? {
        guard case .entryCorrected(let c) = incoming.payload,
              let count = c.replacement?.plainPersonalFieldCount, count > 0,
              (try? existingKey(incoming.caseID)) != nil else { return nil }
        let nonces = (0..<count).map { _ in random.bytes(SealedBox.nonceSize) }
        return PresealedPayload(payload: incoming.payload, openingKey: nil, nonces: nonces)
    }

    /// The tags of an opening's plain person, when the name index key is at hand.
    private func nameTags(of payload: Payload) -> NameTags? {
        guard let nameIndexKey, case .caseOpened(let o) = payload, case .plain(let person) = o.person else { return nil }
        return (try? nameIndexKey.tags(person: person)) ?? nil
    }

    private func newKey(_ resolver: KeyResolver) throws -> AES256GCMKey {
        let raw = random.bytes(32)
        resolver.raw = raw
        return try LedgerError.sealingKey(raw)
    }

    private func existingKey(_ id: CaseID) throws -> AES256GCMKey {
        switch keys[id] {
        case .stored(let key): return key
        case .made(let raw): return try LedgerError.sealingKey(raw)
        case .unusable: throw NoKey()
        case nil:
            let key = (try? vault?.keys(for: [id])[id]) ?? nil
            keys[id] = key.map { KnownKey.stored($0) } ?? KnownKey.unusable
            guard let key else { throw NoKey() }
            return key
        }
    }

    /// The key of the event being sealed, made or found on first use.
    private final class KeyResolver {
        var key: AES256GCMKey?
        var raw: [UInt8]?
    }

    private struct NoKey: Error {}
}

/// A payload an import sealed ahead of its append, and the raw key made for
/// the case when the event opens it; for a correction (which the append seals)
/// the payload as read and the nonces drawn for its sealing; for an opening
/// with a plain person, the person's name index tags hashed ahead.
struct PresealedPayload: Sendable {
    var payload: Payload
    var openingKey: [UInt8]?
    var nonces: [[UInt8]] = []
    var nameTags: NameTags? = nil
}

/// Nonces drawn ahead, handed out first in first out.
final class NonceQueue {
    var nonces: [[UInt8]]
    init(_ nonces: [[UInt8]] = []) { self.nonces = nonces }

    /// The next nonce drawn ahead, else nil.
    func next() -> [UInt8]? { nonces.isEmpty ? nil : nonces.removeFirst() }
}
