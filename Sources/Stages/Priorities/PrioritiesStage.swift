import BaselineCore
import BaselineSchema
import Foundation
import BaselineText

/// `priorities`: the candidate priorities a shared-vision workshop starts from — where the place
/// does worst against its benchmarks, and where what people said (themes in notes and free
/// text, survey answers) agrees with the numbers or does not.
///
/// For each of the codebook's narrowest themes it gathers the indicators that bear on it (the codebook's
/// links, and indicators the catalogue files under the theme) and the survey questions it
/// links. The numbers count against the place where its latest value is significantly worse
/// than a benchmark, and where its recent trend is getting worse; what people said counts where
/// the theme has a large share of the mentions, or its survey questions are answered mostly
/// negatively. Indicators worse than a benchmark that no theme covers stand on their own.
/// Candidates are ranked by those signals, strongest first. Each keeps its evidence as data
/// (`PriorityEvidence`); the sinks put it into words through `BaselineFormat`.
///
/// A document stage: it sees no record, and reads what `indicators`, `benchmark`,
/// `survey-aggregate` and `code-themes` left in the baseline (its contract uses them, so
/// `Pipeline` refuses it before any of them).
public final class PrioritiesStage: DocumentStagePlugin, DocumentStage {
    public typealias Configuration = PrioritiesConfiguration

    public static let kind = "priorities"
    public static let summary = "Candidate priorities: where the place does worst against its benchmarks, and whether what people said agrees"
    public static let options: [OptionDoc] = [
        OptionDoc("limit", "integer", default: "8", "The most candidates to list."),
        OptionDoc("share_of_mentions", "percent", default: "5", "A theme with at least this share of all theme mentions counts as raised by people."),
        OptionDoc("positive_below", "percent", default: "50", "A linked survey question answered positively by fewer than this share counts as a concern."),
    ]
    public static let contract = StageContract(uses: [.indicators, .comparisons, .survey, .themes], provides: [.priorities])
    public static let sampleConfiguration = """
        stage: priorities
        limit: 8
        """

    public static func makeDocumentStage(configuration: Configuration, context: StageContext) throws -> any DocumentStage {
        PrioritiesStage(configuration: configuration, place: context.pipeline.placeCode)
    }

    private let configuration: Configuration
    private let place: String

    /// Makes the stage for a place.
    public init(configuration: Configuration, place: String) {
        self.configuration = configuration
        self.place = place
    }

    /// What the evidence says about one candidate.
    struct Evidence {
        var id: String
        var name: String
        var indicators: [IndicatorResult] = []
        var worse: [(IndicatorResult, [String])] = []
        var worsening: [IndicatorResult] = []
        var questions: [SurveyQuestionResult] = []
        var concerns: [SurveyQuestionResult] = []
        var themes: [ThemeResult] = []
        var share = 0.0
        var mentions = 0

        var numbers: Bool { !worse.isEmpty }
        var voices: Bool { share > 0 || !concerns.isEmpty }
        var score: Double {
            Double(worse.reduce(0) { $0 + $1.1.count }) * 10 + Double(worsening.count) * 5 + share + Double(concerns.count) * 5
        }
    }

