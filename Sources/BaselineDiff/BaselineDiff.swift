import BaselineCore
import BaselineSchema
import BaselineStatistics
import Foundation

/// What changed between two baselines of a place, told honestly: a change is *improved* or
/// *worsened* only when it is statistically significant; a change of method, unit, polarity or
/// area is *not comparable* rather than a change.
public struct BaselineDiff: Codable, Sendable, Equatable {
    /// The version of the diff JSON contract (`schema/diff.schema.json`).
    public static let currentSchemaVersion = "1.2"

    /// The contract version.
    public var schemaVersion: String
    /// The earlier baseline.
    public var from: Side
    /// The later baseline.
    public var to: Side
    /// How many results of each status, for the one-screen summary.
    public var summary: [String: Int]
    /// Indicator changes.
    public var indicators: [IndicatorChange]
    /// Survey changes per question, overall and per group.
    public var survey: [QuestionChange]
    /// Theme changes by share of mentions.
    public var themes: [ThemeChange]
    /// When the two baselines heard from different kinds of source (2025 adds interview notes,
    /// say), the kinds the themes were compared on and those left out; `nil` when both hold the same.
    public var themesBasis: ThemesBasis?
    /// The names of the place and its benchmark areas by code, from both baselines, so that a
    /// reader sees "England" where the comparison keys on E92000001.
    public var areaNames: [String: String]?
    /// Candidate priorities that entered, left or moved.
    public var priorities: [PriorityChange]
    /// How the p-values of the survey's group comparisons were adjusted for their number;
    /// `nil` when there were none to adjust (and in diffs written before 1.2).
    public var adjustment: Adjustment?

    enum CodingKeys: String, CodingKey {
        case from, to, summary, indicators, survey, themes, priorities, adjustment
        case schemaVersion = "schema_version"
        case themesBasis = "themes_basis"
        case areaNames = "area_names"
    }

    /// One side of the comparison.
    public struct Side: Codable, Sendable, Equatable {
        /// The place.
        public var place: Place
        /// The period.
        public var period: String
    }

    /// The adjustment for many comparisons applied to the survey's group comparisons.
    public struct Adjustment: Codable, Sendable, Equatable {
        /// `bh` (Benjamini–Hochberg), `holm` or `none`.
        public var method: String
        /// How many group comparisons were tested together (the family adjusted over).
        public var comparisons: Int
    }
}

/// The statuses a compared figure can have.
public enum ChangeStatus: String, Codable, Sendable, CaseIterable {
    /// Significantly better, by the indicator's polarity (or the survey's positive share).
    case improved
    /// Significantly worse.
    case worsened
    /// Significantly higher, where there is no polarity.
    case increased
    /// Significantly lower, where there is no polarity.
    case decreased
    /// Tested, and the difference is within what chance would give.
    case noSignificantChange = "no_significant_change"
    /// Not tested: the same period in both, no interval or counts to test with, missing or suppressed both times. The
    /// reason says which.
    case notTested = "not_tested"
    /// A change of unit, polarity, definition, wording or area: not a like-for-like comparison.
    case notComparable = "not_comparable"
    /// Had a value before, missing now.
    case newlyMissing = "newly_missing"
    /// Had a value before, suppressed now.
    case newlySuppressed = "newly_suppressed"
    /// Only in the later baseline.
    case added
    /// Only in the earlier baseline.
    case removed
}

/// The change of one indicator for one area.
public struct IndicatorChange: Codable, Sendable, Equatable {
    /// The indicator id.
    public var id: String
    /// Its name (as now).
    public var name: String
    /// The area code (as now).
    public var area: String
    /// The area code before, where it changed.
    public var previousArea: String?
    /// The periods compared (latest of each baseline).
    public var periods: [String]
    /// The values compared.
    public var values: [Double?]
    /// Later minus earlier, in the indicator's unit.
    public var change: Double?
    /// The unit.
    public var unit: String?
    /// The result.
    public var status: ChangeStatus
    /// Why, in words (the test used and what it was computed from, or what is not comparable
    /// or why it was not tested).
    public var reason: String
    /// Comparison with each benchmark then and now: `E92000001: worse → similar`.
    public var benchmarks: [String: String]
    /// The kind of figure (`count`, `rate`…), for the decimal places it is shown with: a count
    /// is whole (`5,466 → 9,878 crimes`, not `5,466.0 → 9,878.0`). Not in the diff's JSON.
    public var valueType: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, name, area, periods, values, change, unit, status, reason, benchmarks
        case previousArea = "previous_area"
    }
}

/// The change of one survey question, overall or for one group.
public struct QuestionChange: Codable, Sendable, Equatable {
    /// The question id.
    public var id: String
    /// The question text (as now).
    public var text: String
    /// `overall`, or `Grouping=value`.
    public var breakdown: String
    /// % positive before and now.
    public var percentPositive: [Double?]
    /// Responses before and now.
    public var responses: [Int]
    /// Change in percentage points.
    public var change: Double?
    /// Two-sided p-value of the two-proportion test, as tested (unadjusted).
    public var pValue: Double?
    /// For a group comparison: the p-value adjusted for the number of group comparisons in the
    /// diff (`adjustment` says how), which decides the status. Absent overall.
    public var adjustedPValue: Double? = nil
    /// The result.
    public var status: ChangeStatus
    /// Why, in words.
    public var reason: String
    /// `true` for a reverse-scored question ("We work in silos"): % positive is then the share
    /// who disagreed. Absent otherwise.
    public var reverse: Bool? = nil
    /// The answer scale (as now): `agree5`, `frequency5`…
    public var scale: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, text, breakdown, responses, change, status, reason, reverse, scale
        case percentPositive = "percent_positive"
        case pValue = "p_value"
        case adjustedPValue = "adjusted_p_value"
    }
}

/// What theme shares were compared on when the two baselines' sources differ in kind.
public struct ThemesBasis: Codable, Sendable, Equatable {
    /// The kinds both baselines hold (`survey`, `interview`…): mentions of these only are compared.
    public var kinds: [String]
    /// Kinds only the earlier baseline holds, left out of the comparison.
    public var onlyBefore: [String]
    /// Kinds only the later baseline holds, left out of the comparison.
    public var onlyAfter: [String]

    enum CodingKeys: String, CodingKey {
        case kinds
        case onlyBefore = "only_before"
        case onlyAfter = "only_after"
    }
}

/// The change of one theme's share of all mentions.
public struct ThemeChange: Codable, Sendable, Equatable {
    /// The theme id.
    public var id: String
    /// The name.
    public var name: String
    /// Share of all theme mentions before and now, in percent (of the kinds in `themes_basis`
    /// where the baselines differ in kind).
    public var share: [Double]
    /// `emerging`, `fading`, `steady`, `new` or `gone`.
    public var status: String
    /// Quotes that are new this time.
    public var newQuotes: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, share, status
        case newQuotes = "new_quotes"
    }
}

/// A candidate priority that entered, left or moved.
public struct PriorityChange: Codable, Sendable, Equatable {
    /// The priority id.
    public var id: String
    /// Its name.
    public var name: String
    /// Rank before and now (1 = first), nil where absent.
    public var rank: [Int?]
    /// `entered`, `left`, `moved up`, `moved down` or `stayed`.
    public var status: String
}
