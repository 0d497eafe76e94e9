import SystemCrypto

/// The blind index's tags of one person: keyed hashes that say "same name"
/// (and "same name and birth date") without holding either. Promises: equal
/// normalised names give equal `name` tags under one key; `nameAndBirth`
/// binds the birth date to the name, so a birth date alone is never hashed.
public struct NameTags: Equatable, Sendable {
    /// HMAC-SHA-256 of the normalised name.
    public var name: ChainHash
    /// HMAC-SHA-256 of the normalised name and the birth date.
    public var nameAndBirth: ChainHash
}

/// The secret key of the blind name index: 32 random bytes kept in the vault
/// (wrapped by the master key, entry `~name-index`), never in `data.mdb`.
/// Without it a tag cannot be recomputed for a guessed name, so the index
/// tells nothing to whoever holds the data file alone. Promises: the key's
/// bytes are never printed or logged; the tags of a name are the same in
/// every process that holds the key (HMAC-SHA-256 over a domain-separated
/// input: `name`, a zero byte, the normalised name; `name+birth`, a zero
/// byte, the normalised name, a zero byte, the birth date as YYYY-MM-DD).
///
/// One key serves an import's two threads: the keyed state is made once and
/// never changed; each person's tags are computed on a copy of it.
struct NameIndexKey {
    private let keyed: HMACSHA256Key

    init(bytes: [UInt8]) throws(LedgerError) {
        do { keyed = try HMACSHA256Key(bytes: bytes) } catch { throw LedgerError(error) }
    }

    /// The tags of a name and birth date; nil when the name normalises to nothing.
    func tags(name: String, birthDate: String) throws(LedgerError) -> NameTags? {
        let normalised = NameNormalisation.normalise(name)
        guard !normalised.isEmpty else { return nil }
        let birth = LocalDate(birthDate)?.description ?? birthDate
        do {
            let hmac = try keyed.authenticator()
            return NameTags(name: try mac(hmac, ["name", normalised]), nameAndBirth: try mac(hmac, ["name+birth", normalised, birth]))
        } catch {
            throw LedgerError(error)
        }
    }

    /// The tags of a person as sealed (`{"name": …, "birth_date": …, …}`); nil when it has no name.
    func tags(person: JSONValue) throws(LedgerError) -> NameTags? {
        guard case .object(let o) = person, case .string(let name)? = o["name"] else { return nil }
        guard case .string(let birth)? = o["birth_date"] else { return nil }
        return try tags(name: name, birthDate: birth)
    }

    private static let separator: [UInt8] = [0]

    private func mac(_ hmac: HMACSHA256, _ parts: [String]) throws(CryptoError) -> ChainHash {
        for (i, part) in parts.enumerated() {
            if i > 0 { try hmac.update(NameIndexKey.separator) }
            try hmac.update(utf8: part)
        }
        return ChainHash(digest: try hmac.finalize())
    }
}
