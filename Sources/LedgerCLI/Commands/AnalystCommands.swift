import ArgumentParser
import Foundation
import Ledger

struct CaseloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "caseload", abstract: "Open cases to work on, most pressing first.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this caseworker's cases.") var caseworker: String?
    @Option(help: "The day (YYYY-MM-DD; default today).") var day: String?
    @Option(help: "table, csv or json") var format: OutputFormat = .table
    func run() throws { try runLedger { throw LedgerError.usage("caseload: not yet available") } }
}

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "metrics", abstract: "Outcome metrics for a period.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "First day of the period (YYYY-MM-DD).") var from: String
    @Option(help: "Day after the period (YYYY-MM-DD).") var to: String
    @Option(help: "district, caseworker, source or month") var by: String?
    @Option(help: "table, csv or json") var format: OutputFormat = .table
    func run() throws { try runLedger { throw LedgerError.usage("metrics: not yet available") } }
}

struct EpisodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "episodes", abstract: "One row per episode, without personal data.")
    @OptionGroup var global: GlobalOptions
    @Option var from: String?
    @Option var to: String?
    @Option(help: "csv or json") var format: OutputFormat = .csv
    func run() throws { try runLedger { throw LedgerError.usage("episodes: not yet available") } }
}
