/// The evidence behind a candidate priority, as data (since 1.7): what its sentence in the brief
/// is made from. The `priorities` stage writes this; every sink words it through the one shared
/// wording (`BaselineFormat`), so that the figures in it are rounded once, by one rule.
public struct PriorityEvidence: Sendable, Codable, Equatable {
    /// The indicators whose latest value is significantly worse than a benchmark.
    public var worse: [WorseIndicator]
    /// Its share of the theme mentions in what people said, when large enough to count.
    public var mentions: MentionShare?
    /// Its linked survey questions answered positively by fewer than the stage's threshold.
    public var concerns: [SurveyConcern]
    /// Whether it has indicators but none of them is worse than a benchmark.
    public var indicatorsNotWorse: Bool

    enum CodingKeys: String, CodingKey {
        case worse, mentions, concerns
        case indicatorsNotWorse = "indicators_not_worse"
    }

    /// Makes the evidence of a candidate priority.
    public init(worse: [WorseIndicator] = [], mentions: MentionShare? = nil, concerns: [SurveyConcern] = [], indicatorsNotWorse: Bool = false) {
        self.worse = worse
        self.mentions = mentions
        self.concerns = concerns
        self.indicatorsNotWorse = indicatorsNotWorse
    }

    /// An indicator worse than one or more benchmarks, with the figure that makes it so.
    public struct WorseIndicator: Sendable, Codable, Equatable {
        /// The indicator id.
        public var indicator: String
        /// Its name.
        public var name: String
        /// The benchmark area codes it is significantly worse than, sorted.
        public var than: [String]
        /// Its latest value; `nil` when missing.
        public var value: Double?
        /// Its unit (`%`, `per 1,000 households`…).
        public var unit: String?
        /// The period of the value.
        public var period: String
        /// Its recent trend (`increasing and getting worse`) when that trend is getting worse.
        public var trend: String?

        /// Makes one.
        public init(indicator: String, name: String, than: [String], value: Double?, unit: String?, period: String, trend: String?) {
            self.indicator = indicator
            self.name = name
            self.than = than
            self.value = value
            self.unit = unit
            self.period = period
            self.trend = trend
        }
    }

    /// How many theme mentions are about it, of all mentions of the narrowest themes.
    public struct MentionShare: Sendable, Codable, Equatable {
        /// Mentions of the theme.
        public var mentions: Int
        /// All mentions of the narrowest themes.
        public var total: Int

        /// Makes one.
        public init(mentions: Int, total: Int) {
            self.mentions = mentions
            self.total = total
        }
    }

    /// A linked survey question answered positively by too few people.
    public struct SurveyConcern: Sendable, Codable, Equatable {
        /// The question id.
        public var question: String
        /// The question as asked.
        public var text: String
        /// Its overall % positive, as the `survey` section stores it.
        public var percentPositive: Double
        /// The people behind that share (its denominator), so that it can be shown rounded once.
        public var responses: Int
        /// Whether the share is weighted (then shown as stored, not from whole answers).
        public var weighted: Bool
        /// Whether it is reverse-scored.
        public var reverse: Bool
        /// Whether its positive answer is to disagree (a reverse-scored agree-scale statement).
        public var positiveIsDisagreeing: Bool

        enum CodingKeys: String, CodingKey {
            case question, text, responses, weighted, reverse
            case percentPositive = "percent_positive"
            case positiveIsDisagreeing = "positive_is_disagreeing"
        }

        /// Makes one.
        public init(question: String, text: String, percentPositive: Double, responses: Int, weighted: Bool, reverse: Bool,
                    positiveIsDisagreeing: Bool) {
            self.question = question
            self.text = text
            self.percentPositive = percentPositive
            self.responses = responses
            self.weighted = weighted
            self.reverse = reverse
            self.positiveIsDisagreeing = positiveIsDisagreeing
        }
    }
}
