import BaselineCSV
import BaselineCore
import BaselineDigest
import BaselineIndicators
import BaselineSchema
import BaselineTestKit
@testable import CSVIndicators
import Foundation
import Testing

/// `csv-indicators` on small fixtures of each layout, against values read off the fixtures by hand.
@Suite struct CSVIndicatorsTests {
    /// The folder of a fixture case.
    static func folder(_ name: String) throws -> String {
        try #require(Bundle.module.resourcePath) + "/Fixtures/\(name)"
    }

    /// Reads a fixture case with the given options (YAML lines after `path: input.csv`).
    static func read(_ name: String, _ options: String = "") throws -> RecordBatch {
        try readSource(CSVIndicatorsAdapter.self, entry: "path: input.csv\n" + options, base: try folder(name), id: "indicators")
    }

    /// The observations of a batch, in order.
    static func observations(_ batch: RecordBatch) -> [Observation] {
        batch.records.compactMap { record in
            if case .observation(let observation) = record { return observation }
            return nil
        }
    }

    /// The adapter hashes the file as it parses it (on two workers, reading ahead), so that the
    /// runner does not read a national file a second time for the manifest.
    @Test func theSourceHashesTheFileItReads() throws {
        let base = try Self.folder("fingertips")
        let configuration = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv\n", base: base)
        let context = SourceContext(id: "indicators", pipeline: PipelineContext(placeName: "Test", placeCode: "E99999999", period: "test",
                                                                                baseDirectory: base))
        let source = try CSVIndicatorsAdapter.makeSource(configuration: configuration, context: context)
        #expect(source.hashesInputs)
        let batch = try drain(source)
        #expect(!batch.records.isEmpty)
        let expected = try SHA256.hexDigest(ofFile: base + "/input.csv")
        #expect(source.inputDigests == [InputDigest(sha256: expected.digest, bytes: expected.bytes)])
    }

    // MARK: - Fingertips

