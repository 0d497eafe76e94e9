import Foundation

/// `LedgerBench`: the benchmark behind `tools/bench` (Docs/PERFORMANCE.md).
@main
struct LedgerBench {
    static func main() {
        do {
            let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
            let report = try Benchmark(options: options).run()
            print(options.json ? report.json() : report.table())
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            if case .usage = error { exit(64) }
            exit(1)
        }
    }
}
