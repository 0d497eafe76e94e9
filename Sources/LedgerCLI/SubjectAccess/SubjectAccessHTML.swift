import Ledger
import LedgerReport

/// The readable subject-access page (`CASE.html`): one German HTML page to
/// print and hand to the person, holding what `SubjectAccessJSON` holds.
/// Promises: every text from the ledger is HTML-escaped; the page needs no
/// script, font or file from elsewhere.
struct SubjectAccessHTML {
    let report: SubjectAccessReport
    let zone: LedgerTimeZone

    func render() -> String {
        let r = report
        var page = """
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <title>Auskunft nach Art. 15 DSGVO – \(esc(r.caseID.rawValue))</title>
        <style>
        body { font-family: sans-serif; font-size: 11pt; margin: 2em; color: #000; }
        h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.6em; border-bottom: 1px solid #999; }
        table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #eee; } .hinweis { border: 2px solid #000; padding: 0.6em; } .klein { font-size: 9pt; color: #333; }
        @media print { body { margin: 1cm; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
        </style>
        </head>
        <body>
        <h1>Auskunft über Ihre gespeicherten Daten (Art. 15 DSGVO, § 83 SGB X)</h1>
        <p>Fallnummer <strong>\(esc(r.caseID.rawValue))</strong> der Fachstelle zur Vermeidung von Wohnungslosigkeit.
        Erstellt am \(esc(time(r.madeAt))) von \(esc(r.madeBy)). Zeitangaben in der Zeitzone \(esc(r.timeZone)).</p>

        """
        if r.erased {
            page += "<p class=\"hinweis\">Die personenbezogenen Daten dieses Falls wurden gelöscht und können von niemandem mehr gelesen werden. "
                + "Gespeichert sind nur noch Angaben ohne Namen (für die Statistik) und das Protokoll der Zugriffe. Diese Angaben finden Sie unten.</p>\n"
        }
        if r.state.isRestricted {
            page += "<p class=\"hinweis\">Die Verarbeitung Ihrer Daten ist eingeschränkt (Art. 18 DSGVO): Ihr Fall wird nicht weiter bearbeitet, "
                + "bis die Einschränkung aufgehoben wird. Jede Einsicht in Ihre Daten wird mit ihrem Zweck protokolliert.</p>\n"
        }
        page += section("Ihre Angaben zur Person", personTable())
        page += section("Ihr Fall", caseTable())
        page += section("Was wir zu Ihrem Fall gespeichert haben (\(r.entries.count) Einträge)", eventTable())
        page += section("An wen wir Ihre Angelegenheit weitergegeben haben", recipientTable())
        page += section("Wie lange wir Ihre Daten speichern", "<p>\(esc(retentionText()))</p>\n")
        page += section("Wer Ihre Daten eingesehen hat (\(r.accessLog.count) Zugriffe)", accessTable())
        page += section("Suchen nach Ihrem Namen", searchText())
        page += section("Ihre Rechte", rightsText())
        page += "</body>\n</html>\n"
        return page
    }

    // MARK: sections

    private func section(_ title: String, _ body: String) -> String { "<h2>\(esc(title))</h2>\n" + body }

