import Ledger

/// The council report: the office's figures for a period as one page to
/// read, print or publish (`ledger report`). Promises: made only from
/// `CouncilFigures` (metrics, never an event or a personal field), small
/// cells withheld unless the figures were gathered without a K; the same
/// figures and language always give the same text.
public enum CouncilReport {
    /// The page in `format` and `language`.
    public static func render(_ figures: CouncilFigures, language: ReportLanguage, format: ReportFormat) -> String {
        let page = PageBuilder(figures, language).page()
        switch format {
        case .html: return HTMLPage(page, minCell: figures.minCell).html()
        case .md: return MarkdownPage(page).markdown()
        }
    }
}
