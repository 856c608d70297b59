import BaselineCore
import BaselineSchema
import BaselineStatistics

/// `benchmark`: compares the place with each benchmark area as OHID Fingertips does, and marks
/// its recent trend.
///
/// For every indicator value of the place it finds a 95% interval — the published one, or from
/// the count and denominator (Wilson for proportions; Byar's method, exact Poisson below 10
/// events, for rates) — and compares it with each benchmark area in the same period. England
/// (a national figure) and a benchmark with no interval are taken as exact: the benchmark's value
/// inside the interval is *similar*. A benchmark area with an interval of its own (a region, a
/// neighbour) is compared interval with interval, as Fingertips compares two values that both
/// carry sampling error: overlapping intervals are *similar*. Otherwise *better* or *worse* by
/// polarity (*higher* or *lower* without one), and *not compared* without the place's interval.
/// On the latest period it adds the recent trend over the last five periods.
///
/// A document stage: it sees no record, and works on the indicators the `indicators` stage
/// left in the baseline (its contract requires them, so `Pipeline` refuses it before that stage).
public final class BenchmarkStage: DocumentStagePlugin, DocumentStage {
    public typealias Configuration = BenchmarkConfiguration

    public static let kind = "benchmark"
    public static let summary = "The place against England, its region and neighbours (Fingertips' method), with confidence intervals and recent trends"
    public static let options: [OptionDoc] = [
        OptionDoc("level_998", "boolean", default: "false", "Also compare at the 99.8% level, as `comparisons_998`."),
        OptionDoc("trend_periods", "integer", default: "5", "How many of the latest periods the recent trend is tested over (at least 3)."),
        OptionDoc("trend_significance", "number", default: "0.998", "The two-sided confidence at which a trend counts (Fingertips uses 99.8%)."),
    ]
    public static let contract = StageContract(requires: [.indicators], provides: [.comparisons])
    public static let sampleConfiguration = """
        stage: benchmark
        level_998: true
        """

    public static func makeDocumentStage(configuration: Configuration, context: StageContext) throws -> any DocumentStage {
        BenchmarkStage(configuration: configuration, place: context.pipeline.placeCode, benchmarks: context.pipeline.benchmarks.map(\.code))
    }

    private let configuration: Configuration
    private let place: String
    private let benchmarks: [String]

    /// Makes the stage for a place and its benchmark area codes.
    public init(configuration: Configuration, place: String, benchmarks: [String]) {
        self.configuration = configuration
        self.place = place
        self.benchmarks = benchmarks
    }

