/// One figure of the report: its JSON key, value, unit, and the target it is held against.
struct Figure {
    enum Value {
        case number(Double, decimals: Int)
        case int(Int)
        case text(String)
        case missing
    }

    enum Target {
        case atLeast(Double)
        case atMost(Double)
        case below(Double)
        case none
    }

    var key: String
    var label: String
    var value: Value
    var target: Target = .none
    var note: String? = nil

    var met: Bool? {
        guard case .number(let v, _) = value else {
            if case .int(let i) = value { return Figure(key: key, label: label, value: .number(Double(i), decimals: 0), target: target).met }
            return nil
        }
        switch target {
        case .atLeast(let t): return v >= t
        case .atMost(let t): return v <= t
        case .below(let t): return v < t
        case .none: return nil
        }
    }

    var valueText: String {
        switch value {
        case .number(let v, let decimals): return Report.format(v, decimals)
        case .int(let i): return Report.grouped(i)
        case .text(let s): return s
        case .missing: return "n/a"
        }
    }

    var targetText: String {
        switch target {
        case .atLeast(let t): return ">= " + Report.format(t, t < 10 ? 1 : 0)
        case .atMost(let t): return "<= " + Report.format(t, t < 10 ? 1 : 0)
        case .below(let t): return "< " + Report.format(t, t < 10 ? 1 : 0)
        case .none: return ""
        }
    }
}

/// The benchmark's output: a readable table, or one JSON object.
struct Report {
    var figures: [Figure] = []
    var notes: [String] = []

    mutating func add(_ figure: Figure) { figures.append(figure) }

    func table() -> String {
        let rows = figures.map { f -> [String] in
            [f.label, f.valueText, f.targetText, f.met.map { $0 ? "yes" : "NO" } ?? ""]
        }
        let headers = ["figure", "value", "target", "met"]
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == 1 ? String(repeating: " ", count: widths[i] - c.count) + c
                       : c + String(repeating: " ", count: widths[i] - c.count)
            }.joined(separator: "  ")
        }
        var out = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        for f in figures { if let note = f.note { out.append("note: \(f.key): \(note)") } }
        out += notes.map { "note: \($0)" }
        return out.joined(separator: "\n")
    }

    func json() -> String {
        var members: [String] = []
        for f in figures {
            let value: String
            switch f.value {
            case .number(let v, let decimals): value = Report.format(v, decimals, grouping: false)
            case .int(let i): value = String(i)
            case .text(let s): value = Report.quoted(s)
            case .missing: value = "null"
            }
            members.append("  \(Report.quoted(f.key)): \(value)")
        }
        let targets = figures.compactMap { f in f.met.map { "\(Report.quoted(f.key)): \($0)" } }
        members.append("  \"targets_met\": {" + targets.joined(separator: ", ") + "}")
        let allNotes = figures.compactMap { f in f.note.map { "\(f.key): \($0)" } } + notes
        members.append("  \"notes\": [" + allNotes.map(Report.quoted).joined(separator: ", ") + "]")
        return "{\n" + members.joined(separator: ",\n") + "\n}"
    }

    static func format(_ v: Double, _ decimals: Int, grouping: Bool = true) -> String {
        guard v.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (v * scale).rounded() / scale
        let whole = Int(rounded.rounded(.towardZero))
        var text = grouping ? grouped(whole) : String(whole)
        if rounded < 0 && whole == 0 { text = "-" + text }
        if decimals > 0 {
            let fraction = Int((abs(rounded - Double(whole)) * scale).rounded())
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
        }
        return text
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
