import Foundation
import LedgerTestSupport
import XCTest

/// `ledger report` on the demo ledger through the real executable: the page
/// parses, says what the metrics say in German and English, draws every
/// chart, holds no personal value, and renders in a browser where Chromium
/// is installed.
final class ReportCLITests: CLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let r = try CLI.run(["import", TestPaths.fixture("demo.ndjson")], ledger: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    let period = ["--from", "2025-01-01", "--to", "2026-01-01"]

    func run(_ args: [String]) throws -> String {
        let r = try CLI.run(args, ledger: dir)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        return r.stdout
    }

    func parsed(_ html: String) throws -> XMLNode {
        switch XMLNode.parse(html) {
        case .success(let root): return root
        case .failure(let error): XCTFail("the report does not parse: \(error)"); throw error
        }
    }

    func testTheDemoReportInGermanAndEnglish() throws {
        let metrics = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(try run(["metrics"] + period + ["--min-cell", "5", "--format", "json"]).utf8)) as? [String: Any])
        let all = try XCTUnwrap(metrics["all"] as? [String: Any])
        for (lang, started, rate) in [("de", "Fälle begonnen", "Erfolgsquote"), ("en", "Cases started", "Success rate")] {
            let root = try parsed(try run(["report"] + period + ["--lang", lang]))
            XCTAssertEqual(root.attributes["lang"], lang)
            XCTAssertTrue(root.all("script").isEmpty && root.all("link").isEmpty)
            let charts = root.all("svg", class: "chart")
            XCTAssertEqual(charts.count, 3)
            for chart in charts { XCTAssertFalse(chart.all(nil, class: "mark").isEmpty, "\(lang): an empty chart") }
            let headline = try XCTUnwrap(root.first("section", id: "headline"))
            func cell(_ label: String) throws -> String {
                try XCTUnwrap(headline.all("tr").first { $0.all("th").first?.text == label }, label).all("td")[0].text
            }
            XCTAssertEqual(try cell(started), String(try XCTUnwrap(all["episodes_started"] as? Int)))
            let share = try XCTUnwrap(all["success_rate"] as? Double)
            let percent = String(format: "%.1f", share * 100)
            XCTAssertEqual(try cell(rate), lang == "de" ? percent.replacingOccurrences(of: ".", with: ",") + "\u{202F}%" : percent + "%")
            XCTAssertFalse(root.all("td", class: "withheld").isEmpty, "a small ledger withholds small cells by default")
            XCTAssertTrue(root.all("td", class: "withheld").allSatisfy { $0.text == "<5" })
        }
        let internalPage = try parsed(try run(["report"] + period + ["--no-min-cell"]))
        XCTAssertEqual(internalPage.all("p", class: "internal").count, 1)
        for chart in internalPage.all("svg", class: "chart") {
            XCTAssertFalse(chart.all(nil, class: "mark").filter { !$0.classes.contains("withheld") }.isEmpty,
                           "\(chart.attributes["id"] ?? ""): every chart shows values when nothing is withheld")
        }
    }

    func testTheReportHoldsNoPersonalValue() throws {
        let values = try PersonalValues(fixture: TestPaths.fixture("demo.ndjson"))
        XCTAssertGreaterThan(values.personal.count, 10)
        for args in [["--lang", "de"], ["--lang", "en"], ["--format", "md"], ["--no-min-cell"]] {
            let text = try run(["report", "--from", "2022-01-01", "--to", "2026-01-01"] + args)
            for value in values.personal where value.count >= 4 && text.contains(value) {
                XCTFail("\(args): a personal value is in the report")
            }
            XCTAssertFalse(text.contains("sealed"))
        }
    }

    func testMarkdownAndAFileAndRefusals() throws {
        let md = try run(["report"] + period + ["--format", "md", "--lang", "en"])
        XCTAssertTrue(md.hasPrefix("# Homelessness prevention: report"), md)
        XCTAssertTrue(md.contains("\\<5"))
        let file = scratch.file("report.html")
        XCTAssertEqual(try run(["report"] + period + ["--out", file]), "")
        XCTAssertNoThrow(try parsed(try String(contentsOfFile: file, encoding: .utf8)))
        for (args, text) in [(["--min-cell", "1"], "at least 2"), (["--min-cell", "3", "--no-min-cell"], "exclude"),
                             (["--lang", "fr"], "fr")] {
            let r = try CLI.run(["report"] + period + args, ledger: dir)
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(text), "\(args): \(r.stderr)")
        }
        let backwards = try CLI.run(["report", "--from", "2025-01-01", "--to", "2024-01-01"], ledger: dir)
        XCTAssertEqual(backwards.status, 64, backwards.stderr)
    }

    /// Renders the German and the English page with headless Chromium and
    /// checks that each screenshot shows a page: ink on a good share of it,
    /// and the charts' blue. Skipped where Chromium is not installed.
    func testTheReportRendersInABrowser() throws {
        guard let chromium = Self.chromium else {
            throw XCTSkip("chromium is not installed (apt-get install chromium): the rendering is not checked here")
        }
        for lang in ["de", "en"] {
            let html = scratch.file("report-\(lang).html"), png = scratch.file("report-\(lang).png")
            _ = try run(["report"] + period + ["--lang", lang, "--out", html])
            let shot = try ToolRunner.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                           "--window-size=794,2400", "--screenshot=\(png)", "file://\(html)"], timeout: 120)
            XCTAssertTrue(FileManager.default.fileExists(atPath: png), "no screenshot: \(shot.stderr.suffix(500))")
            let ink = try ToolRunner.run(["python3", "-c", Self.inkScript, png])
            XCTAssertEqual(ink.status, 0, ink.stderr)
            let numbers = ink.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            XCTAssertEqual(numbers.count, 2, ink.stdout)
            XCTAssertGreaterThan(numbers.first ?? 0, 0.02, "\(lang): the page is (nearly) blank")
            XCTAssertGreaterThan(numbers.last ?? 0, 0.001, "\(lang): no chart colour on the page")
        }
    }

    /// The Chromium on PATH, if any.
    static var chromium: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    /// Prints the share of pixels that are not white and the share in the
    /// charts' blue (#1f4e79) of an 8-bit RGB or RGBA PNG (stdlib only).
    static let inkScript = """
    import sys, zlib, struct
    d = open(sys.argv[1], 'rb').read(); pos = 8; idat = b''
    while pos < len(d):
        n, t = struct.unpack('>I4s', d[pos:pos + 8]); body = d[pos + 8:pos + 8 + n]; pos += 12 + n
        if t == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
        elif t == b'IDAT': idat += body
    bpp = {2: 3, 6: 4}[ctype]; raw = zlib.decompress(idat); stride = w * bpp
    prev = bytearray(stride); i = 0; ink = blue = 0
    for _ in range(h):
        f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            r, g, bl = line[x], line[x + 1], line[x + 2]
            if r < 235 or g < 235 or bl < 235: ink += 1
            if abs(r - 0x1f) < 12 and abs(g - 0x4e) < 12 and abs(bl - 0x79) < 12: blue += 1
        prev = line
    print(ink / (w * h), blue / (w * h))
    """
}
