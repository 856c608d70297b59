import Foundation
import Testing

/// SDMX-ML as agencies publish it (Fixtures/real/sdmx, see Fixtures/real/SOURCES.md; the ECB
/// specimens at ../shared/data/sdmx), read by the real binary with the pipeline a user would
/// write, and checked against an independent reading of the same file (read_sdmx.py, Python's
/// xml.etree) and against figures read off the file by hand.
@Suite struct RealSDMXTests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures/real/sdmx").path

    /// One observation, as the tool printed it or the independent reader read it: a value, or
    /// none and the reason it is missing.
    struct Row: Hashable, CustomStringConvertible {
        var area, period, indicator: String
        var value: Double?
        var missing: String?
        var status: String?

        var description: String {
            "\(area) \(indicator) \(period) = \(value.map { "\($0)" } ?? "missing: \(missing ?? "?")")\(status.map { " (\($0))" } ?? "")"
        }

        init(_ object: [String: Any], status key: String?) {
            area = object["area"] as? String ?? ""
            period = object["period"] as? String ?? ""
            indicator = object["indicator"] as? String ?? ""
            value = object["value"] as? Double
            missing = object["missing"] as? String
            let attributes = object["attributes"] as? [String: String]
            status = key.map { _ in object["status"] as? String } ?? attributes?["status"]
        }
    }

    static func objects(_ lines: String) throws -> [[String: Any]] {
        try lines.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    /// Runs `baseline inspect` on a pipeline reading `file` with the `sdmx:` options given, and
    /// the independent reader with `area` and `dimensions`; returns the tool's records (as JSON
    /// objects) after checking both readings agree observation for observation.
    func read(_ file: String, sdmx: String, area: String, dimensions: String) throws -> [[String: Any]] {
        let scratch = try Scratch()
        try """
            place: { name: Test, code: X }
            period: 2025
            sources:
              - id: stats
                adapter: xml-dataset
                path: \(file)
                sdmx: \(sdmx)
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let tool = try baseline("inspect", "p.yaml", "--source", "stats", "--limit", "1000", in: scratch.url)
        #expect(tool.status == 0, "\(tool.stderr)")
        #expect(!tool.stderr.contains("rejected"), "\(tool.stderr)")
        let python = try run("python3", [Self.fixtures + "/read_sdmx.py", file, area, dimensions])
        #expect(python.status == 0, "\(python.stderr)")
        let records = try Self.objects(tool.stdout)
        let mine = Set(records.map { Row($0, status: nil) })
        let theirs = Set(try Self.objects(python.stdout).map { Row($0, status: "status") })
        #expect(!theirs.isEmpty)
        let toolOnly = mine.subtracting(theirs).map(\.description).sorted(), readerOnly = theirs.subtracting(mine).map(\.description).sorted()
        #expect(mine == theirs, "tool only: \(toolOnly); reader only: \(readerOnly)")
        return records
    }

    func find(_ records: [[String: Any]], _ indicator: String, _ period: String) throws -> [String: Any] {
        try #require(records.first { $0["indicator"] as? String == indicator && $0["period"] as? String == period },
                     "no \(indicator) in \(period)")
    }

    @Test("INSEE (generic, the area an attribute of each series): `area: { attribute: REF_AREA }`")
    func insee() throws {
        let records = try read(Self.fixtures + "/insee-cna-2010-conso-si-a17.xml", sdmx: "{ area: { attribute: REF_AREA } }",
                               area: "attribute:REF_AREA", dimensions: "SECT-INST,OPERATION,PRODUIT,PRIX")
        #expect(records.count == 2)
        // By hand from the file: 2014 is 89.9 (OBS_STATUS P), 2013 is 92.7; area FE, unit SO, TITLE the name.
        let latest = try find(records, "S13.P3.A10-BE.IPCH", "2014")
        #expect(latest["area"] as? String == "FE" && latest["value"] as? Double == 89.9 && latest["unit"] as? String == "SO")
        let attributes = try #require(latest["attributes"] as? [String: String])
        #expect(attributes["status"] == "provisional")
        #expect(attributes["indicator_name"]?.hasPrefix("Comptes nationaux annuels base 2010 - Dépense de consommation finale") == true)
        #expect(try find(records, "S13.P3.A10-BE.IPCH", "2013")["value"] as? Double == 92.7)
    }

    @Test("INSEE, run whole: the brief and baseline.json hold its figures for the place FE")
    func inseeRun() throws {
        let scratch = try Scratch()
        try """
            indicators:
              - { id: S13.P3.A10-BE.IPCH, name: "Government consumption price index, manufacturing (2010 = 100)", value_type: score, polarity: no_judgement }
            """.write(toFile: scratch.path + "/catalogue.yaml", atomically: true, encoding: .utf8)
        try """
            place: { name: France, code: FE }
            period: 2015
            sources:
              - id: insee
                adapter: xml-dataset
                path: \(Self.fixtures)/insee-cna-2010-conso-si-a17.xml
                sdmx: { area: { attribute: REF_AREA } }
            transforms:
              - { stage: indicators, catalogue: catalogue.yaml }
            sinks:
              - sink: dashboard-json
              - sink: text-report
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/out/france/2015/baseline.json"))
        let document = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let indicators = try #require(document["indicators"] as? [[String: Any]])
        let values = Dictionary(uniqueKeysWithValues: indicators.map { ($0["period"] as? String ?? "", $0["value"] as? Double) })
        #expect(values == ["2013": 92.7, "2014": 89.9])
        let brief = try String(contentsOfFile: scratch.path + "/out/france/2015/report.md", encoding: .utf8)
        #expect(brief.contains("| Government consumption price index, manufacturing (2010 = 100) | 2014 | 89.9 score (provisional) |"), "\(brief)")
        #expect(!brief.contains("staff"))
    }

    @Test("ISTAT (structure-specific; OBS_STATUS in lower case, `e`, is estimated)")
    func istat() throws {
        let records = try read(Self.fixtures + "/istat-22-289.xml", sdmx: "{}", area: "dimension:REF_AREA",
                               dimensions: "FREQ,DATA_TYPE,SEX,AGE,MARITAL_STATUS")
        #expect(records.count == 8)
        // By hand: men (SEX 1) 29,131,195 in 2019; women (SEX 2) 30,235,705 in 2022, estimated.
        #expect(try find(records, "A.JAN.1.TOTAL.99", "2019")["value"] as? Double == 29_131_195)
        let women = try find(records, "A.JAN.2.TOTAL.99", "2022")
        #expect(women["value"] as? Double == 30_235_705 && women["area"] as? String == "IT")
        #expect((women["attributes"] as? [String: String])?["status"] == "estimated")
        #expect(try find(records, "A.JAN.1.TOTAL.99", "2022")["value"] as? Double == 28_747_417)
    }

    @Test("Eurostat (structure-specific; area `geo`, unit in a `unit` dimension)")
    func eurostat() throws {
        let records = try read(Self.fixtures + "/estat-nama-10-gdp-ss.xml", sdmx: "{ area: geo, unit: unit, indicator: na_item }",
                               area: "dimension:geo", dimensions: "na_item")
        #expect(records.count == 4)
        // By hand: Luxembourg's GDP at current prices, € million: 46,526.2 in 2012, 54,142.3 in 2015.
        #expect(try find(records, "B1GQ", "2012")["value"] as? Double == 46526.2)
        #expect(try find(records, "B1GQ", "2015")["value"] as? Double == 54142.3)
        #expect(try find(records, "B1GQ", "2014")["value"] as? Double == 51791.3)
        #expect(records.allSatisfy { $0["area"] as? String == "LU" && $0["unit"] as? String == "CP_MEUR" })
    }

    @Test("Eurostat's demography sample (explicit measures: each observation's xsi:type is its measure; missing values)")
    func eurostatExplicitMeasures() throws {
        let records = try read(Self.fixtures + "/estat-demography-xs.xml", sdmx: "{ area: COUNTRY, indicator: [SEX, DEMO] }",
                               area: "dimension:COUNTRY", dimensions: "SEX,DEMO")
        #expect(records.count == 60)
        // Fertility (TFRNSI) for both sexes only; life expectancy, births and deaths for each sex and both.
        #expect(Set(records.map { $0["indicator"] as? String ?? "" }).count == 10)
        #expect(records.filter { $0["value"] is NSNull }.count == 5)
        // By hand: Belgium 2007, both sexes: fertility 1.82 (CPW), life expectancy 80.2 (YRS), 124,095 live births.
        let fertility = try find(records, "T.TFRNSI", "2007")
        #expect(fertility["area"] as? String == "BE" && fertility["value"] as? Double == 1.82 && fertility["unit"] as? String == "CPW")
        #expect(try find(records, "T.LEXPNSIT", "2007")["value"] as? Double == 80.2)
        #expect(try find(records, "T.LBIRTHST", "2007")["value"] as? Double == 124_095)
        // Belgium 2009, men: no value, OBS_STATUS M: not applicable, not zero.
        let births = try #require(records.first { $0["area"] as? String == "BE" && $0["indicator"] as? String == "M.LBIRTHST" && $0["period"] as? String == "2009" })
        #expect(births["value"] is NSNull && births["missing"] as? String == "not_applicable")
    }

    @Test("ECB with groups (generic time series): each series takes its sibling group's unit and name, and the rate group's attributes")
    func ecbGroups() throws {
        let records = try read(Self.fixtures + "/ecb-exr-rg-ts.xml", sdmx: "{ area: { value: U2 } }",
                               area: "value:U2", dimensions: "FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_VAR")
        #expect(records.count == 12)
        #expect(records.allSatisfy { ($0["attributes"] as? [String: String])?["COLL_METHOD"] == "Average of observations through period" })
        // By hand: CHF 1.3413 in 2010-08 (unit CHF, 4 decimals); GBP 0.82363 in 2010-08 (5 decimals); JPY 113.67 in 2010-10.
        let franc = try find(records, "M.CHF.EUR.SP00.E", "2010-08")
        #expect(franc["value"] as? Double == 1.3413 && franc["unit"] as? String == "CHF")
        #expect((franc["attributes"] as? [String: String])?["indicator_name"] == "ECB reference exchange rate, Swiss franc/Euro")
        let pound = try find(records, "M.GBP.EUR.SP00.E", "2010-08")
        #expect(pound["value"] as? Double == 0.82363 && pound["unit"] as? String == "GBP")
        #expect((pound["attributes"] as? [String: String])?["DECIMALS"] == "5")
        let yen = try find(records, "M.JPY.EUR.SP00.E", "2010-10")
        #expect(yen["value"] as? Double == 113.67 && yen["unit"] as? String == "JPY")
    }

    @Test("ECB with groups, cross-sectional structure-specific: the sibling group keyed on the currency at the observation")
    func ecbGroupsCrossSectional() throws {
        let records = try read(Self.fixtures + "/ecb-exr-rg-xs-ss.xml",
                               sdmx: "{ area: { value: U2 }, dimensions: [FREQ, CURRENCY, CURRENCY_DENOM, EXR_TYPE, EXR_VAR] }",
                               area: "value:U2", dimensions: "FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_VAR")
        #expect(records.count == 12)
        // By hand: USD 1.2894 in 2010-08, JPY 113.67 and GBP 0.87637 in 2010-10, each with its own unit and name.
        let dollar = try find(records, "M.USD.EUR.SP00.E", "2010-08")
        #expect(dollar["value"] as? Double == 1.2894 && dollar["unit"] as? String == "USD")
        #expect((dollar["attributes"] as? [String: String])?["indicator_name"] == "ECB reference exchange rate, U.S. dollar/Euro")
        let yen = try find(records, "M.JPY.EUR.SP00.E", "2010-10")
        #expect(yen["value"] as? Double == 113.67 && yen["unit"] as? String == "JPY")
        #expect(try find(records, "M.GBP.EUR.SP00.E", "2010-10")["value"] as? Double == 0.87637)
    }

    /// The same file with no `dimensions:`: the sibling groups' key `CURRENCY` (the dimension at
    /// the observation) was compared by pointer with a name interned from the header, so it was
    /// taken for an attribute; the four groups then had one key, and every observation took the
    /// unit and title of whichever came first in a dictionary — a different currency each run,
    /// exit 0 (a try-out).
    @Test("ECB cross-sectional structure-specific with no `dimensions:`: each currency keeps its own unit and title, the same each run")
    func ecbGroupsCrossSectionalWithoutDimensions() throws {
        var runs = [[String]]()
        for _ in 0..<3 {
            let records = try read(Self.fixtures + "/ecb-exr-rg-xs-ss.xml", sdmx: "{ area: { value: U2 } }",
                                   area: "value:U2", dimensions: "FREQ,CURRENCY_DENOM,EXR_TYPE,EXR_VAR,CURRENCY")
            #expect(records.count == 12)
            for record in records {
                let currency = try #require((record["indicator"] as? String)?.split(separator: ".").last.map(String.init))
                #expect(record["unit"] as? String == currency, "\(record)")
                let attributes = try #require(record["attributes"] as? [String: String])
                #expect(attributes["CURRENCY"] == nil, "the group's key is no attribute: \(attributes)")
            }
            let dollar = try find(records, "M.EUR.SP00.E.USD", "2010-08")
            #expect(dollar["value"] as? Double == 1.2894)
            #expect((dollar["attributes"] as? [String: String])?["indicator_name"] == "ECB reference exchange rate, U.S. dollar/Euro")
            runs.append(records.map { "\($0["indicator"]!) \($0["period"]!) \($0["unit"] ?? "-") \(($0["attributes"] as? [String: String])?["indicator_name"] ?? "-")" })
        }
        #expect(runs[0] == runs[1] && runs[1] == runs[2])
    }

    @Test("Eurostat's answer to a large query (a footer, no DataSet) stops the run at the footer with its code")
    func eurostatFooter() throws {
        let scratch = try Scratch()
        try """
            place: { name: Test, code: X }
            period: 2025
            sources:
              - id: stats
                adapter: xml-dataset
                path: \(Self.fixtures)/estat-footer-413.xml
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("estat-footer-413.xml:16:5: error: the data message holds no DataSet, only a footer message (code 413, Infomation)"),
                "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("gave no records"), "\(outcome.stderr)")
    }

    /// Without `dimensions:`, a structure-specific message's XML attributes are told apart by
    /// name: the ECB's `COLLECTION` and `UNIT` were taken for dimensions, so each id came out
    /// `A.CAD.EUR.SP00.A.A.CAD` and the unit was lost, exit 0 (a try-out, on this file).
    @Test("ECB, SDMX-ML 3.0 structure-specific, no `dimensions:` given: `COLLECTION` and `UNIT` are attributes, `UNIT` the unit")
    func ecbSDMX3() throws {
        let records = try read(Self.fixtures + "/ecb-exr-v3-ss.xml", sdmx: "{ area: { value: U2 } }",
                               area: "value:U2", dimensions: "FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX")
        #expect(records.count == 116)
        #expect(Set(records.compactMap { $0["indicator"] as? String }) == [
            "A.CAD.EUR.SP00.A", "A.CAD.EUR.SP00.E", "A.CHF.EUR.SP00.A", "A.CHF.EUR.SP00.E", "A.LTL.EUR.SP00.A", "A.LTL.EUR.SP00.E",
        ])
        // By hand: CAD 1.365106201550388 in 2010 (the year's average), CHF 1.2024 at the end of 2014, each in its own unit.
        let dollar = try find(records, "A.CAD.EUR.SP00.A", "2010")
        #expect(dollar["value"] as? Double == 1.365106201550388 && dollar["unit"] as? String == "CAD")
        #expect((dollar["attributes"] as? [String: String])?["indicator_name"] == "Canadian dollar/Euro")
        #expect((dollar["attributes"] as? [String: String])?["COLLECTION"] == "A")
        let franc = try find(records, "A.CHF.EUR.SP00.E", "2014")
        #expect(franc["value"] as? Double == 1.2024 && franc["unit"] as? String == "CHF")
        #expect(records.allSatisfy { $0["unit"] is String })
    }

    @Test("ECB (a one-area dataset, no area in the key): `area: { value: U2 }`", arguments: [
        "ecb-exr-ng-ts.xml", "ecb-exr-ng-flat.xml", "ecb-exr-ng-ts-ss.xml", "ecb-exr-ng-xs-ss.xml",
    ])
    func ecb(file: String) throws {
        let folder = Package.root.deletingLastPathComponent().appendingPathComponent("shared/data/sdmx").path
        guard FileManager.default.fileExists(atPath: folder + "/" + file) else {
            print("skipped: the ECB SDMX specimens are not at \(folder)")
            return
        }
        let records = try read(folder + "/" + file, sdmx: "{ area: { value: U2 }, dimensions: [FREQ, CURRENCY, CURRENCY_DENOM, EXR_TYPE, EXR_VAR] }",
                               area: "value:U2", dimensions: "FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_VAR")
        #expect(records.count == 12)
        // By hand from ecb-exr-ng-ts.xml: CHF 1.3413 in 2010-08, JPY 113.67 and USD 1.3898 in 2010-10.
        let franc = try find(records, "M.CHF.EUR.SP00.E", "2010-08")
        #expect(franc["value"] as? Double == 1.3413 && franc["unit"] as? String == "CHF")
        #expect((franc["attributes"] as? [String: String])?["indicator_name"] == "ECB reference exchange rate, Swiss franc/Euro")
        #expect(try find(records, "M.JPY.EUR.SP00.E", "2010-10")["value"] as? Double == 113.67)
        #expect(try find(records, "M.USD.EUR.SP00.E", "2010-10")["value"] as? Double == 1.3898)
    }
}
