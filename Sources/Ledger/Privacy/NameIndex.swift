import LMDB

/// The blind name index: the `name_index` database of `data.mdb`, kept in the
/// same write transaction as the events it follows. It holds no name and no
/// birth date, only keyed hashes (`NameTags`), in two kinds of entry:
///
/// - search: `0x01 | name tag (32) | case id` -> name-and-birth tag (32);
/// - by case: `0x02 | case id` -> name tag (32), so that erasure finds and
///   deletes the case's search entry without the index key (erasure needs no
///   master key).
///
/// A case has at most one entry of each: its person as it stands (the
/// latest amendment of `case.opened`). `meta/name-index` holds the index's
/// version once it was built over the whole log (at `init`, or by the first
/// `find` or a `rebuild` on an older ledger); until then appends leave it alone.
/// Promises: `cases(matching:)` answers exactly the cases whose current
/// person has the tag; an erased case has no entry.
struct NameIndex {
    /// Bump when the normalisation or the tags change: the index is then built again.
    static let version: UInt8 = 1
    static let metaKey: [UInt8] = Array("name-index".utf8)
    static let searchKind: UInt8 = 1
    static let caseKind: UInt8 = 2

    let store: LedgerStore

    static func searchKey(_ tag: ChainHash, _ id: CaseID) -> [UInt8] {
        [searchKind] + tag.bytes + Array(id.rawValue.utf8)
    }

    static func caseKey(_ id: CaseID) -> [UInt8] { [caseKind] + Array(id.rawValue.utf8) }

    /// Whether the index was built over the whole log by this version.
    func isBuilt(_ txn: ReadTransaction) throws -> Bool {
        try txn.value(store.meta, key: NameIndex.metaKey) == [NameIndex.version]
    }

    func markBuilt(_ txn: WriteTransaction) throws {
        try txn.put(store.meta, key: NameIndex.metaKey, value: [NameIndex.version])
    }

    /// Marks the index as not built (the next `find` builds it again).
    func markUnbuilt(_ txn: WriteTransaction) throws {
        _ = try txn.delete(store.meta, key: NameIndex.metaKey)
    }

    /// Makes `tags` the case's entry, replacing the one it had.
    func put(_ tags: NameTags, for id: CaseID, _ txn: WriteTransaction) throws {
        try remove(id, txn)
        try txn.put(store.nameIndex, key: NameIndex.searchKey(tags.name, id), value: tags.nameAndBirth.bytes)
        try txn.put(store.nameIndex, key: NameIndex.caseKey(id), value: tags.name.bytes)
    }

    /// Deletes the case's entries, if it has any.
    func remove(_ id: CaseID, _ txn: WriteTransaction) throws {
        let byCase = NameIndex.caseKey(id)
        guard let stored = try txn.value(store.nameIndex, key: byCase), let tag = ChainHash(bytes: stored) else { return }
        _ = try txn.delete(store.nameIndex, key: NameIndex.searchKey(tag, id))
        _ = try txn.delete(store.nameIndex, key: byCase)
    }

    /// The cases whose person has the name tag (and, if given, the name-and-birth tag), in case-id order.
    func cases(matching name: ChainHash, birth: ChainHash?, _ txn: ReadTransaction) throws -> [CaseID] {
        let prefix = [NameIndex.searchKind] + name.bytes
        let birthBytes = birth?.bytes
        var out: [CaseID] = []
        try txn.forEach(store.nameIndex, from: prefix) { key, value in
            guard key.count > prefix.count, key.starts(with: prefix) else { return false }
            if let birthBytes, !value.elementsEqual(birthBytes) { return true }
            guard let id = CaseID(String(decoding: key[prefix.count...], as: UTF8.self)) else {
                throw LedgerError.corrupted("the name index holds a malformed case id; run 'ledger rebuild'")
            }
            out.append(id)
            return true
        }
        return out
    }

    /// Every case that has an entry (for tests and checks).
    func indexedCases(_ txn: ReadTransaction) throws -> [CaseID] {
        var out: [CaseID] = []
        try txn.forEach(store.nameIndex, from: [NameIndex.caseKind]) { key, _ in
            guard key.first == NameIndex.caseKind else { return false }
            if let id = CaseID(String(decoding: key.dropFirst(), as: UTF8.self)) { out.append(id) }
            return true
        }
        return out
    }
}
