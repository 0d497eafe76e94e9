import Ledger

/// Draws a monthly `Chart` as one inline SVG element (integer coordinates
/// in a 680 × 250 view box that scales to the page's width): bars for
/// counts, a line of points for rates, a dashed reference line, a legend.
/// Promises: no script and nothing external; every value drawn is a mark
/// with class `mark` (a published value) or `mark withheld` (a withheld
/// one: a pale hatched column the height of the plot, which says "not
/// shown" and nothing about its size, since a cell withheld beside a small
/// one may be large), each with a `<title>` telling its month and figure;
/// the same chart always gives the same text.
struct SVGChart {
    let chart: Chart
    let format: LocaleFormat
    /// The K of the withheld values (their mark reads `<K`), when suppressed.
    let minCell: MinCell?

    static let width = 680, height = 250
    static let left = 46, right = 668, top = 34, bottom = 206
    static let colors = ["#1f4e79", "#d9782d", "#5b8c3a"]
    static let withheldColor = "#8c8c8c"
    static let hatchColor = "#c4c4c4"
    static let referenceColor = "#444444"

    var plotWidth: Int { SVGChart.right - SVGChart.left }
    var plotHeight: Int { SVGChart.bottom - SVGChart.top }
    var slots: Int { max(chart.labels.count, 1) }

