import BaselineCore
import BaselineIndicators
import BaselineSchema
import BaselineTestKit
import Foundation
import Testing
@testable import Indicators

/// The `indicators` stage fed arrays of observations, against results worked out by hand.
@Suite struct IndicatorsStageTests {
    static let catalogue = try! IndicatorCatalogue(indicators: [
        IndicatorDefinition(id: "homelessness_duty_rate", name: "Homelessness duty", unit: "per 1,000 households",
                            valueType: .rate, multiplier: 1000, polarity: .lowIsGood, theme: "homelessness"),
        IndicatorDefinition(id: "school_readiness", name: "School readiness", unit: "%", valueType: .proportion,
                            multiplier: 100, polarity: .highIsGood, theme: "early years"),
    ], file: "catalogue.yaml")

    static func observation(_ indicator: String, _ area: String, _ period: String, _ value: Value, line: Int,
                            count: Double? = nil, denominator: Double? = nil, status: String? = nil) -> Record {
        .observation(Observation(area: area, period: period, indicator: indicator, value: value, count: count, denominator: denominator,
                                 lower: count.map { _ in 1 }, upper: count.map { _ in 2 }, attributes: status.map { ["status": $0] } ?? [:],
                                 provenance: Provenance(source: "sdmx", file: "data.xml", line: line, path: "\(area).\(indicator)")))
    }

    static let records: [Record] = [
        observation("school_readiness", "E07999001", "2024-25", .number(64.8), line: 9, count: 804, denominator: 1240, status: "provisional"),
        observation("homelessness_duty_rate", "E92000001", "2024-25", .number(14.2), line: 3),
        observation("homelessness_duty_rate", "E07999001", "2024-25", .number(16.2), line: 5),
        observation("homelessness_duty_rate", "E07999001", "2023-24", .number(16.0), line: 4),
        observation("homelessness_duty_rate", "E01999001", "2024-25", .missing(.suppressed), line: 6),
        observation("homelessness_duty_rate", "E01999002", "2024-25", .number(9.0), line: 7),
        observation("fuel_poverty", "E07999001", "2024", .number(13.1), line: 11),
        observation("fuel_poverty", "E07999001", "2023", .number(12.7), line: 12),
        observation("school_readiness", "E07999001", "2023-24", .missing(.notAvailable), line: 8),
        observation("homelessness_duty_rate", "E07999001", "2024-25", .number(16.2), line: 13),
    ]