    @Test("A Fingertips download: values, 95% limits, counts, attributes; category rows skipped when asked")
    func fingertips() throws {
        let batch = try Self.read("fingertips", "include_categories: false")
        #expect(batch.rejects.isEmpty)
        let o = Self.observations(batch)
        try #require(o.count == 5)
        #expect(o.map(\.provenance.line) == [2, 3, 5, 6, 7])
        #expect(o.allSatisfy { $0.provenance.source == "indicators" && $0.provenance.file == "input.csv" })

        #expect(o[0].area == "E92000001" && o[0].areaName == "England" && o[0].indicator == "93014" && o[0].period == "2022-23", "2022/23 is written as the XML adapter writes it")
        #expect(o[0].value == .number(67.1) && o[0].lower == 66.9 && o[0].upper == 67.3)
        #expect(o[0].count == 89211 && o[0].denominator == 132930)
        #expect(o[0].attributes == ["indicator_name": "Percentage of physically active adults", "area_type": "England",
                                    "sex": "Persons", "age": "19+ yrs"])

        #expect(o[1].area == "E07999001" && o[1].value == .number(61.4) && o[1].lower == 56.8 && o[1].upper == 65.8)
        #expect(o[1].count == 307 && o[1].denominator == 500)
    }

    @Test("Rows left out by an option are said in data quality, never dropped silently")
    func passedOverRowsAreNoted() throws {
        let configuration = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv\nareas: [E07999001]\ninclude_categories: false",
                                                    base: try Self.folder("fingertips"))
        let source = try CSVIndicatorsAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "indicators", pipeline: PipelineContext(placeName: "T", placeCode: "E07999001", period: "2025", baseDirectory: "/")))
        let batch = try drain(source)
        #expect(Self.observations(batch).allSatisfy { $0.area == "E07999001" })
        #expect(source.notes.contains { $0.hasPrefix("input.csv: ") && $0.hasSuffix("row(s) of areas not listed in `areas:` passed over.") })
        #expect(source.notes.contains { $0.contains("row(s) of categories") })
    }

    @Test("areas: keeps a listed area's rows under its previous code in the built-in table (ONS's Barnsley under E08000016)")
    func areasKeepPreviousCodes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("previous-codes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes
            E08000016,Barnsley,Local Authority District,Adult obesity prevalence,2024-11-16/P1Y,35.04764,Percentage,%,31.73971,38.37981,,Obsolete code since 2025 (replaced by E08000038 Barnsley)
            E08000018,Rotherham,Local Authority District,Adult obesity prevalence,2024-11-16/P1Y,30.1,Percentage,%,,,,
            E07000163,Craven,Local Authority District,Adult obesity prevalence,2022-11-16/P1Y,25.0,Percentage,%,,,,Obsolete code since 2023 (replaced by E06000065 North Yorkshire)

            """.write(toFile: folder + "/ons.csv", atomically: true, encoding: .utf8)
        let configuration = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: ons.csv\nareas: [E08000038, E06000065]", base: folder)
        let source = try CSVIndicatorsAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "ons", pipeline: PipelineContext(placeName: "Barnsley", placeCode: "E08000038", period: "2025", baseDirectory: "/")))
        #expect(Self.observations(try drain(source)).map(\.area) == ["E08000016"])
    }

    @Test("A suppressed Fingertips value is missing (suppressed), never zero, and keeps its value note")
    func fingertipsSuppressed() throws {
        let o = Self.observations(try Self.read("fingertips", "include_categories: false"))
        try #require(o.count == 5)
        let suppressed = o[2]
        #expect(suppressed.indicator == "20401" && suppressed.area == "E07999001" && suppressed.period == "2021")
        #expect(suppressed.value == .missing(.suppressed))
        #expect(suppressed.count == nil && suppressed.lower == nil && suppressed.upper == nil)
        #expect(suppressed.denominator == 1466)
        #expect(suppressed.attributes["value_note"] == "Value suppressed for disclosure control due to small count")

        let zero = o[3]
        #expect(zero.area == "E07999002" && zero.value == .number(0) && zero.lower == 0 && zero.upper == 4.1)
        #expect(zero.count == 0 && zero.denominator == 902)

        let noted = o[4]
        #expect(noted.indicator == "90366" && noted.period == "2021 - 23" && noted.value == .number(77.62))
        #expect(noted.lower == 76.91 && noted.upper == 78.33)
        #expect(noted.attributes["value_note"] == "Aggregated from all known lower geography values")
    }

    @Test("confidence: 99.8 keeps the 99.8% limits")
    func fingertipsWideInterval() throws {
        let o = Self.observations(try Self.read("fingertips", "confidence: 99.8\ninclude_categories: false"))
        try #require(o.count == 5)
        #expect(o[1].lower == 54.2 && o[1].upper == 68.3)
        #expect(o[4].lower == 76.50 && o[4].upper == 78.74)
    }

    @Test("Breakdown rows are kept by default, with their category")
    func fingertipsCategories() throws {
        let o = Self.observations(try Self.read("fingertips"))
        try #require(o.count == 6)
        #expect(o[2].provenance.line == 4 && o[2].value == .number(58.2) && o[2].lower == 57.4 && o[2].upper == 59.0)
        #expect(o[2].attributes["category_type"] == "County & UA deprivation deciles in England (IMD2019 4/21 geography)")
        #expect(o[2].attributes["category"] == "Most deprived decile (IMD2019)")
    }

    @Test("indicators and areas keep only the rows named")
    func fingertipsFilters() throws {
        let o = Self.observations(try Self.read("fingertips", "indicators: ['20401']\nareas: [E07999001]"))
        #expect(o.map(\.provenance.line) == [5])
        let byArea = Self.observations(try Self.read("fingertips", "areas: [E07999001]"))
        #expect(byArea.map(\.provenance.line) == [3, 5, 7])
    }

    @Test("A Fingertips API download as published: rows without their trailing empty fields are read, a row cut short before its figures or too long is ragged, multi-line names, each comparator column")
    func fingertipsAsPublished() throws {
        let batch = try Self.read("fingertips-api")
        let o = Self.observations(batch)
        try #require(o.count == 2)
        #expect(o.map(\.provenance.line) == [2, 4], "a quoted name over two lines starts a row on one line and ends it on the next")
        #expect(o[0].attributes["indicator_name"] == "Hospital admissions as a result of self-harm\n(10-24 years)")
        #expect(o[1].area == "E07999001" && o[1].period == "2021-22" && o[1].value == .number(512.3))
        #expect(o[1].lower == 470.0 && o[1].upper == 557.4 && o[1].count == 530 && o[1].denominator == 103450)
        #expect(o[1].attributes["published_trend"] == "No significant change")
        #expect(o[1].attributes["published_comparison:E92000001"] == "Worse", "Compared to England")
        #expect(o[1].attributes["published_comparison:E38000001"] == "Worse", "Compared to CCGs… compares with the row's parent")
        #expect(o[0].attributes["published_comparison:E38000001"] == nil, "an area is not compared with itself")
        #expect(o[1].attributes.keys.filter { $0.hasPrefix("published_comparison:") }.count == 2, "percentiles and goal are not areas")
        #expect(batch.rejects.map { "\($0.provenance.location) \($0.reason)" } == [
            "input.csv:6 ragged row: 9 fields where the header has 28",
            "input.csv:8 ragged row: 29 fields where the header has 28",
        ])
    }

    @Test("headline_sex / headline_age mark the headline rows for the indicators stage")
    func fingertipsHeadlineMarked() throws {
        let o = Self.observations(try Self.read("fingertips", "headline_sex: persons\nheadline_age: 19+ yrs"))
        #expect(o.map { $0.attributes["headline"] } == ["true", "true", "false", "false", "false", "false"])
    }

    // MARK: - ONS

    @Test("A Nomis web table with area codes: the period and units from the title block, a column per category, `%` columns as shares, the notes under the table passed over")
    func nomisTable() throws {
        let batch = try Self.read("nomis-table")
        let observations = Self.observations(batch)
        #expect(observations.count == 12)
        #expect(Set(observations.map(\.period)) == ["2011"])
        let males = try #require(observations.first { $0.area == "E00000001" && $0.indicator == "Males" })
        #expect(males.value == .number(80) && males.unit == "Persons" && males.areaName == "E00000001")
        #expect(males.provenance.line == 10 && males.provenance.column == 5)
        let share = try #require(observations.first { $0.area == "E00000001" && $0.indicator == "Females (%)" })
        #expect(share.value == .number(45.9) && share.unit == "%")
        let suppressed = try #require(observations.first { $0.area == "E00000003" && $0.indicator == "All persons" })
        #expect(suppressed.value.number == nil, "'..' is missing, never zero")
        #expect(batch.rejects.isEmpty)
    }

    @Test("Nomis web-table dates as Nomis writes them: a span of months is the period it is (a year, a financial year, a quarter), else an ISO 8601 interval; a month is a month", arguments: [
        ("2017", "2017", Period.Kind.year), ("2017/18", "2017-18", .financialYear),
        ("Jan 2020-Dec 2020", "2020", .year), ("Apr 2020-Mar 2021", "2020-21", .financialYear),
        ("Oct 2019-Sep 2020", "2019-10-01/P1Y", .interval), ("Jan 2018-Dec 2020", "2018 - 20", .years),
        ("Jan 2021-Mar 2021", "2021-Q1", .quarter), ("Jul 2020-Dec 2020", "2020-07-01/P6M", .interval),
        ("March 2021", "2021-03", .month), ("Mar 2021", "2021-03", .month), ("sept 2021", "2021-09", .month),
        ("Oct 2019 - Sep 2020", "2019-10-01/P1Y", .interval),
    ])
    func nomisTableDates(date: String, text: String, kind: Period.Kind) throws {
        let period = try #require(NomisTable.datePeriod(date))
        #expect(period.text == text && period.kind == kind)
    }

    @Test("Nomis web-table dates that are no one period are refused", arguments: [
        "Jan 2020-Mar 2020, Apr 2020-Jun 2020", "Dec 2020-Jan 2020", "Ma 2021", "Smarch 2021", "2021 Mar", "Jan 2020-",
    ])
    func nomisTableDatesRefused(date: String) {
        #expect(NomisTable.datePeriod(date) == nil)
    }

    @Test("A Nomis web table of the Annual Population Survey's twelve months read with its date; a list of quarters stops the run at the date's line, saying which dates are read")
    func nomisTableSpanOfMonths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nomis-dates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let published = try String(contentsOfFile: try Self.folder("nomis-table") + "/input.csv", encoding: .utf8)
        let line = "\"Date       :\",\"2011\""
        try #require(published.contains(line))
        try published.replacingOccurrences(of: line, with: "\"Date       :\",\"Oct 2019-Sep 2020\"")
            .write(to: folder.appendingPathComponent("input.csv"), atomically: true, encoding: .utf8)
        let batch = try readSource(CSVIndicatorsAdapter.self, entry: "path: input.csv\n", base: folder.path, id: "indicators")
        #expect(Set(Self.observations(batch).map(\.period)) == ["2019-10-01/P1Y"])
        try published.replacingOccurrences(of: line, with: "\"Date       :\",\"Jan 2020-Mar 2020, Apr 2020-Jun 2020\"")
            .write(to: folder.appendingPathComponent("input.csv"), atomically: true, encoding: .utf8)
        #expect {
            _ = try readSource(CSVIndicatorsAdapter.self, entry: "path: input.csv\n", base: folder.path, id: "indicators")
        } throws: { error in
            let text = "\(error)"
            return text.contains("input.csv:5: error: the date 'Jan 2020-Mar 2020, Apr 2020-Jun 2020' in the title block is not a period this tool reads")
                && text.contains("Jan 2020-Dec 2020") && text.contains("choose one date")
        }
    }

    @Test("A Nomis web table without area codes takes the code before ' : ' in the label; a second table in the download stops the run at its line")
    func nomisTableNamedAreas() throws {
        #expect {
            _ = try Self.read("nomis-table-two")
        } throws: { error in
            "\(error)".contains("input.csv:15: error: a second Nomis table starts here")
        }
        let batch = try Self.read("nomis-table-named", "layout: nomis-table\nareas: [E02000002]\n")
        let observations = Self.observations(batch)
        #expect(observations.map(\.indicator) == ["Total", "Straight"])
        #expect(observations.first?.areaName == "Barking and Dagenham 001" && observations.first?.value == .number(6000))
    }

    @Test("A Nomis bulk CSV: each '…; measures: …' column an indicator (Percent as '(%)'), a dimension other than Total a breakdown, a bad cell rejected at its column")
    func nomisBulk() throws {
        let batch = try Self.read("nomis-bulk")
        let observations = Self.observations(batch)
        #expect(observations.count == 8)
        let all = try #require(observations.first { $0.area == "E06000005" && $0.indicator == "Sex: All persons" && $0.attributes["category"] == nil })
        #expect(all.value == .number(105_564) && all.areaName == "Darlington" && all.period == "2011" && all.provenance.column == 5)
        let share = try #require(observations.first { $0.indicator == "Sex: All persons (%)" })
        #expect(share.unit == "%" && share.value == .number(100))
        let rural = try #require(observations.first { $0.attributes["category"] == "Rural" && $0.indicator == "Sex: Males" })
        #expect(rural.attributes["category_type"] == "Rural Urban" && rural.value.number == nil, "'..' is missing, never zero")
        let reject = try #require(batch.rejects.first)
        #expect(batch.rejects.count == 1 && reject.provenance.line == 4 && reject.provenance.column == 7)
        #expect(Self.observations(try Self.read("nomis-bulk", "include_categories: false\n")).count == 5)
    }

    @Test("An ONS Explore Local Statistics file (BOM, lower-case header, the indicator named in a column, ISO 8601 periods)")
    func onsExploreLocalStatistics() throws {
        let batch = try Self.read("ons-explore")
        #expect(batch.rejects.isEmpty)
        let o = Self.observations(batch)
        try #require(o.count == 4)
        #expect(o.map(\.indicator) == ["Cigarette smokers", "Cigarette smokers", "Homicide Offences", "Gigabit capable broadband"])
        #expect(o.map(\.period) == ["2020 - 24", "2023", "2022-04-01/P3Y", "2026-01-01"])
        #expect(o[0].area == "E08000003" && o[0].areaName == "Manchester" && o[0].value == .number(15.6) && o[0].lower == 13.8 && o[0].upper == 17.4)
        #expect(o[0].unit == "%" && o[2].unit == "Rate per 1,000,000 population")
        // `geography` is not an area type to range across (it mixes the nations' districts).
        #expect(o[0].attributes.isEmpty)
        #expect(o[3].attributes["value_note"] == "This data has been aggregated")
    }

    @Test("An ONS local statistics file: the indicator from the pipeline, markers as typed missing values")
    func ons() throws {
        let batch = try Self.read("ons", "indicator: healthy-life-expectancy\nunit: years")
        #expect(batch.rejects.isEmpty)
        let o = Self.observations(batch)
        try #require(o.count == 7)
        #expect(o.allSatisfy { $0.indicator == "healthy-life-expectancy" && $0.period == "2023" && $0.unit == "years" })
        #expect(o.map(\.area) == ["E07999001", "E07999002", "E07999003", "E07999004", "E07999005", "E07999006", "E92000001"])
        #expect(o.map(\.value) == [.number(74.2), .missing(.suppressed), .missing(.notAvailable), .missing(.lowReliability),
                                   .missing(.notApplicable), .missing(.suppressed), .number(1234.5)])
        #expect(o[0].lower == 71.0 && o[0].upper == 77.4 && o[0].areaName == "Millbrook" && o[0].attributes.isEmpty)
        #expect(o[1].attributes == ["observation_status": "Confidential"])
        #expect(o[5].attributes == ["observation_status": "Suppressed"])
        #expect(o[6].attributes == ["observation_status": "Provisional"])
    }

    /// ONS's files flag a value too unreliable to publish with the status `u` and leave the value
    /// out (Mansfield's cancer diagnosis at stage 1 and 2 in 2019–2022, Burnley's well-being in
    /// 2022-23: `Tests/EndToEndTests/RealONSTimesAndFlagsTests`); it was read as "not available".
    /// The GSS symbols in brackets, as the guidance now writes them, and `u` beside a value that is
    /// there (the GSS use of `[u]`, in no ONS file seen), written here by hand.
    @Test("GSS symbols in the status column: `u` explains a value left out (low reliability) and flags a value that is there")
    func gssStatusSymbols() throws {
        let batch = try Self.read("ons-status")
        #expect(batch.rejects.isEmpty)
        let o = Self.observations(batch)
        try #require(o.count == 10)
        #expect(o.map(\.value) == [.missing(.lowReliability), .missing(.lowReliability), .missing(.notAvailable), .missing(.suppressed),
                                   .missing(.notApplicable), .number(3.1), .number(2.9), .number(2.7), .number(2.5), .number(3.2)])
        #expect(o.map { $0.attributes["status"] } == [nil, nil, nil, nil, nil, "low_reliability", "low_reliability", "provisional", "low_reliability", nil])
        #expect(o[5].attributes["observation_status"] == "u" && o[5].lower == 2.2 && o[5].upper == 4.0)
        #expect(o[7].period == "2022-23", "a midnight time is the date alone")
        #expect(o[9].attributes == ["observation_status": "Provisional"], "a status in words is kept, not read as a symbol")
    }

    @Test("ONS's 2023–2025 layout (October 2024 extract): the intervals under `Lower/Upper Confidence Interval (95%)` are read, `Variable Name` kept as indicator_name")
    func onsLayoutOf2024() throws {
        let configuration = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv\n", base: try Self.folder("ons-2024"))
        let source = try CSVIndicatorsAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "indicators", pipeline: PipelineContext(placeName: "T", placeCode: "E08000026", period: "2025", baseDirectory: "/")))
        let batch = try drain(source)
        #expect(batch.rejects.isEmpty)
        let o = Self.observations(batch)
        try #require(o.count == 4)
        #expect(o.map(\.indicator) == Array(repeating: "Cigarette smokers", count: 4))
        #expect(o.map(\.period) == ["2020", "2023", "2022", "2021"])
        #expect(o[1].value == .number(10.7) && o[1].lower == 7.6 && o[1].upper == 13.7 && o[1].unit == "%")
        #expect(o[2].lower == 13.7 && o[2].upper == 23.1)
        // ONS's Polarity (-1: lower is better) is kept for the indicators stage to check against the catalogue.
        #expect(o[0].attributes == ["indicator_name": "Adults that currently smoke cigarettes", "published_polarity": "-1"])
        #expect(source.notes.isEmpty, "every interval column is read: nothing to warn about")
    }

    /// A European Excel's CSV: `sep=;` above the header names the delimiter, over the adapter's
    /// comma, and is no row (it read the header as a Nomis title).
    @Test("Excel's sep=; line names the delimiter and is passed over")
    func excelSeparatorLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-indicators-sep-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "sep=;\r\nareacd;areanm;indicator;period;observation\r\nE07000001;T;x;2024;1.5\r\n"
            .write(toFile: folder + "/input.csv", atomically: true, encoding: .utf8)
        let batch = try readSource(CSVIndicatorsAdapter.self, entry: "path: input.csv\n", base: folder, id: "indicators")
        let o = Self.observations(batch)
        #expect(batch.rejects.isEmpty && o.count == 1)
        #expect(o.first?.area == "E07000001" && o.first?.value == .number(1.5) && o.first?.provenance.line == 3)
    }

    @Test("ONS's snake-case files of 2024–2025 (`lower_confidence_interval_95`, `observation_status`, the indicator first) keep their intervals")
    func onsSnakeCaseLayout() throws {
        let o = Self.observations(try Self.read("ons-snake"))
        try #require(o.count == 3)
        #expect(o.map(\.indicator) == Array(repeating: "Male healthy life expectancy", count: 3))
        #expect(o[0].period == "2021 - 23" && o[0].value == .number(58.47) && o[0].lower == 55.73 && o[0].upper == 61.22 && o[0].unit == "yrs")
    }

    @Test("An ONS file of 2023 names its value `Value`: recognised as ONS and read")
    func onsValueColumn() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ons-value-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let original = try String(contentsOfFile: try Self.folder("ons-2024") + "/input.csv", encoding: .utf8)
        try original.replacingOccurrences(of: ",Observation,", with: ",Value,").write(to: scratch.appendingPathComponent("input.csv"), atomically: true, encoding: .utf8)
        let o = Self.observations(try readSource(CSVIndicatorsAdapter.self, entry: "path: input.csv\n", base: scratch.path, id: "indicators"))
        #expect(o.count == 4 && o[1].value == .number(10.7) && o[1].lower == 7.6)
    }

    @Test("A column that reads as a confidence limit but is not read is said in data quality, with the `columns:` that reads it; Fingertips' other level is not")
    func unreadLimitsAreNoted() throws {
        let configuration = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: """
            path: input.csv
            layout: custom
            columns: {indicator: Indicator, area: AREACD, period: Period, value: Observation, lower: Lower Confidence Interval (95%)}
            """, base: try Self.folder("ons-2024"))
        let source = try CSVIndicatorsAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "indicators", pipeline: PipelineContext(placeName: "T", placeCode: "E08000026", period: "2025", baseDirectory: "/")))
        let o = Self.observations(try drain(source))
        #expect(o.first?.lower == 13.6 && o.first?.upper == nil)
        #expect(source.notes == ["input.csv: column 'Upper Confidence Interval (95%)' looks like a confidence limit but is not read; set `columns: {upper: Upper Confidence Interval (95%)}` to read it as the upper limit."])

        let fingertips = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv\n", base: try Self.folder("fingertips"))
        let read = try CSVIndicatorsAdapter.makeSource(configuration: fingertips, context: SourceContext(
            id: "indicators", pipeline: PipelineContext(placeName: "T", placeCode: "E07999001", period: "2025", baseDirectory: "/")))
        _ = try drain(read)
        #expect(!read.notes.contains { $0.contains("confidence limit") }, "the 99.8% limits are left by `confidence: 95`")
    }

    @Test("Headers read as confidence limits, and headers that are not", arguments: [
        ("Lower Confidence Interval (95%)", "lower"), ("Upper Confidence Interval (95%)", "upper"), ("lci_95", "lower"), ("UCI", "upper"),
        ("Lower CI 99.8 limit", "lower"), ("upper_confidence_interval_95", "upper"), ("Lower bound", "lower"),
        ("Observation", nil), ("Lower tier", nil), ("OBS_CONF_NAME", nil), ("Confidence", nil), ("Circle", nil),
    ] as [(String, String?)])
    func confidenceLimitHeaders(header: String, field: String?) {
        #expect(IndicatorColumns.confidenceLimit(header)?.rawValue == field)
    }

    @Test("`indicators:` keeps an indicator listed in the same words as the file names it (the catalogue id's)")
    func indicatorsFilterInWords() throws {
        let o = Self.observations(try Self.read("ons-2024", "indicators: [cigarette_smokers]"))
        #expect(o.count == 4)
    }

    @Test("`indicators:` that keeps nothing stops the run at the entry, naming the file's indicators with a did-you-mean")
    func indicatorsFilterKeepsNothing() throws {
        let error = try #require(throws: BaselineError.self) {
            try Self.read("ons-2024", "indicators: [cigarette_smoking, obesity]")
        }
        #expect(error.line == 2 && error.column == 14, "at the first entry of the list")
        #expect(error.message == "none of the indicators listed in `indicators:` is in input.csv, which holds 'Cigarette smokers'")
        #expect(error.hint == "list each as the file names it or in its words (`cigarette_smokers` keeps 'Cigarette smokers'), or remove `indicators:` to keep all; did you mean 'Cigarette smokers' for 'cigarette_smoking'?")
    }

    @Test("An ONS file without `indicator:` stops at the header, saying what to set")
    func onsNeedsIndicator() throws {
        let error = try #require(throws: BaselineError.self) { try Self.read("ons") }
        #expect(error.file == "input.csv" && error.line == 1)
        #expect(error.message == "the file has no indicator column and the pipeline names none")
        #expect(error.hint?.contains("indicator:") == true)
    }

    @Test("A real ONS file cut off in the middle of a row (an interrupted download) stops the run at that row; the whole file does not")
    func cutShortDownload() throws {
        // The 2023–2025 layout's real extract (Fixtures/ons-2024, SOURCE.md), cut in its last row.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Self.folder("ons-2024") + "/input.csv")))
        while bytes.last == 0x0A || bytes.last == 0x0D { bytes.removeLast() }
        let lines = bytes.split(separator: 0x0A).count
        let lastStart = bytes.lastIndex(of: 0x0A)! + 1
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cut-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(bytes[..<(lastStart + 12)]).write(to: URL(fileURLWithPath: folder + "/input.csv"))
        let error = try #require(throws: BaselineError.self) {
            try readSource(CSVIndicatorsAdapter.self, entry: "path: input.csv", base: folder, id: "indicators")
        }
        #expect(error.line == lines && error.message.hasPrefix("the file ends in the middle of this row (2 of the header's"), "\(error)")
        #expect(error.hint == "download or copy the file again and check it ends where the publisher's does")
        // The same rows with their last one whole but no final line break: read as before.
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/input.csv"))
        let configuration = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv", base: folder)
        let source = try CSVIndicatorsAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "indicators", pipeline: PipelineContext(placeName: "T", placeCode: "E08000026", period: "2025", baseDirectory: folder)))
        let batch = try drain(source)
        #expect(batch.rejects.isEmpty && Self.observations(batch).count == lines - 1)
        // …with a note: a download cut inside the last row's last field looks just like it.
        #expect(source.notes.contains("input.csv does not end with a line break: its last row (line \(lines)) was read whole, but if the file was cut off "
                                      + "in that row's last field, as an interrupted download leaves one, the rows after it are missing; check the file ends where the publisher's does."),
                "\(source.notes)")
        // The whole file, line break and all: no note.
        try Data(bytes + [0x0D, 0x0A]).write(to: URL(fileURLWithPath: folder + "/input.csv"))
        let whole = try CSVIndicatorsAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "indicators", pipeline: PipelineContext(placeName: "T", placeCode: "E08000026", period: "2025", baseDirectory: folder)))
        _ = try drain(whole)
        #expect(!whole.notes.contains { $0.contains("line break") })
    }

    @Test("A real ONS extract as a European spreadsheet saves it (semicolons, decimal commas) reads as the original; with `decimal_mark: point` each value is set aside, saying to set `comma`")
    func semicolonsAndDecimalCommas() throws {
        let original = Self.observations(try Self.read("ons-2024"))
        let european = try Self.read("ons-2024-excel-de")
        #expect(european.rejects.isEmpty)
        let saved = Self.observations(european)
        try #require(saved.count == 4)
        // By hand from the file: `…;2023;10,7;Percentage;%;7,6;13,7;…` is 10.7 (7.6–13.7), as in the original.
        #expect(saved.map(\.value) == original.map(\.value) && saved[1].value == .number(10.7))
        #expect(saved.map(\.lower) == original.map(\.lower) && saved.map(\.upper) == original.map(\.upper))
        let pointed = try Self.read("ons-2024-excel-de", "decimal_mark: point")
        #expect(pointed.rejects.first?.reason == "value '17,1' is not a number or a missing-value marker (it looks written with a decimal comma: set `decimal_mark: comma`)")
    }

    @Test("Semicolons with decimal points are read with points; a file that mixes them with decimal commas, or whose numbers a comma and a point read differently with nothing to settle it, stops the run")
    func guessedDecimalMarkChecked() throws {
        let text = try String(contentsOfFile: try Self.folder("ons-2024-excel-de") + "/input.csv", encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marks-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func read(_ replacing: [(String, String)], _ options: String = "") throws -> RecordBatch {
            var changed = text
            for (from, to) in replacing { changed = changed.replacingOccurrences(of: from, with: to) }
            try changed.write(toFile: folder + "/input.csv", atomically: true, encoding: .utf8)
            return try readSource(CSVIndicatorsAdapter.self, entry: "path: input.csv\n" + options, base: folder, id: "indicators")
        }
        // Every decimal written with a point, as a council's own table might be: read with points.
        let points = try read([(",", ".")])
        #expect(Self.observations(points).map(\.value) == [.number(17.1), .number(10.7), .number(18.4), .number(13.7)])
        // One point among the commas (line 3's 10.7): the file says both.
        let mixed = try #require(throws: BaselineError.self) { try read([(";10,7;", ";10.7;")]) }
        // Said with the numbers and their columns (a try-out's mixed file named line 2 as both the
        // number with a point and the evidence for the comma, with no column).
        #expect(mixed.line == 3 && mixed.column != nil
                && mixed.message.hasPrefix("'10.7' is written with a decimal point, but the file is separated by semicolons"), "\(mixed)")
        #expect(mixed.message.contains("as '17,1' (line 2, column "), "\(mixed)")
        #expect(mixed.hint == "set `decimal_mark: point` or `decimal_mark: comma` to say how the file writes its numbers")
        // Only numbers a comma and a point read differently (1,234 is 1.234 or 1234): nothing settles it…
        let unsettled = try #require(throws: BaselineError.self) {
            try read([("17,1;", "1,234;"), ("10,7;", "1,234;"), ("18,4;", "1,234;"), ("13,7;", "1,234;"), ("13,6;", "1,234;"), ("20,6;", "1,234;"),
                      ("7,6;", "1,234;"), ("13,7;", "1,234;"), ("23,1;", "1,234;"), ("10,4;", "1,234;"), ("16,9;", "1,234;")])
        }
        #expect(unsettled.line == 2 && unsettled.column != nil
                && unsettled.message.hasPrefix("'1,234' reads differently with a decimal comma and a decimal point"), "\(unsettled)")
        // …until the pipeline says.
        let said = try read([("17,1;", "1,234;")], "decimal_mark: comma")
        #expect(Self.observations(said).first?.value == .number(1.234))
    }

    @Test("Decimal commas, with points grouping thousands, in their point form; anything else is not one", arguments: [
        ("22,6262", "22.6262"), ("-0,5", "-0.5"), ("1.234,5", "1234.5"), ("12.345.678", "12345678"), ("7", "7"), (" 3,25 ", "3.25"),
        ("1,5e3", "1.5e3"), ("22.6", nil), ("1.23,4", nil), ("1,2,3", nil), ("x", nil), ("", nil), ("1234.567,8", nil), ("..", nil),
    ] as [(String, String?)])
    func decimalCommaForms(_ text: String, _ expected: String?) {
        var text = text
        let form = text.withUTF8 { ValueReader.pointForm(ofDecimalComma: $0) }
        #expect(form.map { String(decoding: $0, as: UTF8.self) } == expected)
    }

    @Test("Whether a file ends with a line break, in UTF-8 and UTF-16 either way round")
    func lineBreakAtTheEnd() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ends-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func ends(_ bytes: [UInt8]) throws -> Bool? {
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/f.csv"))
            return CSVReader.endsWithLineBreak(path: folder + "/f.csv")
        }
        #expect(try ends(Array("a,b\n1,2\n".utf8)) == true)
        #expect(try ends(Array("a,b\r\n1,2\r".utf8)) == true)
        #expect(try ends(Array("a,b\n1,2".utf8)) == false)
        #expect(try ends([0x0A]) == true)
        #expect(try ends([]) == nil)
        #expect(try ends([0x61, 0x00, 0x0A, 0x00]) == true)
        #expect(try ends([0x00, 0x61, 0x00, 0x0A]) == true)
        #expect(try ends([0x61, 0x00, 0x62, 0x00]) == false)
        #expect(CSVReader.endsWithLineBreak(path: folder + "/absent.csv") == nil)
    }

    @Test("A file with no indicator column but a `Measure` column is told to name it, before one `indicator:` for every row")
    func measureColumnHint() {
        // ONS's wellbeing file: four scores told apart by `Measure` (see RealONSLayoutsTests).
        let header = ["AREACD", "AREANM", "Geography", "Period", "Observation", "Measure", "Unit"]
        #expect(IndicatorColumns.indicatorHint(header).hasPrefix("the column 'Measure' looks like it names what each row measures: name it under `columns: {indicator: Measure}`"))
        #expect(IndicatorColumns.indicatorHint(["areacd", "period", "value"]).hasPrefix("if every row of the file is one indicator, set `indicator:`"))
    }

    // MARK: - Custom columns

    @Test("layout: custom reads the columns named, with another delimiter (named as csv-survey names it, or sniffed)",
          arguments: ["\";\"", "semicolon", "auto"])
    func custom(delimiter: String) throws {
        let batch = try Self.read("custom", """
            layout: custom
            delimiter: \(delimiter)
            columns: {indicator: KPI, area: Ward code, area_name: Ward, period: Quarter, value: Result, value_note: Comment}
            """)
        #expect(batch.rejects.isEmpty)
        let o = Self.observations(batch)
        try #require(o.count == 3)
        #expect(o.map(\.indicator) == ["HOU-01", "HOU-01", "HOU-01"])
        #expect(o.map(\.areaName) == ["Millbrook Central", "Millbrook North", "Riverside"])
        #expect(o.map(\.value) == [.number(12), .missing(.notApplicable), .missing(.suppressed)])
        #expect(o[1].attributes == ["value_note": "New ward from April"])
        #expect(o[2].attributes == ["value_note": "Fewer than 5 households"])
    }

    @Test("A column named under columns: that is not in the file stops at the header with a suggestion")
    func namedColumnMissing() throws {
        let error = try #require(throws: BaselineError.self) {
            try Self.read("ons", "indicator: x\ncolumns: {value: Observations}")
        }
        #expect(error.line == 1)
        #expect(error.message == "no column 'Observations' (the value, named under columns:) in the header row")
        #expect(error.hint == "did you mean 'Observation'?")
    }

    @Test("A header that is neither layout stops the run under layout: auto, said at the source's `path:` with the file as the pipeline names it")
    func unknownLayout() throws {
        let error = try #require(throws: BaselineError.self) { try Self.read("unknown-layout") }
        #expect(error.file == "pipeline.yaml" && error.line == 1 && error.column == 7, "\(error)")
        #expect(error.message == "cannot tell the layout of input.csv from its header row (line 1: Code, Name, Year, Rate…)")
        #expect(error.hint?.contains("layout: custom") == true)
    }

    /// A try-out's DWP Stat-Xplore export (households on Universal Credit) got the generic advice
    /// to name its columns with `layout: custom`, which cannot read periods across the columns, at
    /// the file's absolute path and no line of the pipeline.
    @Test("A DWP Stat-Xplore table is said to be one, with what to do")
    func statXplore() throws {
        let error = try #require(throws: BaselineError.self) { try Self.read("statxplore") }
        #expect(error.file == "pipeline.yaml" && error.line == 1 && error.column == 7, "\(error)")
        #expect(error.message == "input.csv:1 looks like a DWP Stat-Xplore table: its periods run across the columns ('August 2015', 'September 2015'…, "
                + "each with an '… - Annotations' column) and its rows are areas by name; csv-indicators reads a period on each row, "
                + "so no layout or `columns:` reads this table as exported", "\(error.message)")
        #expect(error.hint?.contains("docs/publishers/dwp.md") == true && error.hint?.contains("`layout: custom`") == true)
    }

    // MARK: - Bad rows

    @Test("Bad rows are rejected with their line, column and reason; good rows pass")
    func badRows() throws {
        let batch = try Self.read("bad-rows", "indicator: x")
        // Line 6's value is kept, without the interval its limit `low-ish` would have given it.
        #expect(Self.observations(batch).map(\.provenance.line) == [2, 6, 8])
        #expect(Self.observations(batch)[1].value == .number(69.0) && Self.observations(batch)[1].lower == nil && Self.observations(batch)[1].upper == nil)
        #expect(Self.observations(batch).last?.value == .number(0))
        let rejects = batch.rejects.map { "\($0.provenance.location) \($0.reason)" }
        #expect(rejects == [
            "input.csv:3:4 value 'abc' is not a number or a missing-value marker",
            "input.csv:4 ragged row: 4 fields where the header has 7",
            "input.csv:5:1 no area code",
            "input.csv:7:3 no time period",
            "input.csv:9:3 time period 'sometime' is not one this tool reads (e.g. 2024, 2024/25, 2021 - 23, 2024 Q1)",
        ])
        #expect(batch.rejects.allSatisfy { $0.provenance.source == "indicators" && !$0.content.isEmpty })
    }

    // MARK: - Configuration

    @Test("Configuration mistakes are located in the pipeline file", arguments: [
        ("layout: fingertip", 2, "unknown layout 'fingertip' — use one of: auto, fingertips, ons, nomis, nomis-table, nomis-bulk, custom"),
        ("confidence: 90", 2, "confidence must be 95 or 99.8 (the intervals Fingertips publishes), not 90"),
        ("delimiter: ';;'", 2, "delimiter must be auto, one character such as ',' or ';', or comma, semicolon or tab"),
        ("layout: custom\ncolumns: {area: Code}", 3, "layout: custom needs these under `columns:`: period (or the option `period:` when every row is of one period, as in a Census 2021 table: `period: 2021`), value, indicator (or the option `indicator:`)"),
        ("columns: {valeu: Rate}", 2, "unknown key 'valeu' in columns"),
    ])
    func configurationErrors(options: String, line: Int, message: String) throws {
        let error = try #require(throws: BaselineError.self) {
            _ = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv\n" + options, base: try Self.folder("ons"))
        }
        #expect(error.file == "pipeline.yaml")
        #expect(error.line == line)
        #expect(error.message == message)
    }

    @Test("Defaults: auto layout, 95% limits, all rows (categories too), the delimiter sniffed, the decimal mark by it, 1 MiB fields")
    func defaults() throws {
        let configuration = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv", base: try Self.folder("ons"))
        #expect(configuration.layout == .auto && configuration.confidence == "95" && configuration.indicator == nil)
        #expect(configuration.indicators.isEmpty && configuration.areas.isEmpty && configuration.includeCategories)
        #expect(configuration.delimiter == .auto && configuration.decimalMark == .auto)
        #expect(configuration.maxFieldBytes == 1_048_576 && configuration.columns.names.isEmpty)
    }

    @Test("Published numbers: plain, signed, exponent, thousands separators, flagged; nothing else", arguments: [
        ("12.5", 12.5), ("-3", -3), ("1e3", 1000), ("12,345.6", 12345.6), ("1,234,567", 1_234_567), ("-1,000", -1000), ("12.3 [p]", 12.3),
        ("1,23", nil), ("12,34,567", nil), ("1.2.3", nil), ("abc", nil), ("NaN", nil), ("inf", nil), ("", nil), (",123", nil), ("0x1A", nil),
    ] as [(String, Double?)])
    func numbers(text: String, expected: Double?) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cell = text.contains(",") ? "\"\(text)\"" : text
        try "AREACD,AREANM,Period,Observation,Lower CI,Upper CI,Observation Status\nE07999001,Millbrook,2023,\(cell),,,\n"
            .write(to: folder.appendingPathComponent("input.csv"), atomically: true, encoding: .utf8)
        let batch = try readSource(CSVIndicatorsAdapter.self, entry: "path: input.csv\nindicator: x", base: folder.path)
        let value = Self.observations(batch).first?.value
        #expect(value?.number == expected, "\(text) read as \(String(describing: value))")
        if expected == nil, value == nil { #expect(batch.rejects.count == 1) }
    }
}
