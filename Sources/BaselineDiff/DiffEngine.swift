import BaselineCore
import BaselineFormat
import BaselineSchema
import BaselineStatistics
import Foundation
import BaselineText

/// Compares two baselines of the same place. Every area's indicators are compared; the
/// summary counts the place's own, and the overall survey results.
///
/// - Indicators are matched by id and area (through `codeChanges` where an area's code
///   changed) and compared at the latest period of each baseline. Where both years publish a
///   count and a denominator, a proportion is compared with the two-proportion z-test and a rate
///   with the two-rate (Poisson) score test on them; a count of events (`value_type: count` with
///   its `count`) over periods of the same length with the exact conditional test of two Poisson
///   counts (`TwoCounts`); otherwise a z-test on the two values, with
///   standard errors taken from their 95% intervals. Significant when p < 0.05. With neither
///   counts nor intervals the change is *not tested*. When the definition changed but the later
///   baseline restates the earlier period under the new one, those two values are compared.
/// - Survey questions are matched by id, overall and per group present in both, and compared
///   with the two-proportion z-test on % positive. The group comparisons are one family: their
///   p-values are adjusted together (`adjustment`, Benjamini–Hochberg by default) before they
///   are called significant at 5%. The overall results are not adjusted.
/// - Themes are compared by their share of all theme mentions (two-proportion test on shares).
public struct DiffEngine {
    /// Earlier area code → later area code, for boundary and code changes: added to (and
    /// winning over) those the later baseline records it applied (`code_changes`) and the
    /// built-in ones.
    public var codeChanges: [String: String]
    /// How the survey's group comparisons are adjusted for their number.
    public var adjustment: PValueAdjustment

    /// Makes an engine.
    public init(codeChanges: [String: String] = [:], adjustment: PValueAdjustment = .benjaminiHochberg) {
        self.codeChanges = codeChanges
        self.adjustment = adjustment
    }

    /// The diff of `from` (earlier) and `to` (later).
    public func diff(from: BaselineDocument, to: BaselineDocument) -> BaselineDiff {
        var engine = self
        engine.codeChanges = codeChanges(to: to)
        return engine.compare(from: from, to: to)
    }

    /// The code changes a diff into `to` uses: the built-in 1:1 code changes
    /// (`AreaCodeChanges.builtIn`: Barnsley's figures of an earlier year under E08000016 are
    /// E08000038's), then those `to` records it applied over them, then the engine's own over
    /// both; chains followed to the latest code.
    public func codeChanges(to: BaselineDocument) -> [String: String] {
        AreaCodeChanges.resolved(AreaCodeChanges.builtIn.merging(to.codeChanges ?? [:]) { _, recorded in recorded }
            .merging(codeChanges) { _, given in given })
    }

    /// Whether `from` and `to` are baselines of one place, allowing for a code change.
    public func samePlace(_ from: BaselineDocument, _ to: BaselineDocument) -> Bool {
        (codeChanges(to: to)[from.place.code] ?? from.place.code) == to.place.code
    }

    /// Throws unless `from` (read from `fromPath`) and `to` (from `toPath`) are baselines of one
    /// place, allowing for a code change: the differences between two places are not changes over
    /// time, and a diff of them would read as one.
    public func requireSamePlace(_ from: BaselineDocument, at fromPath: String, _ to: BaselineDocument, at toPath: String) throws {
        guard !samePlace(from, to) else { return }
        throw BaselineError(file: toPath, "the baselines are of different places: \(fromPath) is of \(from.place.name) (\(from.place.code)), "
                                + "this one of \(to.place.name) (\(to.place.code)), and a diff reads the differences between two places as changes over time",
                            hint: "give two periods of one place (`baseline diff output/<place>/2024 output/<place>/2025`); if the place's code changed, "
                                + "give the change in --code-changes; to set places side by side, use `baseline index`")
    }

