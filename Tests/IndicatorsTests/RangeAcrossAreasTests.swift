import BaselineCore
import BaselineSchema
import BaselineStatistics
import BaselineTestKit
import Testing
@testable import Indicators

/// The range across areas (worst, 25th and 75th percentile, best) against figures worked out
/// independently: the percentiles with Python's `statistics.quantiles(values, n=4,
/// method='inclusive')`, which is the same type 7 definition, computed apart from this code.
@Suite struct RangeAcrossAreasTests {
    static func observation(_ indicator: String, _ area: String, _ value: Value, period: String = "2024-25",
                            attributes: [String: String] = [:], line: Int) -> Record {
        .observation(Observation(area: area, period: period, indicator: indicator, value: value, attributes: attributes,
                                 provenance: Provenance(source: "national", file: "national.csv", line: line)))
    }

    @Test("Type 7 quantiles: Python's statistics.quantiles(method='inclusive') gives the same")
    func quantiles() {
        // quantiles([10, 11, 12.5, 16.2, 20, 30], n=4, method='inclusive') == [11.375, 14.35, 19.05]
        let values = [10, 11, 12.5, 16.2, 20, 30.0]
        #expect(abs(quantile(sorted: values, 0.25) - 11.375) < 1e-12)
        #expect(abs(quantile(sorted: values, 0.5) - 14.35) < 1e-12)
        #expect(abs(quantile(sorted: values, 0.75) - 19.05) < 1e-12)
        // quantiles([1, 2, 3], n=4, method='inclusive') == [1.5, 2.0, 2.5]; one value is itself.
        #expect(quantile(sorted: [1, 2, 3], 0.25) == 1.5 && quantile(sorted: [1, 2, 3], 0.75) == 2.5)
        #expect(quantile(sorted: [7], 0.25) == 7 && quantile(sorted: [7], 0.75) == 7)
    }

