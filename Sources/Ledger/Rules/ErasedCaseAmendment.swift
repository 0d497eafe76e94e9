/// DOMAIN.md: after `case.erased`, an amendment may change only non-personal
/// fields, and "the sealed field is carried over byte for byte". Nobody can
/// seal anew for an erased case (its key is gone), but an import line could
/// bring other sealed bytes: this rule compares them with what stands.
enum ErasedCaseAmendment {
    /// Refuses a replacement whose personal fields are not exactly the standing payload's.
    static func check(_ replacement: Payload, standing: Payload, target: Int, caseID: CaseID) throws(LedgerError) {
        let given = replacement.personalFields, kept = standing.personalFields
        guard given.map(\.name) == kept.map(\.name), given.map(\.field) == kept.map(\.field) else {
            throw .ruleBroken(RuleViolation(.caseErased, case: caseID.rawValue,
                "the case was erased: an amendment of version \(target) must carry its sealed fields over unchanged, byte for byte"))
        }
    }

    /// The payload that stands for `version` among a case's events: its latest amendment's replacement, else the original.
    static func standing(_ version: Int, in events: [Event]) -> Payload? {
        guard version >= 1, version <= events.count else { return nil }
        var payload = events[version - 1].payload
        for event in events {
            if case .entryCorrected(let c) = event.payload, c.target == version, c.action == .amend,
               let replacement = c.replacement?.payload {
                payload = replacement
            }
        }
        return payload
    }
}
