/// The shape of one survey source: its questions, their scales, and its grouping columns.
///
/// A source makes one definition when it reads the header and shares it with every `Response`
/// it emits (it is a class so that a million responses share one copy).
public final class SurveyDefinition: Sendable {
    /// The source id the definition belongs to.
    public let source: String
    /// The questions, in the order answers are laid out.
    public let questions: [Question]
    /// The grouping names (organisation, role…), in the order group values are laid out.
    public let groupings: [String]

    /// Makes a definition.
    public init(source: String, questions: [Question], groupings: [String]) {
        self.source = source
        self.questions = questions
        self.groupings = groupings
    }
}

/// One survey question.
public struct Question: Sendable, Hashable, Codable {
    /// A stable id (from the pipeline, or made from the column), used to compare years.
    public var id: String
    /// The question text as asked.
    public var text: String
    /// The answer scale; `nil` for free-text questions.
    public var scale: Scale?
    /// True when a higher scale score means a worse answer (a negatively worded item).
    public var reverse: Bool
    /// True when respondents tick any number of options: `scale.points` are the options, and
    /// answers are `Answer.selected`.
    public var multiSelect: Bool

    /// Makes a question.
    public init(id: String, text: String, scale: Scale?, reverse: Bool = false, multiSelect: Bool = false) {
        self.id = id
        self.text = text
        self.scale = scale
        self.reverse = reverse
        self.multiSelect = multiSelect
    }
}

/// An answer scale: ordered points with scores, which of them count as positive, and answers
/// that are counted apart (kept out of the denominator).
public struct Scale: Sendable, Hashable, Codable {
    /// One point of the scale.
    public struct Point: Sendable, Hashable, Codable {
        /// The label as it appears in the export.
        public var label: String
        /// The score of the point.
        public var score: Double
        /// Whether the point counts as a positive answer.
        public var positive: Bool

        /// Makes a point.
        public init(label: String, score: Double, positive: Bool) {
            self.label = label
            self.score = score
            self.positive = positive
        }
    }

    /// The scale's name (`agree5`, or the pipeline's own).
    public var name: String
    /// The points from lowest to highest score.
    public var points: [Point]
    /// Labels counted separately and excluded from the denominator ("Don't know").
    public var excluded: [String]

    /// Makes a scale.
    public init(name: String, points: [Point], excluded: [String] = []) {
        self.name = name
        self.points = points
        self.excluded = excluded
    }
}
