/// A value stored on disk as a one-byte code: an event type, a vocabulary
/// value, a case's phase.
///
/// Promises: `code` is permanent. Every ledger ever written holds these
/// numbers, so the code of a case never changes, whatever the order in which
/// the cases are declared, and a code is never reused, not even after its
/// case is retired: a new case takes the next unused number. `init?(code:)`
/// is the inverse of `code`, and nil for a code that no case has.
///
/// Conformers write `code` as one `switch` over every case, without
/// `default:`, so that the compiler asks for the code of each new case.
public protocol StableCode: CaseIterable, Equatable where AllCases == [Self] {
    /// The byte this value is stored as (Docs/STORAGE.md); permanent.
    var code: UInt8 { get }
}

extension StableCode {
    /// The value stored as `code`, or nil if no case has that code.
    public init?(code: UInt8) {
        let all = Self.allCases
        // Cases are declared in code order, so the value is usually found at its code's position.
        let position = Int(code)
        if position < all.count, all[position].code == code {
            self = all[position]
            return
        }
        guard let value = all.first(where: { $0.code == code }) else { return nil }
        self = value
    }

    /// One more than the largest code: the length of a table indexed by code.
    static var codeBound: Int {
        allCases.reduce(0) { Swift.max($0, Int($1.code) + 1) }
    }
}
