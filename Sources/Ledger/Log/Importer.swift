import Foundation

/// What an import did.
public struct ImportSummary: Equatable, Sendable {
    /// Events appended.
    public var events: Int
    /// Cases those events belong to.
    public var cases: Int
    public var head: LogHead
    /// Lines naming a position the ledger already held: checked to be that event, not added again.
    public var held: Int = 0
}

extension Ledger {
    /// Imports an NDJSON file (`-` for standard input) all or nothing: every
    /// line is checked against the state as it evolves, and the first bad
    /// line fails the whole import as `FILE:LINE: reason` with nothing
    /// written (DOMAIN.md "The NDJSON format"). Lines naming positions the
    /// ledger already holds must be those events (hashes checked) and are
    /// not added again: onto a ledger that holds a prefix of the same log,
    /// the import appends the rest.
    public func importNDJSON(path: String) throws(LedgerError) -> ImportSummary {
        let reader = try LineReader(path: path)
        let total = reader.totalBytes
        let progress = options.progress
        // Pre-sealing needs the vault only for cases the file does not open; without a master key it seals nothing.
        let vault = try? self.vault()
        // Hashes an opening's plain person ahead for the name index, beside the sealing.
        let nameIndexKey = vault == nil ? nil : try? self.nameIndexKey()
        try store.reserveMap(forIncomingBytes: total)
        return try write { session -> ImportSummary in
            // The body runs again from the start when the map had to grow: read the input again too.
            try reader.rewind()
            let pipeline = ImportPipeline(reader: reader, preSealer: PreSealer(random: options.random, vault: vault, nameIndexKey: nameIndexKey),
                                          batchSize: importPipelineShape.batchSize, capacity: importPipelineShape.capacity)
            pipeline.start()
            defer { pipeline.stop() }
            var tally = ImportTally()
            while let batch = pipeline.next() {
                for line in batch {
                    switch line.outcome {
                    case .unreadable(let error):
                        throw error
                    case .invalid(let error):
                        throw LedgerError.atLine(file: reader.name, line: line.number, error)
                    case .event(let incoming, let presealed):
                        do {
                            try tally.take(incoming, presealed: presealed, into: session)
                        } catch let error as LedgerError {
                            throw LedgerError.atLine(file: reader.name, line: line.number, error)
                        }
                    }
                    if tally.lines & 0x3fff == 0 { progress?.progress("importing", done: line.bytesRead, total: total) }
                }
            }
            progress?.finished("importing")
            return tally.summary(head: session.head)
        }
    }
}

/// Which personal form an export writes.
public enum ExportMode: Sendable {
    /// As stored: every hash can be checked.
    case sealed
    /// `null` for every sealed field (analysts).
    case pseudonymous
    /// Sealed fields opened in place (auditors holding the key); the export is
    /// recorded in the access log first and covers the log as it stood then.
    case revealed(AccessRequest)
}

extension Ledger {
    /// Writes the log as NDJSON in position order: every event after
    /// `start` (the whole log by default; a start this log cannot continue
    /// from is refused, see `FeedStart`) through `limit`. Returns the number of events.
    @discardableResult
    public func export(to sink: OutputSink, mode: ExportMode = .sealed, after start: FeedStart = .beginning,
                       through limit: UInt64 = .max) throws(LedgerError) -> Int {
        var vault: Vault? = nil
        var end = limit
        if case .revealed(let request) = mode {
            vault = try self.vault()
            end = min(end, try recordWholeLogAccess(request) ?? 0)
        }
        let form = ExportForm(mode, vault: vault)
        let progress = options.progress
        let count = try store.read { txn -> Int in
            try start.check(store, txn)
            let total = try txn.entryCount(store.events)
            var count = 0
            try store.forEachEvent(from: start.position + 1, txn, detail: .full) { event in
                guard event.position <= end else { return false }
                try sink.write(try form.line(event))
                try sink.write([10])
                count += 1
                if count & 0xffff == 0 { progress?.progress("exporting", done: count, total: total) }
                return true
            }
            return count
        }
        try sink.finish()
        progress?.finished("exporting")
        return count
    }
}
