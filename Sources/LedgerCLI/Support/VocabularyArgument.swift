import ArgumentParser
import Foundation
import Ledger

/// A Ledger vocabulary typed on the command line. Its values (`rawValue`s in
/// `allCases` order) are the option's help list and shell completion, and a
/// value outside it is parsed by `Vocabulary.parse`, whose `VocabularyError`
/// names the allowed values and the closest one: one source for all three.
public protocol VocabularyArgument: Vocabulary, ExpressibleByArgument {}

extension VocabularyArgument {
    public init?(argument: String) {
        guard let value = Self.parsing(argument) else { return nil }
        self = value
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }

    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    public var defaultValueDescription: String { rawValue }

    /// The value for `text`; when there is none, the vocabulary's error is
    /// kept for `LedgerCommand.main`, which prints it instead of
    /// ArgumentParser's own message.
    static func parsing(_ text: String) -> Self? {
        do {
            return try parse(text)
        } catch {
            RejectedValue.current?.keep(error)
            return nil
        }
    }
}

extension Source: VocabularyArgument {}
extension Channel: VocabularyArgument {}
extension Cause: VocabularyArgument {}
extension Risk: VocabularyArgument {}
extension Party: VocabularyArgument {}
extension MediationOutcome: VocabularyArgument {}
extension Agency: VocabularyArgument {}
extension ReferralResult: VocabularyArgument {}
extension HousingKind: VocabularyArgument {}
extension CloseReason: VocabularyArgument {}
extension ErasureReason: VocabularyArgument {}
extension NoticeKind: VocabularyArgument {}
extension TenancyStatus: VocabularyArgument {}
extension RestrictionReason: VocabularyArgument {}

/// Several values of one vocabulary in one comma-separated argument
/// (`--causes rent_arrears,health`); empty items are skipped, as before.
struct VocabularyList<Value: VocabularyArgument>: ExpressibleByArgument {
    let values: [Value]

    init?(argument: String) {
        var values: [Value] = []
        for item in argument.split(separator: ",") {
            guard let value = Value.parsing(String(item)) else { return nil }
            values.append(value)
        }
        self.values = values
    }

    static var allValueStrings: [String] { Value.allValueStrings }

    static var defaultCompletionKind: CompletionKind { Value.defaultCompletionKind }

    var defaultValueDescription: String { values.map(\.rawValue).joined(separator: ",") }
}

/// The first vocabulary value the command line got wrong, while ArgumentParser
/// parses it: `init?(argument:)` can only fail, not say why, so the reason
/// waits here for `LedgerCommand.main`. Bound per parse with
/// `RejectedValue.$current.withValue(_:)`; nil (nothing kept) otherwise.
final class RejectedValue: @unchecked Sendable {
    @TaskLocal static var current: RejectedValue?

    private let lock = NSLock()
    private var kept: VocabularyError?

    /// The first error kept.
    var error: VocabularyError? {
        lock.lock()
        defer { lock.unlock() }
        return kept
    }

    func keep(_ error: VocabularyError) {
        lock.lock()
        defer { lock.unlock() }
        if kept == nil { kept = error }
    }
}
