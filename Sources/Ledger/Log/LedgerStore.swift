import Foundation
import LMDB

/// The ledger's LMDB environment (`data.mdb` in the ledger folder) and its
/// databases: `events` (position -> event), the projections `case_state`
/// (which holds each case's index, the positions of its events, since format
/// 2), `episodes` and `open_cases`, the
/// `access_log`, the blind `name_index` (`NameIndex`), the Merkle tree's
/// inner nodes `merkle` (`StoredMerkleTree`), and `meta` (format version,
/// configuration, head, projection checkpoints, the tree's layout version,
/// case-id counters). Promises: it opens only a ledger of a format this build
/// reads; LMDB errors surface as `LedgerError`s naming the ledger.
final class LedgerStore {
    /// The layout this build writes (Docs/STORAGE.md): 2 keeps the case index in `case_state`; a ledger of
    /// format 1 (the index in `cases`) is converted once when opened (`FormatMigration`).
    static let formatVersion: UInt32 = 2
    static let dataFile = "data.mdb"
    /// The map size a ledger opens with (it grows by itself when full).
    public static let defaultMapSize = 256 << 20

    let directory: String
    let env: Environment
    let events: Database
    /// The case index of format 1, empty since format 2: kept so that a build of format 1 finds every
    /// database it knows and refuses the ledger by its format version, not as damaged.
    let cases: Database
    let caseState: Database
    let episodes: Database
    let openCases: Database
    let accessLog: Database
    let nameIndex: Database
    let merkle: Database
    let meta: Database

    var what: String { "the ledger at \(directory)" }

