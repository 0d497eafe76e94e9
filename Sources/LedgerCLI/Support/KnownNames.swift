import Ledger

/// Caseworker names as typed: one the ledger knows (some episode was in
/// their charge), or the actor (who records for themself), or one
/// `--new-caseworker` says is meant. Promises: a typo is refused, naming the
/// closest known caseworker, before anything is written or shown.
enum KnownCaseworkers {
    static func check(_ name: String, option: String, in ledger: Ledger, actor: String?, isNew: Bool,
                      mayBeNew: Bool = true) throws {
        if isNew || name == actor { return }
        let known = try ledger.caseworkers().map(\.name)
        guard !known.contains(name) else { return }
        // Names share their office's pattern (cw.…): only a near miss is suggested.
        let suggestion = ClosestMatch.closest(to: name, in: known + [actor].compactMap { $0 }, maxDistance: max(1, name.count / 4))
        throw DeskError.unknownCaseworker(name, option: option, suggestion: suggestion, mayBeNew: mayBeNew)
    }
}

/// District names as typed, against the districts the ledger was made with:
/// an unknown one is a usage error (exit 64) naming the closest, as every
/// other vocabulary value is.
enum KnownDistricts {
    static func check(_ district: String, in ledger: Ledger) throws {
        guard !ledger.config.districts.contains(district) else { return }
        throw DeskError.vocabulary(VocabularyError(field: "district", value: district, allowed: ledger.config.districts))
    }
}
