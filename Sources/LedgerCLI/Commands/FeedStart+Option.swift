import ArgumentParser
import Ledger

/// The start `--since` names (the whole log without it); a value that is
/// neither `POSITION` nor `POSITION:HASH` is a usage error (exit 64).
func feedStart(_ since: String?) throws -> FeedStart {
    guard let since else { return .beginning }
    guard let start = FeedStart(since) else {
        throw ValidationError("--since '\(since.prefix(80))' is neither a position (41873) nor a checkpoint as 'ledger seal' prints it (41873:9f2c…, 64 hex digits)")
    }
    return start
}
