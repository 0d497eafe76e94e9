import Foundation
import LMDB

/// What `verify` found.
public struct VerificationReport: Equatable, Sendable {
    public var events: Int
    public var cases: Int
    public var head: LogHead
    public var accessLogEntries: Int
    /// Whether the access log was checked to extend a published access-log head
    /// (false when none was given, e.g. an old `POSITION:HASH` checkpoint).
    public var accessLogAgainstCheckpoint: Bool = false
}

extension Ledger {
    /// Where `verify`'s second thread takes over the hash checks: it replays the whole log first (about
    /// 0.4 of a hash check's time an event), so it checks the last 40% of the hashes and this thread the
    /// rest, with the order, version, index and tree checks of every event.
    static func hashSplit(_ total: Int) -> UInt64 {
        UInt64(total) * 3 / 5 + 1
    }

    /// Recomputes every event's canonical form and hash, the whole chain, the
    /// gapless positions and versions, the Merkle tree, and compares every
    /// stored projection (the case index, each state's positions, with them), checkpoint and
    /// case-id counter with the bytes a fresh replay encodes (`StoredProjectionCheck`). Throws `.corrupted` naming the
    /// first problem. `against` checks that the log still extends a
    /// published checkpoint `POSITION:HASH` (`ledger seal`). Rebuilds the
    /// Merkle tree alongside and compares every stored node; `treeHead` (a
    /// signed checkpoint's, see `checkSignedCheckpoint`) must be the root of
    /// the log's first `treeHead.size` events. Then checks the
    /// access log's chain, and that it extends `accessLog` (a signed
    /// checkpoint's) or the checkpoint's access-log head: at least that many
    /// entries, the last of them with that hash. Reports progress by phase to `options.progress`.
    public func verify(against checkpoint: Checkpoint? = nil, treeHead: TreeHead? = nil,
                       accessLog: AccessLogHead? = nil) throws(LedgerError) -> VerificationReport {
        try verify(against: checkpoint, treeHead: treeHead, accessLog: accessLog, twoThreads: nil)
    }