    public func apply(to document: inout BaselineDocument) throws {
        var indicators = document.indicators
        // Every area's interval first: a benchmark area's own interval decides how it is compared.
        for index in indicators.indices { Self.addInterval(to: &indicators[index]) }
        var others = [String: Int]()
        for (index, result) in indicators.enumerated() where result.value != nil {
            others[Self.key(result.id, result.period, result.area)] = index
        }
        let exact = Set(benchmarks.filter { Self.isNational($0, in: document.benchmarks) })
        var withoutInterval = [String: String]()  // id → name
        var countsOfEvents = [String: String]()  // id → name: counts with no denominator
        var bothIntervals = [Int: Set<String>]()  // the place's index → benchmarks compared interval with interval
        for index in indicators.indices where indicators[index].area == place {
            let result = indicators[index]
            let interval95 = result.ci95.map { ($0.lower, $0.upper) }
            let interval998 = configuration.level998 ? Self.interval(for: result, level: .ninetyNinePointEight) : nil
            let polarity = Polarity(rawValue: result.polarity) ?? .noJudgement
            var comparisons = [String: String](), comparisons998 = [String: String]()
            for area in benchmarks {
                let other = others[Self.key(result.id, result.period, area)].map { indicators[$0] }
                // A benchmark with an interval of its own, unless it is the national figure
                // (whose interval is negligible and which Fingertips takes as exact).
                let own = exact.contains(area) ? nil : other?.ci95
                if own != nil { bothIntervals[index, default: []].insert(area) }
                comparisons[area] = BenchmarkComparison.compare(value: result.value, interval: interval95, benchmark: other?.value,
                                                                benchmarkInterval: own.map { ($0.lower, $0.upper) }, polarity: polarity).rawValue
                if configuration.level998 {
                    // At 99.8% the benchmark's interval at 99.8% too: from its count and
                    // denominator, and without them (a published 95% interval only) not compared.
                    let own998 = own == nil ? nil : other.flatMap { Self.interval(for: $0, level: .ninetyNinePointEight) }
                    comparisons998[area] = own != nil && own998 == nil ? BenchmarkComparison.notCompared.rawValue
                        : BenchmarkComparison.compare(value: result.value, interval: interval998, benchmark: other?.value,
                                                      benchmarkInterval: own998, polarity: polarity).rawValue
                }
            }
            indicators[index].comparisons = comparisons
            indicators[index].comparisons998 = configuration.level998 ? comparisons998 : nil
            if result.value != nil, result.ci95 == nil {
                // A count of events (police.uk's crimes) is no rate: another area's count is of
                // another size, so it is not compared, however exact its own interval.
                if result.valueType == "count", result.count != nil, result.denominator == nil {
                    countsOfEvents[result.id] = result.name
                } else {
                    withoutInterval[result.id] = result.name
                }
            }
        }
        let mixed = addTrends(to: &indicators)
        var disagreements = 0
        for index in indicators.indices where indicators[index].published != nil {
            let found = Self.disagreements(with: indicators[index], names: document.areaNames, bothIntervals: bothIntervals[index] ?? [])
            indicators[index].published?.disagreements = found.isEmpty ? nil : found
            disagreements += found.count
        }
        document.indicators = indicators
        if disagreements > 0 {
            document.dataQuality.notes.append("\(disagreements) of the publisher's own comparisons or trends disagree with this tool's calculation (see `published.disagreements` on the indicators): check the catalogue's polarity and the benchmark areas' values.")
        }
        for (name, lengths) in mixed {
            document.dataQuality.notes.append("\(name) mixes periods of different lengths (\(lengths.joinedInWords)): its recent trend cannot be calculated over them, and a chart of it puts both kinds on one line. Keep one kind in the pipeline (a publisher's pooled years replace its single years, or the reverse).")
        }
        if !withoutInterval.isEmpty {
            document.dataQuality.notes.append("No confidence interval (no count and denominator, none published) for "
                                              + withoutInterval.sorted { $0.key < $1.key }.map(\.value).joinedInWords + ": not compared with benchmarks.")
        }
        if !countsOfEvents.isEmpty {
            document.dataQuality.notes.append("Counts of events with no population to divide them by: "
                                              + countsOfEvents.sorted { $0.key < $1.key }.map(\.value).joinedInWords
                                              + " — not compared with benchmarks, whose areas are of other sizes (`baseline diff` and `progress` still test their changes).")
        }
    }

    // MARK: - The publisher's own judgement

    /// Where the publisher's comparisons and trend (Fingertips' `Compared to …` and `Recent
    /// Trend`) disagree with the ones just calculated, one sentence each. Only judgements both
    /// sides made are checked: `Not compared`, percentile bands and `Cannot be calculated` are not.
    /// Against a benchmark in `bothIntervals` (compared interval with interval, where a publisher
    /// may have taken its value as exact), the publisher's significant difference beside this
    /// tool's *similar* is the two methods, not a disagreement: overlapping intervals are the
    /// stricter test, so only the other way round, or opposite directions, are listed.
    static func disagreements(with result: IndicatorResult, names: [String: String], bothIntervals: Set<String> = []) -> [String] {
        guard let published = result.published else { return [] }
        var found = [String]()
        let judged: Set<String> = ["better", "similar", "worse", "higher", "lower"]
        for (area, verdict) in published.comparisons.sorted(by: { $0.key < $1.key }) {
            guard let theirs = verdict.lowercased().split(separator: " ").first.map(String.init), judged.contains(theirs),
                  let ours = result.comparisons[area], judged.contains(ours) else { continue }
            let sameKind = Set([theirs, ours]).isSubset(of: ["better", "similar", "worse"]) || Set([theirs, ours]).isSubset(of: ["higher", "similar", "lower"])
            let agree = sameKind ? theirs == ours : (theirs == "similar") == (ours == "similar")
            let stricter = bothIntervals.contains(area) && ours == "similar"
            if !agree, !stricter {
                found.append("\(result.period) against \(names[area] ?? area): the publisher says '\(verdict)', this tool finds '\(ours)'")
            }
        }
        if let theirs = published.trend?.lowercased(), let ours = result.trend?.lowercased(),
           theirs != "cannot be calculated", ours != "cannot be calculated", theirs != ours {
            found.append("\(result.period) recent trend: the publisher says '\(published.trend!)', this tool finds '\(result.trend!)'")
        }
        return found
    }

    // MARK: - Intervals

