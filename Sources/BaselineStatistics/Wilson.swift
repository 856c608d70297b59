import Foundation

/// The two-sided z value for a confidence level, as public-health analysts use them.
public enum ConfidenceLevel: Double, Sendable, CaseIterable {
    /// 95%: z = 1.959964.
    case ninetyFive = 0.95
    /// 99.8%: z = 3.090232.
    case ninetyNinePointEight = 0.998

    /// The standard normal quantile for the two-sided level.
    public var z: Double {
        switch self {
        case .ninetyFive: 1.959963984540054
        case .ninetyNinePointEight: 3.090232306167813
        }
    }
}

/// Confidence intervals for proportions, as OHID Fingertips and PHEindicatormethods compute them.
public enum Proportion {
    /// The Wilson score interval for `successes` out of `trials`, as proportions in 0…1.
    ///
    /// Wilson (1927); the form used by PHEindicatormethods `phe_proportion`:
    /// `(2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²))`. Returns `nil` when `trials` is not
    /// positive or `successes` is outside `0…trials`.
    public static func wilson(successes: Double, trials: Double, level: ConfidenceLevel = .ninetyFive) -> (lower: Double, upper: Double)? {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let z = level.z
        let x = successes, n = trials
        let root = z * (z * z + 4 * x * (1 - x / n)).squareRoot()
        let denominator = 2 * (n + z * z)
        let lower = (2 * x + z * z - root) / denominator
        let upper = (2 * x + z * z + root) / denominator
        return (max(0, lower), min(1, upper))
    }
}

/// Rounds for output: figures are stored with a fixed number of decimals so that the same
/// inputs give the same bytes and diffs show only real change.
public func rounded(_ value: Double, places: Int) -> Double {
    let factor = pow(10.0, Double(places))
    // A value too large to scale (above 1.8e308 / factor) has no decimals left to round.
    guard (value * factor).isFinite else { return value }
    return (value * factor).rounded() / factor
}

extension Proportion {
    /// The exact percentage behind `percent`, a share of `trials` people stored rounded to
    /// `places` decimals: 100·k/n for the one whole count k that rounds to it, so that a figure
    /// shown to fewer decimals is rounded once, from the exact value (12 of 26 stored as 46.15
    /// is 46.1538…, shown 46.2, not 46.1). `nil` when no whole count gives `percent` (a weighted
    /// share), or when `trials` is too large for the count to be the only one (10^(places+2) or more).
    public static func exactPercent(_ percent: Double, of trials: Int, places: Int = 2) -> Double? {
        guard trials > 0, Double(trials) < pow(10, Double(places + 2)), percent >= 0, percent <= 100 else { return nil }
        let count = (percent * Double(trials) / 100).rounded()
        let exact = 100 * count / Double(trials)
        return rounded(exact, places: places) == percent ? exact : nil
    }
}
