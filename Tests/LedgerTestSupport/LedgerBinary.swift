import Foundation
import ProcessRunner

/// Where the built `ledger` executable is: `$LEDGER_BIN` when set, else next
/// to the test bundle in the products directory of whatever `--scratch-path`
/// built it (`<scratch>/<triple>/debug/ledger`). There is no fallback: a
/// missing binary fails the test, naming every place looked in.
public enum LedgerBinary {
    /// The folders searched for `ledger`, in order (empty when `$LEDGER_BIN` is set).
    static let folders: [String] = {
        var folders: [String] = []
        if let exe = Bundle.main.executableURL { folders.append(exe.deletingLastPathComponent().path) }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent().path)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent().path)
        }
        if let selfExe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append((selfExe as NSString).deletingLastPathComponent)
        }
        var seen: Set<String> = []
        return folders.filter { seen.insert($0).inserted }
    }()

    /// The places looked in: `$LEDGER_BIN` alone when set, else `ledger` in each folder.
    static var candidates: [String] {
        if let given = ProcessInfo.processInfo.environment["LEDGER_BIN"], !given.isEmpty { return [given] }
        return folders.map { $0 + "/ledger" }
    }

    /// The executable, if one of the candidates is.
    public static let path: String? = candidates.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The executable, or an error (a failed test) naming where it looked and how to build it.
    public static func require() throws(ChildProcessError) -> String {
        guard let path else {
            throw ChildProcessError("no 'ledger' executable at \(candidates.joined(separator: ", ")); "
                                    + "run 'swift build' with the same --scratch-path first, or set LEDGER_BIN to it")
        }
        return path
    }
}
