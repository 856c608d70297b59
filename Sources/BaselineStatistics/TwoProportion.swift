/// The two-proportion z-test with a pooled proportion, as `baseline diff` compares survey
/// shares and theme shares between years.
public enum TwoProportion {
    /// z for `x2` of `n2` against `x1` of `n1` (positive when the second share is larger), or
    /// `nil` when the pooled standard error is 0 (every answer the same both times).
    public static func z(x1: Double, n1: Double, x2: Double, n2: Double) -> Double? {
        guard n1 > 0, n2 > 0 else { return nil }
        let pooled = (x1 + x2) / (n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        guard se > 0 else { return nil }
        return (x2 / n2 - x1 / n1) / se
    }
}
