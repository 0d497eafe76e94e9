import Ledger

/// Lays the council's figures out as a page in one language: the sections
/// in the order the office reads them (key figures beside the previous
/// period, the months, districts, stage at intake, tenancy held, the
/// Schonfrist, causes, referrals, definitions). Promises: every figure
/// comes from `CouncilFigures` through `Published` (so a withheld one stays
/// withheld), every word from `Catalogue`; rows whose order could tell the
/// size of a withheld count list the withheld ones last, by name.
struct PageBuilder {
    let figures: CouncilFigures
    let language: ReportLanguage
    let format: LocaleFormat
    static let all = MetricsReport.ungrouped

    init(_ figures: CouncilFigures, _ language: ReportLanguage) {
        self.figures = figures
        self.language = language
        format = LocaleFormat(language: language)
    }

    func t(_ label: Catalogue.Label) -> String { Catalogue.text(label, language, k: figures.minCell?.k ?? 0) }

    func page() -> ReportPage {
        ReportPage(
            language: language, title: t(.title),
            facts: [(t(.period), format.period(figures.from, figures.to)),
                    (t(.previousPeriod), format.period(figures.previousFrom, figures.from)),
                    (t(.asOf), format.date(figures.asOf))],
            notice: figures.minCell == nil ? t(.smallCellsOff) : t(.smallCellsNote),
            internalVersion: figures.minCell == nil,
            sections: [headline(), trends(), districts(), stages(), tenancy(), schonfrist(), causes(), referrals(), definitions()],
            footer: t(.madeBy), withheldMark: figures.minCell?.mark ?? "")
    }

    func headline() -> Section {
        func rows(_ p: Published) -> [PageValue] {
            let g = p.group(Self.all), k = Self.all
            return [p.count(.episodesStarted, k, g.episodesStarted), p.count(.episodesClosedTotal, k, g.closed),
                    p.count(.episodesClosed(.housingSecured), k, g.episodesClosed[.housingSecured] ?? 0),
                    p.percent(.successRate, k, g.successRate), p.percent(.knownOutcomeSuccessRate, k, g.knownOutcomeSuccessRate),
                    p.days(.daysToSecured, k, g.daysToSecured.median), p.days(.daysToAnalysis, k, g.daysToAnalysis.median),
                    p.count(.emergencyAccommodations, k, g.emergencyAccommodations), p.percent(.returns12m, k, g.returns12m),
                    p.count(.openAtEnd, k, g.openAtEnd)]
        }
        let labels: [Catalogue.Label] = [.started, .closed, .closedSecured, .successRate, .knownOutcomeRate, .daysToSecured,
                                         .daysToAnalysis, .emergencies, .returns12m, .openAtEnd]
        let now = rows(figures.current), before = rows(figures.previous)
        let table = PageTable(columns: [t(.figure), t(.thisPeriod), t(.previous)],
                              rows: labels.indices.map { PageRow(label: t(labels[$0]), cells: [now[$0], before[$0]]) }, bar: nil)
        return Section(id: "headline", title: t(.headline), blocks: [.table(table)])
    }

    func trends() -> Section {
        let p = figures.byMonth, months = figures.months
        func series(_ label: Catalogue.Label, _ value: (String, GroupMetrics) -> PageValue) -> ChartSeries {
            ChartSeries(name: t(label), values: months.map { value($0.key, p.group($0.key)) })
        }
        let labels = months.map { format.shortMonth(year: $0.year, month: $0.month) }
        let legend = figures.minCell.map { _ in t(.withheldLegend) }
        var charts = [
            Chart(id: "chart-started-closed", title: t(.chartStartedClosed), kind: .bars, labels: labels,
                  series: [series(.started) { p.count(.episodesStarted, $0, $1.episodesStarted) },
                           series(.closed) { p.count(.episodesClosedTotal, $0, $1.closed) }],
                  reference: nil, withheldLegend: legend, emptyNote: nil),
            Chart(id: "chart-success-rate", title: t(.chartSuccessRate), kind: .line, labels: labels,
                  series: [series(.successRate) { p.percent(.successRate, $0, $1.successRate) }],
                  reference: (t(.periodRate), figures.current.percent(.successRate, Self.all, figures.current.group(Self.all).successRate)),
                  withheldLegend: legend, emptyNote: nil),
            Chart(id: "chart-open", title: t(.chartOpen), kind: .bars, labels: labels,
                  series: [series(.openAtEnd) { p.count(.openAtEnd, $0, $1.openAtEnd) }],
                  reference: nil, withheldLegend: legend, emptyNote: nil),
        ]
        for i in charts.indices {
            let values = charts[i].series.flatMap(\.values)
            if values.contains(.withheld) && !values.contains(where: Self.isDrawnNumber) { charts[i].emptyNote = t(.allWithheld) }
        }
        return Section(id: "trends", title: t(.trends), blocks: charts.map { .chart($0) })
    }

    /// A published value a chart draws (a count above zero, a rate).
    static func isDrawnNumber(_ v: PageValue) -> Bool {
        switch v {
        case .count(let n), .days(let n): return n > 0
        case .percent: return true
        case .withheld, .none: return false
        }
    }