    @Test("By code class: a district with E06–E09, counties, regions and England apart; missing, repeated and category rows left out")
    func byCodeClass() throws {
        let records: [Record] = [
            Self.observation("homelessness_duty_rate", "E07999001", .number(16.2), line: 2),
            Self.observation("homelessness_duty_rate", "E06000001", .number(10), line: 3),
            Self.observation("homelessness_duty_rate", "E08000001", .number(20), line: 4),
            Self.observation("homelessness_duty_rate", "E09000001", .number(12.5), line: 5),
            Self.observation("homelessness_duty_rate", "E07000002", .number(30), line: 6),
            Self.observation("homelessness_duty_rate", "E06000002", .number(11), line: 7),
            Self.observation("homelessness_duty_rate", "E07000002", .number(99), line: 8),
            Self.observation("homelessness_duty_rate", "E07000003", .missing(.suppressed), line: 9),
            Self.observation("homelessness_duty_rate", "E07000004", .number(1),
                             attributes: ["category_type": "Deprivation decile", "category": "Most deprived"], line: 10),
            Self.observation("homelessness_duty_rate", "E10000001", .number(5), line: 11),
            Self.observation("homelessness_duty_rate", "E12000004", .number(14), line: 12),
            Self.observation("homelessness_duty_rate", "E92000001", .number(14.2), line: 13),
            Self.observation("homelessness_duty_rate", "E07000005", .number(50), period: "2023-24", line: 14),
        ]
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try IndicatorsStageTests.configuration(""), placeCode: "E07999001",
                                    benchmarks: ["E92000001"])
        _ = try runStage(stage, records: records, batchSize: 5, into: &document)
        let place = try #require(document.indicators.first { $0.area == "E07999001" })
        // E06/E07/E08/E09 values 16.2, 10, 20, 12.5, 30 (E07000002's first), 11 — low is good,
        // so the worst is the highest.
        #expect(place.rangeAcrossAreas == RangeAcrossAreas(areas: 6, worst: 30, q25: 11.375, q75: 19.05, best: 10,
                                                           areaType: "E06–E09 (local authorities, lower tier or unitary)"))
        #expect(document.indicators.first { $0.area == "E92000001" }?.rangeAcrossAreas == nil)
    }

    /// Children's services, schools and social care are run by upper-tier councils: DfE's files
    /// publish counties (E10) and no districts (a try-out's children-looked-after file: 151
    /// councils, the 21 counties among them). A county compares with the upper tier, a district
    /// with the lower, a single-tier place with the tier the series holds.
    @Test("By tier: counties with the single-tier councils where a file is upper tier, districts where it holds them")
    func byTier() throws {
        func ranges(place: String, _ values: [(String, Double)]) -> RangeAcrossAreas? {
            let ranges = AreaRanges(place: place)
            var own: Observation?
            for (area, value) in values {
                let observation = Observation(area: area, period: "2025", indicator: "cla_rate", value: .number(value),
                                              provenance: Provenance(source: "s", file: "f"))
                ranges.add(indicator: "cla_rate", observation)
                if area == place { own = observation }
            }
            return own.flatMap { ranges.range(indicator: "cla_rate", for: $0, polarity: .lowIsGood) }
        }
        let upperTierFile = [("E08000003", 97.0), ("E06000001", 80), ("E09000001", 50), ("E10000002", 60), ("E10000003", 40),
                             ("E92000001", 70), ("E12000002", 95)]
        // quantiles([97, 80, 50, 60, 40], n=4, method='inclusive') == [50.0, 60.0, 80.0]
        #expect(ranges(place: "E08000003", upperTierFile)
                == RangeAcrossAreas(areas: 5, worst: 97, q25: 50, q75: 80, best: 40,
                                    areaType: "E06, E08–E10 (local authorities, upper tier or unitary)"))
        let bothTiers = [("E10000002", 60.0), ("E07000001", 10), ("E07000002", 20), ("E06000001", 80), ("E09000001", 50),
                         ("E10000003", 40), ("E08000003", 97)]
        // A county: quantiles([60, 80, 50, 40, 97], …) — the districts left out.
        #expect(ranges(place: "E10000002", bothTiers)
                == RangeAcrossAreas(areas: 5, worst: 97, q25: 50, q75: 80, best: 40,
                                    areaType: "E06, E08–E10 (local authorities, upper tier or unitary)"))
        // A district: quantiles([10, 20, 80, 50, 97], n=4, method='inclusive') == [20.0, 50.0, 80.0]
        #expect(ranges(place: "E07000001", bothTiers)
                == RangeAcrossAreas(areas: 5, worst: 97, q25: 20, q75: 80, best: 10,
                                    areaType: "E06–E09 (local authorities, lower tier or unitary)"))
        // A single-tier place where the file has both tiers: the districts' (Fingertips' Districts & UAs).
        #expect(ranges(place: "E08000003", bothTiers)?.areaType == "E06–E09 (local authorities, lower tier or unitary)")
        #expect(ranges(place: "E08000003", bothTiers)?.areas == 5)
        // A county in a file of counties only: quantiles([60, 40], …) — the only two.
        #expect(ranges(place: "E10000002", [("E10000002", 60), ("E10000003", 40)])
                == RangeAcrossAreas(areas: 2, worst: 60, q25: 45, q75: 55, best: 40,
                                    areaType: "E06, E08–E10 (local authorities, upper tier or unitary)"))
    }

    @Test("By the source's area type column: the place's type only, its own series (sex, age), high is good")
    func byAreaTypeColumn() throws {
        func row(_ area: String, _ value: Double, _ type: String, sex: String = "Persons", line: Int) -> Record {
            Self.observation("school_readiness", area, .number(value), attributes: ["area_type": type, "sex": sex], line: line)
        }
        let records: [Record] = [
            row("E07999001", 64.8, "Districts & UAs", line: 2),
            row("E07999001", 60.0, "Districts & UAs", sex: "Male", line: 3),
            row("E06000001", 70.1, "Districts & UAs", line: 4),
            row("E06000001", 70.1, "Counties & UAs", line: 5),
            row("E10000001", 40.0, "Counties & UAs", line: 6),
            row("E07000003", 55.0, "Districts & UAs", line: 7),
            row("E07000003", 90.0, "Districts & UAs", sex: "Male", line: 8),
            row("E08000002", 61.3, "Districts & UAs", line: 9),
        ]
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try IndicatorsStageTests.configuration(""), placeCode: "E07999001")
        _ = try runStage(stage, records: records, into: &document)
        let place = try #require(document.indicators.first)
        // quantiles([55, 61.3, 64.8, 70.1], n=4, method='inclusive') == [59.725, 63.05, 66.125]
        #expect(place.rangeAcrossAreas == RangeAcrossAreas(areas: 4, worst: 55, q25: 59.725, q75: 66.125, best: 70.1,
                                                           areaType: "Districts & UAs"))
    }

    @Test("No judgement: worst is the lowest and best the highest; one area alone gives no range")
    func noJudgementAndTooFew() {
        let ranges = AreaRanges(place: "E09000001")
        let place = Observation(area: "E09000001", period: "2024", indicator: "x", value: .number(3),
                                provenance: Provenance(source: "s", file: "f"))
        ranges.add(indicator: "x", place)
        #expect(ranges.range(indicator: "x", for: place, polarity: .noJudgement) == nil)
        for (area, value) in [("E09000002", 1.0), ("E06000003", 2.0)] {
            ranges.add(indicator: "x", Observation(area: area, period: "2024", indicator: "x", value: .number(value),
                                                   provenance: Provenance(source: "s", file: "f")))
        }
        #expect(ranges.range(indicator: "x", for: place, polarity: .noJudgement)
                == RangeAcrossAreas(areas: 3, worst: 1, q25: 1.5, q75: 2.5, best: 3, areaType: "E06–E09 (local authorities, lower tier or unitary)"))
        #expect(AreaRanges.codeClass(of: "W06000015") == "W06 codes" && AreaRanges.codeClass(of: "Millbrook") == nil)
    }

    @Test("An area's figure under its previous code counts as the area's, once, its own preferred; a merged area's old code is passed over")
    func previousCodes() {
        let ranges = AreaRanges(place: "E08000038", successors: AreaCodeChanges.builtIn)
        func add(_ area: String, _ value: Double, obsolete: String? = nil) {
            ranges.add(indicator: "x", Observation(area: area, period: "2024", indicator: "x", value: .number(value),
                                                   attributes: obsolete.map { ["value_note": "Obsolete code since \($0)"] } ?? [:],
                                                   provenance: Provenance(source: "s", file: "f")))
        }
        add("E08000016", 40, obsolete: "2025 (replaced by E08000038 Barnsley)")   // Barnsley only under its old code
        add("E08000019", 50, obsolete: "2025 (replaced by E08000039 Sheffield)")   // Sheffield under both, the old one first
        add("E08000039", 10)
        add("E07000026", 99, obsolete: "2023 (replaced by E06000063 Cumberland)")  // Allerdale: merged, not Cumberland's
        add("E08000018", 30)
        let place = Observation(area: "E08000016", period: "2024", indicator: "x", value: .number(40), provenance: Provenance(source: "s", file: "f"))
        #expect(ranges.range(indicator: "x", for: place, polarity: .lowIsGood)
                == RangeAcrossAreas(areas: 3, worst: 40, q25: 20, q75: 35, best: 10, areaType: "E06–E09 (local authorities, lower tier or unitary)"))
    }

    @Test("Observations sharing one attributes dictionary, over more series than are kept at hand, each count in their own series")
    func sharedAttributesManySeries() {
        let ranges = AreaRanges(place: "E07000001")
        let shared = ["sex": "Persons", "age": "All ages", "OBS_STATUS": "A"]
        var categorised = shared
        categorised["category_type"] = "Deprivation deciles"
        var female = shared
        female["sex"] = "Female"
        let periods = (2000..<2030).map(String.init)
        for (index, area) in ["E07000001", "E07000002", "E06000003"].enumerated() {
            for period in periods {
                ranges.add(indicator: "x", Observation(area: area, period: period, indicator: "x", value: .number(Double(index)),
                                                       attributes: shared, provenance: Provenance(source: "s", file: "f")))
                ranges.add(indicator: "x", Observation(area: area, period: period, indicator: "x", value: .number(100),
                                                       attributes: categorised, provenance: Provenance(source: "s", file: "f")))
                ranges.add(indicator: "x", Observation(area: area, period: period, indicator: "x", value: .number(50),
                                                       attributes: female, provenance: Provenance(source: "s", file: "f")))
            }
        }
        for period in periods {
            let place = Observation(area: "E07000001", period: period, indicator: "x", value: .number(0), attributes: shared,
                                    provenance: Provenance(source: "s", file: "f"))
            #expect(ranges.range(indicator: "x", for: place, polarity: .highIsGood)
                    == RangeAcrossAreas(areas: 3, worst: 0, q25: 0.5, q75: 1.5, best: 2, areaType: "E06–E09 (local authorities, lower tier or unitary)"),
                    "\(period)")
        }
    }

    @Test("Area after area over many indicators, periods and sexes (more keys than any indicator keeps at hand): each series gets its own values")
    func manyIndicatorsAreaAfterArea() {
        let ranges = AreaRanges(place: "E07000001")
        let indicators = (0..<9).map { "indicator\($0)" }, periods = (2015..<2027).map(String.init)
        let areas = (0..<40).map { "E07" + String(1_000_000 + $0).dropFirst() }
        func value(_ area: Int, _ indicator: Int, _ period: Int, _ sex: Int) -> Double {
            let mixed: Int = area * 7919 + indicator * 104_729 + period * 13 + sex * 31
            return Double(mixed % 1000) / 8
        }
        let sexes = [["sex": "Male"], ["sex": "Female"]]
        for (a, area) in areas.enumerated() {
            for (i, indicator) in indicators.enumerated() {
                for (p, period) in periods.enumerated() {
                    for (x, attributes) in sexes.enumerated() {
                        ranges.add(indicator: indicator, Observation(area: area, period: period, indicator: indicator,
                                                                     value: .number(value(a, i, p, x)), attributes: attributes,
                                                                     provenance: Provenance(source: "s", file: "f")))
                    }
                }
            }
        }
        for (i, indicator) in indicators.enumerated() {
            for (p, period) in periods.enumerated() {
                for (x, attributes) in sexes.enumerated() {
                    let sorted = areas.indices.map { value($0, i, p, x) }.sorted()
                    let place = Observation(area: areas[0], period: period, indicator: indicator, value: .number(0),
                                            attributes: attributes, provenance: Provenance(source: "s", file: "f"))
                    #expect(ranges.range(indicator: indicator, for: place, polarity: .highIsGood)
                            == RangeAcrossAreas(areas: areas.count, worst: sorted.first!,
                                                q25: rounded(quantile(sorted: sorted, 0.25), places: 6),
                                                q75: rounded(quantile(sorted: sorted, 0.75), places: 6), best: sorted.last!,
                                                areaType: "E06–E09 (local authorities, lower tier or unitary)"),
                            "\(indicator) \(period) \(attributes)")
                }
            }
        }
    }

    @Test("Only series that can be the headline are kept: other sexes dropped once Persons shows, other ages once All ages shows")
    func onlyHeadlineSeriesKept() {
        let ranges = AreaRanges(place: "E07000001")
        func observation(_ area: String, _ sex: String, _ age: String, _ value: Double, headline: String? = nil) -> Observation {
            var attributes = ["sex": sex, "age": age]
            if let headline { attributes["headline"] = headline }
            return Observation(area: area, period: "2024", indicator: "x", value: .number(value), attributes: attributes,
                               provenance: Provenance(source: "s", file: "f"))
        }
        let male = observation("E07000001", "Male", "65+ yrs", 1)
        ranges.add(indicator: "x", male)
        ranges.add(indicator: "x", observation("E07000002", "Male", "65+ yrs", 2))
        #expect(ranges.range(indicator: "x", for: male, polarity: .highIsGood)?.areas == 2)
        ranges.add(indicator: "x", observation("E07000001", "Persons", "65+ yrs", 3))
        ranges.add(indicator: "x", observation("E07000002", "Male", "65+ yrs", 2))
        #expect(ranges.range(indicator: "x", for: male, polarity: .highIsGood) == nil)
        let place = observation("E07000001", "Persons", "All ages", 10)
        ranges.add(indicator: "x", place)
        ranges.add(indicator: "x", observation("E07000002", "Persons", "65+ yrs", 4))
        ranges.add(indicator: "x", observation("E07000002", "Persons", "All ages", 20))
        #expect(ranges.range(indicator: "x", for: observation("E07000001", "Persons", "65+ yrs", 3), polarity: .highIsGood) == nil)
        #expect(ranges.range(indicator: "x", for: place, polarity: .highIsGood)?.best == 20)

        // A source that marks its headline decides: unmarked rows are passed over.
        let marked = AreaRanges(place: "E07000001")
        let chosen = observation("E07000001", "Female", "18+ yrs", 5, headline: "true")
        marked.add(indicator: "y", chosen)
        marked.add(indicator: "y", observation("E07000002", "Female", "18+ yrs", 6, headline: "true"))
        marked.add(indicator: "y", observation("E07000003", "Female", "18+ yrs", 60, headline: "false"))
        #expect(marked.range(indicator: "y", for: chosen, polarity: .lowIsGood)?.worst == 6)
    }
}
