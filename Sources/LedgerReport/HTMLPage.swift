import Ledger

/// Writes a `ReportPage` as one self-contained HTML page: the style inline,
/// the charts as inline SVG, no script, no link, no image file, no font to
/// fetch; laid out for A4 (print it, or `chromium --headless
/// --print-to-pdf`). Promises: the text is also well-formed XML (so tests
/// and other tools can read it with any XML parser); a withheld value is a
/// cell of class `withheld` reading `<K`, never its number.
struct HTMLPage {
    let page: ReportPage
    let minCell: MinCell?
    let format: LocaleFormat

    init(_ page: ReportPage, minCell: MinCell?) {
        self.page = page
        self.minCell = minCell
        format = LocaleFormat(language: page.language)
    }

    var pageText: PageText { PageText(format: format, withheldMark: page.withheldMark) }

    func html() -> String {
        var m = Markup()
        m.raw("<!DOCTYPE html>\n")
        m.open("html", [("lang", page.language.rawValue)])
        m.newline()
        m.open("head")
        m.empty("meta", [("charset", "utf-8")])
        m.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        m.element("title", [], page.title + " " + (page.facts.first?.text ?? ""))
        m.open("style")
        m.raw(HTMLPage.style)
        m.close("style")
        m.close("head")
        m.newline()
        m.open("body")
        header(&m)
        m.open("main")
        for section in page.sections { self.section(section, &m) }
        m.close("main")
        m.newline()
        m.element("footer", [], page.footer)
        m.newline()
        m.close("body")
        m.close("html")
        m.newline()
        return m.text
    }

    func header(_ m: inout Markup) {
        m.open("header")
        m.element("h1", [], page.title)
        m.open("dl", [("class", "facts")])
        for (label, text) in page.facts {
            m.open("div")
            m.element("dt", [], label)
            m.element("dd", [], text)
            m.close("div")
        }
        m.close("dl")
        m.element("p", [("class", page.internalVersion ? "notice internal" : "notice")], page.notice)
        m.close("header")
        m.newline()
    }

    func section(_ s: Section, _ m: inout Markup) {
        m.open("section", [("id", s.id)])
        m.element("h2", [], s.title)
        for block in s.blocks {
            switch block {
            case .table(let t): table(t, &m)
            case .chart(let c):
                m.open("figure", [("class", "chart")])
                m.element("figcaption", [], c.title)
                m.raw(SVGChart(chart: c, format: format, minCell: minCell).svg())
                m.close("figure")
            case .note(let text): m.element("p", [("class", "note")], text)
            case .definitions(let terms):
                m.open("ul", [("class", "definitions")])
                for term in terms { definition(term, &m) }
                m.close("ul")
            }
            m.newline()
        }
        m.close("section")
        m.newline()
    }

    func table(_ t: PageTable, _ m: inout Markup) {
        let highest = t.bar.map { b in max(t.rows.map { $0.cells[b].barValue }.max() ?? 0, minCell?.k ?? 0, 1) } ?? 1
        m.open("table", [("class", t.bar == nil ? "figures" : "figures with-bars")])
        m.open("thead")
        m.open("tr")
        for (i, column) in t.columns.enumerated() { m.element("th", [("scope", "col"), ("class", i == 0 ? nil : "n")], column) }
        if t.bar != nil { m.element("th", [("scope", "col"), ("class", "bar")], "") }
        m.close("tr")
        m.close("thead")
        m.open("tbody")
        for row in t.rows {
            m.open("tr")
            m.element("th", [("scope", "row")], row.label)
            for cell in row.cells { m.element("td", [("class", cell == .withheld ? "n withheld" : "n")], pageText.text(cell)) }
            if let b = t.bar { bar(row.cells[b], of: highest, &m) }
            m.close("tr")
        }
        m.close("tbody")
        m.close("table")
    }

