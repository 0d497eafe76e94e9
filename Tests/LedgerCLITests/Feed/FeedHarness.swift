import Foundation
import LedgerTestSupport
import ProcessRunner
import XCTest

/// What the feed tests share: a pipe between two processes, waiting for a
/// condition with a deadline, a child's CPU time, and appends by command.
enum FeedHarness {
    /// A pipe whose ends no child inherits by accident (close-on-exec; a child
    /// given an end as a standard stream gets its own copy); the caller closes
    /// both ends once the children have theirs.
    static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw ChildProcessError("pipe: \(String(cString: strerror(errno)))") }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// Waits until `condition` holds, checking every 50 ms; fails after `timeout` seconds.
    static func waitUntil(_ what: String, timeout: Double = 60, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !condition() {
            guard Date() < deadline else { throw ChildProcessError("timed out after \(Int(timeout)) s waiting until \(what)") }
            usleep(50_000)
        }
    }

    /// User plus system CPU time of a running process, in seconds (/proc/PID/stat).
    static func cpuSeconds(_ pid: pid_t) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which may hold spaces) start after the last ')'.
        guard let close = stat.lastIndex(of: ")") else { throw ChildProcessError("unreadable /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw ChildProcessError("unreadable /proc/\(pid)/stat")
        }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Opens a case by command; returns its id.
    static func openCase(_ ledger: ScratchLedger, _ n: Int) throws -> String {
        try ledger.succeed(["open", "--district", "weststadt", "--source", "phone", "--adults", "1", "--children", "1",
                            "--caseworker", "kaya", "--new-caseworker", "--name", "N \(n)", "--birth-date", "1990-01-01",
                            "--address", "A \(n)", "--phone", "1"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Records a contact with a (sealed) note on the case.
    static func contact(_ ledger: ScratchLedger, _ id: String, _ n: Int) throws {
        try ledger.succeed(["contact", id, "--channel", "phone", "--note", "Anruf \(n)"])
    }

    /// The ledger's head as `seal` prints it.
    static func head(_ ledger: ScratchLedger) throws -> String {
        try ledger.succeed(["seal"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
