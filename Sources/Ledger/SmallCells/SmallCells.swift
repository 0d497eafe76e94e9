/// Small-cell suppression exactly as DOMAIN.md ("Small cells") defines it,
/// as a pure function of a metrics report and K. Promises: no count that is
/// published lies in 1..K−1 (step 1); a rate or share is published only
/// when its denominator, numerator and denominator − numerator are each 0
/// or at least K and the denominator at least K, a median, p90 or mean only
/// over K or more episodes (step 2); within a partition of counts, and under
/// `--by` across the groups for each count, never exactly one count is
/// withheld while another non-zero one could be withheld beside it
/// (steps 3 and 4, repeated until nothing changes); zero is never withheld.
/// A rate with no denominator and a summary of no episode are not withheld:
/// they are null already and single out no one.
public enum SmallCells {
    public static func suppress(_ report: MetricsReport, minCell: MinCell) -> SuppressedMetrics {
        let keys = report.groupKeys
        let cells = keys.map { report.groups[$0].map(GroupCells.init) }
        var withheld = cells.map { $0.map { alone($0, minCell) } ?? [] }
        let columns = report.grouping == nil ? [:] : nonZeroColumns(cells)
        var changed = true
        while changed {
            changed = false
            for i in cells.indices {
                guard let c = cells[i] else { continue }
                if complementPartitions(c, &withheld[i]) { changed = true }
            }
            if complementGroups(keys, columns, &withheld) { changed = true }
        }
        var out: [String: Set<MetricFigure>] = [:]
        for (key, set) in zip(keys, withheld) where !set.isEmpty { out[key] = set }
        return SuppressedMetrics(report: report, minCell: minCell, withheld: out)
    }

    /// Steps 1 and 2: the figures one group withholds on their own.
    static func alone(_ c: GroupCells, _ k: MinCell) -> Set<MetricFigure> {
        var out: Set<MetricFigure> = []
        for (figure, n) in c.counts where k.isSmall(n) { out.insert(figure) }
        for r in c.rates where r.denominator != 0 {
            if r.denominator < k.k || k.isSmall(r.numerator) || k.isSmall(r.denominator - r.numerator) { out.insert(r.figure) }
        }
        for s in c.summaries where k.isSmall(s.episodes) { out.insert(s.figure) }
        return out
    }

    /// Step 3 over one group's partitions; whether anything was added.
    static func complementPartitions(_ c: GroupCells, _ withheld: inout Set<MetricFigure>) -> Bool {
        var changed = false
        for partition in c.partitions where partition.count(where: { withheld.contains($0.figure) }) == 1 {
            let candidates = partition.filter { $0.n > 0 && !withheld.contains($0.figure) }
            if let pick = candidates.min(by: { ($0.n, ByteOrder($0.key)) < ($1.n, ByteOrder($1.key)) }) {
                withheld.insert(pick.figure)
                changed = true
            }
        }
        return changed
    }

    /// Each count's non-zero values: the groups (by index) that hold it, and the value.
    static func nonZeroColumns(_ cells: [GroupCells?]) -> [MetricFigure: [(group: Int, n: Int)]] {
        var out: [MetricFigure: [(group: Int, n: Int)]] = [:]
        for (i, c) in cells.enumerated() {
            guard let c else { continue }
            for (figure, n) in c.counts where n > 0 { out[figure, default: []].append((i, n)) }
        }
        return out
    }

    /// Step 4: for each count withheld in exactly one group, the group with
    /// the smallest other non-zero value of it too; whether anything was
    /// added. Only non-zero values can be withheld, so `columns` (each
    /// count's non-zero values) holds every group that matters.
    static func complementGroups(_ keys: [String], _ columns: [MetricFigure: [(group: Int, n: Int)]],
                                 _ withheld: inout [Set<MetricFigure>]) -> Bool {
        var changed = false
        for (figure, column) in columns {
            var holder = -1, holders = 0
            for cell in column where withheld[cell.group].contains(figure) {
                holders += 1
                holder = cell.group
            }
            guard holders == 1 else { continue }
            let pick = column.filter { $0.group != holder }.min { ($0.n, ByteOrder(keys[$0.group])) < ($1.n, ByteOrder(keys[$1.group])) }
            if let pick {
                withheld[pick.group].insert(figure)
                changed = true
            }
        }
        return changed
    }
}

/// A key compared by its UTF-8 bytes (DOMAIN's "byte order"), not by
/// Swift's Unicode ordering.
struct ByteOrder: Comparable {
    let text: String
    init(_ text: String) { self.text = text }
    static func < (a: ByteOrder, b: ByteOrder) -> Bool { a.text.utf8.lexicographicallyPrecedes(b.text.utf8) }
    static func == (a: ByteOrder, b: ByteOrder) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
}
