import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started with `posix_spawn` (no shell), that the caller can poll,
/// wait for with a deadline, wait for with its resource usage, or kill with any
/// signal at any moment. Where its standard streams come from and go to is the
/// caller's choice (`Input`, `Output`); output sent to files never blocks the
/// child on a full pipe. Used by the benchmark and by the tests, never by `ledger`.
public final class ChildProcess {
    /// Where the child's standard input comes from.
    public enum Input: Sendable {
        /// `/dev/null`: the child reads the end of its input at once.
        case nullDevice
        /// A file, read from its start.
        case file(String)
        /// The read end of a pipe the caller owns (the child gets a copy).
        case descriptor(Int32)
        /// These bytes, through a pipe a thread of its own fills (`PipeFeeder`).
        case bytes([UInt8])
    }

    /// Where the child's standard output or standard error goes.
    public enum Output: Sendable {
        /// A file, created or emptied first; `removeOutputFiles()` deletes it.
        case file(String)
        /// A file or device opened as it is, never emptied nor deleted (`/dev/full`, say).
        case device(String)
        /// The write end of a pipe the caller owns (the child gets a copy).
        case descriptor(Int32)
        /// For standard error only: the same place as standard output.
        case standardOutput
    }

    /// How a child ended.
    public enum Ending: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        /// The status as a shell reports it: the exit code, or 128 plus the signal's number.
        public var shellStatus: Int32 {
            switch self {
            case .exited(let code): return code
            case .signalled(let signal): return 128 + signal
            }
        }

        public var description: String {
            switch self {
            case .exited(let code): return "exit \(code)"
            case .signalled(let signal): return "signal \(signal)"
            }
        }

        /// Decodes a status from `waitpid` or `wait4`.
        init(waitStatus status: Int32) {
            let signal = status & 0x7f
            self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        }
    }

    public let pid: pid_t
    public let executable: String
    public let arguments: [String]
    private let output: Output
    private let error: Output
    private let feeder: PipeFeeder?
    public private(set) var ending: Ending?

    /// Starts `executable` (a path, not looked up in PATH) with `arguments`;
    /// `environment` replaces the inherited one entirely.
    public init(executable: String, arguments: [String], environment: [String: String],
                input: Input = .nullDevice, output: Output, error: Output) throws(ChildProcessError) {
        self.executable = executable
        self.arguments = arguments
        self.output = output
        self.error = error
        let feeder: PipeFeeder?
        if case .bytes(let bytes) = input { feeder = try PipeFeeder(bytes) } else { feeder = nil }
        self.feeder = feeder
        defer { feeder?.closeReadEnd() }  // the child has its own copy by then (or never started)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch input {
        case .nullDevice: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        case .descriptor(let fd): posix_spawn_file_actions_adddup2(&actions, fd, 0)
        case .bytes: if let feeder { posix_spawn_file_actions_adddup2(&actions, feeder.readEnd, 0) }
        }
        Self.redirect(1, to: output, &actions)
        Self.redirect(2, to: error, &actions)

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv + [nil], envp + [nil])
        guard rc == 0 else {
            throw ChildProcessError("cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        self.pid = pid
    }

    private static func redirect(_ fd: Int32, to output: Output, _ actions: inout posix_spawn_file_actions_t) {
        switch output {
        case .file(let path): posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        case .device(let path): posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT, 0o600)
        case .descriptor(let pipe): posix_spawn_file_actions_adddup2(&actions, pipe, fd)
        case .standardOutput: posix_spawn_file_actions_adddup2(&actions, 1, fd)
        }
    }

    /// Sends `signal` unless the child has already been reaped.
    public func send(_ signal: Int32) {
        if ending == nil { kill(pid, signal) }
    }

    /// Reaps the child if it has ended; never blocks.
    @discardableResult
    public func poll() -> Ending? {
        if let ending { return ending }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        return finished(status)
    }

    /// Waits until the child ends; after `timeout` seconds it is killed and
    /// the wait fails (a hang is a bug).
    public func wait(timeout: Double = 120) throws(ChildProcessError) -> Ending {
        let deadline = Date().addingTimeInterval(timeout)
        var pause: useconds_t = 200
        while true {
            if let ending = poll() { return ending }
            if Date() >= deadline {
                killNow()
                throw ChildProcessError("'\(commandLine)' did not finish within \(Int(timeout)) s (killed)")
            }
            usleep(pause)
            pause = min(pause * 2, 10_000)
        }
    }

    /// Blocks until the child ends and returns how, with the resources it used
    /// (`wait4`; on Linux `ru_maxrss` is in kilobytes).
    public func waitReportingUsage() throws(ChildProcessError) -> (ending: Ending, usage: rusage) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw ChildProcessError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        return (finished(status), usage)
    }

    /// Kills the child with SIGKILL and reaps it; returns how it ended (it may have finished first).
    @discardableResult
    public func killNow() -> Ending {
        if let ending { return ending }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return finished(status)
    }

    /// What the child wrote to standard output, when that went to a file (`Output.file`).
    public var stdout: String { Self.text(of: output) }
    /// What the child wrote to standard error, when that went to a file (`Output.file`).
    public var stderr: String { Self.text(of: error) }

    /// Deletes the files standard output and error were written to (`Output.file` only).
    public func removeOutputFiles() {
        for case .file(let path) in [output, error] { unlink(path) }
    }

    /// The executable's name and the arguments, for messages.
    public var commandLine: String {
        ([(executable as NSString).lastPathComponent] + arguments).joined(separator: " ")
    }

    private func finished(_ status: Int32) -> Ending {
        let ending = Ending(waitStatus: status)
        self.ending = ending
        feeder?.waitUntilFed(timeout: 60)
        return ending
    }

    private static func text(of output: Output) -> String {
        switch output {
        case .file(let path): return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        case .device, .descriptor, .standardOutput: return ""
        }
    }
}

/// A child that could not be started, waited for, or did not finish in time.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