    private func compare(from: BaselineDocument, to: BaselineDocument) -> BaselineDiff {
        let indicators = compareIndicators(from.indicators, to.indicators)
        let (survey, family) = compareSurveyAdjusted(from.survey, to.survey)
        var summary = [String: Int]()
        let place = indicators.filter { $0.area == to.place.code }
        for status in place.map(\.status) + survey.filter({ $0.breakdown == "overall" }).map(\.status) {
            summary[status.rawValue, default: 0] += 1
        }
        let basis = Self.themesBasis(from.themes, to.themes)
        var diff = BaselineDiff(schemaVersion: BaselineDiff.currentSchemaVersion,
                                from: .init(place: from.place, period: from.period), to: .init(place: to.place, period: to.period),
                                summary: summary, indicators: indicators, survey: survey,
                                themes: compareThemes(from.themes, to.themes, kinds: basis.map { Set($0.kinds) }),
                                priorities: comparePriorities(from.candidatePriorities, to.candidatePriorities))
        diff.themesBasis = basis
        if family > 0 { diff.adjustment = .init(method: adjustment.rawValue, comparisons: family) }
        diff.areaNames = from.areaNames.merging(to.areaNames) { _, later in later }
        return diff
    }

    // MARK: - Indicators

    private struct Key: Hashable, Comparable {
        var id: String
        var area: String
        static func < (a: Key, b: Key) -> Bool { (a.id, a.area) < (b.id, b.area) }
    }

    /// The latest-period value of each indicator and area (latest in time, `Period.Position`).
    private func latest(_ results: [IndicatorResult]) -> [Key: IndicatorResult] {
        var out = [Key: IndicatorResult](), time = Period.Ordering()
        for result in results {
            let key = Key(id: result.id, area: result.area)
            if let seen = out[key], !time.isBefore(seen.period, result.period) { continue }
            out[key] = result
        }
        return out
    }

    func compareIndicators(_ before: [IndicatorResult], _ after: [IndicatorResult]) -> [IndicatorChange] {
        let old = latest(before)
        var new = latest(after)
        // Every period the later baseline holds, for an earlier period restated under its definition.
        var history = [Key: [String: IndicatorResult]]()
        for result in after { history[Key(id: result.id, area: result.area), default: [:]][Period.written(result.period)] = result }
        var changes = [IndicatorChange]()
        var matchedNew = Set<Key>()
        for (key, earlier) in old.sorted(by: { $0.key < $1.key }) {
            var newKey = key
            var moved: String?
            if new[key] == nil, let successor = codeChanges[key.area], new[Key(id: key.id, area: successor)] != nil {
                newKey = Key(id: key.id, area: successor)
                moved = key.area
            }
            guard let later = new[newKey] else {
                changes.append(change(earlier, nil, status: .removed, reason: "not in the later baseline"))
                continue
            }
            matchedNew.insert(newKey)
            var result = compare(earlier, later)
            if result.status == .notComparable, moved == nil, let restated = history[newKey]?[Period.written(earlier.period)], restated.value != nil,
               !Period.same(restated.period, later.period), notComparable(restated, later) == nil {
                let why = result.reason, places = Figure.places(unit: later.unit, valueType: later.valueType)
                result = compare(restated, later)
                result.reason = "\(why); compared like for like with \(earlier.period) as the later baseline restates it under the new definition"
                    + " (\(Figure.number(restated.value!, places: places)) where the earlier baseline had "
                    + "\(earlier.value.map { Figure.number($0, places: places) } ?? "no value")): "
                    + result.reason
            }
            if let moved {
                result.previousArea = moved
                if AreaCodeChanges.builtIn[moved] == later.area {
                    // One of the one-for-one successions after a minor boundary change, whose
                    // figures the indicators stage takes as the new code's: compared as they are.
                    result.reason += "; compared across the code change from \(moved) to \(later.area), one code replaced by one"
                        + " after a minor boundary change (the figures published under the old code are the area's)"
                } else {
                    result.status = .notComparable
                    result.reason = "the area's code changed from \(moved) to \(later.area) (a boundary or code change): not a like-for-like comparison"
                }
            }
            changes.append(result)
        }
        for key in matchedNew { new.removeValue(forKey: key) }
        for (_, later) in new.sorted(by: { $0.key < $1.key }) {
            changes.append(change(nil, later, status: .added, reason: "not in the earlier baseline"))
        }
        return changes.sorted { ($0.id, $0.area) < ($1.id, $1.area) }
    }

