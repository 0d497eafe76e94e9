import ArgumentParser
import Foundation
import Ledger

/// What was wrong with a command line ArgumentParser refused, said as every
/// other error of `ledger` is (one line, exit 64): an unknown command or
/// option with the closest one, else ArgumentParser's own message with the
/// option's help and where to read more.
struct ArgumentDiagnosis {
    /// Each command's name and its long options, with whether each takes a value.
    let commands: [String: [String: Bool]]

    /// The command tree of `LedgerCommand`, from ArgumentParser's own description of it.
    static func ofLedger() -> ArgumentDiagnosis {
        var commands: [String: [String: Bool]] = [:]
        let dump = LedgerCommand._dumpHelp()
        if let tree = try? JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any],
           let root = tree["command"] as? [String: Any] {
            for sub in root["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String else { continue }
                var options: [String: Bool] = ["help": false]
                for argument in sub["arguments"] as? [[String: Any]] ?? [] {
                    let takesValue = argument["kind"] as? String == "option"
                    for n in argument["names"] as? [[String: Any]] ?? [] where n["kind"] as? String == "long" {
                        if let long = n["name"] as? String { options[long] = takesValue }
                    }
                }
                commands[name] = options
            }
        }
        commands["help"] = ["help": false]
        return ArgumentDiagnosis(commands: commands)
    }

    /// The error for `arguments` (global options already moved after the command) that ArgumentParser refused with `error`.
    func diagnose(_ arguments: [String], _ error: Error) -> DeskError {
        let command = arguments.first.flatMap { commands[$0] != nil ? $0 : nil }
        if let first = arguments.first, !first.hasPrefix("-"), command == nil {
            return .unknownCommand(first, suggestion: closest(first, in: Array(commands.keys)))
        }
        if let command, let options = commands[command], let unknown = unknownOption(arguments.dropFirst(), options) {
            return .unknownOption(unknown, command: command,
                                  suggestion: closest(unknown, in: options.keys.map { "--" + $0 }))
        }
        let full = LedgerCommand.fullMessage(for: error, columns: 10_000)
        let message = full.split(separator: "\n").first.map { String($0) } ?? LedgerCommand.message(for: error)
        let help = full.split(separator: "\n").first { $0.hasPrefix("Help:") }
            .flatMap { line in line.dropFirst(5).trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").last }
            .map(ArgumentDiagnosis.phrase)
        return .argument(ArgumentDiagnosis.sentence(message), help: help, command: command)
    }

    /// The first `--name` that is no option of the command; values of options that take one are skipped.
    func unknownOption(_ arguments: ArraySlice<String>, _ options: [String: Bool]) -> String? {
        var skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            if argument == "--" { return nil }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.dropFirst(2).prefix { $0 != "=" })
            guard let takesValue = options[name] else { return "--" + name }
            skipNext = takesValue && !argument.contains("=")
        }
        return nil
    }

    func closest(_ word: String, in candidates: [String]) -> String? {
        ClosestMatch.closest(to: word, in: candidates.sorted())
    }

    /// An option's help as a phrase within a sentence: first letter small, no final full stop.
    static func phrase(_ help: String) -> String {
        var text = sentence(help)
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// ArgumentParser's message as part of a sentence: its "Error: " gone, its first letter small.
    static func sentence(_ message: String) -> String {
        var text = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
        if let first = text.first, first.isUppercase, !(text.dropFirst().first?.isUppercase ?? false) {
            text = first.lowercased() + text.dropFirst()
        }
        return text
    }
}
