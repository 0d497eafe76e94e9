import Foundation

/// One line of an import as the reading thread hands it over.
struct ParsedLine: Sendable {
    enum Outcome: Sendable {
        /// The event as read (plain: the rules check plain values) and, where
        /// possible, its payload sealed ahead.
        case event(IncomingEvent, presealed: PresealedPayload?)
        /// The line is not a valid event (the import fails here).
        case invalid(LedgerError)
        /// The file could not be read further (the import fails with this error as it is).
        case unreadable(LedgerError)
    }

    var number: Int
    var outcome: Outcome
    /// Bytes of the file read when this line was handed over (for progress).
    var bytesRead: Int
}

/// Reads, parses and pre-seals an NDJSON file on a second thread while the
/// import's write transaction appends what it has read: the appends (rules,
/// chain, projections) stay on the caller's thread in line order, and the
/// work that needs no ledger state moves to the other core. Promises: lines
/// arrive in order, each exactly once, in batches; reading stops at the first
/// line that is not a valid event (handed over as `.invalid`, the last item);
/// `stop` ends the reading thread and waits for it, so the reader can be
/// used again (rewound) afterwards; at most `capacity` batches wait in memory.
final class ImportPipeline: @unchecked Sendable {
    private let reader: LineReader
    private let preSealer: PreSealer
    private let batchSize: Int
    private let capacity: Int
    private let condition = NSCondition()
    private var queue: [[ParsedLine]] = []
    private var producing = false
    private var cancelled = false

    init(reader: LineReader, preSealer: PreSealer, batchSize: Int = 256, capacity: Int = 8) {
        self.reader = reader
        self.preSealer = preSealer
        self.batchSize = batchSize
        self.capacity = capacity
    }

    /// Starts the reading thread (from the reader's current line).
    func start() {
        condition.lock()
        producing = true
        condition.unlock()
        let thread = Thread { [self] in self.produce() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch in order; nil when the file is done (or reading stopped).
    func next() -> [ParsedLine]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && producing { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Stops the reading thread and waits until it has left the reader.
    func stop() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        while producing { condition.wait() }
        condition.unlock()
    }

    private func produce() {
        var batch: [ParsedLine] = []
        batch.reserveCapacity(batchSize)
        do {
            try reader.forEachLine { line, number in
                // DOMAIN.md: lines of only white space are skipped (and counted for line numbers).
                if LineReader.isBlank(line) { return }
                var parsed: ParsedLine
                do throws(LedgerError) {
                    let incoming = try EventJSONReader.read(line: line)
                    parsed = ParsedLine(number: number, outcome: .event(incoming, presealed: preSealer.preseal(incoming)),
                                        bytesRead: reader.bytesRead)
                } catch {
                    parsed = ParsedLine(number: number, outcome: .invalid(error), bytesRead: reader.bytesRead)
                }
                batch.append(parsed)
                if case .invalid = parsed.outcome { throw Stop.invalidLine }
                if batch.count == batchSize {
                    guard hand(batch) else { throw Stop.cancelled }
                    batch.removeAll(keepingCapacity: true)
                }
            }
        } catch Stop.cancelled {
            batch.removeAll()
        } catch Stop.invalidLine {
        } catch {
            let failure = error as? LedgerError ?? .io("cannot read \(reader.name): \(error)")
            batch.append(ParsedLine(number: 0, outcome: .unreadable(failure), bytesRead: reader.bytesRead))
        }
        if !batch.isEmpty { _ = hand(batch) }
        condition.lock()
        producing = false
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the queue is full; false when stopped.
    private func hand(_ batch: [ParsedLine]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    private enum Stop: Error { case cancelled, invalidLine }
}
