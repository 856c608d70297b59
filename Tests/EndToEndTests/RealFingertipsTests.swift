import Foundation
import Testing

/// The real binary on three Fingertips downloads as Fingertips wrote them (`Fixtures/real/fingertips/`,
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

    @Test("A Fingertips export of eight indicators (2019 layout: 26 columns, CRLF): every Derby, East Midlands and England value and interval as Python reads them; Fingertips' own comparisons with England and the region all agree with the benchmark stage")
    func fingertipsEastMidlands() throws {
        let scratch = try Scratch()
        let (document, report, outcome) = try RealFileTests.run("real/fingertips/derby.yaml", place: "derby", in: scratch)
        #expect(outcome.stderr.contains("fingertips (csv-indicators): read 87, passed on 87, quarantined 0"), "\(outcome.stderr)")
        let rows = try RealFileTests.expected("real/fingertips/east-midlands-indicators-2019.csv", layout: "fingertips",
                                              areas: ["E06000015", "E12000004", "E92000001"])
        var checked = 0
        for row in rows where ["10101", "1730", "91126", "90402"].contains(row.indicator) {
            let entry = RealFileTests.entries(document, id: row.indicator, area: row.area)[row.period]
            #expect(RealFileTests.same(entry?["value"], row.value), "\(row.indicator) \(row.area) \(row.period)")
            #expect(RealFileTests.interval(entry) == [row.lower!, row.upper!], "\(row.indicator) \(row.area) \(row.period)")
            checked += 1
        }
        #expect(checked == 12, "three areas × four indicators")
        // Fingertips' own verdicts for Derby, as the file has them, against the tool's.
        let published: [String: [String: String]] = [
            "10101": ["E92000001": "Higher", "E12000004": "Higher"], "1730": ["E92000001": "Higher", "E12000004": "Higher"],
            "90402": ["E92000001": "Similar", "E12000004": "Higher"], "91126": ["E92000001": "Similar", "E12000004": "Similar"],
        ]
        for (id, verdicts) in published {
            let entry = try #require(RealFileTests.entries(document, id: id, area: "E06000015").values.first)
            let fingertips = try #require(entry["published"] as? [String: Any])
            #expect(fingertips["comparisons"] as? [String: String] == verdicts, "\(id)")
            #expect(fingertips["disagreements"] == nil, "\(id): the tool's comparison agrees with Fingertips'")
            #expect(entry["comparisons"] as? [String: String] == verdicts.mapValues { $0.lowercased() }, "\(id)")
        }
        // By hand, off the file: Derby's children leaving care, 2015/16, 175 of 58,852 children:
        // 29.7 per 10,000 (25.5–34.5); England's 27.2 lies inside the interval (similar), the
        // region's 24.3 below it (higher).
        let care = try #require(RealFileTests.entries(document, id: "90402", area: "E06000015")["2015-16"])
        #expect(RealFileTests.same(care["value"], 29.7356079657446) && abs(175.0 / 58852 * 10000 - 29.7356079657446) < 1e-9)
        #expect(report.contains("| Children leaving care: rate per 10,000 children aged under 18 | 2015-16 | 29.7 per 10,000 | 25.5–34.5 | higher than East Midlands region; similar to England |"), "\(report)")
    }
}
