import Foundation
import Ledger

/// Durable single-event appends through the ledger (`Ledger.execute(.contact)`:
/// decide, chain, seal, inline projections, one fsynced commit each) against
/// raw LMDB single-put commits of the same encoded bytes, interleaved in
/// rounds so that both see the same disk.
enum AppendBench {
    struct Result {
        var appends: Int
        var ledgerPerSecond: Double
        var lmdbPerSecond: Double
        /// CPU time (user + system) of the process per append and per raw commit, in microseconds:
        /// what the code costs, apart from the time spent waiting for the disk's flush.
        var ledgerCPUMicroseconds: Double
        var lmdbCPUMicroseconds: Double
        var ratio: Double { lmdbPerSecond > 0 ? ledgerPerSecond / lmdbPerSecond : 0 }
    }

    static func run(ledger: Ledger, openCases: [CaseID], count: Int, rawDirectory: String,
                    prefill: Int) throws(BenchError) -> Result {
        guard !openCases.isEmpty else { throw .failed("no open case to append to") }
        let context = CommandContext(actor: "bench")
        var next = 0
        func append() throws(BenchError) -> [UInt8] {
            let id = openCases[next % openCases.count]
            next += 1
            do {
                let event = try ledger.execute(.contact(id, channel: .phone, note: "Rückruf vereinbart, Unterlagen zur Miete angefordert"),
                                               context: context)
                return try EventBinaryCodec.encode(event)
            } catch {
                throw .failed("append to \(id): \(error)")
            }
        }
        let warmUp = try append()
        let raw = try RawLMDB(directory: rawDirectory)
        try raw.prefill(count: prefill, value: warmUp)
        try raw.commitOne(warmUp)
        let rounds = 4
        var ledgerSeconds = 0.0, rawSeconds = 0.0, ledgerCPU = 0.0, rawCPU = 0.0, done = 0
        for round in 0..<rounds {
            let n = count / rounds + (round < count % rounds ? 1 : 0)
            var encoded: [[UInt8]] = []
            encoded.reserveCapacity(n)
            var cpu = Measure.processCPUSeconds()
            ledgerSeconds += try Measure.seconds { () throws(BenchError) in
                for _ in 0..<n { encoded.append(try append()) }
            }
            ledgerCPU += Measure.processCPUSeconds() - cpu
            cpu = Measure.processCPUSeconds()
            rawSeconds += try Measure.seconds { () throws(BenchError) in
                for bytes in encoded { try raw.commitOne(bytes) }
            }
            rawCPU += Measure.processCPUSeconds() - cpu
            done += n
        }
        return Result(appends: done, ledgerPerSecond: Measure.rate(done, ledgerSeconds),
                      lmdbPerSecond: Measure.rate(done, rawSeconds),
                      ledgerCPUMicroseconds: done > 0 ? ledgerCPU * 1e6 / Double(done) : 0,
                      lmdbCPUMicroseconds: done > 0 ? rawCPU * 1e6 / Double(done) : 0)
    }
}
