/// The groups of a two-way metrics report (`--by district,month`): a group
/// is the episode's values of the groupings that are the episode's own
/// (district, caseworker, source) and, when `month` is one of the two, the
/// month of the figure's date. Promises: an episode's own values are looked
/// up once per episode (cached in the caller's slot), a group once per
/// value and month; the parts of a group are in the order of the groupings.
struct GroupPairs {
    let first: MetricsGrouping
    let second: MetricsGrouping
    /// Months of the period when one of the two is `month`, else 1.
    let months: Int

    /// The episode-own values (joined by NUL, which no name holds) -> their id.
    private var idOfValues: [String: Int] = [:]
    /// The episode-own values of each id, in the groupings' order.
    private var valuesOfID: [[String]] = []
    /// Group index + 1 by id × months + month index, 0 for none yet.
    private var slots: [Int] = []

    init(_ first: MetricsGrouping, _ second: MetricsGrouping, months: Int) {
        self.first = first
        self.second = second
        self.months = (first == .month || second == .month) ? max(months, 1) : 1
    }

    var hasMonth: Bool { first == .month || second == .month }

    /// The id of `e`'s own values, from `slot` when it holds one already.
    mutating func id(of e: EpisodeFacts, _ slot: inout Int) -> Int {
        if slot >= 0 { return slot }
        let values = [first, second].filter { $0 != .month }.map { $0.value(of: e) }
        let joined = values.joined(separator: "\u{0}")
        if let known = idOfValues[joined] {
            slot = known
        } else {
            slot = valuesOfID.count
            idOfValues[joined] = slot
            valuesOfID.append(values)
            slots.append(contentsOf: repeatElement(0, count: months))
        }
        return slot
    }

    /// The group index of an id in the month with index `month` (0 without month), if made.
    func group(id: Int, month: Int) -> Int? {
        let n = slots[id * months + month]
        return n == 0 ? nil : n - 1
    }

    mutating func remember(id: Int, month: Int, group: Int) {
        slots[id * months + month] = group + 1
    }

    /// A group's two values, in the groupings' order (`monthKey` for `month`).
    func parts(id: Int, monthKey: String) -> [String] {
        var own = valuesOfID[id].makeIterator()
        return [first, second].map { $0 == .month ? monthKey : (own.next() ?? "") }
    }
}
