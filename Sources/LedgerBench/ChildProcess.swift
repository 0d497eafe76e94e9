import Foundation

/// What a finished child process did: its exit status, wall time, peak memory and output.
struct ChildResult {
    var exitCode: Int32
    var seconds: Double
    /// Peak resident set size in bytes (`ru_maxrss` from `wait4`).
    var peakRSSBytes: Int
    var output: String
}

/// Runs a program as a child process (no shell), measuring it from spawn to exit.
enum ChildProcess {
    /// Runs `arguments[0]` with the rest; standard output and error go to a temporary file read back after.
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    captureTo outputFile: String = "/dev/null") throws(BenchError) -> ChildResult {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let rc = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard rc == 0 else { throw .failed("cannot run \(arguments[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw .failed("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let seconds = (ContinuousClock.now - start).seconds
        let exited = status & 0x7f == 0
        let code: Int32 = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = outputFile == "/dev/null" ? "" : ((try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "")
        return ChildResult(exitCode: code, seconds: seconds, peakRSSBytes: Int(usage.ru_maxrss) * 1024, output: output)
    }
}
