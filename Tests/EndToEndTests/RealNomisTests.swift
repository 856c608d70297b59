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
                    guard period == "2021" else {
                        #expect(breakdowns.isEmpty, "breakdowns are kept for the latest period only: \(id) \(area) \(period)")
                        checked += 1
                        continue
                    }
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
        #expect(report.contains("| X31 Exposure to excessive natural cold | 2021 | 8 deaths |"), "\(report)")
        #expect(report.contains("240 observations of 8 indicators not in the catalogue"), "the causes left out are counted, not lost")
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

    static let table = "real/nomis/bres-city-employment-2017.csv"
    static let industries = [
        "employees_agriculture": "A : Agriculture, forestry and fishing",
        "employees_manufacturing": "C : Manufacturing",
        "employees_health_social_work": "Q : Human health and social work activities",
    ]

    @Test("A Nomis web table (BRES employees by industry): recognised from its title block; the date from the block; every industry column of Manchester, Greater Manchester and Leeds as Python reads it")
    func nomisWebTable() throws {
        let scratch = try Scratch()
        let (document, report, outcome) = try RealFileTests.run("real/nomis/manchester-employment.yaml", place: "manchester", in: scratch)
        #expect(outcome.stderr.contains("employment (csv-indicators): read 2499, passed on 2499, quarantined 0"), "119 areas × 21 industries: \(outcome.stderr)")
        let script = RealFileTests.fixtures.appendingPathComponent("real/nomis/nomis_table.py").path
        let read = try RealFileTests.python([script, RealFileTests.fixtures.appendingPathComponent(Self.table).path])
        let python = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any])
        #expect((python["facts"] as? [String: String])?["Date"] == "2017")
        let table = try #require(python["table"] as? [String: [String: Double]])
        try #require(table.count == 119)
        var checked = 0
        for (id, name) in Self.industries {
            for area in ["towncity:Manchester", "combauth:Greater Manchester", "towncity:Leeds"] {
                let entries = RealFileTests.entries(document, id: id, area: area)
                #expect(Set(entries.keys) == ["2017"], "the period is the title block's date: \(id) \(area)")
                let expected = try #require(table[area]?[name])
                #expect(entries["2017"]?["value"] as? Double == expected, "\(id) \(area)")
                checked += 1
            }
        }
        #expect(checked == 9)
        // By hand, off the file: Manchester's manufacturing 12,000 employees (the third figure of
        // its row, after agriculture 75 with its footnote marker "*" and mining 30); Greater
        // Manchester's health and social work 168,000; Leeds' agriculture 40.
        #expect(RealFileTests.entries(document, id: "employees_manufacturing", area: "towncity:Manchester")["2017"]?["value"] as? Double == 12000)
        #expect(RealFileTests.entries(document, id: "employees_health_social_work", area: "combauth:Greater Manchester")["2017"]?["value"] as? Double == 168_000)
        #expect(RealFileTests.entries(document, id: "employees_agriculture", area: "towncity:Leeds")["2017"]?["value"] as? Double == 40)
        #expect(report.contains("| C : Manufacturing | 2017 | 12,000 employees |"), "\(report)")
        // The page shows a count whole too (value_type: count), in its value cell and its chart's label.
        let page = try String(contentsOfFile: scratch.path + "/manchester/2025/dashboard.html", encoding: .utf8)
        #expect(page.contains(">12,000 employees") && page.contains(": 12,000") && !page.contains("12,000.0"))
        #expect(report.contains("2,142 observations of 18 indicators not in the catalogue"), "the industries left out are counted, not lost")
    }

    @Test("A Nomis web table whose title block gives no date: an error at its header row that says what to download")
    func nomisWebTableWithoutDate() throws {
        let scratch = try Scratch()
        let folder = RealFileTests.fixtures.appendingPathComponent("real/nomis")
        let published = try String(contentsOf: folder.appendingPathComponent("bres-city-employment-2017.csv"), encoding: .utf8)
        try published.replacingOccurrences(of: "\"Date       :\",\"2017\"\n", with: "")
            .write(toFile: scratch.path + "/bres-city-employment-2017.csv", atomically: true, encoding: .utf8)
        let pipeline = try String(contentsOf: folder.appendingPathComponent("manchester-employment.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "catalogue: employment-catalogue.yaml", with: "catalogue: \(folder.path)/employment-catalogue.yaml")
        try pipeline.write(toFile: scratch.path + "/manchester.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", scratch.path + "/manchester.yaml", "--output", scratch.path + "/out")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("bres-city-employment-2017.csv:8: error: the Nomis table's title block gives no date"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("choose one date in the Nomis query"), "\(outcome.stderr)")
    }

    @Test("Nomis web-table dates as Nomis writes them (APS' calendar year and twelve-month periods, a financial year, the claimant count's month): the real BRES table with only its date line changed, read with the period each is", arguments: [
        ("Jan 2020-Dec 2020", "2020", nil), ("Apr 2020-Mar 2021", "2020-21", nil),
        ("Oct 2019-Sep 2020", "2019-10-01/P1Y", "Oct 2019 – Sep 2020"), ("March 2021", "2021-03", "Mar 2021"),
    ] as [(String, String, String?)])
    func nomisWebTableDates(date: String, period: String, label: String?) throws {
        let scratch = try Scratch()
        let folder = RealFileTests.fixtures.appendingPathComponent("real/nomis")
        // A variant of the real file, not a new real file: only the title block's date is changed.
        let published = try String(contentsOf: folder.appendingPathComponent("bres-city-employment-2017.csv"), encoding: .utf8)
        let line = "\"Date       :\",\"2017\"\n"
        try #require(published.contains(line))
        try published.replacingOccurrences(of: line, with: "\"Date       :\",\"\(date)\"\n")
            .write(toFile: scratch.path + "/bres-city-employment-2017.csv", atomically: true, encoding: .utf8)
        try String(contentsOf: folder.appendingPathComponent("manchester-employment.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "catalogue: employment-catalogue.yaml", with: "catalogue: \(folder.path)/employment-catalogue.yaml")
            .write(toFile: scratch.path + "/manchester.yaml", atomically: true, encoding: .utf8)
        let (document, report, outcome) = try RealFileTests.run("manchester.yaml", place: "manchester", in: scratch, from: scratch.url)
        #expect(outcome.stderr.contains("employment (csv-indicators): read 2499, passed on 2499, quarantined 0"), "\(outcome.stderr)")
        let entries = RealFileTests.entries(document, id: "employees_manufacturing", area: "towncity:Manchester")
        #expect(Set(entries.keys) == [period], "\(date)")
        #expect(entries[period]?["value"] as? Double == 12000)
        #expect(entries[period]?["period_label"] as? String == label, "\(date)")
        #expect(report.contains("| C : Manufacturing | \(label ?? period) | 12,000 employees |"), "\(report)")
    }

    @Test("A Nomis web table whose date is a list of quarters: an error at the date's line (no field number for a column) that says which dates are read")
    func nomisWebTableQuarterList() throws {
        let scratch = try Scratch()
        let folder = RealFileTests.fixtures.appendingPathComponent("real/nomis")
        let published = try String(contentsOf: folder.appendingPathComponent("bres-city-employment-2017.csv"), encoding: .utf8)
        try published.replacingOccurrences(of: "\"Date       :\",\"2017\"\n", with: "\"Date       :\",\"Jan 2020-Mar 2020, Apr 2020-Jun 2020\"\n")
            .write(toFile: scratch.path + "/bres-city-employment-2017.csv", atomically: true, encoding: .utf8)
        try String(contentsOf: folder.appendingPathComponent("manchester-employment.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "catalogue: employment-catalogue.yaml", with: "catalogue: \(folder.path)/employment-catalogue.yaml")
            .write(toFile: scratch.path + "/manchester.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", scratch.path + "/manchester.yaml", "--output", scratch.path + "/out")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("bres-city-employment-2017.csv:5: error: the date 'Jan 2020-Mar 2020, Apr 2020-Jun 2020' in the title block is not a period this tool reads"),
                "\(outcome.stderr)")
        #expect(outcome.stderr.contains("a span of months Jan 2020-Dec 2020") && outcome.stderr.contains("— choose one date"), "\(outcome.stderr)")
    }

    static let bulk = "real/nomis/census-tenure-households-lad-2011.csv"
    static let tenures = [
        "households_all": "Tenure: All categories: Tenure",
        "households_owned_outright": "Tenure: Owned: Owned outright",
        "households_council_rented": "Tenure: Social rented: Rented from council (Local Authority)",
    ]

    @Test("A Nomis bulk CSV (2011 Census QS405EW, every local authority): recognised from the header; each '…; measures: Value' column an indicator; Manchester, Salford and Trafford as Python reads them")
    func nomisCensusBulk() throws {
        let scratch = try Scratch()
        let (document, report, outcome) = try RealFileTests.run("real/nomis/manchester-tenure.yaml", place: "manchester", in: scratch)
        #expect(outcome.stderr.contains("tenure (csv-indicators): read 4872, passed on 4872, quarantined 0"), "348 areas × 14 tenures: \(outcome.stderr)")
        let script = RealFileTests.fixtures.appendingPathComponent("real/nomis/nomis_bulk.py").path
        let read = try RealFileTests.python([script, RealFileTests.fixtures.appendingPathComponent(Self.bulk).path])
        let python = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: [String: Any]])
        try #require(python.count == 348)
        var checked = 0
        for (id, name) in Self.tenures {
            for area in ["E08000003", "E08000006", "E08000009"] {
                let entries = RealFileTests.entries(document, id: id, area: area)
                #expect(Set(entries.keys) == ["2011"], "\(id) \(area)")
                let expected = try #require((python[area]?["figures"] as? [String: Double])?[name])
                #expect(entries["2011"]?["value"] as? Double == expected, "\(id) \(area)")
                checked += 1
            }
        }
        #expect(checked == 9)
        // By hand, off the file: Manchester's row is 204,969 households, of which 31,145 owned
        // outright and 27,585 rented from the council; the tenures add up (owned 77,395 + shared
        // 1,481 + social 64,682 + private 58,170 + rent free 3,241 = 204,969).
        #expect(RealFileTests.entries(document, id: "households_all", area: "E08000003")["2011"]?["value"] as? Double == 204_969
                && 77395 + 1481 + 64682 + 58170 + 3241 == 204_969)
        #expect(RealFileTests.entries(document, id: "households_owned_outright", area: "E08000003")["2011"]?["value"] as? Double == 31145)
        #expect(RealFileTests.entries(document, id: "households_council_rented", area: "E08000003")["2011"]?["value"] as? Double == 27585)
        #expect(report.contains("| Tenure: Social rented: Rented from council (Local Authority) | 2011 | 27,585 households |"), "\(report)")
        #expect(report.contains("observations of 11 indicators not in the catalogue"), "the tenures left out are counted, not lost: \(report)")
    }

    @Test("A Nomis bulk CSV with a catalogue naming its tenures a little differently (without the 'Tenure:' prefix, with '; measures: Value'): the error leads with the did-you-mean pairs and does not ask for the stage the pipeline has")
    func nomisCensusBulkNearMissCatalogue() throws {
        let scratch = try Scratch()
        let folder = RealFileTests.fixtures.appendingPathComponent("real/nomis")
        try String(contentsOf: folder.appendingPathComponent("tenure-catalogue.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "name: \"Tenure: Owned: Owned outright\"", with: "name: Owned outright")
            .replacingOccurrences(of: "name: \"Tenure: Social rented: Rented from council (Local Authority)\"",
                                  with: "name: \"Tenure: Social rented: Rented from council (Local Authority); measures: Value\"")
            .replacingOccurrences(of: "name: \"Tenure: All categories: Tenure\"", with: "name: All households")
            .write(toFile: scratch.path + "/tenure-catalogue.yaml", atomically: true, encoding: .utf8)
        try String(contentsOf: folder.appendingPathComponent("manchester-tenure.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "path: census-tenure-households-lad-2011.csv", with: "path: \(folder.path)/census-tenure-households-lad-2011.csv")
            .write(toFile: scratch.path + "/manchester.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", scratch.path + "/manchester.yaml", "--output", scratch.path + "/out")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("error: source 'tenure' reads statistics, but the baseline holds none of them as indicators "
                + "(4,872 observations of 14 indicators not in the catalogue tenure-catalogue.yaml were left out: "
                + "'Tenure: Owned: Owned outright' (did you mean 'households_owned_outright'?), "
                + "'Tenure: Social rented: Rented from council (Local Authority)' (did you mean 'households_council_rented'?), "
                + "'Tenure: All categories: Tenure', 'Tenure: Living rent free', 'Tenure: Owned: Owned with a mortgage or loan' and 9 more.)"),
                "the near misses first, the rest counted: \(outcome.stderr)")
        #expect(!outcome.stderr.contains("add `- stage: indicators`"), "the pipeline has the stage: \(outcome.stderr)")
        #expect(outcome.stderr.contains("— set each catalogue entry's `name:` (or `id:`) to the indicator as the file writes it"), "\(outcome.stderr)")
    }
}
