import BaselineCore

/// Progress on the partnership's agreed priorities, for a run whose pipeline names an outcomes
/// file (`outcomes:`): what the brief and the dashboard open with. Worked out before the sinks
/// write, by the pipeline's outcomes reader (the `baseline progress` engine), from the earlier
/// baselines of the place under the output root and the baseline being written; since 1.5.
///
/// Numbers are as `baseline progress --format json` gives them; `figure`, `ambition` and
/// `reason` are the same figures in words, so a sink only arranges them.
public struct ProgressSection: Sendable, Codable, Equatable {
    /// The outcomes file as the pipeline names it.
    public var outcomes: String
    /// The shared vision.
    public var vision: String
    /// The period of the baseline progress is measured from (the framework's `baseline:`, or
    /// this one while the framework's baseline is being set).
    public var baselinePeriod: String
    /// The periods of the baselines read, earliest first; the last is this baseline's.
    public var periods: [String]
    /// Whether this baseline is the framework's first: no earlier baseline of the framework's
    /// period was found, so every figure is a starting value and nothing is judged yet.
    public var settingBaseline: Bool
    /// Why, in words, when `settingBaseline`.
    public var note: String?
    /// How many metrics have each status (`on_track`, `off_track`, `not_yet_measurable`, `not_comparable`).
    public var summary: [String: Int]
    /// Each agreed priority, in the outcomes file's order.
    public var priorities: [Priority]

    enum CodingKeys: String, CodingKey {
        case outcomes, vision, periods, note, summary, priorities
        case baselinePeriod = "baseline_period"
        case settingBaseline = "setting_baseline"
    }

    /// Makes one.
    public init(outcomes: String, vision: String, baselinePeriod: String, periods: [String], settingBaseline: Bool, note: String?,
                summary: [String: Int], priorities: [Priority]) {
        self.outcomes = outcomes
        self.vision = vision
        self.baselinePeriod = baselinePeriod
        self.periods = periods
        self.settingBaseline = settingBaseline
        self.note = note
        self.summary = summary
        self.priorities = priorities
    }

    /// One agreed priority.
    public struct Priority: Sendable, Codable, Equatable {
        /// The priority id.
        public var id: String
        /// Its name.
        public var name: String
        /// Why it was chosen.
        public var why: String
        /// The partners who own it.
        public var owners: [String]
        /// Said when no metric of it can be judged yet.
        public var note: String?
        /// Its metrics.
        public var metrics: [Metric]

        /// Makes one.
        public init(id: String, name: String, why: String, owners: [String], note: String?, metrics: [Metric]) {
            self.id = id
            self.name = name
            self.why = why
            self.owners = owners
            self.note = note
            self.metrics = metrics
        }
    }

    /// One metric of a priority.
    public struct Metric: Sendable, Codable, Equatable {
        /// `indicator` or `question`.
        public var kind: String
        /// The indicator or question id.
        public var id: String
        /// Its name or question text, with the group for a group's answers.
        public var name: String
        /// `overall` or `Grouping=value` for questions; the area code for indicators.
        public var breakdown: String
        /// The ambition in words (`improve to 64 by 2027`).
        public var ambition: String
        /// The target value the ambition comes to, where there is one.
        public var target: Double?
        /// The unit of the metric's figures — its values, `target` and `change` (`%`, `per 1,000
        /// households`) — where known; since 1.9.
        public var unit: String?
        /// The baseline value, then each later one.
        public var series: [Point]
        /// The latest change from the baseline (later minus baseline), where measured.
        public var change: Double?
        /// The diff's status of that change (`improved`, `no_significant_change`…).
        public var changeStatus: String?
        /// `on_track`, `off_track`, `not_yet_measurable` or `not_comparable`.
        public var status: String
        /// Why, in words.
        public var reason: String

        enum CodingKeys: String, CodingKey {
            case kind, id, name, breakdown, ambition, target, unit, series, change, status, reason
            case changeStatus = "change_status"
        }

        /// Makes one.
        public init(kind: String, id: String, name: String, breakdown: String, ambition: String, target: Double?, unit: String? = nil,
                    series: [Point], change: Double?, changeStatus: String?, status: String, reason: String) {
            self.kind = kind
            self.id = id
            self.name = name
            self.breakdown = breakdown
            self.ambition = ambition
            self.target = target
            self.unit = unit
            self.series = series
            self.change = change
            self.changeStatus = changeStatus
            self.status = status
            self.reason = reason
        }
    }

    /// A metric's value in one baseline.
    public struct Point: Sendable, Codable, Equatable {
        /// The baseline's period.
        public var period: String
        /// The value, or `nil` when missing.
        public var value: Double?
        /// Its 95% confidence interval.
        public var ci95: Interval?
        /// Why there is no value.
        public var missing: String?
        /// The value in words, with its interval and unit (`18.6 (17.9–19.3) per 1,000`).
        public var figure: String

        /// Makes one.
        public init(period: String, value: Double?, ci95: Interval?, missing: String?, figure: String) {
            self.period = period
            self.value = value
            self.ci95 = ci95
            self.missing = missing
            self.figure = figure
        }
    }

    /// The number of metrics with `status`.
    public func count(_ status: String) -> Int { summary[status] ?? 0 }

    /// The statuses in the order a summary shows them.
    public static let statuses = ["on_track", "off_track", "not_yet_measurable", "not_comparable"]
}
