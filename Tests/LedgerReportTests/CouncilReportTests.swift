import XCTest
@testable import Ledger
@testable import LedgerReport
import LedgerTestSupport

/// The council report read as a person reads it: parsed, its sections,
/// tables and charts found, its figures compared with the metrics.
final class CouncilReportTests: XCTestCase {
    let from = LocalDate(year: 2025, month: 1, day: 1) ?? LocalDate(daysSinceEpoch: 0)
    let to = LocalDate(year: 2026, month: 1, day: 1) ?? LocalDate(daysSinceEpoch: 0)

    func page(_ figures: CouncilFigures, _ language: ReportLanguage = .de) throws -> XMLNode {
        let html = CouncilReport.render(figures, language: language, format: .html)
        switch XMLNode.parse(html) {
        case .success(let root): return root
        case .failure(let error): XCTFail("the page does not parse: \(error)"); throw error
        }
    }

    func testGermanWritesADecimalCommaAndEnglishAPoint() throws {
        let de = LocaleFormat(language: .de), en = LocaleFormat(language: .en)
        let twoThirds = try XCTUnwrap(Ratio(2, 3)), half = try XCTUnwrap(Ratio(1, 2)), tiny = try XCTUnwrap(Ratio(1, 2000))
        XCTAssertEqual(de.percent(twoThirds), "66,7\u{202F}%")
        XCTAssertEqual(en.percent(twoThirds), "66.7%")
        XCTAssertEqual(de.percent(half), "50,0\u{202F}%")
        XCTAssertEqual(en.percent(tiny), "0.1%", "0.05 rounds half away from zero")
        XCTAssertEqual(de.count(1_234_567), "1.234.567")
        XCTAssertEqual(en.count(1_234_567), "1,234,567")
        XCTAssertEqual(de.count(999), "999")
        XCTAssertEqual(de.date(from), "1. Januar 2025")
        XCTAssertEqual(en.period(from, to), "1 January 2025 to 31 December 2025")
        XCTAssertEqual(de.shortMonth(year: 2025, month: 3), "Mär 25")
    }

    func testThePreviousPeriodHasTheSameLength() throws {
        func day(_ s: String) throws -> LocalDate { try XCTUnwrap(LocalDate(s)) }
        XCTAssertEqual(CouncilFigures.previousStart(from: try day("2025-07-01"), to: try day("2025-10-01")), try day("2025-04-01"))
        XCTAssertEqual(CouncilFigures.previousStart(from: try day("2025-01-01"), to: try day("2026-01-01")), try day("2024-01-01"))
        XCTAssertEqual(CouncilFigures.previousStart(from: try day("2025-03-01"), to: try day("2025-04-01")), try day("2025-02-01"))
        XCTAssertEqual(CouncilFigures.previousStart(from: try day("2025-07-10"), to: try day("2025-07-20")), try day("2025-06-30"))
    }

    func testEveryLabelHasBothLanguages() {
        for label in Catalogue.Label.allCases {
            XCTAssertFalse(Catalogue.text(label, .de).isEmpty, "\(label)")
            XCTAssertFalse(Catalogue.text(label, .en).isEmpty, "\(label)")
        }
        for c in Cause.allCases { XCTAssertNotEqual(Catalogue.cause(c, .de), "") }
        for a in Agency.allCases { XCTAssertNotEqual(Catalogue.agency(a, .en), "") }
        XCTAssertEqual(Catalogue.text(.withheldLegend, .en, k: 5), "not shown (<5)")
        XCTAssertEqual("from 1 to %K1%, <%K%".replacingK(7), "from 1 to 6, <7")
    }

    /// The page's sections in order, three charts that each draw something,
    /// the key figures equal to the suppressed metrics, nothing external.
    func testThePageReadsAsAReport() throws {
        var random = ReportEpisodes(seed: 42)
        let episodes = random.episodes(900)
        let figures = try ReportEpisodes.figures(episodes, from: from, to: to, minCell: .councilDefault, asOf: to.adding(days: 200))
        let root = try page(figures)
        XCTAssertEqual(root.name, "html")
        XCTAssertEqual(root.attributes["lang"], "de")
        XCTAssertEqual(root.all("section").compactMap { $0.attributes["id"] },
                       ["headline", "trends", "districts", "stages", "tenancy", "schonfrist", "causes", "referrals", "definitions"])
        XCTAssertTrue(root.all("script").isEmpty && root.all("link").isEmpty && root.all("img").isEmpty)
        XCTAssertTrue(root.all.allSatisfy { $0.attributes["src"] == nil && $0.attributes["href"] == nil })
        let charts = root.all("svg", class: "chart")
        XCTAssertEqual(charts.count, 3)
        for chart in charts {
            XCTAssertFalse(chart.all(nil, class: "mark").isEmpty, "\(chart.attributes["id"] ?? "") draws nothing")
            XCTAssertEqual(chart.all("text").filter { $0.text.hasSuffix("25") }.count, 12, "a label for each month")
        }
        // The key figures, this period and the one before, as `metrics --min-cell 5` has them.
        let rows = try XCTUnwrap(root.first("section", id: "headline")).all("tr").dropFirst()
        let all = figures.current.group("all"), before = figures.previous.group("all")
        func cells(_ label: String) throws -> [String] {
            try XCTUnwrap(rows.first { $0.all("th").first?.text == label }, label).all("td").map(\.text)
        }
        XCTAssertEqual(try cells("Fälle begonnen"), [LocaleFormat(language: .de).count(all.episodesStarted),
                                                    LocaleFormat(language: .de).count(before.episodesStarted)])
        let rate = try XCTUnwrap(all.successRate)
        XCTAssertEqual(try cells("Erfolgsquote").first, LocaleFormat(language: .de).percent(rate))
        XCTAssertTrue(try cells("Erfolgsquote")[0].contains(","), "a decimal comma")
        let json = Metrics.json(try XCTUnwrap(figures.current.suppressed)).text
        XCTAssertTrue(json.contains("\"episodes_started\": \(all.episodesStarted)"))
    }

