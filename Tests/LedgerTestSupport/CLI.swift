import Foundation
import ProcessRunner

/// Runs the built `ledger` executable as a separate process, the way
/// swift-argument-parser's own tests do (AssertExecuteCommand): the test
/// process's environment with actor `cw.test`, English (`LANG=C.UTF-8`, no
/// `LC_ALL` or `LC_MESSAGES`), and no LEDGER_DIR, LEDGER_KEY_FILE or
/// COLUMNS unless `environment` gives them.
public enum CLI {
    public static func run(_ arguments: [String], ledger: String? = nil, stdin: String? = nil,
                           environment extra: [String: String] = [:], timeout: Double = 300) throws -> CommandResult {
        var environment = CLI.environment
        environment.merge(extra) { $1 }
        return try ChildProcess.run(try LedgerBinary.require(), (ledger.map { ["--ledger", $0] } ?? []) + arguments,
                                    environment: environment, input: stdin.map { .bytes(Array($0.utf8)) } ?? .nullDevice,
                                    timeout: timeout)
    }
}

extension CLI {
    /// The environment `run` starts from: the test process's, made predictable.
    public static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LEDGER_ACTOR"] = "cw.test"
        environment["LANG"] = "C.UTF-8"
        for name in ["LEDGER_DIR", "LEDGER_KEY_FILE", "LC_ALL", "LC_MESSAGES", "COLUMNS"] { environment.removeValue(forKey: name) }
        return environment
    }
}

/// Runs a program other than `ledger` (python3, sh), looked up in PATH, with
/// the test process's environment.
public enum ToolRunner {
    public static func run(_ arguments: [String], timeout: Double = 300) throws -> CommandResult {
        try ChildProcess.run("/usr/bin/env", arguments, environment: ProcessInfo.processInfo.environment, timeout: timeout)
    }
}