    func svg() -> String {
        var m = Markup()
        m.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("id", chart.id), ("role", "img"),
                       ("viewBox", "0 0 \(SVGChart.width) \(SVGChart.height)"), ("aria-label", chart.title)])
        m.element("title", [], chart.title)
        m.open("defs")
        m.open("pattern", [("id", chart.id + "-hatch"), ("width", "6"), ("height", "6"), ("patternUnits", "userSpaceOnUse"),
                           ("patternTransform", "rotate(45)")])
        m.empty("rect", [("width", "6"), ("height", "6"), ("fill", "#f6f6f6")])
        m.empty("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("stroke", SVGChart.hatchColor), ("stroke-width", "1.5")])
        m.close("pattern")
        m.close("defs")
        switch chart.kind {
        case .bars: bars(&m)
        case .line: line(&m)
        }
        monthLabels(&m)
        legend(&m)
        if let note = chart.emptyNote {
            let middle = SVGChart.left + plotWidth / 2, width = 7 * note.count + 16, noteY = SVGChart.top + plotHeight / 8
            m.empty("rect", [("x", String(middle - width / 2)), ("y", String(noteY - 11)), ("width", String(width)), ("height", "22"),
                             ("rx", "3"), ("fill", "#ffffff"), ("stroke", "#bbbbbb")])
            m.element("text", [("x", String(middle)), ("y", String(noteY + 5)), ("text-anchor", "middle"), ("class", "empty-note"),
                               ("font-size", "13"), ("fill", "#444444")], note)
        }
        m.close("svg")
        return m.text
    }

    /// The x of the left edge of month `i`'s slot.
    func slotX(_ i: Int) -> Int { SVGChart.left + i * plotWidth / slots }

    /// The y of `value` on a scale from 0 to `top`.
    func y(_ value: Int, of top: Int) -> Int { SVGChart.bottom - (value * plotHeight + top / 2) / max(top, 1) }

    // MARK: bars

    func bars(_ m: inout Markup) {
        let values = chart.series.flatMap(\.values)
        let published = values.map(\.barValue).max() ?? 0
        let highest = published > 0 ? published : max(minCell?.k ?? 1, 1)
        let (step, top) = SVGChart.scale(highest)
        grid(&m, ticks: stride(from: 0, through: top, by: step).map { ($0, format.count($0)) }, top: top)
        let slot = plotWidth / slots, group = max(slot * 7 / 10, 2), width = max(group / max(chart.series.count, 1), 1)
        let labelled = chart.labels.count <= 13
        for (s, series) in chart.series.enumerated() {
            for (i, value) in series.values.enumerated() {
                let x = slotX(i) + (slot - group) / 2 + s * width
                let tip = chart.labels[i] + ", " + series.name + ": " + text(value)
                switch value {
                case .count(let n) where n > 0:
                    m.open("rect", [("class", "mark"), ("x", String(x)), ("y", String(y(n, of: top))), ("width", String(width)),
                                    ("height", String(SVGChart.bottom - y(n, of: top))), ("fill", SVGChart.color(s))])
                    m.element("title", [], tip)
                    m.close("rect")
                    if labelled { valueLabel(&m, x + width / 2, y(n, of: top) - 3, format.count(n)) }
                case .withheld:
                    m.open("rect", [("class", "mark withheld"), ("x", String(x)), ("y", String(SVGChart.top)), ("width", String(width)),
                                    ("height", String(plotHeight)), ("fill", "url(#\(chart.id)-hatch)")])
                    m.element("title", [], tip)
                    m.close("rect")
                default:
                    break
                }
            }
        }
    }

    // MARK: line

    func line(_ m: inout Markup) {
        grid(&m, ticks: [0, 25, 50, 75, 100].map { ($0, format.wholePercent($0)) }, top: 100)
        for (s, series) in chart.series.enumerated() {
            var run: [(Int, Int)] = []
            func flush() {
                if run.count > 1 {
                    m.empty("polyline", [("points", run.map { "\($0.0),\($0.1)" }.joined(separator: " ")), ("fill", "none"),
                                         ("stroke", SVGChart.color(s)), ("stroke-width", "2")])
                }
                run = []
            }
            for (i, value) in series.values.enumerated() {
                let x = slotX(i) + plotWidth / slots / 2
                let tip = chart.labels[i] + ", " + series.name + ": " + text(value)
                switch value {
                case .percent(let r):
                    let py = SVGChart.bottom - SVGChart.scaled(r, plotHeight)
                    run.append((x, py))
                    m.open("circle", [("class", "mark"), ("cx", String(x)), ("cy", String(py)), ("r", "4"), ("fill", SVGChart.color(s))])
                    m.element("title", [], tip)
                    m.close("circle")
                case .withheld:
                    flush()
                    m.open("rect", [("class", "mark withheld"), ("x", String(x - 6)), ("y", String(SVGChart.top)), ("width", "12"),
                                    ("height", String(plotHeight)), ("fill", "url(#\(chart.id)-hatch)")])
                    m.element("title", [], tip)
                    m.close("rect")
                default:
                    flush()
                }
            }
            flush()
        }
        if let (_, value) = chart.reference, case .percent(let r) = value {
            let ry = SVGChart.bottom - SVGChart.scaled(r, plotHeight)
            m.empty("line", [("class", "reference"), ("x1", String(SVGChart.left)), ("x2", String(SVGChart.right)), ("y1", String(ry)),
                             ("y2", String(ry)), ("stroke", SVGChart.referenceColor), ("stroke-dasharray", "6 4"), ("stroke-width", "1.5")])
        }
    }

    // MARK: frame

    /// Horizontal grid lines with their labels, and the base line.
    func grid(_ m: inout Markup, ticks: [(Int, String)], top: Int) {
        for (value, label) in ticks {
            let ty = y(value, of: top)
            m.empty("line", [("x1", String(SVGChart.left)), ("x2", String(SVGChart.right)), ("y1", String(ty)), ("y2", String(ty)),
                             ("stroke", value == 0 ? "#333333" : "#dddddd"), ("stroke-width", "1")])
            m.element("text", [("x", String(SVGChart.left - 6)), ("y", String(ty + 4)), ("text-anchor", "end"), ("font-size", "11"),
                               ("fill", "#333333")], label)
        }
    }

    func monthLabels(_ m: inout Markup) {
        let every = max(1, (chart.labels.count + 12) / 13)
        for (i, label) in chart.labels.enumerated() where i % every == 0 {
            m.element("text", [("x", String(slotX(i) + plotWidth / slots / 2)), ("y", String(SVGChart.bottom + 16)),
                               ("text-anchor", "middle"), ("font-size", "11"), ("fill", "#333333")], label)
        }
    }

    func legend(_ m: inout Markup) {
        var x = SVGChart.left
        var entries = chart.series.enumerated().map { (SVGChart.color($0.offset), $0.element.name, false) }
        if let withheld = chart.withheldLegend, chart.series.contains(where: { $0.values.contains(.withheld) }) {
            entries.append(("url(#\(chart.id)-hatch)", withheld, true))
        }
        for (fill, name, dashed) in entries {
            m.empty("rect", [("x", String(x)), ("y", "10"), ("width", "12"), ("height", "12"), ("fill", fill),
                             ("stroke", dashed ? SVGChart.withheldColor : nil)])
            m.element("text", [("x", String(x + 17)), ("y", "20"), ("font-size", "12"), ("fill", "#222222")], name)
            x += 30 + 7 * name.count
        }
        if let (label, value) = chart.reference, case .percent(let r) = value {
            m.empty("line", [("x1", String(x)), ("x2", String(x + 18)), ("y1", "16"), ("y2", "16"), ("stroke", SVGChart.referenceColor),
                             ("stroke-dasharray", "6 4"), ("stroke-width", "1.5")])
            m.element("text", [("x", String(x + 23)), ("y", "20"), ("font-size", "12"), ("fill", "#222222")], label + ": " + format.percent(r))
        }
    }

    func valueLabel(_ m: inout Markup, _ x: Int, _ y: Int, _ text: String) {
        m.element("text", [("x", String(x)), ("y", String(y)), ("text-anchor", "middle"), ("font-size", "10"), ("fill", "#333333")], text)
    }

    func text(_ v: PageValue) -> String { PageText(format: format, withheldMark: minCell?.mark ?? "").text(v) }

    static func color(_ series: Int) -> String { colors[series % colors.count] }

    /// `r` (a share from 0 to 1) of `length`, rounded half up.
    static func scaled(_ r: Ratio, _ length: Int) -> Int {
        guard r.denominator > 0 else { return 0 }
        return max(0, min(length, (2 * r.numerator * length + r.denominator) / (2 * r.denominator)))
    }

    /// A step of 1, 2 or 5 times a power of ten giving at most five steps
    /// up to `highest`, and the top of the scale (a multiple of the step).
    static func scale(_ highest: Int) -> (step: Int, top: Int) {
        var power = 1
        while true {
            for f in [1, 2, 5] where (highest + f * power - 1) / (f * power) <= 5 {
                let step = f * power
                return (step, (highest + step - 1) / step * step)
            }
            power *= 10
        }
    }
}
