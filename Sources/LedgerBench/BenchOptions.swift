import Foundation

/// What one benchmark run does: how many events, where it works, and how it reports.
struct BenchOptions {
    /// Events in the generated workload (1,000,000; 200,000 with `--quick`; 2,000 with `--smoke`).
    var events = 1_000_000
    var quick = false
    var smoke = false
    var json = false
    var seed = 42
    /// Durable single-event appends measured through the ledger (and as many raw LMDB commits).
    var appends = 400
    /// Runs of each CLI answer (the median is reported).
    var cliRuns = 15
    /// Where generated files, ledgers and baselines go (kept between runs: the NDJSON is reused).
    var workDirectory = "/tmp/ledger-bench"
    /// The workload generator (run with python3).
    var generator = "tools/generate-ledger"
    /// An NDJSON file to use instead of generating one.
    var input: String?
    /// The `ledger` executable; by default the one next to this program.
    var ledgerBinary: String

    static let usage = """
    usage: LedgerBench [--quick | --smoke] [--json] [--events N] [--seed S] [--appends N] [--cli-runs N]
                       [--work DIR] [--generator PATH] [--input FILE] [--ledger-binary PATH]

    Measures the ledger against raw LMDB and SQLite on the same generated events (Docs/PERFORMANCE.md).
    """

    /// Parses the command line; throws a message for a wrong option.
    static func parse(_ arguments: [String]) throws(BenchError) -> BenchOptions {
        var options = BenchOptions(ledgerBinary: BenchOptions.siblingExecutable("ledger"))
        var explicitEvents: Int? = nil
        var i = 0
        func value(_ name: String) throws(BenchError) -> String {
            i += 1
            guard i < arguments.count else { throw .usage("\(name) needs a value") }
            return arguments[i]
        }
        func number(_ name: String) throws(BenchError) -> Int {
            let text = try value(name)
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n > 0 else {
                throw .usage("\(name) needs a positive whole number, not '\(text)'")
            }
            return n
        }
        while i < arguments.count {
            let arg = arguments[i]
            switch arg {
            case "--quick": options.quick = true
            case "--smoke": options.smoke = true
            case "--json": options.json = true
            case "--events": explicitEvents = try number(arg)
            case "--seed": options.seed = try number(arg)
            case "--appends": options.appends = try number(arg)
            case "--cli-runs": options.cliRuns = try number(arg)
            case "--work": options.workDirectory = try value(arg)
            case "--generator": options.generator = try value(arg)
            case "--input": options.input = try value(arg)
            case "--ledger-binary": options.ledgerBinary = try value(arg)
            case "-h", "--help": throw .usage(usage)
            default: throw .usage("unknown option '\(arg)'\n\(usage)")
            }
            i += 1
        }
        if options.smoke {
            options.events = 2_000
            options.appends = min(options.appends, 20)
            options.cliRuns = min(options.cliRuns, 3)
        } else if options.quick {
            options.events = 200_000
            options.appends = min(options.appends, 200)
            options.cliRuns = min(options.cliRuns, 11)
        }
        if let explicitEvents { options.events = explicitEvents }
        return options
    }

    /// The path of an executable built next to this one.
    static func siblingExecutable(_ name: String) -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (me as NSString).deletingLastPathComponent + "/" + name
    }
}

/// Why the benchmark stopped.
enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .usage(let text): return text
        case .failed(let text): return "LedgerBench: \(text)"
        }
    }
}
