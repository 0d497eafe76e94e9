import Ledger

/// `history --format json` and `ndjson`: each event as the export writes it
/// (its envelope, hash and payload, personal fields opened or sealed), as one
/// pretty array in the style of every JSON output, or one canonical export
/// line per event.
enum HistoryJSON {
    static func bytes(_ events: [Event], personal: PersonalOutput, layout: ReportJSONWriter.Layout) throws -> [UInt8] {
        var lines: [[UInt8]] = []
        for e in events {
            var w = CanonicalJSONWriter()
            EventJSONWriter.write(e, includeHash: true, personal: personal, into: &w)
            lines.append(w.bytes)
        }
        if layout == .lines { return lines.flatMap { $0 + [10] } }
        var json = ReportJSONWriter(capacity: 600 * lines.count + 16)
        json.beginArray()
        for line in lines {
            guard let value = try? JSONParser.parse(line) else {
                throw LedgerError.corrupted("an event's JSON could not be read back; run 'ledger verify'")
            }
            json.value(value)
        }
        json.endArray()
        return json.finish()
    }
}
