/// How a family of p-values is adjusted for making many comparisons at once: with 40 group
/// comparisons at 5%, about two look significant by chance alone.
public enum PValueAdjustment: String, Sendable, CaseIterable {
    /// Benjamini and Hochberg (1995): controls the false discovery rate, the expected share of
    /// the changes called significant that are not.
    case benjaminiHochberg = "bh"
    /// Holm (1979): controls the family-wise error rate, the chance of calling any one change
    /// significant that is not. Stricter than Benjamini–Hochberg.
    case holm
    /// No adjustment: each comparison at its own p.
    case none

    /// The method's name, for a sentence.
    public var name: String {
        switch self {
        case .benjaminiHochberg: "Benjamini–Hochberg"
        case .holm: "Holm"
        case .none: "no adjustment"
        }
    }

    /// The adjusted p-values of `p`, in the same order, each in 0…1; a comparison is significant
    /// at level α when its adjusted p is below α.
    ///
    /// - Benjamini–Hochberg: with the m p-values in ascending order p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted
    ///   p₍ᵢ₎ is min over j ≥ i of m·p₍ⱼ₎/j (R's `p.adjust(method = "BH")`).
    /// - Holm: the adjusted p₍ᵢ₎ is max over j ≤ i of (m − j + 1)·p₍ⱼ₎ (R's `p.adjust(method = "holm")`).
    public func adjust(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 1, self != .none else { return p }
        let order = p.indices.sorted { (p[$0], $0) < (p[$1], $1) }
        var adjusted = [Double](repeating: 0, count: m)
        switch self {
        case .benjaminiHochberg:
            var running = 1.0
            for rank in stride(from: m, through: 1, by: -1) {
                let index = order[rank - 1]
                running = min(running, Double(m) * p[index] / Double(rank))
                adjusted[index] = running
            }
        case .holm:
            var running = 0.0
            for rank in 1...m {
                let index = order[rank - 1]
                running = max(running, min(1, Double(m - rank + 1) * p[index]))
                adjusted[index] = running
            }
        case .none:
            return p
        }
        return adjusted
    }
}