    private func change(_ earlier: IndicatorResult?, _ later: IndicatorResult?, status: ChangeStatus, reason: String) -> IndicatorChange {
        let any = (later ?? earlier)!
        // Benchmarks compared with before under a code that has since changed are shown under the new code.
        var before = [String: String]()
        for (area, comparison) in earlier?.comparisons ?? [:] { before[codeChanges[area] ?? area] = comparison }
        var benchmarks = [String: String]()
        for area in Set(before.keys).union(later?.comparisons.keys.map { $0 } ?? []) {
            benchmarks[area] = "\(before[area] ?? "—") → \(later?.comparisons[area] ?? "—")"
        }
        return IndicatorChange(id: any.id, name: any.name, area: any.area, previousArea: nil,
                               periods: [earlier?.period ?? "", later?.period ?? ""], values: [earlier?.value, later?.value],
                               change: nil, unit: any.unit, status: status, reason: reason, benchmarks: benchmarks,
                               valueType: any.valueType)
    }

    /// Why `earlier` and `later` are not like for like (a change of unit, definition, kind of
    /// figure, multiplier or polarity, or periods of different lengths or that overlap), or `nil`
    /// when they are.
    private func notComparable(_ earlier: IndicatorResult, _ later: IndicatorResult) -> String? {
        if earlier.unit != later.unit {
            return "the unit changed from \(earlier.unit ?? "none") to \(later.unit ?? "none")"
        }
        if earlier.name != later.name { return "the definition changed (was: “\(earlier.name)”)" }
        if earlier.valueType != later.valueType {
            return "the kind of figure changed from \(earlier.valueType ?? "unknown") to \(later.valueType ?? "unknown")"
        }
        if earlier.multiplier != later.multiplier {
            return "the multiplier changed (\(earlier.multiplier.map(Figure.count) ?? "none") → \(later.multiplier.map(Figure.count) ?? "none"))"
        }
        if earlier.polarity != later.polarity { return "the polarity changed from \(earlier.polarity) to \(later.polarity)" }
        return Self.unlikePeriods(earlier.period, later.period, total: later.valueType == "count")
    }

    /// Why figures for two different periods are not like for like — lengths that differ (an
    /// annual figure against a five-year pooled average) or periods that overlap — or `nil`.
    /// Periods are read as `Period` reads them; `2010-11`, a month or a financial year, is read as
    /// a month when that makes the two the same kind of period.
    static func unlikePeriods(_ earlier: String, _ later: String, total: Bool) -> String? {
        guard earlier != later, var a = Period(earlier), var b = Period(later) else { return nil }
        if a.kind != b.kind, let isoA = Period(earlier, style: .iso), let isoB = Period(later, style: .iso), isoA.kind == isoB.kind {
            (a, b) = (isoA, isoB)
        }
        // A reference date beside a month, for a figure that is no total, is read as its month:
        // ONS writes the April pay survey `2025-04-30` where it wrote `2024-04`, the same snapshot.
        if !total, let month = Self.monthOf(referenceDate: earlier, beside: b) { a = month }
        if !total, let month = Self.monthOf(referenceDate: later, beside: a) { b = month }
        return a.unlike(b, total: total)
    }

    /// The month of `text` when it is a date (`2025-04-30`) and `other` a month; else `nil`.
    private static func monthOf(referenceDate text: String, beside other: Period) -> Period? {
        guard other.span?.length == .months(1), let day = Period(text), day.kind == .day else { return nil }
        return Period(String(day.text.prefix(7)))
    }

