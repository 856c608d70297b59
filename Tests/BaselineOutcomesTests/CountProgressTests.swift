import BaselineCore
@testable import BaselineOutcomes
import BaselineSchema
import Testing

/// Progress on counts of events — City of London's crimes as `police-uk` counts them, the
/// try-out's `col-outcomes.yaml` over its 2018-19 and 2019-20 baselines. Before, every metric
/// was "not yet measurable" with the advice to "agree a measure published with intervals or
/// counts", though they are counts, and every figure had a decimal ("512.0 crimes", "+224.0
/// crimes", a target of "80.0 crimes") where the diff writes "512".
///
/// The changes are the diff's exact test of two Poisson counts (its own tests hold the SciPy
/// values). Robbery's trajectory: the Byar 95% intervals of 92 and 146 events are 74.163–112.831
/// and 123.2771–171.6968 (PHEindicatormethods' formula, computed in Python with
/// `norm.ppf(0.975)`); in 2019-20, halfway from 2018-19 to 2020-21, the line expects
/// 92 + ½ × (80 − 92) = 86, and z = −(146 − 86) / √(se₁₄₆² + ¼·se₉₂²) = −4.511, se = width / 3.92.
@Suite struct CountProgressTests {
    static let outcomes = """
        vision: "A City where people are safe and feel safe"
        baseline: "2018-19"
        priorities:
          - id: safer-streets
            name: Safer streets
            why: Theft from the person and robbery are rising
            owners: [City of London Police, City of London Corporation]
            metrics:
              - indicator: crime-theft-from-the-person
                ambition: { direction: decrease }
              - indicator: crime-robbery
                ambition: { direction: decrease, target: 80, by: "2020-21" }
              - indicator: crime-anti-social-behaviour
                ambition: { direction: decrease }
              - indicator: crime-all
                ambition: { direction: maintain }
        """

    static let figures: [(id: String, name: String, unit: String, counts: (Double, Double))] = [
        ("crime-all", "All crime (excluding anti-social behaviour)", "crimes", (6311, 7711)),
        ("crime-anti-social-behaviour", "Anti-social behaviour", "incidents", (1305, 993)),
        ("crime-robbery", "Robbery", "crimes", (92, 146)),
        ("crime-theft-from-the-person", "Theft from the person", "crimes", (512, 736)),
    ]

    /// The baseline of `period`, its counts carrying their `count` (as police-uk gives them now)
    /// or not (as before).
    static func baseline(_ period: String, counted: Bool = true) -> LoadedBaseline {
        var document = BaselineDocument(place: Place(name: "City of London", code: "E09000001"), period: period)
        document.indicators = figures.map { figure in
            let value = period == "2018-19" ? figure.counts.0 : figure.counts.1
            var result = IndicatorResult(id: figure.id, name: figure.name, area: "E09000001", period: period, value: value, missing: nil,
                                         unit: figure.unit, polarity: "low_is_good", ci95: nil, comparisons: [:],
                                         provenance: Provenance(source: "street-crime", file: "2019-04-city-of-london-street.csv"))
            result.valueType = "count"
            result.multiplier = 1
            result.count = counted ? value : nil
            return result
        }
        return LoadedBaseline(path: "out-police/city-of-london/\(period)", document: document)
    }

    static func report(counted: Bool = true) throws -> ProgressReport {
        let outcomes = try OutcomesFile.parse(Self.outcomes, file: "col-outcomes.yaml")
        return try ProgressEngine().progress(outcomes, baselines: [baseline("2018-19", counted: counted), baseline("2019-20", counted: counted)])
    }

    static func metric(_ report: ProgressReport, _ id: String) throws -> MetricProgress {
        try #require(report.priorities.flatMap(\.metrics).first { $0.id == id })
    }

