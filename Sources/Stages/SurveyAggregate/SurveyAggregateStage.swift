import BaselineCore
import BaselineStatistics

/// `survey-aggregate`: per survey question, overall and per group — responses, % positive with
/// its Wilson 95% interval, mean score and the distribution — with small groups suppressed.
///
/// State is bounded by questions × groups, never by respondents: each response adds to
/// integer tallies and is passed on.
public final class SurveyAggregateStage: StagePlugin, Stage {
    public typealias Configuration = SurveyAggregateConfiguration

    public static let kind = "survey-aggregate"
    public static let summary = "Survey results per question, overall and per group, with Wilson intervals and small-number suppression"
    public static let version = "1.0.0"
    public static let options: [OptionDoc] = [
        OptionDoc("min_group_size", "integer", default: "10",
                  "Figures from fewer responses are suppressed, and so is the next smallest group where one alone would be recoverable by subtraction."),
    ]
    public static let sampleConfiguration = """
        stage: survey-aggregate
        min_group_size: 10
        """

    public static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage {
        SurveyAggregateStage(configuration: configuration)
    }

    // MARK: - Runtime

    private let configuration: Configuration
    /// One tally set per survey definition, in the order first seen.
    private var tallies = [SurveyTally]()

    /// Makes the stage.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func process(_ batch: RecordBatch) throws -> RecordBatch {
        var current: SurveyTally?
        for record in batch.records {
            guard case .response(let response) = record else { continue }
            if current?.survey !== response.survey {
                current = tallies.first { $0.survey === response.survey }
                if current == nil {
                    current = SurveyTally(survey: response.survey, file: response.provenance.file)
                    tallies.append(current!)
                }
            }
            current!.add(response)
        }
        return batch
    }

    public func finish(into document: inout BaselineDocument) throws {
        for tally in tallies {
            let (results, suppressed) = tally.results(minGroupSize: configuration.minGroupSize)
            document.survey += results
            document.dataQuality.suppressedCells += suppressed
        }
    }
}

// MARK: - Tallies

/// Integer counts for one survey: per slot (overall, or one group value) and question, how many
/// answers fell on each scale point, each excluded label, and blank.
final class SurveyTally {
    let survey: SurveyDefinition
    let file: String
    /// Counts per slot: `counts[slot][question * width + code]`.
    private var counts: [[Int]] = []
    private let width: Int
    /// Per grouping, the slot of each group value.
    private var slots: [[String: Int]]
    private var slotNames: [(grouping: Int, value: String)] = []

    init(survey: SurveyDefinition, file: String) {
        self.survey = survey
        self.file = file
        width = 1 + survey.questions.map { ($0.scale?.points.count ?? 0) + ($0.scale?.excluded.count ?? 0) }.max()!
        slots = Array(repeating: [:], count: survey.groupings.count)
        counts = [Array(repeating: 0, count: survey.questions.count * width)]
        slotNames = [(-1, "")]
    }

    func add(_ response: Response) {
        addAnswers(response.answers, slot: 0)
        for (grouping, value) in response.groups.enumerated() {
            let slot: Int
            if let known = slots[grouping][value] {
                slot = known
            } else {
                slot = counts.count
                slots[grouping][value] = slot
                counts.append(Array(repeating: 0, count: survey.questions.count * width))
                slotNames.append((grouping, value))
            }
            addAnswers(response.answers, slot: slot)
        }
    }

    private func addAnswers(_ answers: [Answer], slot: Int) {
        counts[slot].withUnsafeMutableBufferPointer { row in
            for (question, answer) in answers.enumerated() {
                let base = question * width
                switch answer {
                case .blank, .text: row[base] += 1
                case .point(let index): row[base + 1 + index] += 1
                case .excluded(let index):
                    row[base + 1 + survey.questions[question].scale!.points.count + index] += 1
                }
            }
        }
    }

    /// The results of every scored question, and how many cells were suppressed.
    func results(minGroupSize: Int) -> ([SurveyQuestionResult], Int) {
        var suppressedCells = 0
        var results = [SurveyQuestionResult]()
        for (q, question) in survey.questions.enumerated() {
            guard let scale = question.scale else { continue }
            var overall = figures(slot: 0, question: q, scale: scale, reverse: question.reverse)
            if overall.responses < minGroupSize {
                overall = overall.suppressed(because: "fewer than \(minGroupSize) responses")
                suppressedCells += 1
            }
            var groups = [String: [GroupFigures]]()
            for (g, grouping) in survey.groupings.enumerated() {
                var rows = slots[g].sorted { $0.key < $1.key }.map { value, slot in
                    GroupFigures(group: value.isEmpty ? "(not given)" : value,
                                 figures: figures(slot: slot, question: q, scale: scale, reverse: question.reverse))
                }
                suppressedCells += Suppression.apply(to: &rows, minimum: minGroupSize, totalShown: overall.suppressed == nil)
                groups[grouping] = rows
            }
            results.append(SurveyQuestionResult(id: question.id, source: survey.source, text: question.text, scale: scale.name,
                                                reverse: question.reverse, overall: overall, groups: groups,
                                                provenance: Provenance(source: survey.source, file: file)))
        }
        return (results, suppressedCells)
    }

    private func figures(slot: Int, question: Int, scale: Scale, reverse: Bool) -> SurveyFigures {
        let row = counts[slot], base = question * width
        var responses = 0, positive = 0
        var scoreSum = 0.0
        var distribution = [String: Int]()
        let n = scale.points.count
        for (index, point) in scale.points.enumerated() {
            let count = row[base + 1 + index]
            guard count > 0 else { continue }
            distribution[point.label] = count
            responses += count
            // A reverse-scored item reads the scale from the other end.
            let effective = reverse ? scale.points[n - 1 - index] : point
            if effective.positive { positive += count }
            scoreSum += Double(count) * effective.score
        }
        var excluded = [String: Int]()
        for (index, label) in scale.excluded.enumerated() where row[base + 1 + n + index] > 0 {
            excluded[label] = row[base + 1 + n + index]
        }
        var percent: Double?, interval: Interval?, mean: Double?
        if responses > 0 {
            percent = rounded(100 * Double(positive) / Double(responses), places: 2)
            let ci = Proportion.wilson(successes: Double(positive), trials: Double(responses))!
            interval = Interval(lower: rounded(100 * ci.lower, places: 2), upper: rounded(100 * ci.upper, places: 2))
            mean = rounded(scoreSum / Double(responses), places: 3)
        }
        return SurveyFigures(responses: responses, percentPositive: percent, ci95: interval, meanScore: mean,
                             distribution: distribution, blank: row[base], excluded: excluded)
    }
}

extension SurveyFigures {
    /// The same figures with everything but the reason withheld.
    func suppressed(because reason: String) -> SurveyFigures {
        SurveyFigures(responses: 0, percentPositive: nil, ci95: nil, meanScore: nil, distribution: [:], blank: 0, excluded: [:],
                      suppressed: reason)
    }
}