    private func compare(_ earlier: IndicatorResult, _ later: IndicatorResult) -> IndicatorChange {
        var result = change(earlier, later, status: .notTested, reason: "")
        if let why = notComparable(earlier, later) {
            result.status = .notComparable
            result.reason = why
            return result
        }
        // Both baselines hold the same period: nothing newer was published between them, so
        // there is no change over time to test (a different value is the publisher's revision).
        if Period.same(earlier.period, later.period) {
            let period = later.periodLabel ?? later.period
            if let before = earlier.value, let after = later.value, before != after {
                result.change = rounded(after - before, places: 6)
                result.reason = "the same period (\(period)) in both baselines, revised by its publisher: a revision, not a change over time"
            } else {
                result.reason = "the same period (\(period)) in both baselines: nothing newer was published"
            }
            return result
        }
        guard let before = earlier.value else {
            result.reason = later.value == nil ? "missing in both" : "missing before (\(earlier.missing?.rawValue ?? "no value")), so no change can be measured"
            return result
        }
        guard let after = later.value else {
            result.status = later.missing == .suppressed ? .newlySuppressed : .newlyMissing
            result.reason = "had a value before; now \(later.missing?.rawValue.replacingEvery("_", with: " ") ?? "missing")"
            return result
        }
        // Values near the largest a double holds (1e308) can differ by more than it can: JSON has
        // no infinity, and no test can call such a change, so it is left unmeasured with the reason.
        guard (after - before).isFinite else {
            result.reason = "the change is too large to compute (beyond ±1.8e308) — check the two values"
            return result
        }
        result.change = rounded(after - before, places: 6)
        let tested: Tested
        switch test(earlier, later, before: before, after: after) {
        case .tested(let done): tested = done
        case .notTested(let why):
            result.reason = why
            return result
        }
        result.status = .noSignificantChange
        guard tested.p < 0.05 else {
            result.reason = "the change is within what chance would give (\(tested.words))"
            return result
        }
        switch Polarity(rawValue: later.polarity) ?? .noJudgement {
        case .highIsGood: result.status = tested.higher ? .improved : .worsened
        case .lowIsGood: result.status = tested.higher ? .worsened : .improved
        case .noJudgement: result.status = tested.higher ? .increased : .decreased
        }
        result.reason = "\(Wording.significance(p: tested.p)) (\(tested.words))"
        return result
    }

    /// A change tested: its two-sided p-value, whether the later value is the higher, and the
    /// test in words with its statistics (`two-rate Poisson test on …, z = 0.538, p = 0.590`).
    private struct Tested {
        var p: Double
        var higher: Bool
        var words: String
    }

    private enum Outcome {
        case tested(Tested)
        case notTested(String)
    }

    /// The test of a change: from the counts when both years have them — two proportions and
    /// two Poisson rates on their counts and denominators, two counts of events over periods of
    /// the same length by the exact conditional test — else from the two 95% intervals; not
    /// tested, with the reason, when neither can be used.
    private func test(_ earlier: IndicatorResult, _ later: IndicatorResult, before: Double, after: Double) -> Outcome {
        func byZ(_ z: Double, _ method: String) -> Outcome {
            let p = Normal.twoSidedP(z)
            return .tested(Tested(p: p, higher: z > 0, words: "\(method), z = \(Figure.statistic(z)), p = \(Figure.statistic(p))"))
        }
        var untested = "no counts or confidence intervals, so the change cannot be tested"
        if later.valueType == "count", earlier.valueType == "count" {
            if let x1 = earlier.count, let x2 = later.count {
                switch countTest(x1, earlier.period, x2, later.period) {
                case .tested(let done): return .tested(done)
                case .notTested(let why): untested = why
                }
            } else {
                // A count is tested from the events it counts; a baseline that did not keep them
                // (police-uk's before they did) said "no counts", of what are counts.
                untested = "a count without its count of events (`count`) or confidence intervals, so the change cannot be tested "
                    + "(police-uk's counts carry it; a baseline made before they did is tested once run again)"
            }
        }
        if let x1 = earlier.count, let n1 = earlier.denominator, let x2 = later.count, let n2 = later.denominator {
            switch later.valueType {
            case "proportion":
                if x1 <= n1, x2 <= n2, let z = TwoProportion.z(x1: x1, n1: n1, x2: x2, n2: n2) {
                    return byZ(z, "two-proportion test on \(Figure.count(x1))/\(Figure.count(n1)) and \(Figure.count(x2))/\(Figure.count(n2))")
                }
            case "rate":
                if let z = TwoRate.z(x1: x1, n1: n1, x2: x2, n2: n2) {
                    return byZ(z, "two-rate Poisson test on \(Figure.count(x1)) in \(Figure.count(n1)) and \(Figure.count(x2)) in \(Figure.count(n2))")
                }
            default: break
            }
        }
        guard let a = earlier.ci95, let b = later.ci95, a.upper > a.lower, b.upper > b.lower else { return .notTested(untested) }
        let z95 = ConfidenceLevel.ninetyFive.z
        let seA = (a.upper - a.lower) / (2 * z95), seB = (b.upper - b.lower) / (2 * z95)
        return byZ((after - before) / (seA * seA + seB * seB).squareRoot(), "from the confidence intervals, as no counts are published for both")
    }

