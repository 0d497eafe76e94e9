/// The personal form of a live feed: the two that need no key and record no access.
public enum FeedForm: Sendable {
    /// As stored: every hash can be checked, a standby can import it.
    case sealed
    /// `null` for every sealed field and free text (analysts, a warehouse).
    case pseudonymous

    var exportMode: ExportMode { self == .sealed ? .sealed : .pseudonymous }
}

/// How a follow ended (both are clean ends).
public struct FollowEnding: Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// The stop was raised (SIGINT, SIGTERM).
        case stopped
        /// The output's reader went away (a closed pipe).
        case readerGone
    }

    public var reason: Reason
    /// The position of the last event written whole (the start's when none was).
    public var position: UInt64
    /// Events written whole.
    public var events: Int
}

/// Writes the log's events as NDJSON as they are committed, like `tail -f`:
/// first every event after the start, then each new one, until stopped.
/// Promises: events go out in position order, each once, as whole lines, the
/// first one chain-linked to the start; a read transaction is held only while
/// a batch is encoded, never while writing or waiting, so the follower never
/// holds back a writer or LMDB's reuse of pages; it waits for commits without
/// a busy loop (`CommitWatch`, `FollowPacing`).
final class LogFollower {
    private let store: LedgerStore
    private let form: ExportForm
    private let output: FeedOutput
    private let stop: StopRequest?
    private let pacing: FollowPacing
    /// At most this many events (or about this many bytes) per read transaction.
    static let batchEvents = 2048
    static let batchBytes = 4 << 20

    init(store: LedgerStore, form: FeedForm, output: FeedOutput, stop: StopRequest?, pacing: FollowPacing) {
        self.store = store
        self.form = ExportForm(form.exportMode, vault: nil)
        self.output = output
        self.stop = stop
        self.pacing = pacing
    }

    func run(after start: FeedStart) throws(LedgerError) -> FollowEnding {
        try store.read { try start.check(store, $0) }
        // Watch before the first look: a commit between the look and the wait still wakes it.
        let watch = CommitWatch(directory: store.directory)
        var ending = FollowEnding(reason: .stopped, position: start.position, events: 0)
        var quietLooks = 0
        while true {
            let batch = try nextBatch(after: ending.position)
            if batch.count > 0 {
                switch try output.write(batch.bytes) {
                case .written:
                    ending.position = batch.last
                    ending.events += batch.count
                    quietLooks = 0
                    continue
                case .readerGone:
                    ending.reason = .readerGone
                    return ending
                case .stopped:
                    return ending
                }
            }
            let seconds = pacing.wait(afterQuietLooks: quietLooks, notified: watch.isNotified)
            quietLooks += 1
            switch watch.wait(seconds: seconds, stop: stop, output: output.descriptor) {
            case .written: quietLooks = 0
            case .timedOut: break
            case .stopped: return ending
            case .readerGone:
                ending.reason = .readerGone
                return ending
            case .fileGone:
                throw .io("\(store.what): its data file was removed or replaced while following it; follow from the ledger now at that path")
            }
        }
    }

    /// The lines of the events after `position`, up to a batch, in one read transaction.
    private func nextBatch(after position: UInt64) throws(LedgerError) -> (bytes: [UInt8], last: UInt64, count: Int) {
        try store.read { txn in
            let head = try store.head(txn)
            guard head.position > position else { return ([], position, 0) }
            var bytes: [UInt8] = []
            var last = position
            var count = 0
            try store.forEachEvent(from: position + 1, through: head.position, txn, detail: .full) { event in
                bytes.append(contentsOf: try form.line(event))
                bytes.append(10)
                last = event.position
                count += 1
                return count < LogFollower.batchEvents && bytes.count < LogFollower.batchBytes
            }
            return (bytes, last, count)
        }
    }
}

extension Ledger {
    /// Follows the log (`LogFollower`): writes every event after `start`,
    /// then each new one as it is committed, to `output`, until `stop` is
    /// raised or the output's reader goes away.
    public func follow(_ form: FeedForm, after start: FeedStart = .beginning, to output: FeedOutput,
                       stop: StopRequest?, pacing: FollowPacing = FollowPacing()) throws(LedgerError) -> FollowEnding {
        try LogFollower(store: store, form: form, output: output, stop: stop, pacing: pacing).run(after: start)
    }
}
