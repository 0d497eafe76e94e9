import Foundation

/// The benchmark's input: an NDJSON file of exactly the requested number of
/// events from `tools/generate-ledger` (a prefix of a longer generated log is
/// itself a valid log). Kept in the work folder and reused while the
/// generator, the count and the seed are unchanged.
struct Workload {
    var path: String
    var events: Int
    /// Seconds the generator took in this run (nil when the cached file was reused).
    var generateSeconds: Double?
    /// Events the generator wrote in that time (before cutting to `events`).
    var generatedEvents: Int?

    static func prepare(_ options: BenchOptions, log: (String) -> Void) throws(BenchError) -> Workload {
        if let input = options.input {
            return Workload(path: input, events: try countLines(input), generateSeconds: nil, generatedEvents: nil)
        }
        guard let script = FileManager.default.contents(atPath: options.generator) else {
            throw .failed("no generator at \(options.generator) (run from the repository root, or pass --generator or --input)")
        }
        let fingerprint = String(fnv1a(Array(script)), radix: 16)
        let path = "\(options.workDirectory)/events-\(options.events)-s\(options.seed).ndjson"
        let stamp = path + ".generator"
        if let seen = try? String(contentsOfFile: stamp, encoding: .utf8), seen == fingerprint,
           DiskUsage.length(path) > 0 {
            log("reusing \(path)")
            return Workload(path: path, events: options.events, generateSeconds: nil, generatedEvents: nil)
        }
        // Events per household, from a small sample, sizes the real run.
        let sample = "\(options.workDirectory)/sample.ndjson"
        _ = try generate(options, households: 200, to: sample)
        let perHousehold = max(1.0, Double(try countLines(sample)) / 200)
        var households = Int((Double(options.events) / perHousehold * 1.08).rounded(.up)) + 20
        let raw = "\(options.workDirectory)/generated.ndjson"
        for _ in 0..<4 {
            log("generating \(households) households with \(options.generator)")
            let seconds = try generate(options, households: households, to: raw)
            let lines = try countLines(raw)
            if lines >= options.events {
                try copyPrefix(of: raw, lines: options.events, to: path)
                unlink(raw)
                unlink(sample)
                try? fingerprint.write(toFile: stamp, atomically: false, encoding: .utf8)
                return Workload(path: path, events: options.events, generateSeconds: seconds, generatedEvents: lines)
            }
            households = Int(Double(households) * Double(options.events) / Double(max(lines, 1)) * 1.1) + 20
        }
        throw .failed("the generator did not produce \(options.events) events")
    }

    static func generate(_ options: BenchOptions, households: Int, to path: String) throws(BenchError) -> Double {
        let result = try TimedRun.run(["/usr/bin/env", "python3", options.generator, "--households", String(households),
                                       "--seed", String(options.seed), "--out", path],
                                      captureTo: options.workDirectory + "/generator.log")
        guard result.exitCode == 0 else {
            throw .failed("the generator failed (exit \(result.exitCode)): \(result.output.suffix(500))")
        }
        return result.seconds
    }

    static func countLines(_ path: String) throws(BenchError) -> Int {
        var count = 0
        try forEachBlock(path) { block in count += block.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
        return count
    }

    /// Copies the first `lines` lines of `source` to `target`.
    static func copyPrefix(of source: String, lines: Int, to target: String) throws(BenchError) {
        guard let out = fopen(target, "w") else { throw .failed("cannot write \(target)") }
        defer { fclose(out) }
        var remaining = lines
        try forEachBlock(source) { block in
            guard remaining > 0 else { return }
            var end = 0
            while end < block.count, remaining > 0 {
                if block[end] == 10 { remaining -= 1 }
                end += 1
            }
            _ = block.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, end, out) }
        }
    }

    static func forEachBlock(_ path: String, _ body: ([UInt8]) -> Void) throws(BenchError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .failed("cannot read \(path)") }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            body(Array(buffer[0..<n]))
        }
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