    /// Two counts of events (`value_type: count` with its `count`: crimes counted over a year)
    /// over periods of the same length, by the exact conditional test of two Poisson counts,
    /// the exposure being the days each period covers (a financial year holding 29 February
    /// has 366); not tested when a period's days are not known. Periods of different lengths
    /// never come here: they are not comparable (`notComparable`).
    private func countTest(_ x1: Double, _ earlier: String, _ x2: Double, _ later: String) -> Outcome {
        guard let (a, b) = Self.spans(earlier, later) else {
            return .notTested("two counts, but the days the periods cover are not known (\(earlier), \(later)), so whether they were counted "
                              + "over equal times is not either: the change cannot be tested")
        }
        let t1 = Double(a.last - a.first + 1), t2 = Double(b.last - b.first + 1)
        guard let p = TwoCounts.exactP(x1: x1, t1: t1, x2: x2, t2: t2) else {
            return .notTested("the counts \(Figure.number(x1)) and \(Figure.number(x2)) are not whole numbers of events, so the change cannot be tested as counts")
        }
        // Events per day, as the test compares them: the later is the higher when x₂/t₂ > x₁/t₁,
        // which a month of 28 days after one of 31 can be with fewer events: said so.
        let higher = x2 * t1 > x1 * t2
        let perDay = (x1 != x2 && (x2 > x1) != higher) || (x1 == x2 && t1 != t2)
            ? " (\(Figure.number(x1 / t1)) and \(Figure.number(x2 / t2)) a day)" : ""
        return .tested(Tested(p: p, higher: higher,
                              words: "exact test of two Poisson counts, \(Figure.count(x1)) in \(Figure.count(t1)) days and "
                                  + "\(Figure.count(x2)) in \(Figure.count(t2))\(perDay), \(Self.pWords(p))"))
    }

    /// The days two periods cover, read as `unlikePeriods` reads them; `nil` when either cannot
    /// be placed in time.
    static func spans(_ earlier: String, _ later: String) -> (Period.Span, Period.Span)? {
        guard var a = Period(earlier), var b = Period(later) else { return nil }
        if a.kind != b.kind, let isoA = Period(earlier, style: .iso), let isoB = Period(later, style: .iso), isoA.kind == isoB.kind {
            (a, b) = (isoA, isoB)
        }
        guard let first = a.span, let second = b.span else { return nil }
        return (first, second)
    }

    /// `p = 0.031`; a p-value too small for a double (below 10⁻³⁰⁸) as a bound, not `p = 0`.
    static func pWords(_ p: Double) -> String {
        p > 0 ? "p = \(Figure.statistic(p))" : "p < 1e-300"
    }

    // MARK: - Survey

    func compareSurvey(_ before: [SurveyQuestionResult], _ after: [SurveyQuestionResult]) -> [QuestionChange] {
        compareSurveyAdjusted(before, after).changes
    }

