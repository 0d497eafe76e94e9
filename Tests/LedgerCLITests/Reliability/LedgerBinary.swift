import Foundation

/// Where the built `ledger` executable is: next to the test bundle in the
/// products directory of whatever `--scratch-path` built it
/// (`<scratch>/<triple>/debug/ledger`), or `$LEDGER_BIN` when set.
enum LedgerBinary {
    static let path: String? = {
        let fm = FileManager.default
        if let given = ProcessInfo.processInfo.environment["LEDGER_BIN"], fm.isExecutableFile(atPath: given) {
            return given
        }
        var candidates: [String] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().path) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().path)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().path)
        }
        if let selfExe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((selfExe as NSString).deletingLastPathComponent)
        }
        for dir in candidates {
            let path = dir + "/ledger"
            if fm.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// The executable, or an error (a failed test) explaining how to build it.
    static func require() throws -> String {
        guard let path else {
            throw ChildProcessError("the 'ledger' executable is not next to the test bundle; run 'swift build' with the same --scratch-path first, or set LEDGER_BIN")
        }
        return path
    }
}