    /// `verify`, with `twoThreads` choosing the second thread (nil: on two cores or more for a log of
    /// `ProjectionBuilder.shardingThreshold` events or more). Both ways check the same and name the same first problem.
    func verify(against checkpoint: Checkpoint? = nil, treeHead: TreeHead? = nil,
                accessLog: AccessLogHead? = nil, twoThreads: Bool?) throws(LedgerError) -> VerificationReport {
        let publishedAccess = accessLog ?? checkpoint?.accessLog
        if let checkpoint, checkpoint.position == 0, checkpoint.hash != .zero {
            throw .corrupted("checkpoint 0 stands for the empty log and must carry 64 zeros")
        }
        let progress = options.progress
        return try store.read { txn -> VerificationReport in
            let total = try txn.entryCount(store.events)
            // On two cores or more a second thread replays the log and then checks the hashes of its last
            // part (from `split` on) on the same snapshot, while this one checks the rest.
            let twoThreads = total > 1 && (twoThreads
                ?? (ProcessInfo.processInfo.activeProcessorCount > 1 && total >= ProjectionBuilder.shardingThreshold))
            let split = twoThreads ? Self.hashSplit(total) : UInt64(total) + 1
            let beside = twoThreads ? ReplayBeside(store: store, zone: zone, snapshot: try txn.snapshotID(), hashesFrom: split) : nil
            var tail: ChainCheck.Failure?? = nil
            /// The first event from `split` on whose hash fails: the second thread's finding, or this thread's.
            func tailFailure() throws -> ChainCheck.Failure? {
                if let tail { return tail }
                let found: ChainCheck.Failure?
                if let outcome = beside?.result(through: UInt64(total)) {
                    found = outcome.firstAltered
                } else {
                    found = try ChainCheck.firstAltered(from: split, store, txn)
                }
                tail = .some(found)
                return found
            }
            var expectedPosition: UInt64 = 1
            var prev = ChainHash.zero
            var versions: [CaseID: UInt32] = [:]
            var lastRecorded: Timestamp? = nil
            var chain = ChainCheck()
            var tree = TreeVerifier(store: store, expected: treeHead)
            var checkpointSeen = checkpoint == nil || checkpoint?.position == 0
            progress?.progress("verifying the log", done: 0, total: total)
            func check(_ event: Event, hashed: Bool) throws -> Bool {
                let p = event.position
                guard p == expectedPosition else {
                    throw LedgerError.corrupted("position \(expectedPosition) is missing (found \(p) next): the log has a gap")
                }
                guard !hashed || chain.hashMatches(event) else { throw ChainCheck.verifyAltered(event) }
                guard event.prev == prev else {
                    throw LedgerError.corrupted("event at position \(p) does not link to the hash of position \(p - 1)")
                }
                // One lookup of the case's last version, read and advanced in place.
                try { (last: inout UInt32) throws(LedgerError) in
                    let expected = last + 1
                    guard event.version == expected else {
                        throw LedgerError.corrupted("event at position \(p) has version \(event.version) of \(event.caseID); expected \(expected)")
                    }
                    last = expected
                }(&versions[event.caseID, default: 0])
                if let last = lastRecorded, event.recordedAt.isBefore(last) {
                    throw LedgerError.corrupted("recorded_at goes back at position \(p)")
                }
                if let checkpoint, checkpoint.position == p {
                    guard checkpoint.hash == event.hash else {
                        throw LedgerError.corrupted("the event at position \(p) does not carry the published hash \(checkpoint.hash.hex): the log no longer extends that checkpoint")
                    }
                    checkpointSeen = true
                }
                lastRecorded = event.recordedAt
                prev = event.hash
                try tree.add(event.hash, position: p, txn)
                expectedPosition += 1
                // The event is decoded (copied out of the map): hand back the pages read so far, as a rebuild
                // does, but 8 times less often (chosen when a case index lookup per event touched pages all
                // over the file, and every 8,192 events cost 0.45 s of system time more).
                if p % UInt64(ProjectionBuilder.releaseInterval * 8) == 0 { try txn.releaseMappedPages() }
                if p & 0xffff == 0 { progress?.progress("verifying the log", done: Int(p), total: total) }
                return true
            }
            do {
                do {
                    try store.forEachEvent(through: split - 1, txn, detail: .full) { try check($0, hashed: true) }
                    // The second thread checks these events' hashes; their personal fields are not needed here.
                    try store.forEachEvent(from: split, txn, detail: .skippingPersonal) { try check($0, hashed: false) }
                } catch let error as CodecError {
                    throw ChainCheck.unreadable(expectedPosition, error)
                }
            } catch {
                // The first problem in log order: a hash that fails at or before where this thread stopped comes first.
                if expectedPosition >= split, let altered = try tailFailure(), altered.position <= expectedPosition {
                    throw altered.error
                }
                throw error
            }
            if let altered = try tailFailure() { throw altered.error }
            progress?.finished("verifying the log")
            guard checkpointSeen else {
                throw LedgerError.corrupted("the log ends at position \(expectedPosition - 1), before the published checkpoint at position \(checkpoint?.position ?? 0)")
            }
            let head = try store.head(txn)
            try HeadCheck.matching(head, last: LogHead(position: expectedPosition - 1, hash: prev, recordedAt: lastRecorded))
            try tree.finish(txn)
            // The case index is each case's positions in its state, compared with the replay's below.
            let oldIndexCount = try txn.entryCount(store.cases)
            guard oldIndexCount == 0 else {
                throw LedgerError.corrupted("the case index of format 1 (the cases database) holds \(oldIndexCount) entries in a ledger of format \(LedgerStore.formatVersion): a build of format 1 wrote to it; run 'ledger rebuild'")
            }
            progress?.progress("comparing projections with a replay", done: 0, total: 0)
            let replayed: EncodedProjections
            if let done = beside?.result(through: head.position) {
                replayed = done.projections
            } else {
                let builder = ProjectionBuilder(zone: zone)
                try builder.replay(store, txn)
                replayed = builder.takeEncodedProjections()
            }
            try StoredProjectionCheck(store: store, txn: txn).compare(replayed, head: head)
            progress?.finished("comparing projections with a replay")
            return VerificationReport(events: Int(head.position), cases: replayed.caseKeys.count, head: head,
                                      accessLogEntries: try verifyAccessLog(txn, extending: publishedAccess),
                                      accessLogAgainstCheckpoint: publishedAccess != nil)
        }
    }
}