    @Test("counts are judged: the diff's exact test for a direction, the count's own interval for a target")
    func judged() throws {
        let report = try Self.report()
        #expect(report.summary == ["on_track": 1, "off_track": 3, "not_yet_measurable": 0, "not_comparable": 0], "\(report.summary)")
        let theft = try Self.metric(report, "crime-theft-from-the-person")
        #expect(theft.status == .offTrack)
        #expect(theft.reason == "moved the wrong way since 2018-19: significant at 95% (exact test of two Poisson counts, 512 in 365 days and 736 in 366, p = 3.0e-10)",
                "\(theft.reason)")
        let asb = try Self.metric(report, "crime-anti-social-behaviour")
        #expect(asb.status == .onTrack && asb.reason.hasPrefix("moved the agreed way since 2018-19: significant at 95% (exact test"), "\(asb.reason)")
        let all = try Self.metric(report, "crime-all")
        #expect(all.status == .offTrack && all.reason.hasPrefix("significantly worse since 2018-19: significant at 95% (exact test"), "\(all.reason)")
        let robbery = try Self.metric(report, "crime-robbery")
        #expect(robbery.status == .offTrack)
        #expect(robbery.series.map(\.ci95) == [Interval(lower: 74.163, upper: 112.831), Interval(lower: 123.2771, upper: 171.6968)])
        #expect(robbery.trajectory?.expected == 86 && robbery.trajectory?.z == -4.511, "\(String(describing: robbery.trajectory))")
        #expect(robbery.reason == "significantly behind the trajectory: 146 (123–172) crimes against 86 expected in 2019-20 on the way to 80 by 2020-21 (z = -4.511)",
                "\(robbery.reason)")
    }

    @Test("whole counts in every form progress is shown in, as the diff shows them")
    func wholeCounts() throws {
        let report = try Self.report()
        let text = try ProgressRenderer.render(report, format: .text)
        #expect(text.contains("2018-19: 512 (469–558) crimes · 2019-20: 736 (684–791) crimes"), "\(text)")
        #expect(text.contains("change since 2018-19: +224 crimes, worsened"), "\(text)")
        #expect(text.contains("ambition: decrease to 80 crimes by 2020-21"), "\(text)")
        #expect(text.contains("change since 2018-19: -312 incidents, improved"), "\(text)")
        #expect(text.contains("change since 2018-19: +1,400 crimes, worsened"), "\(text)")
        let markdown = try ProgressRenderer.render(report, format: .markdown)
        #expect(markdown.contains("| Robbery | 92 (74–113) crimes | 146 (123–172) crimes | decrease to 80 crimes by 2020-21 | **off track** |"), "\(markdown)")
        let html = try ProgressRenderer.render(report, format: .html)
        #expect(html.contains("<title>target 80 crimes by 2020-21</title>") && html.contains("2019-20: 146 (123–172) crimes"), "\(html)")
        // In the baseline's progress section (what the brief and the dashboard show) too.
        let section = OutcomesProgressStep.section(report, outcomes: "col-outcomes.yaml", baselinePeriod: "2018-19", settingBaseline: false, note: nil)
        let robbery = try #require(section.priorities.first?.metrics.first { $0.id == "crime-robbery" })
        #expect(robbery.series.map(\.figure) == ["92 (74–113) crimes", "146 (123–172) crimes"] && robbery.ambition == "decrease to 80 crimes by 2020-21",
                "\(robbery.series.map(\.figure)) \(robbery.ambition)")
        for output in [text, markdown, html] + section.priorities.flatMap(\.metrics).flatMap { $0.series.map(\.figure) + [$0.ambition, $0.reason] } {
            #expect(!output.contains(".0 crimes") && !output.contains(".0 incidents") && !output.contains(".0 ("), "\(output)")
        }
    }

    @Test("counts without their count of events (baselines made before police-uk gave it) stay not yet measurable, whole all the same")
    func withoutTheCount() throws {
        let report = try Self.report(counted: false)
        #expect(report.summary["not_yet_measurable"] == 4, "\(report.summary)")
        let text = try ProgressRenderer.render(report, format: .text)
        #expect(text.contains("2018-19: 92 crimes · 2019-20: 146 crimes") && text.contains("ambition: decrease to 80 crimes by 2020-21"), "\(text)")
        // Not the advice to agree "a measure published with intervals or counts": these are counts.
        #expect(!text.contains("agree a measure published with intervals or counts"), "\(text)")
        #expect(text.contains("none of its figures carries its count of events (`count`) or an interval to judge it with"), "\(text)")
    }
}
