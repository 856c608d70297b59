import BaselineCore
import BaselineDiff
import BaselineSchema
import Foundation

/// Progress on a partnership's agreed priorities across baselines of its place: per metric the
/// baseline value, each later value with its interval, the change so far with its test, the
/// trajectory to the ambition, and whether the latest value is on track. The JSON contract is
/// `schema/progress.schema.json`.
public struct ProgressReport: Codable, Sendable, Equatable {
    /// The version of the progress JSON contract.
    public static let currentSchemaVersion = "1.0"

    /// The contract version.
    public var schemaVersion: String
    /// The place (as in the latest baseline).
    public var place: Place
    /// The shared vision.
    public var vision: String
    /// The periods of the baselines read, earliest first.
    public var periods: [String]
    /// How many metrics have each status.
    public var summary: [String: Int]
    /// Each agreed priority, in the outcomes file's order.
    public var priorities: [PriorityProgress]

    enum CodingKeys: String, CodingKey {
        case place, vision, periods, summary, priorities
        case schemaVersion = "schema_version"
    }
}

/// Whether a metric's latest value is where the ambition needs it.
public enum ProgressStatus: String, Codable, Sendable, CaseIterable {
    /// Not significantly behind the trajectory (or, without a target, significantly moved the
    /// right way; for `maintain`, not significantly worse).
    case onTrack = "on_track"
    /// Significantly behind the trajectory, or significantly moved the wrong way.
    case offTrack = "off_track"
    /// No later value, a value missing or suppressed, no interval, or no change beyond chance yet.
    case notYetMeasurable = "not_yet_measurable"
    /// The definition, unit, area code or wording changed since the baseline (as the diff decides).
    case notComparable = "not_comparable"
}

/// One priority's progress.
public struct PriorityProgress: Codable, Sendable, Equatable {
    /// The priority id.
    public var id: String
    /// Its name.
    public var name: String
    /// Why it was chosen.
    public var why: String
    /// The partners who own it.
    public var owners: [String]
    /// Its metrics.
    public var metrics: [MetricProgress]
    /// What people said about its themes, then and now.
    public var themes: [ThemeProgress]
    /// Said when no metric of the priority can be judged yet; `nil` otherwise.
    public var note: String?
}

/// A value of a metric in one baseline.
public struct MetricPoint: Codable, Sendable, Equatable {
    /// The baseline's period.
    public var period: String
    /// The period the figure is for, where it differs (an indicator's `2023-24`).
    public var dataPeriod: String?
    /// The value (a survey question's % positive), or `nil` when missing.
    public var value: Double?
    /// Its 95% confidence interval.
    public var ci95: Interval?
    /// Why there is no value (`suppressed`, `not in this baseline`…).
    public var missing: String?

    enum CodingKeys: String, CodingKey {
        case period, value, ci95, missing
        case dataPeriod = "data_period"
    }
}

/// The change from the baseline to a later value, as `baseline diff` tests it.
public struct MetricChange: Codable, Sendable, Equatable {
    /// The later baseline's period.
    public var period: String
    /// Later minus baseline value.
    public var change: Double?
    /// The diff's status (`improved`, `no_significant_change`, `not_comparable`…).
    public var status: String
    /// The diff's reason, with its test.
    public var reason: String
}

/// The straight line from the baseline value to the target, and where it puts the latest period.
public struct Trajectory: Codable, Sendable, Equatable {
    /// The baseline period and value.
    public var from: MetricPoint
    /// The target period and value.
    public var to: MetricPoint
    /// The value the line reaches at the latest period (at the first baseline that held the
    /// latest figure's period, when nothing newer was published since).
    public var expected: Double
    /// The z statistic of the latest value against `expected`, the good direction positive.
    public var z: Double
}

/// One metric's progress.
public struct MetricProgress: Codable, Sendable, Equatable {
    /// `indicator` or `question`.
    public var kind: String
    /// The indicator or question id.
    public var id: String
    /// Its name or question text (as in the latest baseline that has it).
    public var name: String
    /// `overall` or `Grouping=value` for questions; the area code for indicators.
    public var breakdown: String
    /// The unit (`%` for questions).
    public var unit: String?
    /// The ambition as agreed, with any target worked out from a gap to close.
    public var ambition: Ambition
    /// The target value the ambition comes to (given, or from the gap to close at the baseline).
    public var target: Double?
    /// The baseline value, then each later one.
    public var series: [MetricPoint]
    /// The change from the baseline to each later value.
    public var changes: [MetricChange]
    /// The line to the target, when there is a target and the periods are years.
    public var trajectory: Trajectory?
    /// Whether the latest value is on track.
    public var status: ProgressStatus
    /// Why, in words.
    public var reason: String
    /// The indicator's kind of figure (`count`, `rate`…), for the decimal places its figures are
    /// shown with: a count is whole (`512 crimes`, not `512.0 crimes`), as in the diff. Not in
    /// the progress JSON (the figures there are numbers).
    public var valueType: String? = nil

    enum CodingKeys: String, CodingKey {
        case kind, id, name, breakdown, unit, ambition, target, series, changes, trajectory, status, reason
    }
}

/// What people said about a theme, then and now.
public struct ThemeProgress: Codable, Sendable, Equatable {
    /// The theme id.
    public var id: String
    /// Its name.
    public var name: String
    /// The baselines' periods, baseline first.
    public var periods: [String]
    /// Mentions in each baseline.
    public var mentions: [Int]
    /// Share of all theme mentions in each baseline, in percent (like for like with the baseline,
    /// as the diff compares); `nil` where the diff could not compare it (heard only from kinds of
    /// source the baseline did not hold).
    public var share: [Double?]
    /// The diff's status from the baseline to the latest (`emerging`, `fading`, `steady`, `new`, `gone`).
    public var status: String
    /// A quote from the baseline, and one from the latest baseline, where there are.
    public var quoteThen: String?
    /// A quote from the latest baseline.
    public var quoteNow: String?

    enum CodingKeys: String, CodingKey {
        case id, name, periods, mentions, share, status
        case quoteThen = "quote_then"
        case quoteNow = "quote_now"
    }
}
