import Foundation

/// Runs a program and measures its own peak resident set, which `wait4`'s
/// `ru_maxrss` of a child spawned by the benchmark does not give: Linux keeps
/// one maximum per process across `exec`, and a child started by
/// `posix_spawn` (glibc: `clone(CLONE_VM|CLONE_VFORK)`) runs on the
/// parent's memory until its `exec`, so that maximum starts at the
/// benchmark's own peak (the import's, over 600 MB at a million events).
/// Promises: the peak reported is that of the program, plus at most a small
/// Python parent's (about 10 MB), which forks it and waits for it; the exit
/// status and the program's wall time (measured by that parent, without its
/// own start-up) are the program's.
enum PeakRSS {
    private static let parent = """
        import os, sys, time
        report, argv = sys.argv[1], sys.argv[2:]
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                os.execv(argv[0], argv)
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        with open(report, "w") as f:
            f.write("%d %.6f" % (usage.ru_maxrss, time.monotonic() - start))
        os._exit(os.waitstatus_to_exitcode(status) & 0xff)
        """

    static func run(_ arguments: [String], environment: [String: String] = [:],
                    captureTo outputFile: String = "/dev/null", reportFile: String) throws(BenchError) -> ChildResult {
        var result = try TimedRun.run(["/usr/bin/env", "python3", "-c", parent, reportFile] + arguments,
                                      environment: environment, captureTo: outputFile)
        let fields = ((try? String(contentsOfFile: reportFile, encoding: .utf8)) ?? "").split(separator: " ")
        guard fields.count == 2, let kilobytes = Int(fields[0]), let seconds = Double(fields[1]) else {
            throw .failed("no peak memory reported for \(arguments.first ?? "the program") (exit \(result.exitCode))")
        }
        result.peakRSSBytes = kilobytes * 1024
        result.seconds = seconds
        return result
    }
}
