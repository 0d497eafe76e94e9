import ProcessRunner

/// What a finished program gave: how it ended and what it printed.
public struct CommandResult: CustomStringConvertible {
    /// The program and its arguments, for messages ("ledger import -").
    public let commandLine: String
    public let ending: ChildProcess.Ending
    public let stdout: String
    public let stderr: String

    public init(commandLine: String, ending: ChildProcess.Ending, stdout: String, stderr: String) {
        self.commandLine = commandLine
        self.ending = ending
        self.stdout = stdout
        self.stderr = stderr
    }

    /// The exit code, nil when a signal ended the process.
    public var code: Int32? {
        if case .exited(let code) = ending { return code }
        return nil
    }

    /// The status as a shell reports it: the exit code, or 128 plus the signal's number.
    public var status: Int32 { ending.shellStatus }

    public var description: String {
        "\(commandLine.prefix(200)): \(ending); stderr: \(stderr.prefix(400))"
    }
}
