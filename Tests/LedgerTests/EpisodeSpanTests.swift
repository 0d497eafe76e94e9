import XCTest
@testable import Ledger

/// The span of an episode and the stored header that holds it: an episode
/// outside the period adds nothing, the stored header is the span, and
/// decoding into a reused value gives the episode.
final class EpisodeSpanTests: XCTestCase {
    func testAnEpisodeOutsideItsSpanAddsNothing() {
        var random = RandomEpisodes(seed: 0x5EA_2026)
        var skipped = 0
        for i in 0..<3_000 {
            let e = random.episode(i)
            let (from, to) = random.period()
            guard !EpisodeSpan(e).meets(from: from, to: to) else { continue }
            skipped += 1
            for g in MetricsTallyTests.groupings {
                let asOf = to.adding(days: random.rng.below(900))
                XCTAssertEqual(Metrics.compute(episodes: [e], from: from, to: to, by: g, asOf: asOf),
                               Metrics.compute(episodes: [], from: from, to: to, by: g, asOf: asOf), "\(e) \(from) \(to) \(String(describing: g))")
            }
        }
        XCTAssertGreaterThan(skipped, 500)
    }

    func testTheStoredEpisodeBeginsWithItsSpanAndDecodesIntoAReusedValue() throws {
        var random = RandomEpisodes(seed: 0xE915)
        var reused = random.episode(0)
        for i in 0..<2_000 {
            let e = random.episode(i)
            let bytes = ProjectionCodec.encode(e)
            try bytes.withUnsafeBytes { raw in
                XCTAssertEqual(try ProjectionCodec.episodeSpan(raw), EpisodeSpan(e))
                XCTAssertEqual(try ProjectionCodec.decodeEpisode(raw, caseID: e.caseID, number: e.number), e)
                reused.caseID = e.caseID
                reused.number = e.number
                try ProjectionCodec.decodeEpisode(raw, into: &reused)
                XCTAssertEqual(reused, e)
                try ProjectionCodec.decodeEpisode(raw, into: &reused, district: false)
                var unnamed = e
                unnamed.district = ""
                XCTAssertEqual(reused, unnamed)
                try ProjectionCodec.decodeEpisode(raw, into: &reused, caseworker: false)
                unnamed = e
                unnamed.caseworker = ""
                XCTAssertEqual(reused, unnamed)
            }
        }
    }

    func testATruncatedHeaderIsAnErrorNotACrash() {
        for count in 0..<8 {
            let bytes = [UInt8](repeating: 0, count: count)
            let result = bytes.withUnsafeBytes { raw in Result { () throws(CodecError) in try ProjectionCodec.episodeSpan(raw) } }
            XCTAssertEqual(result, .failure(.truncated))
        }
    }

    func testAnOpenEpisodeMeetsEveryPeriodAfterItsStart() {
        var e = EpisodeFacts(caseID: CaseID(prefix: "LG", year: 2024, sequence: 1), number: 1, district: "altstadt",
                             source: .phone, caseworker: "cw.a", start: day("2024-03-01"))
        XCTAssertEqual(EpisodeSpan(e), EpisodeSpan(first: day("2024-03-01"), last: nil))
        XCTAssertTrue(EpisodeSpan(e).meets(from: day("2030-01-01"), to: day("2030-02-01")))
        XCTAssertFalse(EpisodeSpan(e).meets(from: day("2024-02-01"), to: day("2024-03-01")))
        e.end = day("2024-04-01")
        e.referrals = [ReferralFact(number: 1, agency: .jobcenter, made: day("2024-03-05"), concluded: day("2024-05-02"), result: .accepted)]
        XCTAssertEqual(EpisodeSpan(e), EpisodeSpan(first: day("2024-03-01"), last: day("2024-05-02")))
        XCTAssertTrue(EpisodeSpan(e).meets(from: day("2024-05-02"), to: day("2024-05-03")))
        XCTAssertFalse(EpisodeSpan(e).meets(from: day("2024-05-03"), to: day("2025-01-01")))
        XCTAssertFalse(EpisodeSpan(e).meets(from: day("2024-03-10"), to: day("2024-03-10")))
    }

}
