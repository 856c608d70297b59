import BaselineCore
import Foundation

/// The recent-trend marker of Fingertips: over the last five points, is the indicator
/// changing significantly, and is that getting better or worse?
public enum Trend: Equatable, Sendable {
    /// Significant change upward or downward, with whether that is better or worse (nil without polarity).
    case increasing(gettingBetter: Bool?)
    /// Significant change downward.
    case decreasing(gettingBetter: Bool?)
    /// No significant change.
    case noSignificantChange
    /// Too few points, a gap between them, no counts or intervals to test with, or nothing that
    /// varies (a proportion of 0% or 100% throughout).
    case cannotBeCalculated

    /// The phrase used in reports: "increasing and getting worse", "no significant change"…
    public var phrase: String {
        switch self {
        case .increasing(let better): "increasing" + Self.judgement(better)
        case .decreasing(let better): "decreasing" + Self.judgement(better)
        case .noSignificantChange: "no significant change"
        case .cannotBeCalculated: "cannot be calculated"
        }
    }

    private static func judgement(_ better: Bool?) -> String {
        better.map { $0 ? " and getting better" : " and getting worse" } ?? ""
    }

    /// One point of a series.
    public struct Point: Sendable {
        /// The value (a proportion in 0…1 for the proportion test, any unit otherwise).
        public var value: Double
        /// The numerator, for proportions.
        public var count: Double?
        /// The denominator, for proportions.
        public var denominator: Double?
        /// The 95% interval, for the regression test.
        public var lower: Double?
        /// The 95% interval, for the regression test.
        public var upper: Double?
        /// The period as baselines write it (`2024`, `2024-25`, `2024-Q1`…), to check that the
        /// points follow one another with no gap; nil when the caller has checked.
        public var period: String?

        /// Makes a point.
        public init(value: Double, count: Double? = nil, denominator: Double? = nil, lower: Double? = nil, upper: Double? = nil,
                    period: String? = nil) {
            self.value = value
            self.count = count
            self.denominator = denominator
            self.lower = lower
            self.upper = upper
            self.period = period
        }
    }

    /// A recent trend, or why there is none.
    public struct Assessment: Equatable, Sendable {
        /// The trend (`cannotBeCalculated` when there is none).
        public var trend: Trend
        /// Why the trend cannot be calculated, in words for a brief (`a gap between 2019 and
        /// 2021`); `nil` when it could be.
        public var reason: String?

        /// A trend that could be calculated, or none with the reason.
        public init(_ trend: Trend, reason: String? = nil) {
            self.trend = trend
            self.reason = reason
        }

        /// No trend, for `reason`.
        public static func cannotBeCalculated(_ reason: String) -> Assessment {
            Assessment(.cannotBeCalculated, reason: reason)
        }
    }

    /// The trend of the last `window` points (in period order), which must be consecutive
    /// periods with no gap. Proportions with counts and denominators use the chi-squared test for
    /// linear trend (Cochran–Armitage); anything else with intervals uses weighted least-squares
    /// regression with weights 1/SE², SE taken from the 95% interval. Significance is two-sided
    /// at `significance`: Fingertips uses 99.8% (χ² on one degree of freedom above 9.5495).
    public static func recent(_ points: [Point], polarity: Polarity, window: Int = 5, significance: Double = 0.998) -> Trend {
        assess(points, polarity: polarity, window: window, significance: significance).trend
    }