    /// The survey's changes, the group comparisons' p-values adjusted together by `adjustment`,
    /// and how many group comparisons were adjusted.
    func compareSurveyAdjusted(_ before: [SurveyQuestionResult], _ after: [SurveyQuestionResult]) -> (changes: [QuestionChange], family: Int) {
        var out = [QuestionChange]()
        var tested = [(index: Int, p: Double, z: Double)]()
        let old = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // In the later survey's order, then what it no longer asks.
        var ids = [String]()
        for id in after.map(\.id) + before.map(\.id) where !ids.contains(id) { ids.append(id) }
        for id in ids {
            guard let earlier = old[id], let later = new[id] else {
                let q = (new[id] ?? old[id])!
                out.append(QuestionChange(id: id, text: q.text, breakdown: "overall",
                                          percentPositive: [old[id]?.overall.percentPositive, new[id]?.overall.percentPositive],
                                          responses: [old[id]?.overall.responses ?? 0, new[id]?.overall.responses ?? 0], change: nil,
                                          pValue: nil, status: new[id] == nil ? .removed : .added,
                                          reason: new[id] == nil ? "not asked in the later survey" : "not asked in the earlier survey"))
                continue
            }
            var notComparable: String?
            if earlier.text != later.text { notComparable = "the wording changed (was: “\(earlier.text)”)" }
            if earlier.scale != later.scale { notComparable = "the answer scale changed from \(earlier.scale) to \(later.scale)" }
            if earlier.reverse != later.reverse { notComparable = "reverse scoring changed" }
            let first = out.count
            out.append(compare(id, later.text, "overall", earlier.overall, later.overall, notComparable).change)
            for grouping in Set(earlier.groups.keys).intersection(later.groups.keys).sorted() {
                let earlierRows = Dictionary(earlier.groups[grouping]!.map { ($0.group, $0.figures) }, uniquingKeysWith: { a, _ in a })
                for row in later.groups[grouping]! {
                    guard let before = earlierRows[row.group] else { continue }
                    let (change, test) = compare(id, later.text, "\(grouping)=\(row.group)", before, row.figures, notComparable)
                    if let test { tested.append((out.count, test.p, test.z)) }
                    out.append(change)
                }
            }
            for index in first..<out.count {
                out[index].scale = later.scale
                if later.reverse { out[index].reverse = true }
            }
        }
        let adjusted = adjustment.adjust(tested.map(\.p))
        let family = Wording.count(tested.count, "group comparison")
        for (test, adjustedP) in zip(tested, adjusted) {
            var change = out[test.index]
            if adjustment != .none { change.adjustedPValue = rounded(adjustedP, places: 4) }
            let how = adjustment == .none ? "not adjusted for the \(family)" : "after \(adjustment.name) adjustment for the \(family)"
            let ps = "two-proportion test, p = \(Figure.statistic(test.p))" + (adjustment == .none ? "" : ", adjusted p = \(Figure.statistic(adjustedP))")
            change.status = adjustedP < 0.05 ? (test.z > 0 ? .improved : .worsened) : .noSignificantChange
            change.reason = "\(Wording.significance(p: adjustedP)) \(how) (\(ps))"
            out[test.index] = change
        }
        return (out, tested.count)
    }

    /// One question or group compared, with the unadjusted p and z of its test where it was tested.
    private func compare(_ id: String, _ text: String, _ breakdown: String, _ a: SurveyFigures, _ b: SurveyFigures,
                         _ notComparable: String?) -> (change: QuestionChange, test: (p: Double, z: Double)?) {
        var result = QuestionChange(id: id, text: text, breakdown: breakdown, percentPositive: [a.percentPositive, b.percentPositive],
                                    responses: [a.responses, b.responses], change: nil, pValue: nil, status: .notTested, reason: "")
        if let notComparable {
            result.status = .notComparable
            result.reason = notComparable
            return (result, nil)
        }
        if a.suppressed != nil || b.suppressed != nil {
            if a.suppressed == nil { result.status = .newlySuppressed }
            result.reason = a.suppressed == nil ? "suppressed now: \(b.suppressed!)"
                : b.suppressed == nil ? "suppressed before, so no change can be measured" : "suppressed both times, so no change can be measured"
            return (result, nil)
        }
        guard let p1 = a.percentPositive, let p2 = b.percentPositive, a.responses > 0, b.responses > 0 else {
            result.reason = "no answers to compare"
            return (result, nil)
        }
        // The exact shares behind the stored ones where they are counts of people, so that the
        // change is rounded once.
        let exact1 = a.effectiveSampleSize == nil ? Proportion.exactPercent(p1, of: a.responses) ?? p1 : p1
        let exact2 = b.effectiveSampleSize == nil ? Proportion.exactPercent(p2, of: b.responses) ?? p2 : p2
        result.change = rounded(exact2 - exact1, places: 2)
        // Weighted figures are tested on their effective sample size, as their intervals are.
        let n1 = a.effectiveSampleSize ?? Double(a.responses), n2 = b.effectiveSampleSize ?? Double(b.responses)
        let x1 = (p1 * n1 / 100).rounded(), x2 = (p2 * n2 / 100).rounded()
        result.status = .noSignificantChange
        guard let z = TwoProportion.z(x1: x1, n1: n1, x2: x2, n2: n2) else {
            result.reason = "every answer the same both times"
            return (result, nil)
        }
        let p = Normal.twoSidedP(z)
        result.pValue = rounded(p, places: 4)
        if p < 0.05 { result.status = z > 0 ? .improved : .worsened }
        result.reason = "\(Wording.significance(p: p)) (two-proportion test, p = \(Figure.statistic(p)))"
        return (result, (p, z))
    }

    // MARK: - Themes and priorities

