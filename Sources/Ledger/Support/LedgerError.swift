/// Every way a ledger operation can fail, each with a one-line message a
/// caseworker understands and an exit code from sysexits(3) that scripts can
/// rely on. Promises: no message ever contains a personal field's value.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A wrong or missing option or value (exit 64).
    case usage(String)
    /// Input that is not acceptable data: a malformed line, a bad field (exit 65).
    case invalidInput(String)
    /// A rule of DOMAIN.md broken (exit 65).
    case ruleBroken(RuleViolation)
    /// No such case (exit 66).
    case unknownCase(String)
    /// No ledger at the path, or not a ledger (exit 66).
    case noLedger(String)
    /// An input file that does not exist (exit 66, sysexits' EX_NOINPUT).
    case noInput(String)
    /// The ledger was written by a newer format, or its files are damaged (exit 65).
    case incompatible(String)
    case corrupted(String)
    /// The master key is missing, unreadable or does not open the vault (exit 77).
    case key(String)
    /// The case changed since the version the command was decided on (exit 75, retry).
    case conflict(String)
    /// Another process holds the ledger's write lock (exit 75, retry).
    case busy(String)
    /// The disk, the file system or the ledger's configured size said no (exit 74).
    case io(String)
    /// An error at a line of an input file.
    indirect case atLine(file: String, line: Int, LedgerError)

    public var exitCode: Int32 {
        switch self {
        case .usage: return 64
        case .invalidInput, .ruleBroken, .incompatible, .corrupted: return 65
        case .unknownCase, .noLedger, .noInput: return 66
        case .key: return 77
        case .conflict, .busy: return 75
        case .io: return 74
        case .atLine(_, _, let inner): return inner.exitCode == 66 ? 65 : inner.exitCode
        }
    }

    public var description: String {
        switch self {
        case .usage(let m), .invalidInput(let m), .noLedger(let m), .noInput(let m), .incompatible(let m), .corrupted(let m),
             .key(let m), .conflict(let m), .busy(let m), .io(let m):
            return m
        case .ruleBroken(let violation): return violation.description
        case .unknownCase(let id): return "unknown case \(id.prefix(40)): no case with that id in this ledger"
        case .atLine(let file, let line, let inner): return "\(file):\(line): \(inner.description)"
        }
    }
}

/// A broken rule of DOMAIN.md, naming the rule and the case.
public struct RuleViolation: Equatable, Sendable, CustomStringConvertible {
    /// The rules, by a short stable name used in messages and docs.
    public enum Rule: String, Sendable {
        case caseExists = "case-exists"
        case caseMustExist = "case-must-exist"
        case caseMustBeOpen = "case-must-be-open"
        case caseMustBeClosed = "case-must-be-closed"
        case caseErased = "case-erased"
        case referralNumber = "referral-number"
        case referralMustBeOpen = "referral-must-be-open"
        case securedBeforeClose = "housing-secured-before-close"
        case correctionTarget = "correction-target"
        case differentCaseworker = "different-caseworker"
        case occurredOrder = "occurred-in-episode"
        case futureTime = "no-future-times"
        case recordedOrder = "recorded-at-order"
        case envelope = "envelope"
        case caseIDFormat = "case-id"
        case caseIDPrefix = "case-id-prefix"
        case district = "district"
        case tenancyDates = "tenancy-dates"
        case effectiveDate = "effective-date"
        case caseRestricted = "case-restricted"
        case caseMustBeRestricted = "case-must-be-restricted"
        case checkAfterSecuredClose = "check-after-secured-close"
        case correctionSchema = "correction-schema"
    }

    public let rule: Rule
    public let caseID: String
    public let detail: String

    public init(_ rule: Rule, case caseID: String, _ detail: String) {
        self.rule = rule
        self.caseID = caseID
        self.detail = detail
    }

    public var description: String { "\(caseID): \(detail) (rule \(rule.rawValue))" }
}