    /// `recent`, with the reason when the trend cannot be calculated: every way there is none
    /// says why, so that a brief never shows "cannot be calculated" unexplained.
    public static func assess(_ points: [Point], polarity: Polarity, window: Int = 5, significance: Double = 0.998) -> Assessment {
        let series = Array(points.suffix(window))
        guard series.count == window else {
            return .cannotBeCalculated("it takes \(window) periods in a row and there \(series.count == 1 ? "is" : "are") only \(series.count)")
        }
        let periods = series.compactMap(\.period)
        if !periods.isEmpty {
            guard periods.count == series.count else { return .cannotBeCalculated("not every point has its period") }
            if let why = notConsecutive(periods) { return .cannotBeCalculated(why) }
        }
        let slope: Double, z: Double
        if series.allSatisfy({ ($0.count ?? -1) >= 0 && ($0.denominator ?? 0) > 0 }) {
            // Nothing varies in a proportion that is 0% (or 100%) throughout: there is no trend to test.
            guard let test = chiSquaredForTrend(series.map { ($0.count!, $0.denominator!) }) else {
                return .cannotBeCalculated("the proportion is \(series[0].count == 0 ? "0%" : "100%") in every period: nothing varies to test")
            }
            (slope, z) = test
        } else if series.allSatisfy({ $0.lower != nil && $0.upper != nil && $0.upper! > $0.lower! }) {
            guard let test = weightedRegression(series) else { return .cannotBeCalculated("its confidence intervals give nothing to test with") }
            (slope, z) = test
        } else {
            let without = series.filter { !($0.lower != nil && $0.upper != nil && $0.upper! > $0.lower!) }
            guard without.count < series.count, let period = without.first?.period else {
                return .cannotBeCalculated("there are no confidence intervals, nor counts and denominators, to test it with")
            }
            return .cannotBeCalculated("there is no confidence interval, nor count and denominator, for \(Period.readable(period)) to test it with")
        }
        let critical = -normalQuantile((1 - significance) / 2)
        guard abs(z) > critical else { return Assessment(.noSignificantChange) }
        let up = slope > 0
        let better: Bool? = switch polarity {
        case .highIsGood: up
        case .lowIsGood: !up
        case .noJudgement: nil
        }
        return Assessment(up ? .increasing(gettingBetter: better) : .decreasing(gettingBetter: better))
    }

    /// Whether each period is the one straight after the one before it: years, financial years,
    /// pooled years and years from the same day (`2015-11-16/P1Y`, `2016-11-16/P1Y`) step by a
    /// year, halves, quarters and months by one of theirs. Periods whose spacing cannot be read
    /// this way (weeks, days, other intervals, mixed kinds) do not count as consecutive.
    public static func consecutive(_ periods: [String]) -> Bool {
        notConsecutive(periods) == nil
    }

    /// Why the periods are not consecutive (`a gap between 2019 and 2021`), or `nil` when they are.
    static func notConsecutive(_ periods: [String]) -> String? {
        let positions = annualStamps(periods) ?? periods.map(position)
        for (offset, (earlier, later)) in zip(positions, positions.dropFirst()).enumerated() {
            let (a, b) = (Period.readable(periods[offset]), Period.readable(periods[offset + 1]))
            guard let earlier, let later else {
                return "the test steps through years, quarters and months, not periods such as \(earlier == nil ? a : b)"
            }
            if earlier.kind != later.kind { return "\(a) and \(b) are periods of different kinds" }
            if later.index > earlier.index + 1 { return "a gap between \(a) and \(b)" }
            if later.index != earlier.index + 1 { return "\(a) and \(b) do not follow one another" }
        }
        return nil
    }

    /// Yearly figures stamped with a month or a day of the year they are of, the same month every
    /// year: ASHE's weekly pay is published for April (`2020-04`, `2021-04`), and ONS's files of
    /// November 2025 give its reference date instead, a Wednesday in April that moves
    /// (`2024-04-17`, `2025-04-30`). Read as months or days, the years looked like gaps of eleven
    /// months or like no period the test steps through. When every period is a month, or every
    /// one a day, all in the same month of the year and each in a later year than the one before,
    /// each is placed at its year; otherwise `nil`.
    static func annualStamps(_ periods: [String]) -> [(kind: String, index: Int)?]? {
        var stamps = [(year: Int, month: Int)]()
        var kind: Period.Kind?
        for published in periods {
            guard let period = Period(published), period.kind == .month || period.kind == .day, kind == nil || kind == period.kind
            else { return nil }
            let parts = period.text.split(separator: "-")
            guard let year = Int(parts[0]), let month = Int(parts[1]),
                  stamps.last.map({ $0.month == month && $0.year < year }) ?? true else { return nil }
            kind = period.kind
            stamps.append((year, month))
        }
        guard let first = stamps.first, let kind else { return nil }
        let stamped = "year stamped \(kind == .month ? "in" : "on a day of") month \(first.month)"
        return stamps.map { (stamped, $0.year) }
    }

