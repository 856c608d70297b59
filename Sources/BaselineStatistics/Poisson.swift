import Foundation

/// Confidence intervals for counts and rates, as OHID Fingertips and PHEindicatormethods
/// (`phe_rate`) compute them: exact Poisson limits below 10 events, Byar's approximation from 10.
public enum Rate {
    /// Below this many events the limits are exact Poisson ones; from it, Byar's.
    public static let exactBelow = 10.0

    /// The limits for an observed count of events, in events.
    ///
    /// Below 10 events: the exact limits `χ²(α/2, 2O)/2` and `χ²(1−α/2, 2O+2)/2` (Garwood 1936).
    /// From 10: Byar's method, `O(1 − 1/9O − z/3√O)³` and `(O+1)(1 − 1/9(O+1) + z/3√(O+1))³`.
    public static func countInterval(_ count: Double, level: ConfidenceLevel = .ninetyFive) -> (lower: Double, upper: Double)? {
        guard count >= 0, count.isFinite else { return nil }
        if count < exactBelow {
            return exactPoisson(count, level: level)
        }
        let z = level.z
        let lower = count * pow(1 - 1 / (9 * count) - z / (3 * count.squareRoot()), 3)
        let next = count + 1
        let upper = next * pow(1 - 1 / (9 * next) + z / (3 * next.squareRoot()), 3)
        return (lower, upper)
    }

    /// The exact (Garwood) limits for a Poisson count.
    public static func exactPoisson(_ count: Double, level: ConfidenceLevel = .ninetyFive) -> (lower: Double, upper: Double) {
        let alpha = 1 - level.rawValue
        let lower = count == 0 ? 0 : ChiSquared.quantile(alpha / 2, degreesOfFreedom: 2 * count) / 2
        let upper = ChiSquared.quantile(1 - alpha / 2, degreesOfFreedom: 2 * count + 2) / 2
        return (lower, upper)
    }

    /// A rate per `multiplier` (e.g. per 100,000) with its interval.
    public static func rate(count: Double, denominator: Double, multiplier: Double = 100_000,
                            level: ConfidenceLevel = .ninetyFive) -> (value: Double, lower: Double, upper: Double)? {
        guard denominator > 0, let limits = countInterval(count, level: level) else { return nil }
        let scale = multiplier / denominator
        return (count * scale, limits.lower * scale, limits.upper * scale)
    }
}

/// The chi-squared distribution, for exact Poisson limits and trend tests.
public enum ChiSquared {
    /// P(X ≤ x) for X ~ χ²(k).
    public static func cdf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard x > 0 else { return 0 }
        return Gamma.regularizedLower(k / 2, x / 2)
    }

    /// The x with P(X ≤ x) = p, for X ~ χ²(k), by bisection on the CDF (to 1e-12 relative).
    public static func quantile(_ p: Double, degreesOfFreedom k: Double) -> Double {
        precondition(p > 0 && p < 1 && k > 0)
        var low = 0.0, high = max(1.0, k)
        while cdf(high, degreesOfFreedom: k) < p { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if cdf(middle, degreesOfFreedom: k) < p { low = middle } else { high = middle }
            if high - low <= 1e-12 * high { break }
        }
        return (low + high) / 2
    }
}

/// The regularized incomplete gamma function.
enum Gamma {
    /// P(a, x) = γ(a, x) / Γ(a), by its series for x < a + 1 and its continued fraction beyond
    /// (Numerical Recipes, §6.2).
    static func regularizedLower(_ a: Double, _ x: Double) -> Double {
        guard x > 0 else { return 0 }
        let logPrefix = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            var term = 1 / a, sum = term, n = a
            for _ in 0..<10_000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return sum * exp(logPrefix)
        }
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return 1 - exp(logPrefix) * h
    }
}

/// The standard normal distribution.
public enum Normal {
    /// P(Z ≤ z).
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// The two-sided p-value of a z statistic.
    public static func twoSidedP(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }
}
