import Foundation
import ProcessRunner

/// What a finished child process did: its exit status, wall time, peak memory and output.
struct ChildResult {
    var exitCode: Int32
    var seconds: Double
    /// Peak resident set size in bytes (`ru_maxrss` from `wait4`).
    var peakRSSBytes: Int
    var output: String
}

/// Runs a program as a child process (no shell), measuring it from spawn to exit.
enum TimedRun {
    /// Runs `arguments[0]` with the rest; standard output and error go to `outputFile`, read back after.
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    captureTo outputFile: String = "/dev/null") throws(BenchError) -> ChildResult {
        guard let executable = arguments.first else { throw .failed("no program to run") }
        let start = ContinuousClock.now
        do {
            let child = try ChildProcess(executable: executable, arguments: Array(arguments.dropFirst()),
                                         environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                         output: .file(outputFile), error: .standardOutput)
            let (ending, usage) = try child.waitReportingUsage()
            return ChildResult(exitCode: ending.shellStatus, seconds: (ContinuousClock.now - start).seconds,
                               peakRSSBytes: Int(usage.ru_maxrss) * 1024,
                               output: outputFile == "/dev/null" ? "" : child.stdout)
        } catch {
            throw .failed(error.description)
        }
    }
}