    init(directory: String, create: Bool, durable: Bool, mapSize: Int = LedgerStore.defaultMapSize,
         maxMapSize: Int?) throws(LedgerError) {
        self.directory = directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noLedger("no ledger at \(directory): the folder does not exist (create one with 'ledger init')")
        }
        if !create && !FileManager.default.fileExists(atPath: directory + "/" + LedgerStore.dataFile) {
            throw .noLedger("\(directory) is not a ledger (no \(LedgerStore.dataFile); create one with 'ledger init')")
        }
        try FileAccess.checkDataFile(directory + "/" + LedgerStore.dataFile)
        var options = EnvironmentOptions()
        options.mapSize = mapSize
        options.maxMapSize = maxMapSize
        options.maxDatabases = 12
        options.durable = durable
        options.fileMode = 0o600
        let what = "the ledger at \(directory)"
        let env = try DamagedFile.open(.ledger, at: directory, options: options, path: directory + "/" + LedgerStore.dataFile,
                                       what: what, directory: directory)
        self.env = env
        // Opening an existing database takes a read transaction only; creating one takes LMDB's writer
        // lock, which a reader must never wait for. `init` has made every database of format 1 since the
        // first build, so in an existing ledger a missing one was lost to damage (and is not made anew in
        // a damaged file); a database added later (`addedLater`) is made in a ledger older than it.
        func open(_ name: String, addedLater: Bool = false) throws(LedgerError) -> Database {
            try StoreErrors.run(what) {
                if !create {
                    do {
                        return try env.openDatabase(name, create: false)
                    } catch LMDBError.notFound {
                        guard addedLater else {
                            throw DamagedFile.error(.ledger, "\(directory)/\(LedgerStore.dataFile) has lost its \(name) database")
                        }
                    }
                }
                return try env.openDatabase(name, create: true)
            }
        }
        events = try open("events")
        cases = try open("cases")
        caseState = try open("case_state")
        episodes = try open("episodes")
        openCases = try open("open_cases")
        accessLog = try open("access_log")
        nameIndex = try open("name_index", addedLater: true)
        merkle = try open("merkle", addedLater: true)
        meta = try open("meta")
    }

    func close() { env.close() }

    /// Whether imports reserve map room up front (tests turn it off to drive the
    /// grow-and-run-again path that a reservation falling short still takes).
    var reservesMapForImports = true

    /// Makes room in the map for a write of `bytes` of NDJSON on top of what the
    /// file holds (stored events take about as many bytes as their plain NDJSON,
    /// projections come on top: twice the input leaves room for both). Without it an
    /// import bigger than the map's free room fills it, aborts and runs again from the
    /// first line (a 1,000,000-event import ends 1 MB short of the default 256 MB map).
    func reserveMap(forIncomingBytes bytes: Int) throws(LedgerError) {
        guard bytes > 0, reservesMapForImports else { return }
        var info = stat()
        let held = stat(directory + "/" + LedgerStore.dataFile, &info) == 0 ? Int(info.st_size) : 0
        let (wanted, overflow) = held.addingReportingOverflow(bytes.multipliedReportingOverflow(by: 2).partialValue)
        try StoreErrors.run(what, directory: directory) { try env.reserveMap(atLeast: overflow ? Int.max : wanted) }
    }

    func read<R>(_ body: (ReadTransaction) throws -> R) throws(LedgerError) -> R {
        try StoreErrors.run(what, directory: directory) { try env.read(body) }
    }

    func write<R>(_ body: (WriteTransaction) throws -> R) throws(LedgerError) -> R {
        try StoreErrors.run(what, directory: directory) { try env.write(body) }
    }

    /// Makes a commit that a writer killed inside `mdb_txn_commit` wrote but
    /// never announced in lock.mdb visible to read transactions: an empty
    /// write transaction takes LMDB's writer mutex, whose recovery adopts the
    /// newest meta page (it writes nothing). Call under the writer lock,
    /// before reading what a write will then build on (Docs/RELIABILITY.md).
    func adoptUnannouncedCommit() throws(LedgerError) {
        try write { _ in }
    }

    // MARK: meta

    func formatVersion(_ txn: ReadTransaction) throws -> UInt32? {
        try txn.withValue(meta, key: StoreKeys.format) { b -> UInt32 in
            var r = ByteReader(b)
            let format = try r.u32BE()
            try r.expectEnd("the format version")
            return format
        }
    }

    /// Stamps the ledger with this build's format version (u32 big-endian).
    func putFormatVersion(_ txn: WriteTransaction) throws {
        var w = ByteWriter(capacity: 4)
        w.u32BE(LedgerStore.formatVersion)
        try txn.put(meta, key: StoreKeys.format, value: w.bytes)
    }

    /// The configuration; read after the format version, which `init` writes with it: missing, it was lost to damage.
    func config(_ txn: ReadTransaction) throws -> LedgerConfig {
        guard let data = try txn.value(meta, key: StoreKeys.config) else {
            throw DamagedFile.error(.ledger, "\(directory)/\(LedgerStore.dataFile) has lost its configuration")
        }
        do {
            return try JSONDecoder().decode(LedgerConfig.self, from: Data(data))
        } catch {
            throw LedgerError.corrupted("the ledger's configuration is unreadable: \(error)")
        }
    }

    func head(_ txn: ReadTransaction) throws -> LogHead {
        try txn.withValue(meta, key: StoreKeys.head) { try LogHead.decode($0) } ?? .empty
    }

    func putHead(_ head: LogHead, _ txn: WriteTransaction) throws {
        try txn.put(meta, key: StoreKeys.head, value: head.encoded())
    }

    func sequence(_ txn: ReadTransaction, prefix: Substring, year: Int) throws -> Int {
        try txn.withValue(meta, key: StoreKeys.sequence(prefix: prefix, year: year)) { b -> Int in
            var r = ByteReader(b)
            let sequence = try r.u64BE()
            try r.expectEnd("a case-id counter")
            guard sequence <= 999_999_999 else { throw CodecError.malformed("a case-id counter beyond 9 digits") }
            return Int(sequence)
        } ?? 0
    }

    func putSequence(_ txn: WriteTransaction, prefix: Substring, year: Int, _ value: Int) throws {
        try txn.put(meta, key: StoreKeys.sequence(prefix: prefix, year: year), value: KeyBytes.u64(UInt64(value)))
    }

    // MARK: events

    /// Puts the event at the end of the log. Its place in the case index is the entry the
    /// projection gives it in the case's state (`EntryInfo.position`), written with the state.
    func putEvent(_ bytes: [UInt8], position: UInt64, _ txn: WriteTransaction) throws {
        try txn.put(events, key: KeyBytes.u64(position), value: bytes, flags: .append)
    }

    /// The positions of a case's events in version order, from its state; empty for a case the ledger does not hold.
    func positions(of caseID: CaseID, _ txn: ReadTransaction) throws -> [UInt64] {
        try txn.withValue(caseState, key: Array(caseID.rawValue.utf8)) {
            try ProjectionCodec.decodeState($0, caseID: caseID).positions
        } ?? []
    }

    /// Decodes the event at a position; `prev` is read from the one before.
    func event(at position: UInt64, _ txn: ReadTransaction, detail: EventBinaryCodec.Detail = .full) throws -> Event? {
        let prev = position > 1
            ? try txn.withValue(events, key: KeyBytes.u64(position - 1)) { try EventBinaryCodec.storedHash($0) } ?? .zero
            : ChainHash.zero
        return try txn.withValue(events, key: KeyBytes.u64(position)) {
            try EventBinaryCodec.decode($0, position: position, prev: prev, detail: detail)
        }
    }

    /// The case's events in version order. Each must be the version of the case its state's index
    /// names at that position: an index that points elsewhere is damage, never another case's event shown.
    func events(of caseID: CaseID, _ txn: ReadTransaction, detail: EventBinaryCodec.Detail = .full) throws -> [Event] {
        try events(at: try positions(of: caseID, txn), of: caseID, txn, detail: detail)
    }

    /// The case's events at `positions` (its index, version 1 first), each checked to be that version of the case.
    func events(at positions: [UInt64], of caseID: CaseID, _ txn: ReadTransaction,
                detail: EventBinaryCodec.Detail = .full) throws -> [Event] {
        var out: [Event] = []
        out.reserveCapacity(positions.count)
        for (index, position) in positions.enumerated() {
            guard let event = try event(at: position, txn, detail: detail), event.caseID == caseID,
                  event.version == UInt32(truncatingIfNeeded: index + 1) else {
                throw LedgerError.corrupted("the case index of \(caseID) does not point version \(index + 1) at the event at position \(position): the ledger file is damaged; run 'ledger verify'")
            }
            out.append(event)
        }
        return out
    }

    /// Visits events in position order from `start`, each decoded with its `prev`.
    func forEachEvent(from start: UInt64 = 1, through end: UInt64 = .max, _ txn: ReadTransaction,
                      detail: EventBinaryCodec.Detail, _ body: (Event) throws -> Bool) throws {
        var prev = start > 1
            ? try txn.withValue(events, key: KeyBytes.u64(start - 1)) { try EventBinaryCodec.storedHash($0) } ?? .zero
            : ChainHash.zero
        try txn.forEach(events, from: KeyBytes.u64(start)) { key, value in
            guard let position = KeyBytes.readU64(key), position <= end else { return false }
            let event = try EventBinaryCodec.decode(value, position: position, prev: prev, detail: detail)
            prev = event.hash
            return try body(event)
        }
    }

    // MARK: projections

    func record(of caseID: CaseID, _ txn: ReadTransaction) throws -> CaseRecord? {
        let key = Array(caseID.rawValue.utf8)
        guard let state = try txn.withValue(caseState, key: key, { try ProjectionCodec.decodeState($0, caseID: caseID) }) else {
            return nil
        }
        var record = CaseRecord(caseID: caseID)
        record.state = state
        for n in 1...max(1, state.episode) {
            if let facts = try txn.withValue(episodes, key: StoreKeys.episode(caseID, n), {
                try ProjectionCodec.decodeEpisode($0, caseID: caseID, number: n)
            }) {
                record.episodes.append(facts)
            }
        }
        return record
    }

    /// For a case the projection does not hold: throws when the log holds it after all (its
    /// projection was lost to damage, which must not read as an unknown case). The case index
    /// lives in the projection since format 2, so the log itself is searched, each event read only
    /// as far as its case id: on this refusal path alone (a mistyped case id), about a tenth of a
    /// second for a million events.
    func refuseLostCase(_ id: CaseID, _ txn: ReadTransaction) throws {
        let wanted = Array(id.rawValue.utf8)
        var held = false
        try txn.forEach(events, from: KeyBytes.u64(1)) { _, value in
            var peek = ByteReader(value)
            held = try EventEnvelope.caseBytes(&peek).elementsEqual(wanted)
            return !held
        }
        if held {
            throw LedgerError.corrupted("the log holds \(id), but its case_state projection does not: the ledger file is damaged; run 'ledger verify'")
        }
    }

    /// Writes a case's projections: its state, the given episodes, and its place in `open_cases`.
    func putRecord(_ record: CaseRecord, episodesFrom first: Int = 1, _ txn: WriteTransaction) throws {
        let key = Array(record.state.caseID.rawValue.utf8)
        try txn.put(caseState, key: key, value: ProjectionCodec.encode(record.state))
        for facts in record.episodes where facts.number >= first {
            try txn.put(episodes, key: StoreKeys.episode(record.state.caseID, facts.number), value: ProjectionCodec.encode(facts))
        }
        // The caseload entry is written only when it changed: rewriting an unchanged
        // one would still dirty its pages, and every page adds to a durable append's flush.
        if record.state.isOpen {
            let entry = CaseloadEntry(record: record).encoded()
            let stored = try txn.withValue(openCases, key: key) { Array($0) }
            if stored != entry { try txn.put(openCases, key: key, value: entry) }
        } else if try txn.contains(openCases, key: key) {
            _ = try txn.delete(openCases, key: key)
        }
    }
}
