import BaselineCore
import BaselineSchema
import BaselineStatistics
import Foundation

/// The trajectory and the on-track rule, as plain arithmetic (docs/outcomes.md gives the reasoning).
///
/// The trajectory is the straight line from the baseline value `b` in year `t0` to the target `T`
/// in year `t1`. At year `t` it expects `e = b + f·(T − b)`, with `f = (t − t0) / (t1 − t0)`
/// held to 0…1 (after `t1` the line stays at the target). The latest value `v` is compared with
/// `e` by a z-test whose standard errors come from the 95% intervals, as `baseline diff`
/// compares indicators: `se = (upper − lower) / (2 × 1.96)`. The line starts at an estimate, so
/// `e` carries `(1 − f)` of the baseline's error: `z = s·(v − e) / √(se_v² + (1 − f)²·se_b²)`,
/// with `s` = +1 when the ambition is to go up, −1 to go down. The value is **off track** when
/// `z < −1.96` (significantly behind the line at 95%), **on track** otherwise — ahead of it when
/// `z > 1.96`, in line with it between.
public enum OnTrackRule {
    /// The two-sided 95% critical value the rule uses (the diff's).
    public static var critical: Double { ConfidenceLevel.ninetyFive.z }

    /// The standard error a 95% interval stands for.
    public static func standardError(_ interval: Interval) -> Double {
        (interval.upper - interval.lower) / (2 * critical)
    }

    /// The share of the way from `t0` to `t1` that `t` is, held to 0…1.
    public static func fraction(from t0: Int, to t1: Int, at t: Int) -> Double {
        guard t1 > t0 else { return 1 }
        return min(1, max(0, Double(t - t0) / Double(t1 - t0)))
    }

    /// Where the trajectory puts year `t`, and the latest value's z against it (the good way positive).
    public static func assess(baseline: Double, baselineInterval: Interval, target: Double, from t0: Int, by t1: Int,
                              at t: Int, latest: Double, latestInterval: Interval, sign: Int) -> (expected: Double, z: Double)? {
        let f = fraction(from: t0, to: t1, at: t)
        let expected = baseline + f * (target - baseline)
        let seB = standardError(baselineInterval), seV = standardError(latestInterval)
        let se = (seV * seV + (1 - f) * (1 - f) * seB * seB).squareRoot()
        guard se > 0, se.isFinite else { return nil }
        return (expected, Double(sign) * (latest - expected) / se)
    }

    /// The verdict for a z from `assess`.
    public static func status(z: Double) -> (ProgressStatus, String) {
        if z < -critical { return (.offTrack, "significantly behind") }
        if z > critical { return (.onTrack, "significantly ahead of") }
        return (.onTrack, "in line with")
    }

    /// The leading year of a period (`2024`, `2024-25`, `2024-Q3`), or `nil` (`wave9`).
    public static func year(_ period: String) -> Int? {
        PlaceFolder.year(period)
    }
}
