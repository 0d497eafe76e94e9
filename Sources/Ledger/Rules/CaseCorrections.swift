/// What a case's corrections say about its earlier events: the versions they
/// void and the payloads that replace amended ones (a later amendment of the
/// same version wins). Promises: `CaseProjector.fold` gathers exactly this
/// from the corrections among a case's events, so a replay that gathers it
/// on the way can fold the case later without reading the corrections again.
struct CaseCorrections {
    private(set) var voided = Set<UInt32>()
    private(set) var amended: [UInt32: Payload] = [:]

    /// Takes in one correction, in version order.
    mutating func add(_ c: EntryCorrected) {
        let target = UInt32(clamping: c.target)
        switch c.action {
        case .void: voided.insert(target)
        case .amend: if let r = c.replacement?.payload { amended[target] = r }
        }
    }

    /// The payload that counts for the event of this version, or nil for its own.
    func replacement(for version: UInt32) -> Payload? { amended[version] }

    func isVoided(_ version: UInt32) -> Bool { voided.contains(version) }
}
