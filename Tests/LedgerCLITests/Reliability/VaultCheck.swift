import Foundation
@testable import Ledger

/// Checks a ledger's vault against its log: every case that is not erased
/// opens (its key is there and the vault file is whole), no erased case
/// opens, no key belongs to a case the log does not hold (a leftover of a
/// refused or interrupted write), and no half-made rewrite of the vault is left.
enum VaultCheck {
    static func problems(ledger: ScratchLedger, export: ExportView) throws -> [String] {
        var problems: [String] = []
        let master = try MasterKey.load(from: ledger.directory + "/" + MasterKey.defaultFileName)
        let vault = Vault(directory: ledger.directory, master: master, random: SystemRandomSource())
        let held = Set(try vault.caseIDs().map(\.rawValue))
        let revealed = try ledger.run(["export", "--reveal"])
        guard revealed.code == 0 else { return ["export --reveal failed: \(revealed)"] }
        let view = try ExportView(revealed.stdout)
        for line in view.lines where line.type == "case.opened" {
            let erased = export.cases[line.caseID]?.erased ?? false
            let person = line.data["person"] as? [String: Any]
            let opened = person?["name"] is String
            if erased && opened { problems.append("\(line.caseID) is erased but its personal fields still open") }
            if !erased && !opened {
                problems.append("\(line.caseID) is not erased but its personal fields do not open (its key is \(held.contains(line.caseID) ? "in the vault but wrong" : "not in the vault"))")
            }
        }
        if FileManager.default.fileExists(atPath: ledger.directory + "/" + VaultFile.fileName + ".new") {
            problems.append("a half-made rewrite of the vault (vault.mdb.new) was left behind")
        }
        for id in try vault.caseIDs() where export.cases[id.rawValue] == nil {
            problems.append("the vault holds a key of \(id), which the log does not have")
        }
        return problems
    }
}
