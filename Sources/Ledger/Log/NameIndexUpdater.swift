import SystemCrypto
import LMDB

/// The blind name index's part of one write (`AppendSession`): it follows
/// the person of every case the write opens or amends (`case.opened`, an
/// amendment of version 1) and every erasure, and at `finish` brings the
/// `NameIndex` up to date in the same transaction. A plain person (a CLI
/// option, a plain import line) is hashed as it comes, before sealing (an
/// import's `PreSealer` hashes it ahead on its thread); a person that came
/// sealed (an import of a sealed export) is opened at `finish` with its case
/// key, all such keys read from the vault in one go, and left out of the
/// index when its key is not there (as `show` cannot open it either).
/// Promises: after `finish`, every case the write touched has exactly the
/// entry of its current person, or none when erased; an index not yet built
/// (`NameIndex.isBuilt`) is left alone, since building it covers every case.
final class NameIndexUpdater {
    private let index: NameIndex
    private let txn: WriteTransaction
    /// The index key; nil when the vault holds none (the index is then marked unbuilt).
    private let indexKey: () throws -> NameIndexKey?
    private var active: Bool?
    private var changes: [CaseID: Change] = [:]

    /// What the write did to a case's person, latest first.
    private enum Change {
        case tags(NameTags?)
        case sealed([UInt8])
        case erased
    }

    init(store: LedgerStore, txn: WriteTransaction, indexKey: @escaping () throws -> NameIndexKey?) {
        index = NameIndex(store: store)
        self.txn = txn
        self.indexKey = indexKey
    }

    /// Takes in an appended event's payload as the rules decided it (plain
    /// fields not yet sealed); `tags`: the person's tags hashed ahead, if any.
    func note(_ payload: Payload, of id: CaseID, tags: NameTags? = nil) throws {
        let person: PersonalField
        switch payload {
        case .caseOpened(let o):
            person = o.person
        case .entryCorrected(let c):
            guard c.target == 1, c.action == .amend, case .read(.caseOpened(let o))? = c.replacement else { return }
            person = o.person
        case .caseErased:
            guard try isActive() else { return }
            changes[id] = .erased
            return
        default:
            return
        }
        guard try isActive() else { return }
        if let tags {
            changes[id] = .tags(tags)
            return
        }
        switch person {
        case .plain(let value):
            guard let key = try indexKey() else { return try deactivate() }
            changes[id] = .tags(try key.tags(person: value))
        case .sealed(let bytes):
            changes[id] = .sealed(bytes)
        }
    }

    /// Writes the touched cases' entries. `isErased` says whether a case is
    /// erased as the write leaves it; `keys` gives the case keys at hand for
    /// the persons that came sealed.
    func finish(isErased: (CaseID) throws -> Bool, keys: ([CaseID]) throws -> [CaseID: AES256GCMKey]) throws {
        guard !changes.isEmpty else { return }
        var sealed: [(CaseID, [UInt8])] = []
        for (id, change) in changes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if try isErased(id) {
                try index.remove(id, txn)
                continue
            }
            switch change {
            case .erased: try index.remove(id, txn)
            case .tags(let tags?): try index.put(tags, for: id, txn)
            case .tags(nil): try index.remove(id, txn)
            case .sealed(let bytes): sealed.append((id, bytes))
            }
        }
        guard !sealed.isEmpty else { return }
        let found = try keys(sealed.map(\.0))
        guard !found.isEmpty else { return }
        guard let key = try indexKey() else { return try deactivate() }
        for (id, bytes) in sealed {
            // Without its key the person cannot be read here either: the entry stays as it was.
            guard let caseKey = found[id], let person = FieldOpener(key: caseKey, caseID: id).open(bytes, field: .person) else { continue }
            if let tags = try key.tags(person: person) { try index.put(tags, for: id, txn) } else { try index.remove(id, txn) }
        }
    }

    private func isActive() throws -> Bool {
        if let active { return active }
        let built = try index.isBuilt(txn)
        active = built
        return built
    }

    /// The vault holds no index key although the index was built (a vault from elsewhere):
    /// the index is marked unbuilt, so the next `find` builds it again with the key it makes.
    private func deactivate() throws {
        try index.markUnbuilt(txn)
        active = false
        changes.removeAll()
    }
}
