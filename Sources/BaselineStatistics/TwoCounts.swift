import Foundation

/// The exact conditional test of two Poisson counts, as `baseline diff` compares a count
/// indicator (crimes counted over a year) between two periods of the same length.
///
/// With x₁ events over an exposure t₁ and x₂ over t₂, and one rate for both, x₂ given the total
/// n = x₁ + x₂ is binomial with n trials and probability t₂ / (t₁ + t₂): one half for equal
/// exposures. The test asks how likely a split as uneven as the one seen is under that
/// binomial (Przyborowski and Wilenski, 1940). Its two-sided p-value is the sum of the
/// probabilities of every split no more likely than the one seen, within a relative 10⁻⁷ — the
/// "minimum likelihood" p-value of R's `binom.test` (which R's `poisson.test` calls for two
/// counts) and SciPy's `binomtest`; for equal exposures it is twice the smaller tail.
public enum TwoCounts {
    /// The two-sided p-value for `x2` events over `t2` against `x1` over `t1`, or `nil` when a
    /// count is negative or not whole, or an exposure is not positive.
    public static func exactP(x1: Double, t1: Double, x2: Double, t2: Double) -> Double? {
        guard t1 > 0, t2 > 0, t1.isFinite, t2.isFinite, x1 >= 0, x2 >= 0, x1 == x1.rounded(), x2 == x2.rounded(),
              x1 + x2 < Double(Int.max / 2) else { return nil }
        return Binomial.twoSidedP(successes: Int(x2), trials: Int(x1 + x2), probability: t2 / (t1 + t2))
    }
}

/// The binomial distribution, for the exact test of two counts.
public enum Binomial {
    /// The relative tolerance within which another outcome counts as no more likely than the one
    /// seen (R's and SciPy's `1 + 1e-7`): exact ties then survive rounding.
    static let tolerance = 1 + 1e-7

    /// The two-sided "minimum likelihood" p-value of `k` successes in `n` trials of probability
    /// `p`: the probability of every outcome no more likely than `k`.
    public static func twoSidedP(successes k: Int, trials n: Int, probability p: Double) -> Double {
        precondition(k >= 0 && k <= n && p > 0 && p < 1)
        let expected = Double(n) * p
        if Double(k) == expected { return 1 }
        let logP = log(p), logQ = log1p(-p)
        let limit = logPMF(k, n, logP, logQ) + log(tolerance)
        var total: Double
        if Double(k) < expected {
            // Every outcome from k down, and those above the mean at least as unlikely: the first
            // such from the mean up, found by bisection (the probabilities fall from the mean on).
            total = lowerTail(k, n, logP, logQ)
            if let first = firstAtMost(limit, from: Int(expected.rounded(.up)), through: n, rising: false, n, logP, logQ) {
                total += upperTail(first, n, logP, logQ)
            }
        } else {
            total = upperTail(k, n, logP, logQ)
            if let last = firstAtMost(limit, from: 0, through: Int(expected.rounded(.down)), rising: true, n, logP, logQ) {
                total += lowerTail(last, n, logP, logQ)
            }
        }
        return min(1, total)
    }

    /// log P(X = i).
    static func logPMF(_ i: Int, _ n: Int, _ logP: Double, _ logQ: Double) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(i) + 1) - lgamma(Double(n - i) + 1) + Double(i) * logP + Double(n - i) * logQ
    }

    /// P(X ≤ k), summed from k down (each term from the one after it, until the rest cannot
    /// change the sum), for k at or below the mean.
    static func lowerTail(_ k: Int, _ n: Int, _ logP: Double, _ logQ: Double) -> Double {
        let odds = exp(logQ - logP)
        var term = 1.0, sum = 1.0, i = k
        while i > 0 {
            term *= Double(i) / Double(n - i + 1) * odds
            sum += term
            if term < sum * 1e-17 { break }
            i -= 1
        }
        return exp(logPMF(k, n, logP, logQ) + log(sum))
    }

    /// P(X ≥ k), summed from k up, for k at or above the mean.
    static func upperTail(_ k: Int, _ n: Int, _ logP: Double, _ logQ: Double) -> Double {
        let odds = exp(logP - logQ)
        var term = 1.0, sum = 1.0, i = k
        while i < n {
            term *= Double(n - i) / Double(i + 1) * odds
            sum += term
            if term < sum * 1e-17 { break }
            i += 1
        }
        return exp(logPMF(k, n, logP, logQ) + log(sum))
    }

    /// Above the mean (`rising` false): the smallest i in `low…high` with log P(X = i) ≤ `limit`;
    /// below it (`rising` true): the largest. `nil` when there is none.
    static func firstAtMost(_ limit: Double, from low: Int, through high: Int, rising: Bool,
                            _ n: Int, _ logP: Double, _ logQ: Double) -> Int? {
        guard low <= high else { return nil }
        let atMost = { (i: Int) in logPMF(i, n, logP, logQ) <= limit }
        if rising {
            guard atMost(low) else { return nil }
            var (a, b) = (low, high)  // atMost(a) holds
            while a < b {
                let middle = a + (b - a + 1) / 2
                if atMost(middle) { a = middle } else { b = middle - 1 }
            }
            return a
        }
        guard atMost(high) else { return nil }
        var (a, b) = (low, high)  // atMost(b) holds
        while a < b {
            let middle = a + (b - a) / 2
            if atMost(middle) { b = middle } else { a = middle + 1 }
        }
        return a
    }
}