    public func apply(to document: inout BaselineDocument) throws {
        let latest = document.latestIndicators(for: place).sorted { $0.id < $1.id }
        // Broader themes hold their narrower ones' mentions: shares are of the narrowest themes'.
        let leaves = document.themes.narrowest
        let totalMentions = Double(max(1, leaves.reduce(0) { $0 + $1.mentions }))
        let questions = Dictionary(document.survey.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var covered = Set<String>()
        var candidates = [Evidence]()
        // Each theme tag, id and name in the form `comparable` gives, made once per text rather
        // than once per theme and indicator (Foundation's replacing was most of this stage).
        var comparableForms = [String: String]()
        func comparableForm(_ text: String) -> String {
            if let known = comparableForms[text] { return known }
            let form = Self.comparable(text)
            comparableForms[text] = form
            return form
        }
        for theme in leaves {
            var evidence = Evidence(id: theme.id, name: theme.name)
            evidence.themes = [theme]
            let (themeID, themeName) = (comparableForm(theme.id), comparableForm(theme.name))
            let linked = latest.filter { indicator in
                theme.indicators.contains(indicator.id)
                    || indicator.theme.map { tag in comparableForm(tag) == themeID || comparableForm(tag) == themeName } == true
            }
            evidence.indicators = linked
            covered.formUnion(linked.map(\.id))
            evidence.questions = theme.questions.compactMap { questions[$0] }
            let share = 100 * Double(theme.mentions) / totalMentions
            evidence.share = share >= configuration.shareOfMentions ? share : 0
            evidence.mentions = theme.mentions
            assess(&evidence)
            if evidence.numbers || evidence.voices { candidates.append(evidence) }
        }
        for indicator in latest where !covered.contains(indicator.id) {
            var evidence = Evidence(id: indicator.id, name: indicator.name, indicators: [indicator])
            assess(&evidence)
            if evidence.numbers { candidates.append(evidence) }
        }
        let ranked = candidates.sorted { ($1.score, $0.id) < ($0.score, $1.id) }.prefix(configuration.limit)
        document.candidatePriorities = ranked.map { evidence in
            CandidatePriority(id: evidence.id, name: evidence.name,
                              indicators: evidence.indicators.map(\.id), questions: evidence.questions.map(\.id),
                              themes: evidence.themes.map(\.id), agreement: agreement(evidence),
                              evidence: record(evidence, totalMentions: Int(totalMentions)))
        }
    }

    private func assess(_ evidence: inout Evidence) {
        for indicator in evidence.indicators {
            let worseThan = indicator.comparisons.filter { $0.value == "worse" }.map(\.key).sorted()
            if !worseThan.isEmpty { evidence.worse.append((indicator, worseThan)) }
            if indicator.trend?.hasSuffix("getting worse") == true { evidence.worsening.append(indicator) }
        }
        evidence.concerns = evidence.questions.filter { ($0.overall.percentPositive ?? 100) < configuration.positiveBelow }
    }

    private func agreement(_ evidence: Evidence) -> String {
        switch (evidence.numbers, evidence.voices) {
        case (true, true): "agree"
        case (true, false): "numbers_only"
        default: "voices_only"
        }
    }

    /// The evidence as data: the figures and words a sink's sentence is made from
    /// (`PriorityWording` in `BaselineFormat`), not the sentence.
    private func record(_ evidence: Evidence, totalMentions: Int) -> PriorityEvidence {
        PriorityEvidence(
            worse: evidence.worse.map { indicator, areas in
                PriorityEvidence.WorseIndicator(indicator: indicator.id, name: indicator.name, than: areas, value: indicator.value,
                                                unit: indicator.unit, period: indicator.period,
                                                trend: indicator.trend?.hasSuffix("getting worse") == true ? indicator.trend : nil)
            },
            mentions: evidence.share > 0 ? PriorityEvidence.MentionShare(mentions: evidence.mentions, total: totalMentions) : nil,
            concerns: evidence.concerns.map { question in
                PriorityEvidence.SurveyConcern(question: question.id, text: question.text, percentPositive: question.overall.percentPositive ?? 0,
                                               responses: question.overall.responses, weighted: question.overall.effectiveSampleSize != nil,
                                               reverse: question.reverse, positiveIsDisagreeing: question.positiveIsDisagreeing)
            },
            indicatorsNotWorse: !evidence.numbers && !evidence.indicators.isEmpty)
    }

    /// A theme tag, id or name as tags are matched: case and hyphens aside (an indicator tagged
    /// `Mental-health` is linked to the theme `mental health`).
    static func comparable(_ text: String) -> String {
        text.lowercased().replacingEvery("-", with: " ")
    }
}
