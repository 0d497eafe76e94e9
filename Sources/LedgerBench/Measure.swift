import Foundation

/// Wall-clock timing on the monotonic clock, and the median of repeated runs.
enum Measure {
    /// Seconds that `body` took.
    static func seconds<E: Error>(_ body: () throws(E) -> Void) throws(E) -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }

    /// CPU seconds (user + system) this process has used so far: figures per CPU
    /// second stay comparable when other work shares the machine.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// The median (the mean of the middle two for an even count); nil for none.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// `count / seconds`, 0 when no time passed.
    static func rate(_ count: Int, _ seconds: Double) -> Double { seconds > 0 ? Double(count) / seconds : 0 }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}

/// The machine the figures were taken on.
struct Machine {
    var cores: Int
    var memoryMB: Int
    var cpu: String

    static func current() -> Machine {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        var cpu = "unknown"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Machine(cores: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), memoryMB: (pages * pageSize) >> 20, cpu: cpu)
    }
}

/// Sizes of files as the disk holds them.
enum DiskUsage {
    /// Allocated bytes of every file under `path` (like `du`: blocks, not lengths).
    static func allocatedBytes(_ path: String) -> Int {
        var total = 0
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        total += Int(info.st_blocks) * 512
        if (info.st_mode & S_IFMT) == S_IFDIR, let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for name in names { total += allocatedBytes(path + "/" + name) }
        }
        return total
    }

    /// The length of a file in bytes (0 if missing).
    static func length(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