    private func table(_ headers: [String], _ rows: [[String]], empty: String) -> String {
        guard !rows.isEmpty else { return "<p>\(esc(empty))</p>\n" }
        var out = "<table>\n<tr>" + headers.map { "<th>\(esc($0))</th>" }.joined() + "</tr>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\(esc($0))</td>" }.joined() + "</tr>\n" }
        return out + "</table>\n"
    }

    private func personTable() -> String {
        let rows = PersonalText.personRows(report.person).map { label, value -> [String] in
            let german = ["name": "Name", "birth date": "Geburtsdatum", "address": "Anschrift", "phone": "Telefon"][label] ?? label
            let date = label == "birth date" ? LocalDate(value).map(German.date) : nil
            return [german, date ?? germanMarker(value)]
        }
        return table(["Angabe", "gespeichert"], rows, empty: "Keine Angaben.")
    }

    private func caseTable() -> String {
        let s = report.state
        let rows: [[String]] = [
            ["Stand", German.label(s.phase)], ["Stadtteil", s.district],
            ["Haushalt", "\(s.household.adults) Erwachsene, \(s.household.children) Kinder"],
            ["zuständig", s.caseworker], ["Beginn des laufenden Abschnitts", German.date(s.episodeStart)],
            ["Verarbeitung eingeschränkt", s.isRestricted ? "ja" : "nein"],
        ]
        return table(["", ""], rows, empty: "")
    }

    private func eventTable() -> String {
        let marker = report.erased ? "[gelöscht]" : "[nicht lesbar: Schlüssel fehlt]"
        let rows = report.entries.map { entry -> [String] in
            let e = entry.event
            var personal: [String] = []
            _ = e.payload.mapPersonalFields { field, name in
                let label = fieldLabel(name.rawValue)
                if case .plain(let value) = field { personal.append("\(label): \(PersonalText.line(.opened(value)))") } else {
                    personal.append("\(label): \(marker)")
                }
                return field
            }
            let corrected = entry.correctedBy.map { "\(German.label($0.action)) durch Eintrag \($0.version)" }
            return [String(e.version), time(e.occurredAt), German.label(e.type), German.summary(e.payload),
                    personal.joined(separator: "; "), corrected.joined(separator: "; "), e.actor]
        }
        return table(["Nr.", "Zeitpunkt", "Eintrag", "Angaben", "persönliche Angaben", "später geändert", "erfasst von"],
                     rows, empty: "Keine Einträge.")
    }

    private func recipientTable() -> String {
        let rows = report.recipients.map { r -> [String] in
            [German.label(r.agency), German.date(r.made), r.concluded.map(German.date) ?? "offen", r.result.map(German.label) ?? ""]
        }
        return table(["Stelle", "vermittelt am", "abgeschlossen am", "Ergebnis"], rows,
                     empty: "Wir haben Ihre Angelegenheit an keine andere Stelle weitergegeben.")
    }

    private func retentionText() -> String {
        let t = report.retention
        if report.erased { return "Ihre personenbezogenen Daten sind bereits gelöscht." }
        guard let closed = t.lastClosed, let due = t.erasureDue else {
            return "Ihr Fall ist noch offen. Nach seinem Abschluss speichern wir Ihre Daten \(t.years) Jahre und löschen sie dann."
        }
        return "Ihr Fall wurde am \(German.date(closed)) abgeschlossen. Wir speichern Ihre Daten \(t.years) Jahre "
            + "nach dem Abschluss und löschen sie ab dem \(German.date(due)), wenn der Fall bis dahin nicht wieder aufgenommen wird."
    }

    private func accessTable() -> String {
        let rows = report.accessLog.map { e -> [String] in
            [time(e.at), e.actor, command(e.command), e.purpose ?? "", e.fields.map(fieldLabel).joined(separator: ", "),
             e.restricted ? "ja" : ""]
        }
        return table(["Zeitpunkt", "Konto", "Vorgang", "Zweck", "eingesehene Angaben", "bei Einschränkung"], rows,
                     empty: "Niemand hat Ihre Daten eingesehen.")
    }

    private func searchText() -> String {
        guard !report.nameSearches.isEmpty else { return "<p>Niemand hat nach Ihrem Namen gesucht.</p>\n" }
        let rows = report.nameSearches.map { [time($0.at), $0.actor, $0.purpose ?? ""] }
        return "<p>Diese Suchen galten Ihrem Namen (gespeichert ist nur ein verschlüsselter Prüfwert, nicht der Name):</p>\n"
            + table(["Zeitpunkt", "Konto", "Zweck"], rows, empty: "")
    }

    private func rightsText() -> String {
        """
        <ul>
        <li>Berichtigung unrichtiger Daten (Art. 16 DSGVO, § 84 SGB X): eine Berichtigung wird als eigener Eintrag gespeichert, der ursprüngliche bleibt sichtbar.</li>
        <li>Löschung (Art. 17 DSGVO): nach Abschluss des Falls; der Schlüssel Ihrer Daten wird dabei vernichtet.</li>
        <li>Einschränkung der Verarbeitung (Art. 18 DSGVO), etwa solange die Richtigkeit Ihrer Daten geprüft wird.</li>
        <li>Widerspruch (Art. 21 DSGVO) und Beschwerde bei der Aufsichtsbehörde für den Datenschutz (Art. 77 DSGVO).</li>
        </ul>
        <p class="klein">Fragen beantwortet die oder der Datenschutzbeauftragte der Stadt.</p>

        """
    }

    // MARK: words

    private func time(_ t: Timestamp) -> String {
        let day = zone.date(of: t.epochSeconds)
        let local = t.epochSeconds + Int64(zone.offsetSeconds(at: t.epochSeconds))
        let second = Int(local - Int64(day.daysSinceEpoch) * 86_400)
        return "\(German.date(day)), \(LocalDate.pad(second / 3600, 2)):\(LocalDate.pad(second / 60 % 60, 2)) Uhr"
    }

    private func command(_ c: String) -> String {
        ["show": "Fall angezeigt", "history": "Verlauf angezeigt", "export --reveal": "Gesamtausfuhr",
         "subject-access": "diese Auskunft"][c] ?? c
    }

    private func fieldLabel(_ f: String) -> String { ["person": "Person", "note": "Vermerk", "place": "Unterkunft"][f] ?? f }

    /// A person's row value with the markers in German.
    private func germanMarker(_ text: String) -> String {
        switch text {
        case PersonalText.erased: return "[gelöscht]"
        case PersonalText.unavailable: return "[nicht lesbar: Schlüssel fehlt]"
        default: return text
        }
    }

    /// HTML-escaped text.
    private func esc(_ s: String) -> String { HTMLText.escape(s) }
}
