import BaselineCore
import BaselineFormat
import BaselineSchema
@testable import Priorities
import Testing

/// Ranking candidate priorities on a baseline written out by hand.
@Suite struct PrioritiesStageTests {
    let place = "E07000001"

    func indicator(_ id: String, theme: String? = nil, period: String = "2024", worseThan: [String] = [], trend: String? = nil) -> IndicatorResult {
        var comparisons = ["E92000001": "similar", "E12000001": "similar", "E07000002": "similar"]
        for area in worseThan { comparisons[area] = "worse" }
        var result = IndicatorResult(id: id, name: id.capitalized, area: place, period: period, value: 10, missing: nil, unit: "%",
                                     polarity: "low_is_good", ci95: Interval(lower: 9, upper: 11), comparisons: comparisons,
                                     provenance: Provenance(source: "s", file: "f.xml"), theme: theme)
        result.trend = trend
        return result
    }

    func theme(_ id: String, mentions: Int, indicators: [String] = [], questions: [String] = [], parent: String? = nil) -> ThemeResult {
        ThemeResult(id: id, name: id.capitalized, mentions: mentions, sources: mentions, breakdown: [:], quotes: [], parent: parent,
                    indicators: indicators, questions: questions)
    }

    func question(_ id: String, positive: Double, reverse: Bool = false, scale: String = "agree5") -> SurveyQuestionResult {
        SurveyQuestionResult(id: id, source: "s", text: "Question \(id)", scale: scale, reverse: reverse,
                             overall: SurveyFigures(responses: 100, percentPositive: positive, ci95: nil, meanScore: nil, distribution: [:],
                                                    blank: 0, excluded: [:]),
                             groups: [:], provenance: Provenance(source: "s", file: "s.csv"))
    }

    func run(_ document: BaselineDocument, limit: Int = 8) throws -> [CandidatePriority] {
        var document = document
        try PrioritiesStage(configuration: PrioritiesConfiguration(limit: limit), place: place).apply(to: &document)
        return document.candidatePriorities
    }

    /// A candidate's reason as the sinks word it, from the evidence the stage keeps.
    func reason(_ priority: CandidatePriority) -> String {
        PriorityWording.reason(priority, names: ["E92000001": "England", "E12000001": "the region", "E07000002": "Vale"])
    }

