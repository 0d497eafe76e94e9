import CSQLite
import Foundation
import Ledger

/// The import baseline: the same events loaded into SQLite (system
/// libsqlite3, WAL, synchronous=FULL) as one transaction: each NDJSON line
/// of the ledger's export is parsed with the ledger's JSON parser and
/// inserted with a prepared statement into
/// `events(position INTEGER PRIMARY KEY, case_id, version, type, recorded_at, body)`
/// with a unique index on (case_id, version); `body` is the line itself.
enum SQLiteBaseline {
    struct Result {
        var events: Int
        var seconds: Double
        var bytes: Int
    }

    static func load(ndjson path: String, into database: String) throws(BenchError) -> Result {
        for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
        var opened: OpaquePointer?
        guard sqlite3_open(database, &opened) == SQLITE_OK, let db = opened else { throw .failed("cannot open \(database)") }
        defer { sqlite3_close(db) }
        try exec(db, "PRAGMA journal_mode=WAL")
        try exec(db, "PRAGMA synchronous=FULL")
        try exec(db, """
            CREATE TABLE events(position INTEGER PRIMARY KEY, case_id TEXT NOT NULL, version INTEGER NOT NULL,
                                type TEXT NOT NULL, recorded_at TEXT NOT NULL, body TEXT NOT NULL)
            """)
        try exec(db, "CREATE UNIQUE INDEX events_case_version ON events(case_id, version)")
        var prepared: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO events VALUES(?,?,?,?,?,?)", -1, &prepared, nil) == SQLITE_OK,
              let insert = prepared else { throw .failed("prepare: \(String(cString: sqlite3_errmsg(db)))") }
        defer { sqlite3_finalize(insert) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        var count = 0
        let seconds: Double
        do {
            let reader = try LineReader(path: path)
            seconds = try Measure.seconds {
                try exec(db, "BEGIN")
                try reader.forEachLine { line, number in
                    guard case .object(let o) = try JSONParser.parse(line),
                          case .int(let position)? = o["position"], case .string(let caseID)? = o["case"],
                          case .int(let version)? = o["version"], case .string(let type)? = o["type"],
                          case .string(let recorded)? = o["recorded_at"] else {
                        throw BenchError.failed("\(path):\(number): not an exported event")
                    }
                    sqlite3_bind_int64(insert, 1, position)
                    sqlite3_bind_text(insert, 2, caseID, -1, transient)
                    sqlite3_bind_int64(insert, 3, version)
                    sqlite3_bind_text(insert, 4, type, -1, transient)
                    sqlite3_bind_text(insert, 5, recorded, -1, transient)
                    sqlite3_bind_text(insert, 6, line.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(line.count), nil)
                    guard sqlite3_step(insert) == SQLITE_DONE else {
                        throw BenchError.failed("insert: \(String(cString: sqlite3_errmsg(db)))")
                    }
                    sqlite3_reset(insert)
                    count += 1
                }
                try exec(db, "COMMIT")
            }
        } catch let error as BenchError {
            throw error
        } catch {
            throw .failed("SQLite load: \(error)")
        }
        let bytes = ["", "-wal", "-shm"].reduce(0) { $0 + DiskUsage.allocatedBytes(database + $1) }
        return Result(events: count, seconds: seconds, bytes: bytes)
    }

    static func exec(_ db: OpaquePointer, _ sql: String) throws(BenchError) {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(db, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw .failed("SQLite: \(text) (\(sql.prefix(40)))")
        }
    }
}
