import BaselineCore

/// The result of comparing an area with a benchmark, in Fingertips' words.
public enum BenchmarkComparison: String, Sendable, Codable, CaseIterable {
    /// Significantly better.
    case better
    /// Not significantly different: the benchmark lies inside the area's interval, or (a
    /// benchmark with an interval of its own) the two intervals overlap.
    case similar
    /// Significantly worse.
    case worse
    /// Significantly higher, where there is no polarity.
    case higher
    /// Significantly lower, where there is no polarity.
    case lower
    /// No interval or no benchmark value, so no comparison.
    case notCompared = "not_compared"

    /// Compares an area's value and interval with a benchmark value taken as exact (Fingertips'
    /// "confidence interval overlapping reference value" method, as for England): the benchmark
    /// inside the interval (limits included) is *similar*; otherwise *better* or *worse* by
    /// polarity, or *higher* / *lower* without one.
    public static func compare(value: Double?, interval: (lower: Double, upper: Double)?, benchmark: Double?,
                               polarity: Polarity) -> BenchmarkComparison {
        guard value != nil, let interval, let benchmark else { return .notCompared }
        if benchmark >= interval.lower && benchmark <= interval.upper { return .similar }
        return judged(higher: interval.lower > benchmark, polarity: polarity)
    }

    /// Compares an area's value and interval with a benchmark area's value and interval, both at
    /// the same level (Fingertips' "double overlapping confidence intervals" method, for two
    /// estimates that each carry sampling error — a neighbour, a region): intervals that overlap
    /// (touching included) are *similar*; otherwise *better* or *worse* by polarity, or *higher*
    /// / *lower* without one. As Fingertips does, the overlap is checked on the side where the
    /// values meet: the lower value's upper limit against the higher value's lower limit.
    ///
    /// With no `benchmarkInterval` the benchmark is taken as exact (`compare(value:interval:benchmark:polarity:)`).
    /// The rule is conservative: two intervals that overlap a little can still differ at 5%
    /// (Schenker and Gentleman 2001), so *similar* here means "not shown to differ".
    public static func compare(value: Double?, interval: (lower: Double, upper: Double)?, benchmark: Double?,
                               benchmarkInterval: (lower: Double, upper: Double)?, polarity: Polarity) -> BenchmarkComparison {
        guard let benchmarkInterval else { return compare(value: value, interval: interval, benchmark: benchmark, polarity: polarity) }
        guard let value, let interval, let benchmark else { return .notCompared }
        let higher = value > benchmark
        let overlap = higher ? interval.lower <= benchmarkInterval.upper : benchmarkInterval.lower <= interval.upper
        if overlap { return .similar }
        return judged(higher: higher, polarity: polarity)
    }

    /// *better* / *worse* by polarity for a significant difference, *higher* / *lower* without one.
    private static func judged(higher: Bool, polarity: Polarity) -> BenchmarkComparison {
        switch polarity {
        case .highIsGood: higher ? .better : .worse
        case .lowIsGood: higher ? .worse : .better
        case .noJudgement: higher ? .higher : .lower
        }
    }
}
