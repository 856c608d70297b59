import BaselineCore

/// The result of comparing an area with a benchmark, in Fingertips' words.
public enum BenchmarkComparison: String, Sendable, Codable, CaseIterable {
    /// Significantly better.
    case better
    /// Not significantly different: the benchmark lies inside the area's interval.
    case similar
    /// Significantly worse.
    case worse
    /// Significantly higher, where there is no polarity.
    case higher
    /// Significantly lower, where there is no polarity.
    case lower
    /// No interval or no benchmark value, so no comparison.
    case notCompared = "not_compared"

    /// Compares an area's value and interval with a benchmark value (Fingertips' method): the
    /// benchmark inside the interval (limits included) is *similar*; otherwise *better* or *worse*
    /// by polarity, or *higher* / *lower* without one.
    public static func compare(value: Double?, interval: (lower: Double, upper: Double)?, benchmark: Double?,
                               polarity: Polarity) -> BenchmarkComparison {
        guard value != nil, let interval, let benchmark else { return .notCompared }
        if benchmark >= interval.lower && benchmark <= interval.upper { return .similar }
        let higher = interval.lower > benchmark
        switch polarity {
        case .highIsGood: return higher ? .better : .worse
        case .lowIsGood: return higher ? .worse : .better
        case .noJudgement: return higher ? .higher : .lower
        }
    }
}
