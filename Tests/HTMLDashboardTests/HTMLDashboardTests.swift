import BaselineCore
import BaselineSchema
import Foundation
@testable import HTMLDashboard
import Testing

@Suite struct HTMLDashboardTests {
    func document() -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "Test <Town>", code: "E07000001"), period: "2025")
        let figures = SurveyFigures(responses: 20, percentPositive: 55, ci95: Interval(lower: 34.2, upper: 74.2), meanScore: 3.4,
                                    distribution: ["Disagree": 9, "Agree": 11], blank: 1, excluded: [:])
        let small = SurveyFigures(responses: 0, percentPositive: nil, ci95: nil, meanScore: nil, distribution: [:], blank: 0,
                                  excluded: [:], suppressed: "fewer than 10 responses")
        document.survey = [SurveyQuestionResult(id: "q1", source: "s", text: "We \"trust\" each other", scale: "agree5", reverse: false,
                                                overall: figures, groups: ["Org": [GroupFigures(group: "A & B", figures: small)]],
                                                provenance: Provenance(source: "s", file: "s.csv"))]
        document.indicators = [
            IndicatorResult(id: "HOMELESS", name: "Homelessness", area: "E07000001", period: "2024", value: 3.1, missing: nil, unit: "per 1,000",
                            polarity: "low_is_good", ci95: Interval(lower: 2.8, upper: 3.4), comparisons: ["E92000001": "worse"],
                            provenance: Provenance(source: "x", file: "x.xml", line: 9)),
            IndicatorResult(id: "HOMELESS", name: "Homelessness", area: "E92000001", period: "2024", value: 2.4, missing: nil, unit: "per 1,000",
                            polarity: "low_is_good", ci95: nil, comparisons: [:], provenance: Provenance(source: "x", file: "x.xml", line: 10)),
        ]
        document.benchmarks = [Area(code: "E92000001", name: "England", role: "england")]
        return document
    }

    @Test func selfContained() {
        let html = DashboardPage(document: document(), title: "T").html
        for forbidden in ["http://", "https://", "<script", "<link", "src=", "@import", "url(", "@font-face"] {
            #expect(!html.lowercased().contains(forbidden), "found \(forbidden)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    }

    @Test func textIsEscaped() {
        let html = DashboardPage(document: document(), title: "Test <Town>").html
        #expect(html.contains("<title>Test &lt;Town&gt;</title>"))
        #expect(html.contains("We &quot;trust&quot; each other"))
        #expect(html.contains("Org: A &amp; B"))
        #expect(!html.contains("<Town>"))
    }

    @Test func comparisonsAreSaidInWordsNotOnlyColour() {
        let html = DashboardPage(document: document(), title: "T").html
        #expect(html.contains("England ▼ worse"))
        #expect(html.contains("<tr class=\"worse\" title=\"x.xml:9\">"))
        #expect(html.contains("suppressed — fewer than 10 responses"))
        #expect(html.contains("aria-label=\"We &quot;trust&quot; each other: Strongly disagree 0, Disagree 9, Neither agree nor disagree 0, Agree 11, Strongly agree 0\""))
    }

    @Test func everyChartHasATableOrLabel() {
        let html = DashboardPage(document: document(), title: "T").html
        let charts = html.components(separatedBy: "<svg").count - 1 - (html.components(separatedBy: "aria-hidden=\"true\"").count - 1)
        let labelled = html.components(separatedBy: "role=\"img\" aria-label=").count - 1
        #expect(charts == labelled)
    }
}
