import BaselineCore
import BaselineSchema
import BaselineTemplates
import Testing
@testable import TextReport

/// A template's names are checked against the report's shape (`ReportModel.shape`): which names
/// exist under which object and inside which section. A try-out's `{{place.rank}}` and
/// `[{{starting_point.name}}]` (each part some name of the report's) validated and printed nothing.
struct ReportShapeTests {
    static func error(_ source: String) -> String? {
        do {
            _ = try Template(source: source, name: "t.mustache", shape: ReportModel.shape)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("a dotted name whose parts do not nest as the report's values do is an error at the tag")
    func dottedNamesFollowTheModel() {
        #expect(Self.error("# {{place.rank}}") == "t.mustache:1:3: error: unknown tag 'place.rank' — 'place' holds only code and name")
        let startingPoint = Self.error("# {{place.name}} [{{starting_point.name}}]")
        #expect(startingPoint?.hasPrefix("t.mustache:1:19: error: unknown tag 'starting_point.name' — 'starting_point' holds only best, broader, ") == true,
                "\(startingPoint ?? "no error")")
        #expect(Self.error("{{rank}}") == "t.mustache:1:1: error: unknown tag 'rank' — 'rank' is in reach only inside {{#agreeing}}, {{#disagreeing}} and {{#priorities}}")
        #expect(Self.error("{{name}}") == "t.mustache:1:1: error: unknown tag 'name' — did you mean 'place.name'?")
        #expect(Self.error("{{text}}")
                == "t.mustache:1:1: error: unknown tag 'text' — did you mean 'starting_point.best.text' or 'starting_point.worst.text'?")
        #expect(Self.error("{{#priorities}}{{rank}}. {{name}} ({{place.name}}, {{period}}){{/priorities}}") == nil)
        #expect(Self.error("{{#progress}}{{#shared_priorities}}{{owners}}{{#rows}}{{.}}{{/rows}}{{/shared_priorities}}{{/progress}}") == nil)
    }

    /// A tag naming an object or a list printed nothing, and passed the check (`{{starting_point.best}}`).
    @Test("a tag that names a group of names or a list, not a text, is an error with what to write")
    func tagsNameTexts() {
        let group = Self.error("Best: {{starting_point.best}}")
        #expect(group?.hasPrefix("t.mustache:1:7: error: '{{starting_point.best}}' names a group of names, not a text, so it would print nothing — name one of what it holds (") == true,
                "\(group ?? "no error")")
        #expect(group?.contains("e.g. {{starting_point.best.") == true && group?.contains("{{#starting_point.best}}…{{/starting_point.best}}") == true, "\(group ?? "")")
        #expect(Self.error("{{priorities}}") == "t.mustache:1:1: error: '{{priorities}}' names a list, not a text, so it would print nothing — write its items inside a section: {{#priorities}}…{{/priorities}}")
        #expect(Self.error("{{starting_point.best.text}}") == nil)
    }

    @Test("the did-you-mean of a dotted name is the whole name put right")
    func guessesAreWholeNames() {
        #expect(Self.error("{{place.nmae}}") == "t.mustache:1:1: error: unknown tag 'place.nmae' — did you mean 'place.name'?")
        #expect(Self.error("{{starting_point.wrost.text}}")
                == "t.mustache:1:1: error: unknown tag 'starting_point.wrost.text' — did you mean 'starting_point.worst.text'?")
        #expect(Self.error("{{plaec.name}}") == "t.mustache:1:1: error: unknown tag 'plaec.name' — did you mean 'place.name'?")
    }

    /// What the model gives is what the shape says, name for name, for a baseline with
    /// something in every list: a name added to one and not the other fails here.
    @Test func theModelsValuesHaveTheShape() {
        let context = ReportModel.context(for: Self.fullDocument())
        let problems = Self.mismatches(context, ReportModel.shape, at: "")
        #expect(problems.isEmpty, "\(problems)")
        // Every list of the shape had an item to check.
        for list in ["indicators", "worse", "survey", "multi_select", "groupings", "themes", "quoted_themes", "priorities", "agreeing", "gaps", "inputs"] {
            guard case .object(let fields) = context, case .list(let items)? = fields[list] else { Issue.record("\(list) is no list"); continue }
            #expect(!items.isEmpty, "\(list) is empty")
        }
    }

    static func mismatches(_ value: TemplateValue, _ shape: TemplateShape, at path: String) -> [String] {
        switch (value, shape) {
        case (.null, _), (.text, .value), (.markup, .value), (.flag, .value):
            return []
        case (.list(let items), .list(let item)):
            return items.flatMap { mismatches($0, item, at: path + "[]") }
        case (.object(let fields), .object(let names)):
            let extra = Set(fields.keys).subtracting(names.keys).map { "\(path).\($0) is in the model, not in the shape" }
            let missing = Set(names.keys).subtracting(fields.keys).map { "\(path).\($0) is in the shape, not in the model" }
            return (extra + missing).sorted() + fields.keys.sorted().flatMap { key in
                names[key].map { mismatches(fields[key]!, $0, at: path + "." + key) } ?? []
            }
        default:
            return ["\(path): \(value) does not have the shape \(shape)"]
        }
    }

    static func fullDocument() -> BaselineDocument {
        var document = NothingComparedTests.crimes(benchmarks: [Area(code: "E92000001", name: "England", role: "england")])
        document.indicators[0].comparisons = ["E92000001": "worse"]
        let figures = SurveyFigures(responses: 20, percentPositive: 55, ci95: Interval(lower: 34.2, upper: 74.2), meanScore: 3.4,
                                    distribution: ["Disagree": 9, "Agree": 11], blank: 1, excluded: [:])
        var multi = SurveyQuestionResult(id: "q2", source: "s", text: "Tick", scale: "multi", reverse: false, overall: figures, groups: [:],
                                         provenance: Provenance(source: "s", file: "s.csv"))
        multi.multiSelect = true
        document.survey = [
            SurveyQuestionResult(id: "q1", source: "s", text: "Trust", scale: "agree5", reverse: false, overall: figures,
                                 groups: ["Org": [GroupFigures(group: "A", figures: figures)]], provenance: Provenance(source: "s", file: "s.csv")),
            multi,
        ]
        let quote = Quote(text: "Nobody shares the data", attribution: "Manager", provenance: Provenance(source: "n", file: "n.md", line: 3))
        document.themes = [ThemeResult(id: "silos", name: "Silos", mentions: 4, sources: 3, breakdown: [:], quotes: [quote])]
        document.candidatePriorities = [CandidatePriority(id: "crime-0", name: "Crime 0", indicators: ["crime-0"], questions: [], themes: ["silos"],
                                                          agreement: "agree")]
        document.dataQuality.suppressedCells = 1
        document.manifest.inputs = [ManifestInput(path: "s.csv", source: "s", bytes: 10, sha256: "abc")]
        let metric = ProgressSection.Metric(kind: "indicator", id: "crime-0", name: "Crime 0", breakdown: "", ambition: "lower", target: nil,
                                            series: [.init(period: "2019-20", value: 100, ci95: nil, missing: nil, figure: "100")],
                                            change: nil, changeStatus: nil, status: "setting_baseline", reason: "first year")
        document.progress = ProgressSection(outcomes: "o.yaml", vision: "V", baselinePeriod: "2019-20", periods: ["2019-20"], settingBaseline: true,
                                            note: "n", summary: [:], priorities: [.init(id: "p", name: "P", why: "w", owners: ["a"], note: "x", metrics: [metric])])
        return document
    }
}
