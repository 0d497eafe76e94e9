import Foundation
import ProcessRunner

extension ChildProcess {
    /// Starts a child whose standard output and error go to fresh files in
    /// `outputDirectory`, unless `output` or `error` say otherwise;
    /// `removeOutputFiles()` deletes those files.
    public convenience init(executable: String, arguments: [String], environment: [String: String],
                            input: Input = .nullDevice, outputDirectory: String,
                            output: Output? = nil, error: Output? = nil) throws(ChildProcessError) {
        let tag = UUID().uuidString.prefix(8)
        try self.init(executable: executable, arguments: arguments, environment: environment, input: input,
                      output: output ?? .file(outputDirectory + "/out-\(tag)"),
                      error: error ?? .file(outputDirectory + "/err-\(tag)"))
    }

    /// Runs `executable` to its end, its output in files under
    /// `outputDirectory` that are deleted afterwards; a run longer than
    /// `timeout` seconds is killed and fails as a hang.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                           input: Input = .nullDevice,
                           outputDirectory: String = FileManager.default.temporaryDirectory.path,
                           timeout: Double = 120) throws(ChildProcessError) -> CommandResult {
        try ChildProcess(executable: executable, arguments: arguments, environment: environment, input: input,
                         outputDirectory: outputDirectory).finish(timeout: timeout)
    }

    /// Waits for the child to end (killing it after `timeout` seconds: a hang
    /// fails), returns what it printed and deletes its output files.
    public func finish(timeout: Double = 120) throws(ChildProcessError) -> CommandResult {
        defer { removeOutputFiles() }
        let ending = try wait(timeout: timeout)
        return CommandResult(commandLine: commandLine, ending: ending, stdout: stdout, stderr: stderr)
    }
}