    /// The kinds of source both baselines' themes were heard from, when the two differ (a year
    /// that adds interview notes to the survey's free text): shares of all mentions would then
    /// move with the mix of sources, not with what people said. `nil` when both hold the same
    /// kinds, or a baseline does not break its themes down by kind.
    static func themesBasis(_ before: [ThemeResult], _ after: [ThemeResult]) -> ThemesBasis? {
        func kinds(_ themes: [ThemeResult]) -> Set<String>? {
            let broken = themes.filter { $0.mentions > 0 }
            guard !broken.isEmpty, broken.allSatisfy({ $0.breakdown["kind"] != nil }) else { return nil }
            return Set(broken.flatMap { $0.breakdown["kind"]!.filter { $0.value > 0 }.keys })
        }
        guard let a = kinds(before), let b = kinds(after), a != b else { return nil }
        // No kind in common (a survey's free text one year, notes the next): `kinds` is empty and
        // no theme is compared.
        return ThemesBasis(kinds: a.intersection(b).sorted(), onlyBefore: a.subtracting(b).sorted(), onlyAfter: b.subtracting(a).sorted())
    }

    /// Compares each theme's share of all mentions (of `kinds` only, when given).
    func compareThemes(_ before: [ThemeResult], _ after: [ThemeResult], kinds: Set<String>? = nil) -> [ThemeChange] {
        func mentions(_ theme: ThemeResult?) -> Int {
            guard let theme else { return 0 }
            guard let kinds else { return theme.mentions }
            return theme.breakdown["kind"]?.filter { kinds.contains($0.key) }.reduce(0) { $0 + $1.value } ?? 0
        }
        // Broader themes repeat their narrower themes' mentions: totals are over the narrowest.
        let totalBefore = Double(max(1, before.narrowest.reduce(0) { $0 + mentions($1) }))
        let totalAfter = Double(max(1, after.narrowest.reduce(0) { $0 + mentions($1) }))
        let old = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(after.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let top = Set(after.sorted { ($0.mentions, $1.id) > ($1.mentions, $0.id) }.prefix(5).map(\.id))
        // Compared on some kinds only: a theme heard only in the kinds left out is not compared.
        let ids = Set(old.keys).union(new.keys).sorted().filter { kinds == nil || mentions(old[$0]) + mentions(new[$0]) > 0 }
        return ids.map { id in
            let a = Double(mentions(old[id])), b = Double(mentions(new[id]))
            let shareA = rounded(100 * a / totalBefore, places: 2), shareB = rounded(100 * b / totalAfter, places: 2)
            var status = "steady"
            // New: not heard before (not in the codebook then, or no mention), heard now; gone: the reverse.
            if old[id] == nil || (a == 0 && b > 0) { status = "new" } else if new[id] == nil || (b == 0 && a > 0) { status = "gone" } else if a > 0 || b > 0 {
                if let z = TwoProportion.z(x1: a, n1: totalBefore, x2: b, n2: totalAfter), abs(z) > ConfidenceLevel.ninetyFive.z {
                    status = shareB > shareA ? "emerging" : "fading"
                }
            }
            let oldQuotes = Set(old[id]?.quotes.map(\.text) ?? [])
            let quotes = top.contains(id) ? (new[id]?.quotes.map(\.text).filter { !oldQuotes.contains($0) } ?? []) : []
            return ThemeChange(id: id, name: (new[id] ?? old[id])!.name, share: [shareA, shareB], status: status, newQuotes: quotes)
        }
    }

    func comparePriorities(_ before: [CandidatePriority], _ after: [CandidatePriority]) -> [PriorityChange] {
        let old = Dictionary(before.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(after.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary((before + after).map { ($0.id, $0.name) }, uniquingKeysWith: { _, b in b })
        return Set(old.keys).union(new.keys).sorted { (new[$0] ?? 999, old[$0] ?? 999, $0) < (new[$1] ?? 999, old[$1] ?? 999, $1) }.map { id in
            let status = switch (old[id], new[id]) {
            case (nil, _): "entered"
            case (_, nil): "left"
            case let (a?, b?) where b < a: "moved up"
            case let (a?, b?) where b > a: "moved down"
            default: "stayed"
            }
            return PriorityChange(id: id, name: names[id] ?? id, rank: [old[id], new[id]], status: status)
        }
    }
}
