import BaselineCore
import BaselineSchema
import BaselineTemplates
import Testing
@testable import TextReport

/// How the brief words one indicator's latest figure (the try-out's Mansfield brief said
/// "£552.8 per week in 30 Apr 2025 (likely 496.5–609.1)").
struct IndicatorWordsTests {
    static func brief(_ result: IndicatorResult) -> String {
        var document = BaselineDocument(place: Place(name: "Mansfield", code: "E07000174"), period: "2025")
        document.benchmarks = [Area(code: "E92000001", name: "England", role: "england")]
        document.indicators = [result]
        let template = try! Template(source: DefaultReportTemplate.text, name: "built-in", shape: ReportModel.shape)
        return template.render(ReportModel.context(for: document), escaping: { $0 })
    }

    static func result(period: String, value: Double, unit: String, lower: Double, upper: Double) -> IndicatorResult {
        IndicatorResult(id: "pay", name: "Gross median weekly pay", area: "E07000174", period: period, value: value, missing: nil, unit: unit,
                        polarity: "high_is_good", ci95: Interval(lower: lower, upper: upper), comparisons: ["E92000001": "worse"],
                        provenance: Provenance(source: "s", file: "f.csv", line: 2))
    }

    @Test("A figure of a day is 'on' it, of a longer period 'in' it; a figure in pounds has its interval in pounds")
    func dayAndPounds() {
        let pay = Self.brief(Self.result(period: "2025-04-30", value: 552.8, unit: "£ per week", lower: 496.46, upper: 609.14))
        #expect(pay.contains("on 30 Apr 2025 (likely £496.5–£609.1)"), "\(pay)")
        let rate = Self.brief(Self.result(period: "2024-25", value: 38.1, unit: "per 100,000 population", lower: 31.5, upper: 45.7))
        #expect(rate.contains("in 2024-25 (likely 31.5–45.7)"), "\(rate)")
    }
}
