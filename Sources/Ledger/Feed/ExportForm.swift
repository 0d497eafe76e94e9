/// How an export or a feed writes each event's personal fields, for one
/// `ExportMode`: as stored, withheld, or opened with the case's key (one
/// opener per case, made on first use). Promises: `.sealed` lines are the
/// events' export objects exactly (every hash checkable), `.pseudonymous`
/// lines hold no personal value, and only `.revealed` ever asks the vault.
final class ExportForm {
    private let mode: ExportMode
    private let vault: Vault?
    private var openers: [CaseID: FieldOpener] = [:]
    private var writer = CanonicalJSONWriter(reservingCapacity: 2048)

    init(_ mode: ExportMode, vault: Vault?) {
        self.mode = mode
        self.vault = vault
    }

    /// The event's export object (one line, without its line break).
    func line(_ event: Event) throws -> [UInt8] {
        writer.reset()
        switch mode {
        case .sealed:
            EventJSONWriter.write(event, includeHash: true, into: &writer)
        case .pseudonymous:
            EventJSONWriter.write(event, includeHash: true, personal: .withheld, into: &writer)
        case .revealed:
            let opener = try self.opener(for: event.caseID)
            EventJSONWriter.write(event, includeHash: true,
                                  personal: .revealed({ field, bytes in opener.open(bytes, field: field) }),
                                  into: &writer)
        }
        return writer.bytes
    }

    private func opener(for id: CaseID) throws -> FieldOpener {
        if let known = openers[id] { return known }
        let opener = FieldOpener(key: try vault?.keys(for: [id])[id], caseID: id)
        openers[id] = opener
        return opener
    }
}
