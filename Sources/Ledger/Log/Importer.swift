import Foundation

/// What an import did.
public struct ImportSummary: Equatable, Sendable {
    public var events: Int
    public var cases: Int
    public var head: LogHead
}

extension Ledger {
    /// Imports an NDJSON file (`-` for standard input) all or nothing: every
    /// line is checked against the state as it evolves, and the first bad
    /// line fails the whole import as `FILE:LINE: reason` with nothing
    /// written (DOMAIN.md "The NDJSON format").
    public func importNDJSON(path: String) throws(LedgerError) -> ImportSummary {
        let reader = try LineReader(path: path)
        let total = reader.totalBytes
        let progress = options.progress
        // Pre-sealing needs the vault only for cases the file does not open; without a master key it seals nothing.
        let vault = try? self.vault()
        try store.reserveMap(forIncomingBytes: total)
        return try write { session -> ImportSummary in
            // The body runs again from the start when the map had to grow: read the input again too.
            try reader.rewind()
            let pipeline = ImportPipeline(reader: reader, preSealer: PreSealer(random: options.random, vault: vault),
                                          batchSize: importPipelineShape.batchSize, capacity: importPipelineShape.capacity)
            pipeline.start()
            defer { pipeline.stop() }
            var count = 0
            var cases = Set<CaseID>()
            while let batch = pipeline.next() {
                for line in batch {
                    switch line.outcome {
                    case .unreadable(let error):
                        throw error
                    case .invalid(let error):
                        throw LedgerError.atLine(file: reader.name, line: line.number, error)
                    case .event(let incoming, let presealed):
                        do {
                            try session.append(incoming, presealed: presealed)
                        } catch let error as LedgerError {
                            throw LedgerError.atLine(file: reader.name, line: line.number, error)
                        }
                        cases.insert(incoming.caseID)
                    }
                    count += 1
                    if count & 0x3fff == 0 { progress?.progress("importing", done: line.bytesRead, total: total) }
                }
            }
            progress?.finished("importing")
            return ImportSummary(events: count, cases: cases.count, head: session.head)
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
    /// Writes the whole log as NDJSON in position order. Returns the number of events.
    @discardableResult
    public func export(to sink: OutputSink, mode: ExportMode = .sealed, through limit: UInt64 = .max) throws(LedgerError) -> Int {
        var openers: [CaseID: FieldOpener] = [:]
        var vault: Vault? = nil
        var end = limit
        if case .revealed(let request) = mode {
            vault = try self.vault()
            end = min(end, try recordWholeLogAccess(request) ?? 0)
        }
        let progress = options.progress
        let count = try store.read { txn -> Int in
            let total = try txn.entryCount(store.events)
            var writer = CanonicalJSONWriter(reservingCapacity: 2048)
            var count = 0
            try store.forEachEvent(txn, detail: .full) { event in
                guard event.position <= end else { return false }
                writer.reset()
                switch mode {
                case .sealed:
                    EventJSONWriter.write(event, includeHash: true, into: &writer)
                case .pseudonymous:
                    EventJSONWriter.write(event, includeHash: true, personal: .withheld, into: &writer)
                case .revealed:
                    let opener: FieldOpener
                    if let known = openers[event.caseID] {
                        opener = known
                    } else {
                        opener = FieldOpener(key: try vault?.keys(for: [event.caseID])[event.caseID], caseID: event.caseID)
                        openers[event.caseID] = opener
                    }
                    EventJSONWriter.write(event, includeHash: true,
                                          personal: .revealed({ field, bytes in opener.open(bytes, field: field) }),
                                          into: &writer)
                }
                try sink.write(writer.bytes)
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