    /// Fills in `ci95` from the count and denominator where the publisher gave none.
    static func addInterval(to result: inout IndicatorResult) {
        if result.ci95 != nil {
            result.ciMethod = result.ciMethod ?? "published"
            return
        }
        guard let limits = interval(for: result, level: .ninetyFive) else { return }
        result.ci95 = Interval(lower: rounded(limits.0, places: 4), upper: rounded(limits.1, places: 4))
        result.ciMethod = result.valueType == "proportion" ? "wilson" : ((result.count ?? 0) < Rate.exactBelow ? "exact_poisson" : "byar")
    }

    /// The interval at `level`: from the count and denominator, or (at 95%) as published.
    static func interval(for result: IndicatorResult, level: ConfidenceLevel) -> (Double, Double)? {
        if level == .ninetyFive, result.ciMethod == "published", let ci = result.ci95 { return (ci.lower, ci.upper) }
        guard result.value != nil, let count = result.count, let denominator = result.denominator, denominator > 0,
              let multiplier = result.multiplier else { return nil }
        switch result.valueType {
        case "proportion":
            guard let p = Proportion.wilson(successes: count, trials: denominator, level: level) else { return nil }
            return (p.lower * multiplier, p.upper * multiplier)
        case "rate":
            guard let r = Rate.rate(count: count, denominator: denominator, multiplier: multiplier, level: level) else { return nil }
            return (r.lower, r.upper)
        default:
            return nil
        }
    }

    // MARK: - Trends

    /// Puts each of the place's indicators' recent trend on its latest period, and returns the
    /// indicators (by name, with the lengths in words) whose recent periods are of different
    /// lengths — a year and five pooled years — which no trend is calculated over.
    private func addTrends(to indicators: inout [IndicatorResult]) -> [(name: String, lengths: [String])] {
        var series = [String: [Int]]()
        for (index, result) in indicators.enumerated() where result.area == place {
            series[result.id, default: []].append(index)
        }
        var mixed = [(name: String, lengths: [String])]()
        for (_, members) in series.sorted(by: { $0.key < $1.key }) {
            var time = Period.Ordering()
            let ordered = members.sorted { time.isBefore(indicators[$0].period, indicators[$1].period) }
            guard let latest = ordered.last else { continue }
            let recent = ordered.suffix(configuration.trendPeriods)
            var lengths = [String]()
            for index in recent {
                if let words = Period(indicators[index].period)?.span?.length.words, !lengths.contains(words) { lengths.append(words) }
            }
            if lengths.count > 1 {
                mixed.append((indicators[latest].name, lengths))
                indicators[latest].trend = Trend.cannotBeCalculated.phrase
                indicators[latest].trendReason = "its recent periods are of different lengths (\(lengths.joinedInWords))"
                continue
            }
            var points = [Trend.Point]()
            var gap: String?
            for index in recent {
                let r = indicators[index]
                guard let value = r.value else {
                    // A figure below the rounding is there, but not as a number to test.
                    if r.missing == .roundsToZero {
                        gap = "the value for \(Period.readable(r.period)) is below the rounding (it rounds to 0 but is not 0)"
                        break
                    }
                    let why = r.missing.map { ": " + $0.words } ?? ""
                    gap = "there is no value for \(Period.readable(r.period))\(why)"
                    break
                }
                let scale = r.multiplier ?? 1
                if r.valueType == "proportion", let count = r.count, let denominator = r.denominator {
                    points.append(Trend.Point(value: value / scale, count: count, denominator: denominator, period: r.period))
                } else {
                    points.append(Trend.Point(value: value, lower: r.ci95?.lower, upper: r.ci95?.upper, period: r.period))
                }
            }
            let assessment = gap.map(Trend.Assessment.cannotBeCalculated)
                ?? Trend.assess(points, polarity: Polarity(rawValue: indicators[latest].polarity) ?? .noJudgement,
                                window: configuration.trendPeriods, significance: configuration.trendSignificance)
            indicators[latest].trend = assessment.trend.phrase
            indicators[latest].trendReason = assessment.reason
        }
        return mixed
    }

    /// Whether the benchmark area `code` is a national figure, taken as exact however it was
    /// published (Fingertips' rule for England): its role is `england`, or its code is a
    /// country's or the UK's (E92, W92, S92, N92; K02 the UK, K03 Great Britain, K04 England and
    /// Wales).
    static func isNational(_ code: String, in areas: [Area]) -> Bool {
        if areas.contains(where: { $0.code == code && $0.role == "england" }) { return true }
        guard AreaCode.isGSS(code) else { return false }
        return ["E92", "W92", "S92", "N92", "K02", "K03", "K04"].contains(String(code.prefix(3)))
    }

    private static func key(_ id: String, _ period: String, _ area: String) -> String {
        id + "\u{1F}" + period + "\u{1F}" + area
    }
}
