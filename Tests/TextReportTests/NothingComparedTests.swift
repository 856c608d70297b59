import BaselineCore
import BaselineSchema
import BaselineTemplates
import Testing
@testable import TextReport

/// What the brief claims when there was nothing to claim it from: the try-out's City of London
/// brief (15 crime counts, no benchmark areas) said "**0 significantly worse**" in bold, and its
/// Squashville brief (one multi-select question, `qualtrics-squash-multi.yaml`) a table of
/// scored questions with a header and no rows.
struct NothingComparedTests {
    static func brief(_ document: BaselineDocument) -> String {
        let template = try! Template(source: DefaultReportTemplate.text, name: "built-in", shape: ReportModel.shape)
        return template.render(ReportModel.context(for: document), escaping: { $0 })
    }

    static func crimes(benchmarks: [Area] = [], stages: [String] = ["indicators", "benchmark", "priorities"]) -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "City of London", code: "E09000001"), period: "2019-20")
        document.benchmarks = benchmarks
        document.manifest.plugins = stages.map { PluginVersion(role: "stage", kind: $0, version: "1.0.0") }
        document.indicators = (0..<15).map { index in
            IndicatorResult(id: "crime-\(index)", name: "Crime \(index)", area: "E09000001", period: "2019-20", value: Double(100 + index),
                            missing: nil, unit: "crimes", polarity: "low_is_good", ci95: nil, comparisons: [:],
                            provenance: Provenance(source: "street-crime", file: "f.csv"), valueType: "count", count: Double(100 + index))
        }
        return document
    }

    @Test("none of the indicators compared: said so with why, no bold zero, and no 'nothing is significantly worse'")
    func noneCompared() {
        let brief = Self.brief(Self.crimes())
        #expect(brief.contains("- 15 indicators, none of them compared with a benchmark: the pipeline names no benchmark areas to compare them with.\n"), "\(brief)")
        #expect(!brief.contains("significantly worse**"), "\(brief)")
        #expect(!brief.contains("compared with our benchmarks the way OHID Fingertips compares areas"), "\(brief)")
        // No themes in this baseline: none to stand out (a second try-out).
        #expect(brief.contains("No candidate priorities: no indicator could be compared with a benchmark (the pipeline names no benchmark areas to compare them with).\n"),
                "\(brief)")
        let england = Area(code: "E92000001", name: "England", role: "england")
        // Counts of events: no population to divide them by (a second try-out: the old reason
        // said "no count" beside figures that are counts).
        #expect(Self.brief(Self.crimes(benchmarks: [england])).contains("none of them compared with a benchmark: they are counts of events with no "
                                                                         + "population to divide them by, and the benchmark areas are of other sizes."))
        var rates = Self.crimes(benchmarks: [england])
        for index in rates.indicators.indices { rates.indicators[index].count = nil }
        #expect(Self.brief(rates).contains("none of them compared with a benchmark: none has a confidence interval "
                                            + "(no count and denominator, none published) to compare with."))
        #expect(Self.brief(Self.crimes(benchmarks: [england], stages: ["indicators"])).contains(
            "none of them compared with a benchmark: this pipeline has no `benchmark` stage to compare them (add `- stage: benchmark` after `indicators`)."))
    }

    @Test("with themes coded, none standing out is said; without, themes are not mentioned")
    func themesStandOutOnlyWhereThereAreThemes() {
        var document = Self.crimes()
        document.themes = [ThemeResult(id: "safety", name: "Safety", mentions: 3, sources: 2, breakdown: [:], quotes: [])]
        #expect(Self.brief(document).contains("compare them with), and no theme stands out.\n"))
        #expect(!Self.brief(Self.crimes()).contains("no theme stands out"))
    }

    @Test("some compared: the count of worse ones stands, in bold, as before")
    func someCompared() {
        var document = Self.crimes(benchmarks: [Area(code: "E92000001", name: "England", role: "england")])
        document.indicators[0].comparisons = ["E92000001": "similar"]
        let brief = Self.brief(document)
        #expect(brief.contains("- 15 indicators, 1 of them compared with England: **0 significantly worse** than at least one of them."), "\(brief)")
    }

    @Test("a survey of multi-select questions alone has no table of scored questions, header and no rows")
    func multiSelectOnly() {
        var document = BaselineDocument(place: Place(name: "Squashville", code: "E07000001"), period: "2016")
        let options = ["Squash are great": (10, 71.43), "Squash are tolerable": (11, 78.57)]
        var overall = SurveyFigures(responses: 14, percentPositive: nil, ci95: nil, meanScore: nil,
                                    distribution: options.mapValues(\.0), blank: 2, excluded: [:])
        overall.options = options.mapValues { OptionShare(count: $0.0, percent: $0.1, ci95: nil) }
        var question = SurveyQuestionResult(id: "agree_statements", source: "squash", text: "Check all statements you agree with", scale: "multi",
                                            reverse: false, overall: overall, groups: [:], provenance: Provenance(source: "squash", file: "q.csv"))
        question.multiSelect = true
        document.survey = [question]
        let brief = Self.brief(document)
        #expect(!brief.contains("| Question | Responses | Positive | Likely range |"), "\(brief)")
        #expect(!brief.contains("Share of people answering positively"), "\(brief)")
        #expect(brief.contains("**Check all statements you agree with** (any number of answers; 14 people: "), "\(brief)")
    }
}
