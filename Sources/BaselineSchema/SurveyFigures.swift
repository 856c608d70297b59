import BaselineCore

/// A figure computed over a set of responses: the shape shared by the overall result of a
/// question and each group's result.
public struct SurveyFigures: Sendable, Codable, Equatable {
    /// Answers on the scale (the denominator).
    public var responses: Int
    /// Share of `responses` that were positive, in percent; `nil` when suppressed.
    public var percentPositive: Double?
    /// Wilson 95% interval of `percentPositive`, in percent.
    public var ci95: Interval?
    /// Mean scale score; `nil` when suppressed.
    public var meanScore: Double?
    /// Count per scale label; empty when suppressed.
    public var distribution: [String: Int]
    /// Blank answers.
    public var blank: Int
    /// Answers kept out of the denominator, by label ("Don't know": 3).
    public var excluded: [String: Int]
    /// Why the figures are withheld, when they are (`fewer than 10 responses`).
    public var suppressed: String?
    /// For a multi-select question: per option, how many ticked it and their share of the
    /// people who answered (`responses`).
    public var options: [String: OptionShare]?
    /// With survey weights: Kish's effective sample size, (Σw)² / Σw², the n behind `ci95`.
    /// Shares and means are then weighted; `responses` and counts stay counts of people.
    public var effectiveSampleSize: Double?

    enum CodingKeys: String, CodingKey {
        case responses, ci95, distribution, blank, excluded, suppressed, options
        case percentPositive = "percent_positive"
        case meanScore = "mean_score"
        case effectiveSampleSize = "effective_sample_size"
    }

    /// Makes figures.
    public init(responses: Int, percentPositive: Double?, ci95: Interval?, meanScore: Double?,
                distribution: [String: Int], blank: Int, excluded: [String: Int], suppressed: String? = nil,
                options: [String: OptionShare]? = nil, effectiveSampleSize: Double? = nil) {
        self.responses = responses
        self.percentPositive = percentPositive
        self.ci95 = ci95
        self.meanScore = meanScore
        self.distribution = distribution
        self.blank = blank
        self.excluded = excluded
        self.suppressed = suppressed
        self.options = options
        self.effectiveSampleSize = effectiveSampleSize
    }
}

/// One option of a multi-select question.
public struct OptionShare: Sendable, Codable, Equatable {
    /// The people who ticked it.
    public var count: Int
    /// Their share of the people who answered the question, in percent (weighted, with weights).
    public var percent: Double?
    /// Wilson 95% interval of `percent`, in percent.
    public var ci95: Interval?

    /// Makes an option share.
    public init(count: Int, percent: Double?, ci95: Interval?) {
        self.count = count
        self.percent = percent
        self.ci95 = ci95
    }
}

/// A two-sided interval.
public struct Interval: Sendable, Codable, Equatable {
    /// The lower limit.
    public var lower: Double
    /// The upper limit.
    public var upper: Double

    /// Makes an interval.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// The results of one survey question.
public struct SurveyQuestionResult: Sendable, Codable, Equatable {
    /// The stable question id.
    public var id: String
    /// The source it came from.
    public var source: String
    /// The question text.
    public var text: String
    /// The scale's name.
    public var scale: String
    /// Whether the item is reverse-scored.
    public var reverse: Bool
    /// Figures over every response.
    public var overall: SurveyFigures
    /// Figures per grouping (`organisation`) and group value (`Council`).
    public var groups: [String: [GroupFigures]]
    /// The input file the figures came from, relative to the pipeline.
    public var provenance: Provenance
    /// `true` for a multi-select question (its figures are per option, in `options`); absent otherwise.
    public var multiSelect: Bool?
    /// The scale's labels from lowest to highest (a multi-select question's options as asked):
    /// the order to show `distribution` and `options` in, since JSON objects have none. Absent
    /// in baselines written before 1.4.
    public var points: [String]?

    enum CodingKeys: String, CodingKey {
        case id, source, text, scale, reverse, overall, groups, provenance, points
        case multiSelect = "multi_select"
    }

    /// Makes a question result.
    public init(id: String, source: String, text: String, scale: String, reverse: Bool, overall: SurveyFigures,
                groups: [String: [GroupFigures]], provenance: Provenance, multiSelect: Bool? = nil, points: [String]? = nil) {
        self.id = id
        self.source = source
        self.text = text
        self.scale = scale
        self.reverse = reverse
        self.overall = overall
        self.groups = groups
        self.provenance = provenance
        self.multiSelect = multiSelect
        self.points = points
    }
}

/// The figures of one group value.
public struct GroupFigures: Sendable, Codable, Equatable {
    /// The group value (`Council`).
    public var group: String
    /// The figures.
    public var figures: SurveyFigures

    /// Makes group figures.
    public init(group: String, figures: SurveyFigures) {
        self.group = group
        self.figures = figures
    }
}
