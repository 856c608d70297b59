import BaselineCore
import BaselineFormat
import BaselineDiff
import BaselineSchema
import BaselineStatistics
import Foundation

/// A baseline read for progress, with the path it was named by.
public struct LoadedBaseline: Sendable {
    /// The folder or file named on the command line.
    public var path: String
    /// The baseline.
    public var document: BaselineDocument

    /// Makes one.
    public init(path: String, document: BaselineDocument) {
        self.path = path
        self.document = document
    }
}

/// Works out progress on an outcomes file's priorities across baselines of the place. Changes
/// are the diff's (`DiffEngine`: its tests, and its not-comparable rules for definition, unit,
/// area code and wording); the trajectory and the on-track verdict are `OnTrackRule`'s.
public struct ProgressEngine {
    /// Earlier area code → later area code, beside those each later baseline records.
    public var codeChanges: [String: String]

    /// Makes an engine.
    public init(codeChanges: [String: String] = [:]) {
        self.codeChanges = codeChanges
    }

    /// The baselines in time order (by the year a period starts with, then by name); an error
    /// when two share a period or one is of another place.
    public func ordered(_ baselines: [LoadedBaseline]) throws -> [LoadedBaseline] {
        let sorted = baselines.sorted { (OnTrackRule.year($0.document.period) ?? Int.max, $0.document.period) < (OnTrackRule.year($1.document.period) ?? Int.max, $1.document.period) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.document.period == b.document.period {
            throw BaselineError(file: b.path, "two baselines of period \(b.document.period) (this and \(a.path))", hint: "name each period's baseline once")
        }
        let engine = DiffEngine(codeChanges: codeChanges)
        if let last = sorted.last {
            for other in sorted.dropLast() where !engine.samePlace(other.document, last.document) {
                throw BaselineError(file: other.path, "this baseline is of \(other.document.place.name) (\(other.document.place.code)), not \(last.document.place.name) (\(last.document.place.code))",
                                    hint: "give baselines of one place; a code change goes in --code-changes")
            }
        }
        return sorted
    }

    /// Checks every id, group, baseline period and benchmark `outcomes` names against `baselines`.
    public func check(_ outcomes: OutcomesFile, against baselines: [LoadedBaseline]) throws {
        let documents = baselines.map(\.document)
        let periods = documents.map(\.period)
        guard periods.contains(outcomes.baseline) else {
            throw outcomes.error("no baseline of period \(outcomes.baseline) among those given (\(periods.joined(separator: ", ")))",
                                 at: outcomes.baselinePosition,
                                 hint: "add that period's baseline folder to the command, or measure from one given: " + Self.suggest(outcomes.baseline, periods, what: "periods"))
        }
        for priority in outcomes.priorities {
            for metric in priority.metrics {
                let base = try baseline(of: metric, in: documents, outcomes: outcomes)
                try checkSubject(metric, base: base, all: documents, outcomes: outcomes)
                try checkAmbition(metric, base: base, outcomes: outcomes, periods: periods)
            }
            let themeIDs = Set(documents.flatMap { $0.themes.map(\.id) }).sorted()
            for theme in priority.themes where !themeIDs.contains(theme.value) {
                throw outcomes.error("no theme '\(theme.value)' in the baselines", at: theme.position,
                                     hint: Self.suggest(theme.value, themeIDs, what: "themes"))
            }
        }
    }

    /// The baseline `metric` is measured from.
    func baseline(of metric: OutcomesFile.Metric, in documents: [BaselineDocument], outcomes: OutcomesFile) throws -> BaselineDocument {
        let period = metric.baseline?.value ?? outcomes.baseline
        if let found = documents.first(where: { $0.period == period }) { return found }
        let periods = documents.map(\.period)
        throw outcomes.error("no baseline of period \(period) among those given (\(periods.joined(separator: ", ")))",
                             at: metric.baseline?.position ?? outcomes.baselinePosition,
                             hint: "add that period's baseline folder to the command, or measure from one given: " + Self.suggest(period, periods, what: "periods"))
    }

    private func checkSubject(_ metric: OutcomesFile.Metric, base: BaselineDocument, all: [BaselineDocument], outcomes: OutcomesFile) throws {
        let id = metric.subject.id
        switch metric.subject {
        case .indicator:
            let known = Set(base.indicators.filter { $0.area == base.place.code }.map(\.id)).sorted()
            guard known.contains(id.value) else {
                let later = all.first { doc in doc.indicators.contains { $0.id == id.value && $0.area == doc.place.code } }
                let hint = later.map { "it is first in the \($0.period) baseline: measure it from there with 'baseline: \($0.period)'" }
                    ?? Self.suggest(id.value, known, what: "indicators")
                throw outcomes.error("no indicator '\(id.value)' for \(base.place.name) in the \(base.period) baseline", at: id.position, hint: hint)
            }
        case .question:
            let known = base.survey.map(\.id).sorted()
            guard let question = base.survey.first(where: { $0.id == id.value }) else {
                throw outcomes.error("no survey question '\(id.value)' in the \(base.period) baseline", at: id.position,
                                     hint: Self.suggest(id.value, known, what: "questions"))
            }
            if let group = metric.group {
                let groups = question.groups.flatMap { grouping, rows in rows.map { "\(grouping)=\($0.group)" } }.sorted()
                guard groups.contains(group.value) else {
                    throw outcomes.error("question '\(id.value)' has no group '\(group.value)' in the \(base.period) baseline", at: group.position,
                                         hint: Self.suggest(group.value, groups, what: "groups"))
                }
            }
        }
    }

    private func checkAmbition(_ metric: OutcomesFile.Metric, base: BaselineDocument, outcomes: OutcomesFile, periods: [String]) throws {
        let ambition = metric.ambition
        let at = metric.ambitionPosition
        // The direction as the messages name it: `improve` when the file gives none says so.
        let direction = ambition.direction.rawValue + (metric.ambitionValues["direction"] == nil ? " (the direction when none is written)" : "")
        if case .indicator(let id) = metric.subject, ambition.direction == .improve,
           let result = Self.indicator(id.value, in: base), (Polarity(rawValue: result.polarity) ?? .noJudgement) == .noJudgement {
            throw outcomes.error(metric.ambitionValues["direction"] == nil
                                    ? "indicator '\(id.value)' has no polarity, so its ambition needs a direction"
                                    : "indicator '\(id.value)' has no polarity, so 'improve' has no direction",
                                 at: metric.ambitionValues["direction"] ?? at,
                                 hint: metric.ambitionValues["direction"] == nil ? "add 'direction: increase' or 'direction: decrease'" : "write 'increase' or 'decrease'")
        }
        if let by = ambition.by {
            guard let year = OnTrackRule.year(by) else {
                throw outcomes.error("'by: \(by)' does not start with a year", at: metric.ambitionValues["by"] ?? at, hint: "name the period by its year, such as 'by: 2027'")
            }
            if let start = OnTrackRule.year(base.period), year <= start {
                throw outcomes.error("'by: \(by)' is not after the baseline \(base.period)", at: metric.ambitionValues["by"] ?? at, hint: "give a later period")
            }
        }
        if let gap = ambition.closeGap {
            let names = base.benchmarks.map(\.role) + base.benchmarks.map(\.code)
            guard base.benchmarks.contains(where: { $0.role == gap.to || $0.code == gap.to }) else {
                throw outcomes.error("no benchmark '\(gap.to)' in the \(base.period) baseline", at: metric.ambitionValues["close_gap.to"] ?? at,
                                     hint: Self.suggest(gap.to, Array(Set(names)).sorted(), what: "benchmarks (by role or code)"))
            }
        }
        if let gap = ambition.closeGap, case .indicator(let id) = metric.subject, case let point = Self.value(of: metric, in: base),
           let value = point.value, let area = base.benchmarks.first(where: { $0.role == gap.to || $0.code == gap.to }),
           let benchmark = Self.benchmarkValue(id.value, of: area.code, at: point.dataPeriod ?? point.period, in: base) {
            let sign = Self.sign(ambition.direction, polarity: Self.polarity(of: metric, in: base))
            if Double(sign) * (benchmark - value) <= 0 {
                let unit = Self.unit(of: metric, in: base), type = Self.valueType(of: metric, in: base)
                throw outcomes.error("there is no gap to close: \(base.place.name) is at \(ProgressRenderer.target(value, unit: unit, valueType: type)) and \(area.name) at \(ProgressRenderer.target(benchmark, unit: unit, short: true, valueType: type)) in the \(base.period) baseline, and the ambition is to \(direction)",
                                     at: metric.ambitionValues["close_gap"] ?? at, hint: "give a target instead, or choose another benchmark")
            }
        }
        if let target = ambition.target, let value = Self.value(of: metric, in: base).value {
            let sign = Self.sign(ambition.direction, polarity: Self.polarity(of: metric, in: base))
            if Double(sign) * (target - value) < 0 {
                let unit = Self.unit(of: metric, in: base), type = Self.valueType(of: metric, in: base)
                throw outcomes.error("the target \(ProgressRenderer.target(target, unit: unit, valueType: type)) is \(target < value ? "below" : "above") the baseline value \(ProgressRenderer.target(value, unit: unit, short: true, valueType: type)), but the ambition is to \(direction)",
                                     at: metric.ambitionValues["target"] ?? at, hint: "check the target or the direction")
            }
        }
    }

    /// `outcomes` with each question's group named as its baseline names it, when the two differ
    /// only by Unicode spaces (a no-break space in the export's label, a plain one in the file)
    /// and exactly one group matches so.
    func matchingGroups(_ outcomes: OutcomesFile, in documents: [BaselineDocument]) -> OutcomesFile {
        var outcomes = outcomes
        for p in outcomes.priorities.indices {
            for m in outcomes.priorities[p].metrics.indices {
                let metric = outcomes.priorities[p].metrics[m]
                let period = metric.baseline?.value ?? outcomes.baseline
                guard case .question(let id) = metric.subject, let group = metric.group,
                      let question = documents.first(where: { $0.period == period })?.survey.first(where: { $0.id == id.value }) else { continue }
                let groups = question.groups.flatMap { grouping, rows in rows.map { "\(grouping)=\($0.group)" } }
                if !groups.contains(group.value), let label = matchingSpaces(group.value, in: groups) {
                    outcomes.priorities[p].metrics[m].group?.value = label
                }
            }
        }
        return outcomes
    }

    static func suggest(_ word: String, _ known: [String], what: String) -> String {
        if let guess = didYouMean(word, in: known) { return guess }
        return known.isEmpty ? "the baselines hold no \(what)" : "known \(what): " + known.prefix(12).joined(separator: ", ") + (known.count > 12 ? "…" : "")
    }

    // MARK: - Progress

    /// Progress on `outcomes` across `baselines` (any order, at least one): checked, then worked out.
    public func progress(_ outcomes: OutcomesFile, baselines: [LoadedBaseline]) throws -> ProgressReport {
        let ordered = try ordered(baselines)
        let outcomes = matchingGroups(outcomes, in: ordered.map(\.document))
        try check(outcomes, against: ordered)
        let documents = ordered.map(\.document)
        var diffs = [String: BaselineDiff]()
        let engine = DiffEngine(codeChanges: codeChanges)
        func diff(_ base: BaselineDocument, _ later: BaselineDocument) -> BaselineDiff {
            let key = base.period + "\u{0}" + later.period
            if let seen = diffs[key] { return seen }
            let made = engine.diff(from: base, to: later)
            diffs[key] = made
            return made
        }
        var priorities = [PriorityProgress]()
        var summary = Dictionary(uniqueKeysWithValues: ProgressStatus.allCases.map { ($0.rawValue, 0) })
        // The baselines the report measures from: the framework's and any a metric names; an
        // earlier one given on the command line is not among the periods it shows.
        var earliest = documents.firstIndex { $0.period == outcomes.baseline } ?? 0
        for priority in outcomes.priorities {
            var metrics = [MetricProgress]()
            for metric in priority.metrics {
                let base = try baseline(of: metric, in: documents, outcomes: outcomes)
                if let index = documents.firstIndex(where: { $0.period == base.period }) { earliest = min(earliest, index) }
                let laters = documents.drop { $0.period != base.period }.dropFirst()
                let progress = measure(metric, base: base, laters: Array(laters), diff: diff)
                summary[progress.status.rawValue, default: 0] += 1
                metrics.append(progress)
            }
            let base = documents.first { $0.period == outcomes.baseline } ?? documents[0]
            let laters = Array(documents.drop { $0.period != base.period }.dropFirst())
            let themes = priority.themes.map { theme(id: $0.value, base: base, laters: laters, diff: diff) }
            var note: String?
            if metrics.isEmpty {
                note = "no metric agreed yet: progress on this priority cannot be measured"
            } else if !metrics.contains(where: { $0.status == .onTrack || $0.status == .offTrack }) {
                note = "no metric of this priority can be judged yet"
            }
            priorities.append(PriorityProgress(id: priority.id, name: priority.name, why: priority.why, owners: priority.owners,
                                               metrics: metrics, themes: themes, note: note))
        }
        let latest = documents.last!
        return ProgressReport(schemaVersion: ProgressReport.currentSchemaVersion, place: latest.place, vision: outcomes.vision,
                              periods: documents[earliest...].map(\.period), summary: summary, priorities: priorities)
    }

    /// One metric's series, changes, trajectory and verdict.
    func measure(_ metric: OutcomesFile.Metric, base: BaselineDocument, laters: [BaselineDocument],
                 diff: (BaselineDocument, BaselineDocument) -> BaselineDiff) -> MetricProgress {
        let id = metric.subject.id.value
        let breakdown: String
        let kind: String
        var name = id
        var unit: String?
        var valueType: String?
        switch metric.subject {
        case .indicator:
            kind = "indicator"
            breakdown = (laters.last ?? base).place.code
            for doc in [base] + laters { if let r = Self.indicator(id, in: doc) { name = r.name; unit = r.unit; valueType = r.valueType } }
        case .question:
            kind = "question"
            breakdown = metric.group?.value ?? "overall"
            unit = "%"
            for doc in [base] + laters { if let q = doc.survey.first(where: { $0.id == id }) { name = q.text } }
        }
        let series = ([base] + laters).map { Self.value(of: metric, in: $0) }
        var changes = [MetricChange]()
        var tested = [Bool]()
        for later in laters {
            let made = diff(base, later)
            switch metric.subject {
            case .indicator:
                if let change = made.indicators.first(where: { $0.id == id && $0.area == later.place.code }) {
                    changes.append(MetricChange(period: later.period, change: change.change, status: change.status.rawValue, reason: change.reason))
                    // Tested when the diff tested it — from the counts or the intervals. (From the
                    // intervals alone, two counts of crimes, tested by the diff, were "not tested".)
                    tested.append(change.change != nil && Self.testedStatuses.contains(change.status.rawValue))
                } else {
                    changes.append(MetricChange(period: later.period, change: nil, status: ChangeStatus.removed.rawValue, reason: "not in the \(later.period) baseline"))
                    tested.append(false)
                }
            case .question:
                if let change = made.survey.first(where: { $0.id == id && $0.breakdown == breakdown }) {
                    changes.append(MetricChange(period: later.period, change: change.change, status: change.status.rawValue, reason: change.reason))
                    tested.append(change.pValue != nil)
                } else {
                    changes.append(MetricChange(period: later.period, change: nil, status: ChangeStatus.removed.rawValue, reason: "not in the \(later.period) baseline"))
                    tested.append(false)
                }
            }
        }
        let polarity = Self.polarity(of: metric, in: base)
        var target = metric.ambition.target
        var reasonPrefix = ""
        if let gap = metric.ambition.closeGap, let value = series[0].value,
           let area = base.benchmarks.first(where: { $0.role == gap.to || $0.code == gap.to }) {
            let period = series[0].dataPeriod ?? series[0].period
            if let benchmark = Self.benchmarkValue(id, of: area.code, at: period, in: base) {
                target = rounded(value + gap.percent / 100 * (benchmark - value), places: 4)
            } else if base.indicators.contains(where: { $0.id == id && $0.area == area.code && $0.value != nil }) {
                reasonPrefix = "\(area.name) has no value for \(Figure.period(period)), the period of the baseline's figure, so the gap cannot be measured like for like; "
            } else {
                reasonPrefix = "\(area.name) has no value at the baseline, so the gap cannot be measured; "
            }
        }
        var progress = MetricProgress(kind: kind, id: id, name: name, breakdown: breakdown, unit: unit, ambition: metric.ambition,
                                      target: target, series: series, changes: changes, trajectory: nil,
                                      status: .notYetMeasurable, reason: "")
        progress.valueType = valueType
        let verdict = judge(metric.ambition, sign: Self.sign(metric.ambition.direction, polarity: polarity), target: target,
                            series: series, latestChange: changes.last, tested: tested.last ?? false, polarity: polarity, unit: unit,
                            valueType: valueType)
        progress.status = verdict.status
        progress.reason = reasonPrefix + verdict.reason
        progress.trajectory = verdict.trajectory
        if !reasonPrefix.isEmpty, metric.ambition.closeGap != nil, target == nil {
            progress.status = .notYetMeasurable
            progress.trajectory = nil
        }
        return progress
    }

    /// What to add when no figure of the series has an interval: the publisher gives none (ONS's
    /// GCSE results, the claimant count), and "not yet" would promise a verdict that later
    /// baselines will not bring (the try-out's GCSE ambition, "not yet measurable" every year).
    ///
    /// A count of events (`valueType` `count`) has an interval whenever it carries its count
    /// (`countInterval`): one without is a count from a baseline that did not keep it — police-uk's
    /// before they did — and the advice to agree "a measure published with intervals or counts"
    /// for what are counts read as nonsense (the try-out's crimes).
    static func neverMeasurable(_ series: [MetricPoint], valueType: String? = nil) -> String {
        guard series.count > 1, series.allSatisfy({ $0.ci95 == nil }) else { return "" }
        if valueType == "count" {
            return "; none of its figures carries its count of events (`count`) or an interval to judge it with: police-uk's counts carry it, "
                + "so baselines of them made before they did are judged once run again; a published count needs its count or interval published"
        }
        return "; none of its figures has an interval, so later baselines will not judge it either unless its publisher adds them: "
            + "agree a measure published with intervals or counts, or follow its figures without a verdict"
    }

    /// The verdict on the latest value of `series` (baseline first), its figures in words with
    /// `unit`.
    func judge(_ ambition: Ambition, sign: Int, target: Double?, series: [MetricPoint], latestChange: MetricChange?,
               tested: Bool, polarity: Polarity, unit: String?, valueType: String? = nil) -> (status: ProgressStatus, reason: String, trajectory: Trajectory?) {
        let base = series[0]
        guard series.count > 1, let latest = series.last, let change = latestChange else {
            return (.notYetMeasurable, "measured only at the \(base.period) baseline so far: progress needs a later baseline", nil)
        }
        if change.status == ChangeStatus.notComparable.rawValue {
            return (.notComparable, "not comparable with the \(base.period) baseline: \(change.reason)", nil)
        }
        guard let b = base.value else {
            return (.notYetMeasurable, "no value at the \(base.period) baseline (\(base.missing ?? "missing")), so progress cannot be measured from it", nil)
        }
        guard let v = latest.value else {
            return (.notYetMeasurable, "no value in \(latest.period) (\(latest.missing ?? "missing"))", nil)
        }
        // A figure for the period an earlier baseline already held (nothing newer was published)
        // keeps the place in time that baseline gave it: the lag between a baseline and its
        // figures cancels out of the trajectory only while it stays the same.
        let figurePeriod = latest.dataPeriod ?? latest.period
        // (The latest point holds its own period: there is always a first.)
        let first = series.firstIndex { Period.same($0.dataPeriod ?? $0.period, figurePeriod) }!
        let placed = series[first].period
        let same = "the \(latest.period) baseline holds the same period (\(Figure.period(figurePeriod)))"
        // Nothing newer than the baseline's own figure: no progress to judge, whatever the ambition
        // (a revised value of the same period is no new measurement).
        if first == 0 {
            return (.notYetMeasurable, "nothing newer was published since the \(base.period) baseline: \(same), so there is no progress to judge yet", nil)
        }
        let stale = first < series.count - 1 ? "nothing newer was published since the \(placed) baseline: \(same), judged as in \(placed): " : ""
        if let target, ambition.closeGap != nil || ambition.target != nil, let by = ambition.by {
            guard let t0 = OnTrackRule.year(base.period), let t1 = OnTrackRule.year(by), let t = OnTrackRule.year(placed) else {
                return (.notYetMeasurable, "the periods do not start with years, so the trajectory cannot be placed", nil)
            }
            guard let ib = base.ci95, let iv = latest.ci95, ib.upper > ib.lower, iv.upper > iv.lower else {
                return (.notYetMeasurable, "no confidence interval \(base.ci95 == nil || base.ci95!.upper <= base.ci95!.lower ? "at the baseline" : "in \(latest.period)"), so progress cannot be judged with its uncertainty"
                            + Self.neverMeasurable(series, valueType: valueType), nil)
            }
            let way = target == b ? sign : (target > b ? 1 : -1)
            guard let (expected, z) = OnTrackRule.assess(baseline: b, baselineInterval: ib, target: target, from: t0, by: t1, at: t,
                                                         latest: v, latestInterval: iv, sign: way == 0 ? 1 : way) else {
                return (.notYetMeasurable, "the intervals have no width, so progress cannot be judged with its uncertainty", nil)
            }
            let (status, words) = OnTrackRule.status(z: z)
            let trajectory = Trajectory(from: MetricPoint(period: base.period, value: b), to: MetricPoint(period: by, value: target),
                                        expected: rounded(expected, places: 4), z: rounded(z, places: 3))
            let line = ProgressRenderer.trajectory(latest: v, interval: iv, expected: expected, in: placed, target: target, by: by, unit: unit,
                                                   valueType: valueType)
            return (status, "\(stale)\(words) the trajectory: \(line) (z = \(Figure.statistic(z)))", trajectory)
        }
        guard tested else {
            return (.notYetMeasurable, "\(stale)the change cannot be tested: \(change.reason)" + Self.neverMeasurable(series, valueType: valueType), nil)
        }
        let significant = [ChangeStatus.improved, .worsened, .increased, .decreased].map(\.rawValue).contains(change.status)
        let moved = (change.change ?? (v - b)) > 0 ? 1 : -1
        if ambition.direction == .maintain {
            let worse = change.status == ChangeStatus.worsened.rawValue || (polarity == .noJudgement && significant)
            return worse ? (.offTrack, "\(stale)significantly \(polarity == .noJudgement ? "changed" : "worse") since \(base.period): \(change.reason)", nil)
                : (.onTrack, "\(stale)no significant worsening since \(base.period): \(change.reason)", nil)
        }
        guard significant else {
            return (.notYetMeasurable, "\(stale)no change beyond chance yet since \(base.period): \(change.reason)", nil)
        }
        return moved == sign ? (.onTrack, "\(stale)moved the agreed way since \(base.period): \(change.reason)", nil)
            : (.offTrack, "\(stale)moved the wrong way since \(base.period): \(change.reason)", nil)
    }

    /// What people said about a theme in each baseline, like for like with the baseline.
    func theme(id: String, base: BaselineDocument, laters: [BaselineDocument], diff: (BaselineDocument, BaselineDocument) -> BaselineDiff) -> ThemeProgress {
        let docs = [base] + laters
        let results = docs.map { doc in doc.themes.first { $0.id == id } }
        var share = [Double?]()
        var status = "measured at the baseline only"
        for (index, later) in laters.enumerated() {
            let change = diff(base, later).themes.first { $0.id == id }
            if index == 0 { share.append(change?.share[0]) }
            share.append(change?.share[1])
            status = change?.status ?? "not compared (heard only from kinds of source the baseline did not hold)"
        }
        if laters.isEmpty {
            let total = max(1, base.themes.narrowest.reduce(0) { $0 + $1.mentions })
            share = [rounded(100 * Double(results[0]?.mentions ?? 0) / Double(total), places: 2)]
        }
        let then = results.first??.quotes.first?.text
        let now = laters.isEmpty ? nil : results.last??.quotes.first { $0.text != then }?.text
        return ThemeProgress(id: id, name: results.compactMap { $0?.name }.last ?? id, periods: docs.map(\.period),
                             mentions: results.map { $0?.mentions ?? 0 }, share: share, status: status, quoteThen: then, quoteNow: now)
    }

    // MARK: - Reading a baseline

    /// The place's latest-period result for indicator `id`.
    static func indicator(_ id: String, in doc: BaselineDocument) -> IndicatorResult? {
        doc.indicators.filter { $0.id == id && $0.area == doc.place.code }.max { Period.isBefore($0.period, $1.period) }
    }

    /// The diff's statuses of a change it tested (from counts or intervals), whatever the result.
    static let testedStatuses: Set<String> = Set([ChangeStatus.improved, .worsened, .increased, .decreased, .noSignificantChange].map(\.rawValue))

    /// The 95% interval of a count of events (`value_type: count` with its `count`: police-uk's
    /// crimes) that has none of its own: exact Poisson limits below 10 events, Byar's from 10,
    /// as docs/statistics.md gives for counts — what a trajectory to a target is judged with
    /// (robbery's 92 crimes against a target of 80 was "not yet measurable": no interval).
    static func countInterval(_ result: IndicatorResult) -> Interval? {
        guard result.valueType == "count", let count = result.count, let value = result.value, count == value,
              let limits = Rate.countInterval(count) else { return nil }
        return Interval(lower: rounded(limits.lower, places: 4), upper: rounded(limits.upper, places: 4))
    }

    /// The metric's value in `doc`.
    static func value(of metric: OutcomesFile.Metric, in doc: BaselineDocument) -> MetricPoint {
        let id = metric.subject.id.value
        switch metric.subject {
        case .indicator:
            guard let r = indicator(id, in: doc) else { return MetricPoint(period: doc.period, missing: "not in this baseline") }
            return MetricPoint(period: doc.period, dataPeriod: r.period == doc.period ? nil : r.period, value: r.value,
                               ci95: r.value == nil ? nil : r.ci95 ?? countInterval(r), missing: r.value == nil ? (r.missing?.rawValue ?? "missing") : nil)
        case .question:
            guard let q = doc.survey.first(where: { $0.id == id }) else { return MetricPoint(period: doc.period, missing: "not in this baseline") }
            var figures = q.overall
            if let group = metric.group?.value {
                let parts = group.split(separator: "=", maxSplits: 1).map(String.init)
                guard let row = q.groups[parts[0]]?.first(where: { $0.group == parts[1] }) else {
                    return MetricPoint(period: doc.period, missing: "no such group in this baseline")
                }
                figures = row.figures
            }
            if let suppressed = figures.suppressed { return MetricPoint(period: doc.period, missing: "suppressed: \(suppressed)") }
            guard let value = figures.percentPositive else { return MetricPoint(period: doc.period, missing: "no answers") }
            return MetricPoint(period: doc.period, value: value, ci95: figures.ci95)
        }
    }

    /// The benchmark's value of indicator `id` for `period` — the period of the place's own
    /// figure — in `doc`: a gap is measured between figures of one period (a benchmark's later
    /// figure, where the place's is suppressed or not yet published, would mix two years).
    static func benchmarkValue(_ id: String, of area: String, at period: String, in doc: BaselineDocument) -> Double? {
        doc.indicators.first { $0.id == id && $0.area == area && Period.same($0.period, period) }?.value
    }

    /// The unit of the metric's figures in `doc`: the indicator's, or `%` for a question's % positive.
    static func unit(of metric: OutcomesFile.Metric, in doc: BaselineDocument) -> String? {
        switch metric.subject {
        case .indicator(let id): indicator(id.value, in: doc)?.unit
        case .question: "%"
        }
    }

    /// The kind of figure of the metric in `doc` (`count`, `rate`…; a question's is a share), for
    /// the decimal places it is shown with: a count is whole (`512 crimes`, not `512.0 crimes`).
    static func valueType(of metric: OutcomesFile.Metric, in doc: BaselineDocument) -> String? {
        switch metric.subject {
        case .indicator(let id): indicator(id.value, in: doc)?.valueType
        case .question: nil
        }
    }

    static func polarity(of metric: OutcomesFile.Metric, in doc: BaselineDocument) -> Polarity {
        switch metric.subject {
        case .indicator(let id): Polarity(rawValue: indicator(id.value, in: doc)?.polarity ?? "") ?? .noJudgement
        case .question: .highIsGood
        }
    }

    /// +1 to go up, −1 to go down, 0 to hold.
    static func sign(_ direction: Ambition.Direction, polarity: Polarity) -> Int {
        switch direction {
        case .increase: 1
        case .decrease: -1
        case .maintain: 0
        case .improve: polarity == .lowIsGood ? -1 : 1
        }
    }

    /// A number as the partnership wrote it — a gap's percent — up to `places` decimals, no
    /// trailing zeros. Figures in a unit (values, targets) go through `Figure` (`BaselineFormat`),
    /// as in the brief: `ProgressRenderer.figure`, `ProgressRenderer.target`.
    public static func number(_ value: Double, places: Int = 2) -> String {
        Figure.plain(value, places: places)
    }

}
