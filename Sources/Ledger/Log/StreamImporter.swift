/// Imports an NDJSON stream that may never end (`import --stream`): it
/// commits what has arrived in batches (`StreamBatching`), each one write
/// transaction, all or nothing. Promises: a line is committed at most
/// `StreamBatching.maxAge` seconds (plus the commit) after it arrived; lines
/// naming positions the ledger already holds are checked and not added again
/// (`AppendSession.take`), so a stream resumes after the ledger's own head
/// whatever position it starts from; the first bad line fails the import as
/// `FILE:LINE: reason` with nothing of its batch written, while earlier
/// batches stay committed; at the end of input, or when `stop` is raised,
/// the complete lines read so far are committed and the import ends (input
/// that ends inside a line, its sender killed mid-line, is a bad line saying so).
final class StreamImporter {
    private let ledger: Ledger
    private let lines: StreamLines
    private let stop: StopRequest?
    private let batching: StreamBatching
    private let clock: MonotonicClock
    private var tally = ImportTally()
    private var head = LogHead.empty

    init(ledger: Ledger, lines: StreamLines, stop: StopRequest?, batching: StreamBatching, clock: MonotonicClock) {
        self.ledger = ledger
        self.lines = lines
        self.stop = stop
        self.batching = batching
        self.clock = clock
    }

    func run() throws(LedgerError) -> ImportSummary {
        head = try ledger.head()
        var since: Double? = nil
        while true {
            let arrival = try lines.read(waiting: batching.wait(batchSince: since, now: clock.seconds()), stop: stop)
            switch arrival {
            case .data:
                if since == nil && lines.waitingLines > 0 { since = clock.seconds() }
                if batching.isDue(lines: lines.waitingLines, bytes: lines.waitingBytes, batchSince: since, now: clock.seconds()) {
                    try commit()
                    since = nil
                }
            case .timedOut:
                if since != nil {
                    try commit()
                    since = nil
                }
            case .endOfInput, .stopped:
                try commit()
                return tally.summary(head: head)
            }
        }
    }

    /// Appends the complete lines read so far in one write.
    private func commit() throws(LedgerError) {
        let batch = lines.take()
        guard !batch.isEmpty else { return }
        try ledger.store.reserveMap(forIncomingBytes: batch.bytes.count)
        let name = lines.name
        let (batchTally, batchHead) = try ledger.write { session -> (ImportTally, LogHead) in
            var batchTally = ImportTally()
            try batch.bytes.withUnsafeBytes { raw in
                for line in batch.lines {
                    let text = UnsafeRawBufferPointer(rebasing: raw[line.range])
                    if LineReader.isBlank(text) { continue }
                    do {
                        try batchTally.take(try EventJSONReader.read(line: text), presealed: nil, into: session)
                    } catch let error as LedgerError {
                        guard batch.lastIsUnterminated, line.number == batch.lines.last?.number else {
                            throw LedgerError.atLine(file: name, line: line.number, error)
                        }
                        throw LedgerError.atLine(file: name, line: line.number, .invalidInput("the input ended inside this line (its sender stopped mid-line?): \(error.description)"))
                    }
                }
            }
            return (batchTally, session.head)
        }
        tally.add(batchTally)
        head = batchHead
    }
}

extension Ledger {
    /// Imports a stream that may never end (`StreamImporter`) from `path`
    /// (`-`: standard input) until it ends or `stop` is raised; returns the
    /// totals of every batch committed.
    public func importStream(path: String, stop: StopRequest?, batching: StreamBatching = StreamBatching(),
                             clock: MonotonicClock = SystemMonotonicClock()) throws(LedgerError) -> ImportSummary {
        let lines = try StreamLines(path: path)
        return try StreamImporter(ledger: self, lines: lines, stop: stop, batching: batching, clock: clock).run()
    }
}
