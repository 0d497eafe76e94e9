/// The language a report is written in. German is the office's, and the
/// default; every word on the page comes from `Catalogue` in this language.
public enum ReportLanguage: String, CaseIterable, Sendable {
    case de, en
}

/// The form a report is written in: a self-contained HTML page (inline CSS
/// and SVG, prints on A4) or Markdown (tables in place of the charts).
public enum ReportFormat: String, CaseIterable, Sendable {
    case html, md
}
