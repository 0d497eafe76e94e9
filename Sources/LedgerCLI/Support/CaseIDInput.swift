import Ledger

/// A case id as people type it: in any case (`lg-2026-000042`), and with
/// the sequence's leading zeros left out (`LG-2026-42`). Promises: a typed
/// id names the same case as its wire form; text that cannot be one stays
/// as typed, for the error to quote.
enum CaseIDInput {
    static func normalised(_ text: String) -> String {
        let upper = String(text.trimmingSpaces).uppercased()
        let parts = upper.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...5).contains(parts[2].count), parts[2].allSatisfy(\.isASCIIDigit) else { return upper }
        return "\(parts[0])-\(parts[1])-" + String(repeating: "0", count: 6 - parts[2].count) + parts[2]
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// A case id argument: a malformed one is a usage error.
func caseID(_ text: String) throws -> CaseID {
    guard let id = CaseID(CaseIDInput.normalised(text)) else {
        throw LedgerError.usage("'\(text.prefix(40))' is not a case id like LG-2026-000042")
    }
    return id
}

/// A case id argument: a malformed one is an unknown case (exit 66), as a well-formed unknown one is.
func ledgerCaseID(_ text: String) throws -> CaseID {
    guard let id = CaseID(CaseIDInput.normalised(text)) else { throw LedgerError.unknownCase(String(text.prefix(40))) }
    return id
}