    /// A period's kind and its place in a count of such periods (`2024-Q1` → quarter 4 × 2024 + 0),
    /// read from its written form (`2015-11-16T00:00:00/P1Y` as `2015-11-16/P1Y`).
    static func position(of published: String) -> (kind: String, index: Int)? {
        let period = Period(published)?.text ?? published
        let bytes = Array(period.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) else { return nil }
            return range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) }
        }
        guard let year = number(0..<4) else { return nil }
        let rest = String(decoding: bytes[4...], as: UTF8.self)
        switch bytes.count {
        case 4: return ("year", year)
        case 7 where bytes[4] == UInt8(ascii: "-"):
            if bytes[5] == UInt8(ascii: "Q"), let n = number(6..<7), (1...4).contains(n) { return ("quarter", year * 4 + n - 1) }
            if bytes[5] == UInt8(ascii: "S"), let n = number(6..<7), (1...2).contains(n) { return ("half", year * 2 + n - 1) }
            guard let two = number(5..<7) else { return nil }
            // `2024-25` is a financial year (the next year's last two digits); otherwise a month.
            if two == (year + 1) % 100 { return ("financial year", year) }
            return (1...12).contains(two) ? ("month", year * 12 + two - 1) : nil
        case 9 where rest.hasPrefix(" - "):
            guard let last = number(7..<9) else { return nil }
            return ("pooled \((last - year % 100 + 100) % 100) years", year)
        case 14 where rest.hasSuffix("/P1Y") && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-"):
            // A year from a day that is neither 1 January nor 1 April (ONS's `2015-11-16/P1Y`):
            // such years from the same day follow one another.
            guard let month = number(5..<7), let day = number(8..<10), (1...12).contains(month), (1...31).contains(day) else { return nil }
            return ("year from \(month)-\(day)", year)
        default: return nil
        }
    }

    /// Cochran–Armitage: returns the direction (sign of the trend statistic) and z = √χ² with its sign.
    static func chiSquaredForTrend(_ series: [(count: Double, denominator: Double)]) -> (Double, Double)? {
        let total = series.reduce(0) { $0 + $1.denominator }
        let events = series.reduce(0) { $0 + $1.count }
        let p = events / total
        guard p > 0, p < 1 else { return nil }
        let tBar = series.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element.denominator } / total
        let statistic = series.enumerated().reduce(0) { $0 + $1.element.count * (Double($1.offset) - tBar) }
        let variance = p * (1 - p) * series.enumerated().reduce(0) { $0 + $1.element.denominator * pow(Double($1.offset) - tBar, 2) }
        guard variance > 0 else { return nil }
        return (statistic, statistic / variance.squareRoot())
    }

    /// Weighted least squares of value on time with weights 1/SE²: the slope and slope / SE(slope).
    static func weightedRegression(_ series: [Point]) -> (Double, Double)? {
        let weights = series.map { point -> Double in
            let se = (point.upper! - point.lower!) / (2 * ConfidenceLevel.ninetyFive.z)
            return 1 / (se * se)
        }
        let w = weights.reduce(0, +)
        let tBar = zip(weights, series.indices).reduce(0) { $0 + $1.0 * Double($1.1) } / w
        let yBar = zip(weights, series).reduce(0) { $0 + $1.0 * $1.1.value } / w
        let sxx = zip(weights, series.indices).reduce(0) { $0 + $1.0 * pow(Double($1.1) - tBar, 2) }
        guard sxx > 0 else { return nil }
        let sxy = zip(zip(weights, series.indices), series).reduce(0) { $0 + $1.0.0 * (Double($1.0.1) - tBar) * ($1.1.value - yBar) }
        let slope = sxy / sxx
        return (slope, slope * sxx.squareRoot())
    }

    /// The standard normal quantile, by bisection on the CDF.
    static func normalQuantile(_ p: Double) -> Double {
        var low = -40.0, high = 40.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if Normal.cdf(middle) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