    /// Scores: housing 3 benchmarks × 10 + worsening 5 + 20% of mentions = 55 (agree);
    /// poverty (no theme) 2 × 10 = 20 (numbers only); trust 30% + one concerning question 5 = 35
    /// (voices only); school 1 × 10 + 2% (under the 5% bar, so 0) = 10 (numbers only);
    /// wellbeing 3%, no concern: not a candidate; the parent theme "place" is never one.
    @Test func rankedByTheStrengthOfTheEvidence() throws {
        var document = BaselineDocument(place: Place(name: "Testham", code: place), period: "2024")
        document.indicators = [
            indicator("homeless", worseThan: ["E92000001", "E12000001", "E07000002"], trend: "increasing and getting worse"),
            indicator("homeless", period: "2023", worseThan: []),
            indicator("poverty", worseThan: ["E92000001", "E12000001"]),
            indicator("ready", theme: "school", worseThan: ["E92000001"]),
            indicator("life"),
        ]
        document.themes = [
            theme("place", mentions: 100), theme("housing", mentions: 20, indicators: ["homeless"], parent: "place"),
            theme("trust", mentions: 30, questions: ["q1"], parent: "place"), theme("school", mentions: 2, parent: "place"),
            theme("wellbeing", mentions: 3, questions: ["q2"], parent: "place"), theme("other", mentions: 45, parent: "place"),
        ]
        document.survey = [question("q1", positive: 40), question("q2", positive: 70)]
        let priorities = try run(document)
        #expect(priorities.map(\.id) == ["housing", "other", "trust", "poverty", "school"])
        #expect(priorities.map(\.agreement) == ["agree", "voices_only", "voices_only", "numbers_only", "numbers_only"])
        #expect(reason(priorities[0]) == "Homeless is worse than Vale, the region and England (10.0%, 2024) and increasing and getting worse; "
                + "20 of the 100 theme mentions in what we heard (20.0%) are about it.")
        #expect(reason(priorities[2]) == "30 of the 100 theme mentions in what we heard (30.0%) are about it; only 40.0% answered “Question q1” positively.")
        // The stage keeps the data, not the sentence.
        #expect(priorities.allSatisfy { $0.reason.isEmpty })
        #expect(priorities[0].evidence?.worse == [PriorityEvidence.WorseIndicator(
            indicator: "homeless", name: "Homeless", than: ["E07000002", "E12000001", "E92000001"], value: 10, unit: "%", period: "2024",
            trend: "increasing and getting worse")])
        #expect(priorities[0].evidence?.mentions == PriorityEvidence.MentionShare(mentions: 20, total: 100))
        #expect(priorities[2].evidence?.concerns.map(\.percentPositive) == [40])
        #expect(priorities[0].indicators == ["homeless"] && priorities[2].questions == ["q1"])
        #expect(try run(document, limit: 2).map(\.id) == ["housing", "other"])
    }

    /// An indicator's theme tag links it to a theme by id or name, whatever the case and
    /// hyphens; each tag is compared in that form once per run, not once per theme.
    @Test func themeTagsMatchWhateverTheirCaseAndHyphens() throws {
        var document = BaselineDocument(place: Place(name: "Testham", code: place), period: "2024")
        document.indicators = [
            indicator("waits", theme: "MENTAL HEALTH", worseThan: ["E92000001"]),
            indicator("admissions", theme: "Mental-Health", worseThan: ["E92000001"]),
            indicator("crime", theme: "community-safety", worseThan: ["E92000001"]),
            indicator("litter", theme: "Community Safety", worseThan: ["E92000001"]),
            indicator("rooms", theme: "mental", worseThan: ["E92000001"]),
        ]
        document.themes = [theme("place", mentions: 100), theme("mental-health", mentions: 40, parent: "place"),
                           theme("community safety", mentions: 30, parent: "place")]
        let priorities = try run(document)
        #expect(priorities.first { $0.id == "mental-health" }?.indicators == ["admissions", "waits"])
        #expect(priorities.first { $0.id == "community safety" }?.indicators == ["crime", "litter"])
        #expect(priorities.contains { $0.id == "rooms" }, "a tag that is only part of a theme's name links to no theme")
        #expect(PrioritiesStage.comparable("Mental-Health") == "mental health")
    }

    @Test func nothingWorseAndNothingSaidMeansNoCandidates() throws {
        var document = BaselineDocument(place: Place(name: "Testham", code: place), period: "2024")
        document.indicators = [indicator("life")]
        document.themes = [theme("a", mentions: 1), theme("b", mentions: 99, indicators: ["life"])]
        let priorities = try run(document)
        #expect(priorities.map(\.id) == ["b"])
        #expect(reason(priorities[0]) == "99 of the 100 theme mentions in what we heard (99.0%) are about it; but its indicators are not worse than the benchmarks.")
    }

    /// "We work in silos", reverse-scored: 13.5% positive means 13.5% disagreed with it, and the
    /// reason must not read as though 13.5% agreed.
    @Test func aReverseScoredConcernSaysDisagreed() throws {
        var document = BaselineDocument(place: Place(name: "Testham", code: place), period: "2024")
        document.themes = [theme("silos", mentions: 1, questions: ["silos"])]
        document.survey = [question("silos", positive: 13.5, reverse: true)]
        let priorities = try run(document)
        #expect(priorities.map(reason) == [
            "The one theme mention in what we heard is about it; "
                + "only 13.5% disagreed with “Question silos” (reverse-scored: disagreeing is the positive answer).",
        ])
        // On a scale that is not agree/disagree, "disagreed" would be wrong.
        document.survey = [question("silos", positive: 20, reverse: true, scale: "frequency5")]
        #expect(try run(document).first.map(reason)?.hasSuffix("only 20.0% answered “Question silos” positively (reverse-scored: the low end of the scale is positive).") == true)
    }
}
