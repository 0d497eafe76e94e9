import Foundation
import LedgerTestSupport
import ProcessRunner
import XCTest

/// A ledger folder in a fresh temporary directory (removed when the test
/// ends) and the means to run the built `ledger` executable on it as a
/// separate process, with an environment of its own (nothing inherited but
/// PATH and HOME). Safe to run commands from several threads once set up.
final class ScratchLedger: @unchecked Sendable {
    let root: String
    let directory: String
    let binary: String
    /// Environment every run gets (LEDGER_DIR, LEDGER_ACTOR, LEDGER_BUSY_TIMEOUT, …).
    var environment: [String: String]

    /// Makes the scratch folder (for outputs and input files) and names the
    /// ledger folder in it, or in `ledgerParent` (a small file system, say);
    /// with `initialise`, runs `ledger init`.
    init(_ test: XCTestCase, initialise: Bool = true, ledgerParent: String? = nil) throws {
        binary = try LedgerBinary.require()
        root = FileManager.default.temporaryDirectory.path + "/ledger-rel-\(UUID().uuidString.prefix(12))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        directory = (ledgerParent ?? root) + "/ledger"
        let inherited = ProcessInfo.processInfo.environment
        environment = [
            "PATH": inherited["PATH"] ?? "/usr/bin:/bin",
            "HOME": inherited["HOME"] ?? "/root",
            "LEDGER_DIR": directory,
            "LEDGER_ACTOR": "tester",
            "LEDGER_PURPOSE": "reliability test",  // every reveal needs a purpose
            "LEDGER_BUSY_TIMEOUT": "60",
        ]
        let root = self.root, directory = self.directory
        test.addTeardownBlock {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: root)
        }
        if initialise {
            let result = try run(["init"])
            guard result.code == 0 else { throw ChildProcessError("ledger init failed: \(result)") }
        }
    }

    /// Starts `ledger ARGS` and returns at once; its output goes to files
    /// under the scratch root unless `output` or `error` say otherwise.
    func start(_ arguments: [String], environment extra: [String: String] = [:], input: ChildProcess.Input = .nullDevice,
               output: ChildProcess.Output? = nil, error: ChildProcess.Output? = nil) throws -> ChildProcess {
        try ChildProcess(executable: binary, arguments: arguments, environment: environment.merging(extra) { $1 },
                         input: input, outputDirectory: root, output: output, error: error)
    }

    /// Runs `ledger ARGS` to its end (a run longer than `timeout` seconds is killed and fails as a hang).
    func run(_ arguments: [String], environment extra: [String: String] = [:], input: ChildProcess.Input = .nullDevice,
             timeout: Double = 300) throws -> CommandResult {
        try start(arguments, environment: extra, input: input).finish(timeout: timeout)
    }

    /// Runs `ledger ARGS` with the bytes of `file` fed to its standard input through a pipe.
    func runPiped(_ arguments: [String], file: String, environment extra: [String: String] = [:],
                  timeout: Double = 300) throws -> CommandResult {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        return try run(arguments, environment: extra, input: .bytes(bytes), timeout: timeout)
    }

    /// Runs a command that must succeed; returns its standard output.
    @discardableResult
    func succeed(_ arguments: [String], environment extra: [String: String] = [:],
                 file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run(arguments, environment: extra)
        guard result.code == 0 else {
            XCTFail("expected success: \(result)", file: file, line: line)
            throw ChildProcessError("command failed: \(result)")
        }
        return result.stdout
    }

    /// The sealed export (the whole log, every hash checkable).
    func export(_ extra: [String] = []) throws -> String {
        try succeed(["export"] + extra)
    }

    /// Writes `lines` to a file under the scratch root and returns its path.
    func writeFile(_ name: String, _ lines: [String]) throws -> String {
        let path = root + "/" + name
        try Data((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes raw bytes to a file under the scratch root and returns its path.
    func writeBytes(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = root + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
