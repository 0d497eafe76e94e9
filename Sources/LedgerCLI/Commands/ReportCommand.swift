import ArgumentParser
import Foundation
import Ledger
import LedgerReport

extension ReportFormat: ExpressibleByArgument {}

/// `ledger report`: the council report for a period, one self-contained page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "A report for the council: one page of figures and charts for a period [from, to).",
        discussion: """
        One self-contained page (HTML with inline charts, no scripts, prints on A4; or Markdown): the key figures beside \
        the previous period of the same length, month by month, districts, stage at intake, tenancy held after 3, 6 and \
        12 months, the Schonfrist, causes, referrals, definitions. Counts below 5 are withheld by default (--min-cell); \
        no personal data. A PDF: chromium --headless --no-sandbox --print-to-pdf=report.pdf report.html (Docs/ANALYSTS.md).
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "First day of the period (YYYY-MM-DD).") var from: String
    @Option(help: "Day after the period (YYYY-MM-DD).") var to: String
    @Option(help: "A page (html) or Markdown (md).") var format: ReportFormat = .html

    /// The page's language: the global `--lang` when given, else German (the office is German), whatever LANG says.
    var language: ReportLanguage { global.lang == .en ? .en : .de }
    @Option(help: "Write to this file instead of standard output.") var out: String?
    @Option(help: "Withhold counts below K and what would reveal them (K >= 2; default 5).") var minCell: Int?
    @Flag(help: "Withhold nothing: an internal version, marked as not for publication.") var noMinCell = false

    func run() throws {
        try runLedger {
            let start = try date(from, "--from"), end = try date(to, "--to")
            if noMinCell && minCell != nil { throw LedgerError.usage("--min-cell and --no-min-cell exclude each other") }
            let k = noMinCell ? nil : try minCell.map { try MinCell($0) } ?? MinCell.councilDefault
            let at = try asOf.asOf()
            let ledger = try global.open()
            defer { ledger.close() }
            let figures = try CouncilFigures.gather(from: start, to: end, minCell: k) { (f, t, g) throws(LedgerError) in
                try ledger.metrics(from: f, to: t, by: g, asOf: at)
            }
            let text = CouncilReport.render(figures, language: language, format: format)
            let sink = try out.map { path throws(LedgerError) in try OutputSink(path: path) } ?? OutputSink()
            try sink.write(text)
            try sink.finish()  // a file is renamed into place only here
        }
    }
}
