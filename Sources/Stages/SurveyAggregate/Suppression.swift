import BaselineCore

/// Small-number suppression for the groups of one grouping.
///
/// Primary: a group with fewer than `minimum` responses is withheld. Secondary: when the total
/// is shown, the withheld groups together could be worked out by subtracting the shown groups
/// from it — one group alone exactly, or several small ones as a sum smaller than `minimum`.
/// So the next smallest groups are withheld as well, until at least two are withheld and
/// together they hold at least `minimum` responses (or every group is withheld).
enum Suppression {
    /// Suppresses in place; returns how many groups were suppressed.
    static func apply(to groups: inout [GroupFigures], minimum: Int, totalShown: Bool) -> Int {
        var withheld = Set(groups.indices.filter { groups[$0].figures.responses < minimum })
        let primary = withheld
        if totalShown, !withheld.isEmpty {
            var order = groups.indices.filter { !withheld.contains($0) }
                .sorted { (groups[$0].figures.responses, groups[$0].group) < (groups[$1].figures.responses, groups[$1].group) }[...]
            while let next = order.first,
                  withheld.count < 2 || withheld.reduce(0, { $0 + groups[$1].figures.responses }) < minimum {
                withheld.insert(next)
                order = order.dropFirst()
            }
        }
        for index in withheld {
            groups[index].figures = groups[index].figures.suppressed(
                because: primary.contains(index) ? "fewer than \(minimum) responses"
                    : "withheld so that a smaller group cannot be worked out from the total")
        }
        return withheld.count
    }
}
