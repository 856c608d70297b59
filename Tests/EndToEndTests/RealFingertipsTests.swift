import Foundation
import Testing

/// The real binary on two Fingertips downloads as Fingertips wrote them (`Fixtures/real/fingertips/`,
/// origin in `Fixtures/real/SOURCES.md`), with the pipeline a user would write. Figures are
/// checked against Python's `csv` module (`expected_indicators.py`) and by hand.
@Suite(.serialized) struct RealFingertipsTests {
    @Test("Fingertips unmet need for treatment: every West Sussex and England value and interval as Python reads them; Fingertips' own 'Similar' agrees")
    func fingertipsUnmetNeed() throws {
        let scratch = try Scratch()
        let (document, report, outcome) = try RealFileTests.run("real/fingertips/west-sussex.yaml", place: "west-sussex", in: scratch)
        #expect(outcome.stderr.contains("unmet-alcohol (csv-indicators): read 17, passed on 17, quarantined 0"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("unmet-opiates (csv-indicators): read 13, passed on 13, quarantined 0"))
        var checked = 0
        for file in ["unmet-alcohol-treatment.csv", "unmet-opiates-treatment.csv"] {
            let rows = try RealFileTests.expected("real/fingertips/\(file)", layout: "fingertips", areas: ["E10000032", "E92000001"])
            for row in rows {
                let entry = RealFileTests.entries(document, id: row.indicator, area: row.area)[row.period]
                #expect(RealFileTests.same(entry?["value"], row.value), "\(file) \(row.area) \(row.period)")
                #expect(RealFileTests.interval(entry) == [row.lower!, row.upper!], "\(file) \(row.area) \(row.period)")
                checked += 1
            }
        }
        #expect(checked == 7, "West Sussex and England rows of both files")
        // By hand, off the file: West Sussex 2019/20, opiates, 52.6 (26.9–65.5) holds England's
        // 52.1 inside its interval — similar, as Fingertips' own column says.
        let opiates = try #require(RealFileTests.entries(document, id: "93517", area: "E10000032")["2019-20"])
        #expect(opiates["comparisons"] as? [String: String] == ["E92000001": "similar"])
        let published = try #require(opiates["published"] as? [String: Any])
        #expect(published["comparisons"] as? [String: String] == ["E92000001": "Similar"] && published["disagreements"] == nil)
        // West Sussex's alcohol figure is for 2018/19, a year the file has no England row for.
        #expect(RealFileTests.entries(document, id: "93532", area: "E10000032")["2018-19"]?["value"] as? Double == 78.2446486)
        #expect(report.contains("| Proportion of opiate and crack cocaine users not in treatment | 2019-20 | 52.6% | 26.9–65.5 | similar to England |"), "\(report)")
    }
}
