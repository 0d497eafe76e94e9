import Dispatch
import Foundation
import Ledger

/// Raises a `StopRequest` on SIGINT and SIGTERM instead of letting them kill
/// the process, for the commands that run until stopped (`follow`,
/// `import --stream`), so that they end after a whole line. Promises: while
/// it lives, the signals are handled on a dispatch queue and never interrupt
/// a write half-way; the stop is raised once per signal.
final class StopOnSignals {
    let stop: StopRequest
    private let sources: [DispatchSourceSignal]

    init(_ signals: [Int32] = [SIGINT, SIGTERM]) throws(LedgerError) {
        let stop = try StopRequest()
        self.stop = stop
        let queue = DispatchQueue(label: "ledger.signals")
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { stop.raise() }
            source.resume()
            return source
        }
    }

    deinit { sources.forEach { $0.cancel() } }
}
