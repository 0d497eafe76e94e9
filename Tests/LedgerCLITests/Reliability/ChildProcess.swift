import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, its standard output and error
/// going to files (so it never blocks on a full pipe unless asked to), that a
/// test can wait for with a deadline or kill with any signal at any moment.
final class ChildProcess {
    /// How a child ended.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let code): return "exit \(code)"
            case .signalled(let signal): return "signal \(signal)"
            }
        }
    }

    let pid: pid_t
    let arguments: [String]
    let stdoutPath: String
    let stderrPath: String
    let outputDirectory: String
    private(set) var ending: Ending?

    /// Starts `executable` with `arguments`; `environment` replaces the
    /// inherited one entirely. `stdin` is a file to read from (nil: /dev/null).
    /// With `stdoutPipe`, standard output goes to `stdoutPipe` (a write end the
    /// caller owns) instead of a file; `stderrTo` names another file for
    /// standard error (such as /dev/full); `stdinPipe` is a read end to use
    /// as standard input.
    init(executable: String, arguments: [String], environment: [String: String], stdin: String? = nil,
         outputDirectory: String, stdoutPipe: Int32? = nil, stderrTo: String? = nil, stdinPipe: Int32? = nil) throws {
        let tag = UUID().uuidString.prefix(8)
        stdoutPath = outputDirectory + "/out-\(tag)"
        stderrPath = stderrTo ?? outputDirectory + "/err-\(tag)"
        self.arguments = arguments
        self.outputDirectory = outputDirectory

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdinPipe {
            posix_spawn_file_actions_adddup2(&actions, stdinPipe, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        }
        if let stdoutPipe {
            posix_spawn_file_actions_adddup2(&actions, stdoutPipe, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | (stderrTo == nil ? O_TRUNC : 0), 0o600)

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

    /// Sends `signal` unless the child has already been reaped.
    func send(_ signal: Int32) {
        if ending == nil { kill(pid, signal) }
    }

    /// Reaps the child if it has ended; never blocks.
    @discardableResult
    func poll() -> Ending? {
        if let ending { return ending }
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        guard rc == pid else { return nil }
        ending = Self.decode(status)
        return ending
    }

    /// Waits until the child ends; after `timeout` seconds it is killed and
    /// the wait fails (a hang is a bug).
    func wait(timeout: Double = 120) throws -> Ending {
        let deadline = Date().addingTimeInterval(timeout)
        var pause: useconds_t = 200
        while true {
            if let ending = poll() { return ending }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
                ending = Self.decode(status)
                throw ChildProcessError("'ledger \(arguments.joined(separator: " "))' did not finish within \(Int(timeout)) s (killed)")
            }
            usleep(pause)
            pause = min(pause * 2, 10_000)
        }
    }

    /// Kills the child with SIGKILL and reaps it; returns how it ended (it may have finished first).
    @discardableResult
    func killNow() -> Ending {
        if let ending { return ending }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let ending = Self.decode(status)
        self.ending = ending
        return ending
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Removes the output files.
    func cleanUp() {
        unlink(stdoutPath)
        if stderrPath.hasPrefix(outputDirectory) { unlink(stderrPath) }
    }

    private static func decode(_ status: Int32) -> Ending {
        let signal = status & 0x7f
        if signal == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(signal)
    }
}

struct ChildProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