    /// A row's bar: a published count as a filled bar, a withheld one as a
    /// short pale dashed stub (its length would tell nothing), zero as none.
    func bar(_ value: PageValue, of highest: Int, _ m: inout Markup) {
        m.open("td", [("class", "bar")])
        m.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "bar"), ("viewBox", "0 0 100 10"), ("width", "100"),
                       ("height", "10"), ("aria-hidden", "true")])
        switch value {
        case .count(let n) where n > 0:
            m.empty("rect", [("class", "mark"), ("x", "0"), ("y", "0"), ("width", String(max(1, n * 100 / highest))), ("height", "10"),
                             ("fill", SVGChart.color(0))])
        case .withheld:
            m.empty("rect", [("class", "mark withheld"), ("x", "0.5"), ("y", "0.5"), ("width", String(min(12, max(2, (minCell?.k ?? 1) * 100 / highest - 1)))),
                             ("height", "9"), ("fill", "#eeeeee"), ("stroke", SVGChart.withheldColor), ("stroke-dasharray", "2 1")])
        default:
            break
        }
        m.close("svg")
        m.close("td")
    }

    /// "Term: what it means" with the term in bold.
    func definition(_ text: String, _ m: inout Markup) {
        m.open("li")
        if let colon = text.firstIndex(of: ":") {
            m.element("strong", [], String(text[..<colon]))
            m.content(String(text[colon...]))
        } else {
            m.content(text)
        }
        m.close("li")
    }

    static let style = """
    @page { size: A4; margin: 14mm 15mm 16mm 15mm; }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.35;
      color: #1a1a1a; background: #ffffff; max-width: 180mm; margin: 8mm auto; padding: 0 4mm; }
    h1 { font-size: 19pt; color: #1f4e79; margin: 0 0 3mm 0; }
    h2 { font-size: 13pt; color: #1f4e79; border-bottom: 1.5pt solid #1f4e79; padding-bottom: 1mm; margin: 7mm 0 3mm 0;
      break-after: avoid; page-break-after: avoid; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 5mm; margin: 0 0 3mm 0; }
    dl.facts div { display: contents; }
    dt { font-weight: bold; }
    dd { margin: 0; }
    p.notice { border-left: 3pt solid #1f4e79; background: #eef3f8; padding: 2mm 3mm; margin: 3mm 0; }
    p.notice.internal { border-left-color: #b00020; background: #fdecee; font-weight: bold; }
    p.note { color: #444444; font-size: 9pt; margin: 1.5mm 0; }
    section#tenancy, section#schonfrist { break-inside: avoid; page-break-inside: avoid; }
    tr, li { break-inside: avoid; page-break-inside: avoid; }
    thead { display: table-header-group; }
    table.figures { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm 0; }
    table.figures th, table.figures td { padding: 1.2mm 2mm; border-bottom: 0.5pt solid #cccccc; text-align: left;
      vertical-align: middle; }
    table.figures thead th { border-bottom: 1pt solid #333333; font-size: 9pt; }
    table.figures .n { text-align: right; font-variant-numeric: tabular-nums; }
    table.figures td.n { white-space: nowrap; }
    section#referrals table.figures { font-size: 8.5pt; }
    section#referrals table.figures th, section#referrals table.figures td { padding: 1mm 1mm; }
    section#referrals table.figures thead th { font-size: 8pt; }
    table.figures td.withheld { color: #666666; font-style: italic; }
    table.figures td.bar, table.figures th.bar { width: 32mm; }
    svg.bar { display: block; width: 30mm; height: 3mm; }
    figure.chart { margin: 2mm 0 5mm 0; break-inside: avoid; page-break-inside: avoid; }
    figure.chart figcaption { font-weight: bold; margin-bottom: 1mm; }
    svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
    ul.definitions { padding-left: 4mm; font-size: 9pt; }
    ul.definitions li { margin-bottom: 1.2mm; }
    footer { margin-top: 8mm; padding-top: 2mm; border-top: 0.5pt solid #999999; font-size: 8.5pt; color: #555555; }
    @media print { body { margin: 0; padding: 0; max-width: none; } }

    """
}
