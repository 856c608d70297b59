import BaselineCore

/// Small-number suppression for the groups of one grouping.
///
/// Primary: a group with fewer than `minimum` responses is withheld. Secondary: when the total
/// is shown and exactly one group is withheld, its figures could be recovered by subtracting
/// the others from the total, so the next smallest group is withheld as well.
enum Suppression {
    /// Suppresses in place; returns how many groups were suppressed.
    static func apply(to groups: inout [GroupFigures], minimum: Int, totalShown: Bool) -> Int {
        var primary = Set<Int>()
        for (index, group) in groups.enumerated() where group.figures.responses < minimum {
            primary.insert(index)
        }
        var secondary = Set<Int>()
        if totalShown, primary.count == 1, groups.count > 1 {
            let candidate = groups.indices.filter { !primary.contains($0) }
                .min { (groups[$0].figures.responses, groups[$0].group) < (groups[$1].figures.responses, groups[$1].group) }
            if let candidate { secondary.insert(candidate) }
        }
        for index in primary {
            groups[index].figures = groups[index].figures.suppressed(because: "fewer than \(minimum) responses")
        }
        for index in secondary {
            groups[index].figures = groups[index].figures.suppressed(because: "withheld so that a smaller group cannot be worked out from the total")
        }
        return primary.count + secondary.count
    }
}
