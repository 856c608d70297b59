/// The score test of two Poisson rates (events per person-time or per population), as
/// `baseline diff` compares a rate indicator between years when both years publish their counts
/// and denominators.
///
/// Under the hypothesis of one common rate r₀ = (x₁ + x₂) / (n₁ + n₂), the difference of the two
/// rates has variance r₀(1/n₁ + 1/n₂); z = (x₂/n₂ − x₁/n₁) / √(r₀(1/n₁ + 1/n₂)). It is the
/// Poisson twin of the pooled two-proportion test, and the `score` method of statsmodels'
/// `test_poisson_2indep` (Gu, Ng, Tang and Schucany, 2008).
public enum TwoRate {
    /// z for `x2` events in `n2` against `x1` in `n1` (positive when the second rate is higher),
    /// or `nil` when a denominator is not positive, a count is negative, or there are no events
    /// at all.
    public static func z(x1: Double, n1: Double, x2: Double, n2: Double) -> Double? {
        guard n1 > 0, n2 > 0, x1 >= 0, x2 >= 0, x1 + x2 > 0 else { return nil }
        let pooled = (x1 + x2) / (n1 + n2)
        let se = (pooled * (1 / n1 + 1 / n2)).squareRoot()
        return (x2 / n2 - x1 / n1) / se
    }
}
