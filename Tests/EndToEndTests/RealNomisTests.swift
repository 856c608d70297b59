import Foundation
import Testing

/// The real binary on a Nomis API download (`Fixtures/real/nomis/`, origin in
/// `Fixtures/real/SOURCES.md`): the layout recognised from the header, with the pipeline a user
/// would write. Figures are checked against Python's `csv` module (`expected_indicators.py`) and
/// by hand.
@Suite(.serialized) struct RealNomisTests {
    static let file = "real/nomis/mortality-forces-of-nature.csv"
    static let causes = [
        "deaths_all_causes": "A00-R99,U00-Y89 All causes, all ages",
        "deaths_natural_cold": "X31 Exposure to excessive natural cold",
        "deaths_natural_heat": "X30 Exposure to excessive natural heat",
    ]

    @Test("Nomis deaths by cause: recognised from the header; every Wales and England value and sex breakdown as Python reads it")
    func nomisMortality() throws {
        let scratch = try Scratch()
        let (document, report, outcome) = try RealFileTests.run("real/nomis/wales.yaml", place: "wales", in: scratch)
        #expect(outcome.stderr.contains("mortality (csv-indicators): read 330, passed on 330, quarantined 0"), "\(outcome.stderr)")
        let rows = try RealFileTests.expected(Self.file, layout: "nomis:CAUSE_OF_DEATH_NAME", areas: ["W92000004", "E92000001"])
        try #require(rows.count == 132, "2 areas × 2 years × 11 causes × 3 sexes")
        var checked = 0
        for (id, name) in Self.causes {
            for area in ["W92000004", "E92000001"] {
                let entries = RealFileTests.entries(document, id: id, area: area)
                #expect(Set(entries.keys) == ["2020", "2021"], "\(id) \(area)")
                for period in ["2020", "2021"] {
                    let mine = rows.filter { $0.indicator == name && $0.area == area && $0.period == period }
                    let total = try #require(mine.first { $0.Sex == "Total" })
                    let entry = entries[period]
                    #expect(entry?["value"] as? Double == total.value, "the headline is Nomis' Total, not a sex: \(id) \(area) \(period)")
                    let breakdowns = entry?["breakdowns"] as? [[String: Any]] ?? []
                    #expect(breakdowns.compactMap { $0["sex"] as? String }.sorted() == ["Female", "Male"])
                    for sex in ["Female", "Male"] {
                        let row = try #require(mine.first { $0.Sex == sex })
                        #expect(breakdowns.first { $0["sex"] as? String == sex }?["value"] as? Double == row.value, "\(id) \(area) \(period) \(sex)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked == 12)
        // By hand, off the file: Wales 2021, all causes: 18,315 men + 17,820 women = 36,135 (the
        // Total row); excessive natural cold: 5 + 3 = 8; England 2020, all causes: 569,700.
        let wales = RealFileTests.entries(document, id: "deaths_all_causes", area: "W92000004")["2021"]
        #expect(wales?["value"] as? Double == 36135 && 18315 + 17820 == 36135)
        #expect(RealFileTests.entries(document, id: "deaths_natural_cold", area: "W92000004")["2021"]?["value"] as? Double == 8)
        #expect(RealFileTests.entries(document, id: "deaths_all_causes", area: "E92000001")["2020"]?["value"] as? Double == 569_700)
        #expect(report.contains("| X31 Exposure to excessive natural cold | 2021 | 8.0 deaths |"), "\(report)")
        #expect(report.contains("240 observation(s) of 8 indicator(s) not in the catalogue"), "the causes left out are counted, not lost")
    }

    @Test("A Nomis download read without naming its indicator column: an error that names the file's dimensions")
    func nomisWithoutIndicatorColumn() throws {
        let scratch = try Scratch()
        let folder = RealFileTests.fixtures.appendingPathComponent("real/nomis")
        let pipeline = try String(contentsOf: folder.appendingPathComponent("wales.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "    columns: { indicator: CAUSE_OF_DEATH_NAME }\n", with: "")
            .replacingOccurrences(of: "path: mortality-forces-of-nature.csv", with: "path: \(folder.path)/mortality-forces-of-nature.csv")
            .replacingOccurrences(of: "catalogue: catalogue.yaml", with: "catalogue: \(folder.path)/catalogue.yaml")
        let path = scratch.path + "/wales.yaml"
        try pipeline.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try baseline("run", path, "--output", scratch.path + "/out")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("mortality-forces-of-nature.csv:1: error: a Nomis download has no indicator column"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("(this file has CAUSE_OF_DEATH_NAME, MEASURE_NAME)"), "\(outcome.stderr)")
    }
}