    func districts() -> Section {
        let p = figures.byDistrict
        let rows = p.report.groupKeys.map { key -> PageRow in
            let g = p.group(key)
            return PageRow(label: Self.districtName(key), cells: [
                p.count(.episodesStarted, key, g.episodesStarted), p.count(.episodesClosedTotal, key, g.closed),
                p.percent(.successRate, key, g.successRate), p.count(.openAtEnd, key, g.openAtEnd),
            ])
        }
        let table = PageTable(columns: [t(.district), t(.started), t(.closed), t(.successRate), t(.openAtEnd)], rows: rows, bar: 0)
        return Section(id: "districts", title: t(.districts),
                       blocks: rows.isEmpty ? [.note(t(.noGroups))] : [.table(table), .note(t(.districtsNote))])
    }

    /// A configured district's wire name as a reader writes it: `goseburg-zeltberg` → `Goseburg-Zeltberg`.
    static func districtName(_ wire: String) -> String {
        wire.split(separator: "-", omittingEmptySubsequences: false).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: "-")
    }

    func stages() -> Section {
        let p = figures.current, g = p.group(Self.all), k = Self.all
        let rows = Stage.allCases.compactMap { stage -> PageRow? in
            let started = g.stageAtIntake[stage] ?? 0, closed = g.successByStage[stage] ?? StageFigures()
            guard started > 0 || closed.closed > 0 else { return nil }
            return PageRow(label: Catalogue.stage(stage, language), cells: [
                p.count(.stageAtIntake(stage), k, started), p.count(.stageClosed(stage), k, closed.closed),
                p.count(.stageSecured(stage), k, closed.secured), p.percent(.stageSuccessRate(stage), k, closed.successRate),
            ])
        }
        let table = PageTable(columns: [t(.stage), t(.stageStarted), t(.stageClosed), t(.stageSecured), t(.successRate)],
                              rows: rows, bar: 0)
        return Section(id: "stages", title: t(.stages), blocks: rows.isEmpty ? [.note(t(.noGroups))] : [.table(table)])
    }

    func tenancy() -> Section {
        let p = figures.current, g = p.group(Self.all), k = Self.all
        let rows = Horizon.allCases.map { h -> PageRow in
            let f = g.tenancyHeld[h] ?? HeldFigures()
            return PageRow(label: Catalogue.horizon(h, language), cells: [
                p.count(.held(h, .held), k, f.held), p.count(.held(h, .lost), k, f.lost),
                p.count(.held(h, .unknown), k, f.unknown), p.percent(.heldRate(h), k, f.rate),
            ])
        }
        return Section(id: "tenancy", title: t(.tenancy), blocks: [
            .table(PageTable(columns: [t(.horizon), t(.held), t(.lost), t(.unknown), t(.heldRate)], rows: rows, bar: nil)),
        ])
    }

    func schonfrist() -> Section {
        let p = figures.current, s = p.group(Self.all).schonfrist, k = Self.all
        let rows = [PageRow(label: t(.schonfristEpisodes), cells: [p.count(.schonfristEpisodes, k, s.episodes)]),
                    PageRow(label: t(.schonfristSecured), cells: [p.count(.schonfristSecured, k, s.secured)]),
                    PageRow(label: t(.schonfristBlocked), cells: [p.count(.schonfristBlocked, k, s.blocked)])]
        return Section(id: "schonfrist", title: t(.schonfrist),
                       blocks: [.table(PageTable(columns: [t(.figure), t(.thisPeriod)], rows: rows, bar: nil))])
    }

    func causes() -> Section {
        let p = figures.current, g = p.group(Self.all)
        let rows = g.causes.map { cause, n in PageRow(label: Catalogue.cause(cause, language), cells: [p.count(.cause(cause), Self.all, n)]) }
            .sorted { a, b in
                switch (a.cells[0], b.cells[0]) {
                case (.count(let x), .count(let y)) where x != y: return x > y
                case (.count, .withheld): return true
                case (.withheld, .count): return false
                default: return a.label < b.label
                }
            }
        return Section(id: "causes", title: t(.causes), blocks: rows.isEmpty ? [.note(t(.noGroups))] : [
            .table(PageTable(columns: [t(.cause), t(.closed)], rows: rows, bar: 0)), .note(t(.causesNote)),
        ])
    }

    func referrals() -> Section {
        let p = figures.current, g = p.group(Self.all), k = Self.all
        let rows = Agency.allCases.compactMap { agency -> PageRow? in
            guard let r = g.referrals[agency] else { return nil }
            return PageRow(label: Catalogue.agency(agency, language), cells: [p.count(.referralsMade(agency), k, r.made)]
                + ReferralResult.allCases.map { p.count(.referralsConcluded(agency, $0), k, r.concluded[$0] ?? 0) }
                + [p.count(.referralsOpenAtEnd(agency), k, r.openAtEnd)])
        }
        let columns = [t(.agency), t(.made)] + ReferralResult.allCases.map { Catalogue.result($0, language) } + [t(.openReferrals)]
        return Section(id: "referrals", title: t(.referrals),
                       blocks: rows.isEmpty ? [.note(t(.noGroups))] : [.table(PageTable(columns: columns, rows: rows, bar: nil))])
    }

    func definitions() -> Section {
        var terms: [Catalogue.Label] = [.defCases, .defPeriod, .defSuccess, .defKnownOutcome, .defDays, .defEmergencies, .defReturns,
                                        .defOpen, .defStage, .defTenancy, .defSchonfrist, .defCauses, .defReferrals]
        if figures.minCell != nil { terms.append(.defSmallCells) }
        return Section(id: "definitions", title: t(.definitions), blocks: [.definitions(terms.map(t))])
    }
}