    static func configuration(_ yaml: String) throws -> IndicatorsConfiguration {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("indicators-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            indicators:
              - { id: homelessness_duty_rate, name: Homelessness duty, unit: "per 1,000 households", value_type: rate, multiplier: 1000, polarity: low_is_good, theme: homelessness }
              - { id: school_readiness, name: School readiness, value_type: proportion, polarity: high_is_good, theme: early years }
            """.write(toFile: folder + "/catalogue.yaml", atomically: true, encoding: .utf8)
        return try decodeConfiguration(IndicatorsStage.self, entry: "catalogue: catalogue.yaml\n" + yaml, base: folder)
    }

    @Test("A repeat with another value stops the run at its line, naming the first; a repeat with the same value is a note")
    func conflictingRepeat() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
        // Four measures of one file read under one id (`indicator:` for every row): 2.63 is
        // anxiety, 7.9 happiness; keeping the first would show anxiety as happiness.
        let records = [
            Self.observation("school_readiness", "E07999001", "2020-21", .number(2.63), line: 1466),
            Self.observation("school_readiness", "E07999001", "2020-21", .number(2.63), line: 1467),
            Self.observation("school_readiness", "E07999001", "2020-21", .number(7.9), line: 6494),
            Self.observation("school_readiness", "E07999001", "2020-21", .number(7.4), line: 9000),
        ]
        let error = #expect(throws: BaselineError.self) { try runStage(stage, records: records, batchSize: 2, into: &document) }
        #expect(error?.file == "data.xml" && error?.line == 6494)
        #expect(error?.message.contains("repeats indicator 'school_readiness' for E07999001 in 2020-21 with another value: 7.9 here, 2.63 at line 1466 (and 1 other repeat like it)") == true)
        #expect(error?.hint?.contains("`columns: {indicator: …}`") == true)

        // A repeat of a breakdown held for the latest period is compared too.
        var again = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let breakdowns = [
            Record.observation(Observation(area: "E07999001", period: "2024", indicator: "school_readiness", value: .number(60),
                                           attributes: ["sex": "Persons"], provenance: Provenance(source: "s", file: "f.csv", line: 2))),
            Record.observation(Observation(area: "E07999001", period: "2024", indicator: "school_readiness", value: .number(55),
                                           attributes: ["sex": "Male"], provenance: Provenance(source: "s", file: "f.csv", line: 3))),
            Record.observation(Observation(area: "E07999001", period: "2024", indicator: "school_readiness", value: .number(56),
                                           attributes: ["sex": "Male"], provenance: Provenance(source: "s", file: "f.csv", line: 4))),
        ]
        let second = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
        let other = #expect(throws: BaselineError.self) { try runStage(second, records: breakdowns, batchSize: 3, into: &again) }
        #expect(other?.line == 4 && other?.message.contains("56 here, 55 at line 3") == true)
    }

    @Test("a published unit as shown: percent words are %, bare codes are not shown")
    func shownUnits() {
        #expect(IndicatorsStage.shownUnit("Percentage") == "%" && IndicatorsStage.shownUnit(" per cent ") == "%")
        #expect(IndicatorsStage.shownUnit("PC") == nil && IndicatorsStage.shownUnit("") == nil && IndicatorsStage.shownUnit(nil) == nil)
        #expect(IndicatorsStage.shownUnit("£ million") == "£ million" && IndicatorsStage.shownUnit("Rate per 100,000 population") == "per 100,000 population")
        #expect(IndicatorsStage.shownUnit("rate per 1,000 households") == "per 1,000 households" && IndicatorsStage.shownUnit("Rate per") == "Rate per")
    }

    @Test("The place's observations, named by the catalogue, sorted by indicator, period and area, with provenance")
    func placeObservations() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
        let passed = try runStage(stage, records: Self.records, batchSize: 4, into: &document)
        #expect(passed.records.count == Self.records.count)

        let results = document.indicators
        #expect(results.map { "\($0.id) \($0.period) \($0.area)" } == [
            "homelessness_duty_rate 2023-24 E07999001", "homelessness_duty_rate 2024-25 E07999001",
            "school_readiness 2023-24 E07999001", "school_readiness 2024-25 E07999001",
        ])
        #expect(results[1].value == 16.2 && results[1].provenance.line == 5 && results[1].provenance.path == "E07999001.homelessness_duty_rate")
        #expect(results[1].name == "Homelessness duty" && results[1].unit == "per 1,000 households" && results[1].polarity == "low_is_good")
        #expect(results[1].valueType == "rate" && results[1].theme == "homelessness" && results[1].comparisons.isEmpty)
        #expect(results[2].value == nil && results[2].missing == .notAvailable)
        #expect(results[3].count == 804 && results[3].denominator == 1240 && results[3].status == "provisional")
        #expect(results[3].ci95 == Interval(lower: 1, upper: 2) && results[3].unit == "%")

        #expect(document.dataQuality.missing == ["not_available": 1])
        #expect(document.dataQuality.uncataloguedIndicators == ["fuel_poverty": 2])
        #expect(document.dataQuality.notes == [
            "2 observations of 1 indicator not in the catalogue catalogue.yaml were left out: 'fuel_poverty'.",
            "1 observation repeated an indicator, period and area (and breakdown) already seen; the first was kept.",
        ])
    }

    @Test("areas: chooses the areas kept")
    func chosenAreas() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration("areas: [E92000001, E01999001]\n"), placeCode: "E07999001")
        _ = try runStage(stage, records: Self.records, into: &document)
        #expect(document.indicators.map(\.area) == ["E01999001", "E92000001"])
        #expect(document.dataQuality.missing == ["suppressed": 1])
    }

    @Test("aggregate: mean_by_indicator_period adds the mean of every area's value as area *")
    func meanOverAreas() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration("aggregate: mean_by_indicator_period\n"), placeCode: "X")
        _ = try runStage(stage, records: Self.records, batchSize: 3, into: &document)
        let means = document.indicators.filter { $0.area == "*" }
        // homelessness 2024-25: 14.2, 16.2 and 9.0 (missing left out; E07999001's repeated 99
        // counts once, with its first value): 39.4 / 3.
        #expect(means.map { "\($0.id) \($0.period) \($0.value ?? -1)" } == [
            "homelessness_duty_rate 2023-24 16.0", "homelessness_duty_rate 2024-25 13.133333", "school_readiness 2024-25 64.8",
        ])
        #expect(means[1].provenance == Provenance(source: "sdmx", file: "data.xml", path: "mean of 3 area values"))
        #expect(document.indicators.count == 3)
        #expect(document.dataQuality.notes.contains(
            "1 observation repeated an area already in the mean over areas ('*') of their indicator and period; each area counts once, with its first value."))
    }

    @Test("A bad catalogue stops the pipeline check at the catalogue's line")
    func badCatalogue() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("indicators-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "indicators:\n  - id: a\n    name: A\n    value_type: rates\n    polarity: low_is_good\n"
            .write(toFile: folder + "/c.yaml", atomically: true, encoding: .utf8)
        #expect(throws: BaselineError.self) { try decodeConfiguration(IndicatorsStage.self, entry: "catalogue: c.yaml\n", base: folder) }
        do {
            _ = try decodeConfiguration(IndicatorsStage.self, entry: "catalogue: c.yaml\n", base: folder)
        } catch let error as BaselineError {
            // At the bad value (`value_type: rates`), not at the start of its entry.
            #expect(error.file == "c.yaml" && error.line == 4 && error.column == 17 && error.message.contains("did you mean 'rate'?"), "\(error)")
        }
        #expect(throws: BaselineError.self) {
            try decodeConfiguration(IndicatorsStage.self, entry: "catalogue: c.yaml\naggregate: average\n", base: folder)
        }
    }

    // MARK: - Breakdowns

    static func fingertips(_ area: String, _ value: Double, line: Int, sex: String, age: String,
                           category: (String, String)? = nil, extra: [String: String] = [:]) -> Record {
        var attributes = ["sex": sex, "age": age].merging(extra) { $1 }
        if let category {
            attributes["category_type"] = category.0
            attributes["category"] = category.1
        }
        return .observation(Observation(area: area, period: "2022-23", indicator: "school_readiness", value: .number(value),
                                        attributes: attributes, provenance: Provenance(source: "ft", file: "ft.csv", line: line)))
    }

    static let deciles = "District & UA deprivation deciles in England (IMD2019 4/21 geography)"
    static let breakdownRecords: [Record] = [
        fingertips("E07999001", 58.4, line: 2, sex: "Female", age: "19+ yrs"),
        fingertips("E07999001", 41.0, line: 3, sex: "Persons", age: "19-64 yrs"),
        fingertips("E07999001", 61.4, line: 4, sex: "Persons", age: "19+ yrs",
                   extra: ["published_trend": "No significant change", "published_comparison:E92000001": "Worse"]),
        fingertips("E07999001", 62.0, line: 5, sex: "Persons", age: "19+ yrs", category: ("Ethnic groups", "White")),
        fingertips("E07999001", 64.2, line: 6, sex: "Male", age: "19+ yrs"),
        fingertips("E07999001", 52.0, line: 7, sex: "Persons", age: "19+ yrs", category: (deciles, "Most deprived decile (IMD2019)")),
        fingertips("E07999001", 49.0, line: 8, sex: "Persons", age: "65+ yrs"),
        fingertips("E07999001", 40.0, line: 9, sex: "Persons", age: "19-64 yrs", category: ("Ethnic groups", "White")),
    ]

    @Test("Breakdowns by sex, age and category are kept under the headline (Persons, the commonest age, no category), whatever the row order",
          arguments: [false, true])
    func breakdowns(reversed: Bool) throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
        _ = try runStage(stage, records: reversed ? Self.breakdownRecords.reversed() : Self.breakdownRecords, batchSize: 3, into: &document)
        try #require(document.indicators.count == 1)
        let result = document.indicators[0]
        // Persons rows without a category: 19-64 (1), 19+ (1), 65+ (1) — a tie, broken by name:
        // '19+ yrs' < '19-64 yrs' < '65+ yrs'.
        #expect(result.value == 61.4 && result.provenance.line == 4)
        #expect(result.published == PublishedJudgement(trend: "No significant change", comparisons: ["E92000001": "Worse"]))
        let breakdowns = try #require(result.breakdowns)
        #expect(breakdowns.map { [$0.categoryType ?? "", $0.category ?? "", $0.sex ?? "", $0.age ?? ""].joined(separator: "|") } == [
            "||Female|19+ yrs", "||Male|19+ yrs", "||Persons|19-64 yrs", "||Persons|65+ yrs",
            "\(Self.deciles)|Most deprived decile (IMD2019)|Persons|19+ yrs",
            "Ethnic groups|White|Persons|19+ yrs", "Ethnic groups|White|Persons|19-64 yrs",
        ])
        #expect(breakdowns.map(\.value) == [58.4, 64.2, 41.0, 49.0, 52.0, 62.0, 40.0])
        #expect(breakdowns[0].provenance.line == 2)
        #expect(document.dataQuality.notes.contains { $0.hasPrefix("The headline series of 'school_readiness' is Persons, 19+ yrs, chosen by rule") })
    }

    @Test("Breakdowns are kept for the latest period only; earlier periods keep their headline, and a note counts what was left out")
    func breakdownsOfTheLatestPeriodOnly() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
        let earlier = Self.breakdownRecords.map { record -> Record in
            guard case .observation(var o) = record else { return record }
            o.period = "2021-22"
            o.provenance.line = (o.provenance.line ?? 0) + 100
            return .observation(o)
        }
        _ = try runStage(stage, records: earlier + Self.breakdownRecords, batchSize: 5, into: &document)
        #expect(document.indicators.map(\.period) == ["2021-22", "2022-23"])
        #expect(document.indicators.map(\.value) == [61.4, 61.4])
        #expect(document.indicators[0].provenance.line == 104)
        #expect(document.indicators[0].breakdowns == nil)
        #expect(document.indicators[1].breakdowns?.count == 7)
        #expect(document.dataQuality.notes.contains(
            "7 breakdown values of earlier periods (by sex, age or category) were left out: breakdowns are kept for each indicator's latest period, and earlier periods keep their headline value for the trend."))
    }

    @Test("The latest period is the latest in time: a pooled 2020 - 24 keeps the breakdowns, not an annual 2023 (later as text)")
    func breakdownsOfTheLatestPeriodInTime() throws {
        func copy(_ period: String, lines: Int) -> [Record] {
            Self.breakdownRecords.map { record -> Record in
                guard case .observation(var o) = record else { return record }
                o.period = period
                o.provenance.line = (o.provenance.line ?? 0) + lines
                return .observation(o)
            }
        }
        for records in [copy("2023", lines: 100) + copy("2020 - 24", lines: 200), copy("2020 - 24", lines: 200) + copy("2023", lines: 100)] {
            var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
            let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
            _ = try runStage(stage, records: records, batchSize: 5, into: &document)
            #expect(document.indicators.map(\.period) == ["2020 - 24", "2023"])
            #expect(document.indicators.map { $0.breakdowns?.count } == [7, nil])
        }
    }

    @Test("A source's headline_sex / headline_age (the `headline` attribute) decide the headline")
    func markedHeadline() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
        let marked = Self.breakdownRecords.map { record -> Record in
            guard case .observation(var o) = record else { return record }
            o.attributes["headline"] = o.attributes["sex"] == "Persons" && o.attributes["age"] == "65+ yrs" && o.attributes["category_type"] == nil ? "true" : "false"
            return .observation(o)
        }
        _ = try runStage(stage, records: marked, into: &document)
        #expect(document.indicators.map(\.value) == [49.0])
        #expect(document.indicators.first?.breakdowns?.count == 7)
        #expect(!document.dataQuality.notes.contains { $0.contains("chosen by rule") })
    }

    @Test("An indicator named in words or as a slug is matched to the catalogue; a near miss gets a did-you-mean")
    func indicatorNamedInWords() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
        _ = try runStage(stage, records: [
            Self.observation("School readiness", "E07999001", "2024-25", .number(64.8), line: 2),
            Self.observation("homelessness-duty-rate", "E07999001", "2024-25", .number(16.2), line: 3),
            Self.observation("Homeless duty rate", "E07999001", "2023-24", .number(16.0), line: 4),
        ], into: &document)
        #expect(document.indicators.map(\.id) == ["homelessness_duty_rate", "school_readiness"])
        #expect(document.dataQuality.notes.first == "1 observation of 1 indicator not in the catalogue catalogue.yaml were left out: 'Homeless duty rate' (did you mean 'homelessness_duty_rate'?).")
    }

    @Test("An indicator the catalogue does not know whose indicator_name it does (a file with its name columns swapped) is said to look swapped, not guessed at")
    func swappedNameColumns() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
        var records = [Self.observation("Children ready for school at five", "E07999001", "2024-25", .number(64.8), line: 2),
                       Self.observation("Children ready for school at five", "E07999001", "2023-24", .number(63.1), line: 3)]
        for index in records.indices {
            guard case .observation(var o) = records[index] else { continue }
            o.attributes["indicator_name"] = "School readiness"
            records[index] = .observation(o)
        }
        _ = try runStage(stage, records: records, into: &document)
        #expect(document.indicators.isEmpty)
        #expect(document.dataQuality.notes.first == "2 observations of 1 indicator not in the catalogue catalogue.yaml were left out: 'Children ready for school at five' "
                + "(its rows' indicator_name 'School readiness' is 'school_readiness' in the catalogue: the file's indicator and name columns look swapped).")
    }

    @Test("A publisher's polarity opposite to the catalogue's (ONS's Polarity -1 where the catalogue says high_is_good) is a data-quality note; one that agrees, or none, is not")
    func polarityAgainstThePublisher() throws {
        func notes(_ polarity: String?) throws -> [String] {
            var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
            let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
            var records = [Self.observation("school_readiness", "E07999001", "2024-25", .number(64.8), line: 2),
                           Self.observation("school_readiness", "E07999001", "2023-24", .number(63.1), line: 3)]
            for index in records.indices {
                guard case .observation(var o) = records[index] else { continue }
                o.attributes["published_polarity"] = polarity
                records[index] = .observation(o)
            }
            _ = try runStage(stage, records: records, into: &document)
            #expect(document.indicators.count == 2)
            return document.dataQuality.notes.filter { $0.contains("Polarity column") }
        }
        let against = try notes("-1")
        #expect(against.count == 1)
        #expect(against.first?.hasPrefix("The catalogue says 'School readiness' is better when higher (polarity: high_is_good), but ") == true, "\(against)")
        #expect(against.first?.hasSuffix(" says lower is better (its Polarity column): every better and worse of it may be the wrong way round — check `polarity:` in catalogue.yaml.") == true, "\(against)")
        #expect(try notes("1").isEmpty && notes(nil).isEmpty && notes("0").isEmpty)
    }

    @Test("A file's longer name for a catalogue entry (a Nomis column's 'Type: …' prefix) is a near miss, listed before the other indicators left out")
    func nearMissesFirst() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
        let others = ["A", "B", "C", "D", "E", "F"].map { "Aaa other \($0)" }
        _ = try runStage(stage, records: (others + ["Readiness: School readiness"]).enumerated().map { index, name in
            Self.observation(name, "E07999001", "2024-25", .number(1), line: index + 2)
        }, into: &document)
        #expect(document.dataQuality.notes.first == "7 observations of 7 indicators not in the catalogue catalogue.yaml were left out: "
                + "'Readiness: School readiness' (did you mean 'school_readiness'?), 'Aaa other A', 'Aaa other B', 'Aaa other C', 'Aaa other D' and 2 more.")
    }

    @Test("An ISO 8601 period gets a readable label; a plain year does not")
    func periodLabels() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07999001")
        _ = try runStage(stage, records: [
            Self.observation("school_readiness", "E07999001", "2024-Q1", .number(64.8), line: 2),
            Self.observation("school_readiness", "E07999001", "2024", .number(64.8), line: 3),
            Self.observation("school_readiness", "E07999001", "2022-04-01/P3Y", .number(64.8), line: 4),
        ], into: &document)
        #expect(document.indicators.map(\.periodLabel) == ["2022-23 to 2024-25", nil, "Jan–Mar 2024"])
    }

    // MARK: - Benchmarks with no figures

    /// Adult obesity rows as ONS's Explore Local Statistics file has them (code and name):
    /// Mansfield, England, the East Midlands (E12000004) and the South West (E12000009), Ashfield
    /// (E07000170).
    static let obesity: [Record] = [
        ("E92000001", "England", 26.6), ("E12000004", "East Midlands", 29.5), ("E12000009", "South West", 25.9),
        ("E07000170", "Ashfield", 28.2), ("E07000174", "Mansfield", 31.4),
    ].enumerated().map { line, row in
        .observation(Observation(area: row.0, areaName: row.1, period: "2024", indicator: "school_readiness", value: .number(row.2),
                                 provenance: Provenance(source: "obesity", file: "data/adult-obesity-prevalence.csv", line: line + 2)))
    }

    /// A benchmark code in none of the files (E12000099, typed for the East Midlands' E12000004)
    /// was compared with nothing, silently: a note names it, the files read, and the code the
    /// files give the benchmark's name. Without a name to go by, the nearest code (E07000710 →
    /// Ashfield's E07000170, two edits) is the guess, with the name the files give it; a code
    /// near none says what to check. A benchmark that has figures, and the place, are not named.
    @Test func aBenchmarkWithNoFiguresIsNamedWithTheLikelyCode() throws {
        var document = BaselineDocument(place: Place(name: "Mansfield", code: "E07000174"), period: "2025")
        document.benchmarks = [Area(code: "E92000001", name: "England", role: "england"), Area(code: "E12000099", name: "East Midlands", role: "region"),
                               Area(code: "E07000710", name: "Ashfeld", role: "neighbour"), Area(code: "W06000099", name: "Nowhere", role: "neighbour")]
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07000174", benchmarks: document.benchmarks.map(\.code))
        _ = try runStage(stage, records: Self.obesity, into: &document)
        #expect(Set(document.indicators.map(\.area)) == ["E07000174", "E92000001"])
        let file = "data/adult-obesity-prevalence.csv"
        #expect(document.dataQuality.notes == [
            "The benchmark area E12000099 (East Midlands) has no figures in the statistics read (\(file)): the place is compared with it on no indicator. "
                + "Check its code in `benchmarks:` — did you mean E12000004, which the files name East Midlands?",
            "The benchmark area E07000710 (Ashfeld) has no figures in the statistics read (\(file)): the place is compared with it on no indicator. "
                + "Check its code in `benchmarks:` — did you mean E07000170, which the files name Ashfield?",
            "The benchmark area W06000099 (Nowhere) has no figures in the statistics read (\(file)): the place is compared with it on no indicator. "
                + "Check its code in `benchmarks:` (a typo, or a code of another year's boundaries).",
        ])
    }

    /// England's E92000001 was offered Hartlepool's E06000001 (two edits away) when a file held no
    /// England row: a guess by edit distance stays among codes of the benchmark's type (E92…).
    @Test func aGuessIsACodeOfTheSameType() throws {
        var document = BaselineDocument(place: Place(name: "Manchester", code: "E08000003"), period: "2025")
        document.benchmarks = [Area(code: "E92000001", name: "All of England", role: "england"), Area(code: "E12000002", name: "NW", role: "region")]
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E08000003", benchmarks: document.benchmarks.map(\.code))
        let rows: [Record] = [("E06000001", "Hartlepool"), ("E06000002", "Middlesbrough"), ("E08000003", "Manchester"), ("E12000003", "Yorkshire")]
            .enumerated().map { line, row in
                .observation(Observation(area: row.0, areaName: row.1, period: "2024", indicator: "school_readiness", value: .number(50),
                                         provenance: Provenance(source: "cla", file: "cla.csv", line: line + 2)))
            }
        _ = try runStage(stage, records: rows, into: &document)
        #expect(document.dataQuality.notes == [
            "The benchmark area E92000001 (All of England) has no figures in the statistics read (cla.csv): the place is compared with it on no indicator. "
                + "Check its code in `benchmarks:` (a typo, or a code of another year's boundaries).",
            "The benchmark area E12000002 (NW) has no figures in the statistics read (cla.csv): the place is compared with it on no indicator. "
                + "Check its code in `benchmarks:` — did you mean E12000003, which the files name Yorkshire?",
        ])
    }

    /// A benchmark whose rows a source's own `areas:` passed over (its note says so) is there, its
    /// code right: the note says to list it, not to check it for a typo.
    @Test func aBenchmarkPassedOverByASourceIsSaidToBe() throws {
        var document = BaselineDocument(place: Place(name: "Mansfield", code: "E07000174"), period: "2025")
        document.benchmarks = [Area(code: "E92000001", name: "England", role: "england"), Area(code: "E12000004", name: "East Midlands", role: "region")]
        let sourceNote = AreasFilterNote.text(file: "obesity.csv", rows: 3, benchmarks: [document.benchmarks[1]])
        document.dataQuality.notes = [sourceNote]
        let stage = IndicatorsStage(configuration: try Self.configuration(""), placeCode: "E07000174", benchmarks: document.benchmarks.map(\.code))
        let kept = Self.obesity.filter { if case .observation(let o) = $0 { return o.area != "E12000004" } else { return true } }
        _ = try runStage(stage, records: kept, into: &document)
        #expect(document.dataQuality.notes == [sourceNote,
            "The benchmark area E12000004 (East Midlands) has no figures in the statistics read (data/adult-obesity-prevalence.csv): the place is compared with it on no indicator. "
                + "Its rows are in the files, passed over by a source's `areas:`, which does not list it: add E12000004 to that list.",
        ])
    }

    /// A benchmark the stage's own `areas:` leaves out has no figures for that reason: said so.
    @Test func aBenchmarkLeftOutOfAreasIsSaidToBe() throws {
        var document = BaselineDocument(place: Place(name: "Mansfield", code: "E07000174"), period: "2025")
        document.benchmarks = [Area(code: "E92000001", name: "England", role: "england"), Area(code: "E12000004", name: "East Midlands", role: "region")]
        let stage = IndicatorsStage(configuration: try Self.configuration("areas: [E07000174, E92000001]\n"), placeCode: "E07000174",
                                    benchmarks: document.benchmarks.map(\.code))
        _ = try runStage(stage, records: Self.obesity, into: &document)
        #expect(document.dataQuality.notes == [
            "The benchmark area E12000004 (East Midlands) is not among the `indicators` stage's `areas:`, so it has no figures and is compared with nothing: "
                + "add it to `areas:` to compare the place with it.",
        ])
    }

}

/// `KeptObservations` lets go of breakdowns that can no longer be shown: the baseline must come
/// out the same whatever order the rows come in.
@Suite struct KeptObservationsTests {
    /// An indicator in two areas: 4 periods × sexes × ages, and a category; no duplicates.
    static func rows(sexes: [String], ages: [String]) -> [Record] {
        var rows = [Record]()
        var line = 1
        for area in ["E07999001", "E92000001"] {
            for period in ["2019", "2020", "2021", "2022"] {
                var attributes = [[String: String]]()
                for sex in sexes {
                    for age in ages { attributes.append(["sex": sex, "age": age]) }
                }
                attributes.append(["sex": sexes[0], "age": ages[0], "category_type": "Deprivation", "category": "Most deprived"])
                for attribute in attributes {
                    line += 1
                    rows.append(.observation(Observation(area: area, period: period, indicator: "school_readiness", value: .number(Double(line)),
                                                         attributes: attribute, provenance: Provenance(source: "ft", file: "ft.csv", line: line))))
                }
            }
        }
        return rows
    }

    static func baseline(_ rows: [Record]) throws -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try IndicatorsStageTests.configuration(""), placeCode: "E07999001", benchmarks: ["E92000001"])
        _ = try runStage(stage, records: rows, batchSize: 7, into: &document)
        return document
    }

    static func json(_ document: BaselineDocument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// Orders that would break a rule deciding from the rows seen so far: breakdowns before the
    /// first Persons / All ages row, periods newest first and shuffled.
    static func orders(_ rows: [Record]) -> [[Record]] {
        var generator = SeededGenerator(seed: 22)
        return [rows, rows.reversed()] + (0..<20).map { _ in rows.shuffled(using: &generator) }
    }

    @Test("Persons / All ages: the same baseline in every row order, with the latest period's breakdowns and a count of the earlier ones")
    func preferredHeadline() throws {
        let rows = Self.rows(sexes: ["Female", "Persons", "Male"], ages: ["0-4 yrs", "All ages", "65+ yrs"])
        let expected = try Self.json(Self.baseline(rows))
        let document = try Self.baseline(rows)
        #expect(document.indicators.count == 8)
        let latest = try #require(document.indicators.first { $0.area == "E07999001" && $0.period == "2022" })
        #expect(latest.breakdowns?.count == 9)
        #expect(document.indicators.filter { $0.period != "2022" }.allSatisfy { $0.breakdowns == nil })
        #expect(document.dataQuality.notes.contains { $0.hasPrefix("54 breakdown values of earlier periods") })
        for order in Self.orders(rows) { #expect(try Self.json(Self.baseline(order)) == expected) }
    }

    @Test("No preferred sex or age: the commonest, chosen by rule, is the same in every row order")
    func headlineByRule() throws {
        let rows = Self.rows(sexes: ["Male", "Female"], ages: ["0-4 yrs", "65+ yrs"])
        let expected = try Self.json(Self.baseline(rows))
        let document = try Self.baseline(rows)
        #expect(document.dataQuality.notes.contains { $0.hasPrefix("The headline series of 'school_readiness' is Female, 0-4 yrs, chosen by rule") })
        for order in Self.orders(rows) { #expect(try Self.json(Self.baseline(order)) == expected) }
    }

    @Test("A repeated row is a duplicate even after its period's breakdowns were let go")
    func duplicateOfALetGoBreakdown() throws {
        let rows = Self.rows(sexes: ["Persons", "Male"], ages: ["All ages", "0-4 yrs"])
        let repeated = rows.filter {
            guard case .observation(let o) = $0 else { return false }
            return o.period == "2019" && o.attributes["sex"] == "Male" && o.area == "E07999001"
        }
        let document = try Self.baseline(rows + repeated)
        #expect(document.dataQuality.notes.contains { $0.hasPrefix("2 observations repeated an indicator, period and area") })
        #expect(document.dataQuality.notes.contains { $0.hasPrefix("\(3 * 4 * 2) breakdown values of earlier periods") })
    }

    @Test("Only what can still be shown is held: each breakdown's newest period, and the rows that may be the headline")
    func heldIsBounded() throws {
        var kept = KeptObservations()
        for row in Self.rows(sexes: ["Persons", "Male", "Female"], ages: ["All ages", "0-4 yrs", "65+ yrs"]) {
            kept.keep(row, indicator: "school_readiness")
        }
        // Per area: 4 periods' Persons / All ages rows, and the latest period's 9 others.
        #expect(kept.held == 2 * (4 + 9))
    }

    /// A "2015 baseline" over today's files shows today's figures: `period:` names the baseline and
    /// chooses nothing, so a figure for a period that starts after the baseline's ends is named
    /// (the try-out's Mansfield run of `period: 2015` showed 2024–25's obesity with no word).
    @Test func figuresAfterTheBaselineAreNamed() {
        func result(_ id: String, _ area: String, _ period: String) -> IndicatorResult {
            IndicatorResult(id: id, name: id.uppercased(), area: area, period: period, value: 1, missing: nil, unit: nil,
                            polarity: "no_judgement", ci95: nil, comparisons: [:], provenance: Provenance(source: "s", file: "f"))
        }
        let results = [
            result("a", "E1", "2024-11-16/P1Y"), result("a", "E1", "2014"),  // the latest starts in 2024
            result("b", "E1", "2015-16"),                                     // starts in 2015: the baseline's own year
            result("c", "E2", "2025"),                                        // not the place's
            result("d", "E1", "2016 - 18"), result("d", "E1", "2019 - 21"),   // the newer pooled years named
        ]
        #expect(IndicatorsStage.newerFigures(results, place: "E1", baseline: "2015")
                == "2 indicators' latest figures for the place are for a period after this baseline's (2015): "
                + "A (16 Nov 2024 – 15 Nov 2025), D (2019 - 21). `period:` names the baseline and does not choose the figures, "
                + "which are the newest the files hold: check `period:`, or for an earlier year's baseline use the files as they were published then.")
        #expect(IndicatorsStage.newerFigures(results, place: "E1", baseline: "2025") == nil)
        #expect(IndicatorsStage.newerFigures(results, place: "E1", baseline: "2022-23")?.hasPrefix("1 indicator's latest figure for the place is") == true)
        #expect(IndicatorsStage.newerFigures(results, place: "E1", baseline: "Q3 review") == nil)
    }

    /// A brief for 2025 showing a 2016 figure says it is old: the place's latest figure of each
    /// indicator, 5 or more years before the baseline's period ends; other areas' figures and
    /// newer ones are not named.
    @Test func oldFiguresOfThePlaceAreNamed() {
        func result(_ id: String, _ area: String, _ period: String) -> IndicatorResult {
            IndicatorResult(id: id, name: id.uppercased(), area: area, period: period, value: 1, missing: nil, unit: nil,
                            polarity: "no_judgement", ci95: nil, comparisons: [:], provenance: Provenance(source: "s", file: "f"))
        }
        let results = [
            result("a", "E1", "2016"), result("a", "E1", "2015"),           // latest 2016: 9 years before 2025
            result("b", "E1", "2019/20"), result("b", "E2", "2024"),        // ends 2020: 5 years, England's newer figure aside
            result("c", "E1", "2021"),                                      // 4 years: not old
            result("d", "E2", "2001"),                                      // not the place's
            result("e", "E1", "2010"), result("e", "E1", "2023 - 25"),      // a newer pooled figure
            result("f", "E1", "2024-11-16/P1Y"),                            // ONS's yearly interval, ending 2025
            result("g", "E1", "2015-11-16/P1Y"),                            // ending 2016: 9 years before
        ]
        #expect(IndicatorsStage.oldFigures(results, place: "E1", baseline: "2025")
                == "3 indicators' latest figures for the place are 5 or more years older than this baseline (2025): "
                + "A (2016, 9 years before), G (16 Nov 2015 – 15 Nov 2016, 9 years before), B (2019-20, 5 years before); check for a newer release.")
        #expect(IndicatorsStage.oldFigures(results.filter { $0.id != "g" }, place: "E1", baseline: "2024-25")
                == "2 indicators' latest figures for the place are 5 or more years older than this baseline (2024-25): "
                + "A (2016, 9 years before), B (2019-20, 5 years before); check for a newer release.")
        #expect(IndicatorsStage.oldFigures(results.filter { $0.id != "g" }, place: "E1", baseline: "2024")?.hasPrefix("1 indicator's latest figure for the place is") == true)
        #expect(IndicatorsStage.oldFigures(results, place: "E1", baseline: "Q3 review") == nil)
        #expect(IndicatorsStage.oldFigures([result("c", "E1", "2021")], place: "E1", baseline: "2025") == nil)
    }

    /// Indicators the catalogue gave figures for, for other areas, but not for the place: said,
    /// not left to be noticed (an obsolete place code silently cost three indicators of eleven).
    @Test func indicatorsWithoutAFigureForThePlaceAreNamed() {
        func result(_ id: String, _ area: String) -> IndicatorResult {
            IndicatorResult(id: id, name: id.uppercased(), area: area, period: "2024", value: 1, missing: nil, unit: nil,
                            polarity: "no_judgement", ci95: nil, comparisons: [:], provenance: Provenance(source: "s", file: "f"))
        }
        let results = [result("a", "E1"), result("a", "E92000001"), result("b", "E92000001"), result("c", "E2"), result("c", "E1"),
                       result("d", "E2")]
        #expect(IndicatorsStage.missingForThePlace(results, place: "E1")
                == "2 indicators have figures for other areas but none for the place (E1): B, D; check the place's code against the file "
                + "(a code replaced since, after a boundary change, reads as another area: give a 1:1 change in the stage's `code_changes` table).")
        #expect(IndicatorsStage.missingForThePlace(results.filter { $0.id != "b" && $0.id != "d" }, place: "E1") == nil)
        // None for the place at all is the run's error (checkThePlaceHasIndicators), not a note.
        #expect(IndicatorsStage.missingForThePlace(results, place: "E9") == nil)
    }
}