    func testEnglishIsTheSamePageInEnglish() throws {
        var random = ReportEpisodes(seed: 43)
        let figures = try ReportEpisodes.figures(random.episodes(700), from: from, to: to, minCell: .councilDefault, asOf: to)
        let de = try page(figures, .de), en = try page(figures, .en)
        XCTAssertEqual(en.attributes["lang"], "en")
        XCTAssertEqual(en.all("h2").count, de.all("h2").count)
        XCTAssertEqual(en.all("td").count, de.all("td").count)
        XCTAssertTrue(en.all("h2").map(\.text).contains("Key figures"))
        let rate = try XCTUnwrap(figures.current.group("all").successRate)
        XCTAssertTrue(en.text.contains(LocaleFormat(language: .en).percent(rate)))
        XCTAssertFalse(en.all("td").contains { $0.text.contains(",") && $0.text.hasSuffix("%") }, "no decimal comma in English")
    }

    /// On random ledgers, large and small: no figure on the page is a count
    /// from 1 to K − 1, and a withheld cell reads `<K`.
    func testNoCountOnThePageLiesBelowK() throws {
        var random = ReportEpisodes(seed: 7)
        for round in 0..<12 {
            let k = try MinCell(2 + random.rng.below(8))
            let figures = try ReportEpisodes.figures(random.episodes(random.rng.below(400)), from: from, to: to, minCell: k, asOf: to)
            let page = PageBuilder(figures, .en).page()
            var values: [PageValue] = []
            for section in page.sections {
                for block in section.blocks {
                    switch block {
                    case .table(let t): values += t.rows.flatMap(\.cells)
                    case .chart(let c): values += c.series.flatMap(\.values)
                    case .note, .definitions: break
                    }
                }
            }
            for v in values {
                if case .count(let n) = v { XCTAssertFalse(k.isSmall(n), "round \(round), K \(k.k): \(n)") }
            }
            let root = try self.page(figures, .en)
            for cell in root.all("td", class: "withheld") { XCTAssertEqual(cell.text, k.mark) }
        }
    }

    func testWithoutSuppressionThePageSaysItIsInternal() throws {
        var random = ReportEpisodes(seed: 44)
        let figures = try ReportEpisodes.figures(random.episodes(60), from: from, to: to, minCell: nil, asOf: to)
        let root = try page(figures)
        XCTAssertTrue(root.all("td", class: "withheld").isEmpty)
        XCTAssertEqual(root.all("p", class: "internal").count, 1)
        for chart in root.all("svg", class: "chart") {
            XCTAssertTrue(chart.all(nil, class: "withheld").isEmpty)
        }
    }

    func testAChartDrawsEveryValueAndOnlyThose() throws {
        let r = try XCTUnwrap(Ratio(3, 4))
        let bars = Chart(id: "c", title: "t", kind: .bars, labels: ["a", "b", "c", "d"],
                         series: [ChartSeries(name: "s", values: [.count(7), .withheld, .count(0), .none])],
                         reference: nil, withheldLegend: "not shown", emptyNote: nil)
        let svg = SVGChart(chart: bars, format: LocaleFormat(language: .en), minCell: .councilDefault).svg()
        let root = try XCTUnwrap(try? XMLNode.parse(svg).get())
        XCTAssertEqual(root.all(nil, class: "mark").count, 2)
        XCTAssertEqual(root.all(nil, class: "withheld").count, 1)
        XCTAssertTrue(root.all("title").contains { $0.text == "b, s: <5" })
        let line = Chart(id: "l", title: "t", kind: .line, labels: ["a", "b", "c"],
                         series: [ChartSeries(name: "s", values: [.percent(r), .percent(r), .withheld])],
                         reference: ("Period", .percent(r)), withheldLegend: nil, emptyNote: nil)
        let lineRoot = try XCTUnwrap(try? XMLNode.parse(SVGChart(chart: line, format: LocaleFormat(language: .en), minCell: nil).svg()).get())
        XCTAssertEqual(lineRoot.all("circle", class: "mark").count, 2)
        XCTAssertEqual(lineRoot.all("polyline").count, 1)
        XCTAssertEqual(lineRoot.all("line", class: "reference").count, 1)
        XCTAssertTrue(lineRoot.text.contains("Period: 75.0%"))
    }

    func testMarkdownHoldsTheSameFiguresAsText() throws {
        var random = ReportEpisodes(seed: 45)
        let figures = try ReportEpisodes.figures(random.episodes(300), from: from, to: to, minCell: .councilDefault, asOf: to)
        let md = CouncilReport.render(figures, language: .de, format: .md)
        XCTAssertTrue(md.hasPrefix("# Wohnraumsicherung: Bericht\n"))
        XCTAssertEqual(md.components(separatedBy: "\n## ").count - 1, 9)
        XCTAssertTrue(md.contains("| \\<5 |") || md.contains(" \\<5 |"), "withheld cells are escaped text")
        XCTAssertFalse(md.contains("<svg"))
        XCTAssertEqual(MarkdownPage.escape("a|b<c"), "a\\|b\\<c")
    }
}
