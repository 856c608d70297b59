import BaselineCore
import BaselineTestKit
@testable import CSVIndicators
import Foundation
import Testing

/// `csv-indicators` on DfE's Explore Education Statistics (EES) downloads, cut from the files a
/// new user's try-out ran (each fixture's `SOURCE.md` says which lines), against values read off
/// the files with pandas.
@Suite struct EESTests {
    static func read(_ name: String, _ options: String) throws -> RecordBatch {
        try CSVIndicatorsTests.read(name, options)
    }

    static func observations(_ batch: RecordBatch) -> [Observation] {
        CSVIndicatorsTests.observations(batch)
    }

    /// Sunderland's agency-worker rate (FTE) by year, as the children's social work workforce file writes it.
    static let agency = """
        layout: custom
        indicator: agency_rate
        areas: [E08000024]
        columns: { area: new_la_code, area_name: la_name, period: time_period, value: agency_rate_fte }
        """

    @Test("`low` is a figure below the rounding (DfE: \"rounds to 0 but is not 0\"), not one too unreliable to publish; `u` is")
    func lowIsBelowTheRounding() throws {
        let agency = Self.observations(try Self.read("ees-csww", Self.agency))
        // pandas on the file: 2025, 2024, 2023 `low`; 2022 0.4; 2021 1.3; 2020 0.9; 2019 9.6; 2018 14.6; 2017 28.8.
        #expect(agency.map(\.period) == ["2025", "2024", "2023", "2022", "2021", "2020", "2019", "2018", "2017"])
        #expect(agency.map(\.value) == [.missing(.roundsToZero), .missing(.roundsToZero), .missing(.roundsToZero), .number(0.4), .number(1.3),
                                        .number(0.9), .number(9.6), .number(14.6), .number(28.8)])
        let turnover = Self.observations(try Self.read("ees-csww", Self.agency.replacingOccurrences(of: "agency_rate_fte", with: "turnover_rate_fte")))
        // 2024's turnover is `u`, low reliability: that one is too unreliable to publish.
        #expect(turnover.first { $0.period == "2024" }?.value == .missing(.lowReliability))
        #expect(turnover.first { $0.period == "2025" }?.value == .number(11.8))
    }
}

extension EESTests {
    /// Writes `text` as `input.csv` in a folder of its own and reads it with `options`.
    static func read(csv text: String, _ options: String) throws -> (RecordBatch, notes: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ees-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent("input.csv"), atomically: true, encoding: .utf8)
        let configuration = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv\n" + options, base: folder.path)
        let source = try CSVIndicatorsAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "indicators", pipeline: PipelineContext(placeName: "T", placeCode: "E08000031", period: "2025", baseDirectory: folder.path)))
        let batch = try drain(source)
        return (batch, source.notes)
    }

    /// A value that is there keeps its row when a confidence limit beside it is no number: the
    /// interval is left out (both limits), said in data quality with where. Before, the whole row
    /// was set aside (Walsall's −1.4 and Suffolk's −2.32 in DfE's KS2 file, for an upper limit `k`).
    @Test("A confidence limit that is neither a number nor a marker leaves out the interval, not the value")
    func anUnreadableLimitLeavesTheValue() throws {
        let csv = """
            area,period,score,lower,upper,count
            E08000030,2022,-1.4,-2.81,n/k,12
            E08000031,2022,-0.5,-1.2,0.2,13
            E08000032,2022,0.4,?,1.1,14
            E08000033,2022,0.4,0.1,1.1,many

            """
        let (batch, notes) = try Self.read(csv: csv, "layout: custom\nindicator: score\ncolumns: { area: area, period: period, value: score, lower: lower, upper: upper, count: count }")
        let o = Self.observations(batch)
        #expect(o.map(\.area) == ["E08000030", "E08000031", "E08000032"])
        #expect(o[0].value == .number(-1.4) && o[0].lower == nil && o[0].upper == nil && o[0].count == 12)
        #expect(o[1].lower == -1.2 && o[1].upper == 0.2)
        #expect(o[2].value == .number(0.4) && o[2].lower == nil && o[2].upper == nil)
        // A count that is no number still sets the row aside: a figure, not an interval.
        #expect(batch.rejects.map(\.provenance.line) == [5] && batch.rejects.first?.provenance.column == 6)
        #expect(notes.contains("input.csv: 2 value(s) kept without their confidence interval, a limit being neither a number nor a missing-value marker "
                               + "(the first at input.csv:2:5: upper confidence limit 'n/k' is not a number or a missing-value marker)."), "\(notes)")
    }
}

// MARK: - Periods

extension EESTests {
    /// Wolverhampton's and Walsall's reading progress of children looked after, as the try-out's
    /// pipeline reads DfE's KS2 file (`ks2p.yaml`), without the period rewritten.
    static let progress = """
        layout: custom
        areas: [E08000031, E08000030, E10000029]
        columns:
          indicator: social_care_group
          area: new_la_code
          area_name: la_name
          period: time_period
          value: avg_read_progress_score
          lower: avg_read_progress_score_lower_CI
          upper: avg_read_progress_score_upper_CI
        """

    @Test("EES academic years `202425` (time_identifier \"Academic year\") are read as `2024-25`; `k` is below the rounding, with its interval kept")
    func academicYearsAndK() throws {
        let batch = try Self.read("ees-ks2", Self.progress)
        #expect(batch.rejects.isEmpty, "\(batch.rejects.map(\.reason))")
        let o = Self.observations(batch)
        let wolverhampton = o.filter { $0.area == "E08000031" && $0.indicator == "CLA 12 months at 31 March" }
        #expect(wolverhampton.map(\.period) == ["2024-25", "2023-24", "2022-23", "2021-22", "2020-21", "2019-20", "2018-19"])
        // pandas: 2022/23 -1.6 (-4.29, 1.09); 2021/22 -2.47 (-5.23, 0.29); 2018/19 `k` (-2.1, 2.11).
        let y2223 = try #require(wolverhampton.first { $0.period == "2022-23" })
        #expect(y2223.value == .number(-1.6) && y2223.lower == -4.29 && y2223.upper == 1.09)
        let y1819 = try #require(wolverhampton.first { $0.period == "2018-19" })
        #expect(y1819.value == .missing(.roundsToZero) && y1819.lower == -2.1 && y1819.upper == 2.11 && y1819.provenance.line == 30)
        // Walsall's children in need of 2018/19 and Suffolk's: a value, and an upper limit `k` (a
        // limit that rounds to 0 is no number to keep: the interval is left half, so unused).
        let walsall = try #require(o.first { $0.area == "E08000030" && $0.indicator == "CINO at 31 March" })
        #expect(walsall.value == .number(-1.4) && walsall.lower == -2.81 && walsall.upper == nil)
        #expect(o.first { $0.area == "E10000029" }?.value == .number(-2.32))
    }

    @Test("EES periods under their time identifier, and six digits without one only where they cannot be a month", arguments: [
        ("202425", "Academic year", "2024-25"), ("201819", "Academic year", "2018-19"), ("201112", "Financial year", "2011-12"),
        ("200001", "Tax year", "2000-01"), ("199900", "Academic year", "1999-00"), ("2024/25", "Academic year", "2024-25"),
        ("2025", "Reporting year", "2025"), ("2024", "Calendar year", "2024"), ("2024", "Calendar year Q1", "2024-Q1"),
        ("202425", "Financial year Q1", "2024-Q2"), ("202425", "Financial year Q4", "2025-Q1"), ("2024", "March", "2024-03"),
        ("2024", "October", "2024-10"), ("202425", " academic YEAR ", "2024-25"),
        ("202425", nil, "2024-25"), ("199900", nil, "1999-00"), ("2024/25", nil, "2024-25"), ("2024", nil, "2024"),
        // Not read: not a period of its identifier, an identifier that is no period this tool has,
        // and six digits that may be a month (December 2011, or 2011/12?).
        ("2024", "Academic year", nil), ("202426", "Academic year", nil), ("202425", "Calendar year", nil),
        ("202425", "Autumn term", nil), ("202425", "Academic year Q1", nil), ("2024", "Week 12", nil),
        ("201112", nil, nil), ("200001", nil, nil), ("201213", "", "2012-13"), ("202413", nil, nil),
    ] as [(String, String?, String?)])
    func periods(published: String, identifier: String?, expected: String?) {
        let read = try? EESPeriod.read(published, identifier: identifier).get()
        #expect(read == expected, "\(published) (\(identifier ?? "no identifier"))")
    }

    @Test("A row whose time identifier is no period this tool reads is set aside at that column, saying so")
    func anIdentifierNotRead() throws {
        let csv = """
            time_period,time_identifier,geographic_level,new_la_code,rate
            202425,Autumn term,Local authority,E08000031,4.5
            2024,Academic year,Local authority,E08000031,4.5
            202425,Academic year,Local authority,E08000031,4.5

            """
        let (batch, _) = try Self.read(csv: csv, "layout: custom\nindicator: absence\ncolumns: { area: new_la_code, period: time_period, value: rate }")
        #expect(Self.observations(batch).map(\.period) == ["2024-25"])
        #expect(batch.rejects.map { "\($0.provenance.location) \($0.reason)" } == [
            "input.csv:2:2 time identifier 'Autumn term' is not one this tool reads as a period (it reads years, academic, financial and tax years, calendar and financial-year quarters, and months)",
            "input.csv:3:1 time period '2024' is not a period of its time identifier 'Academic year'",
        ])
    }
}

// MARK: - Geographic levels

extension EESTests {
    static let cla = """
        layout: custom
        columns:
          indicator: population_type
          area: new_la_code
          area_name: la_name
          period: time_period
          value: rate_per_10000
          count: children_count
          denominator: population_estimate
        """

    @Test("Each row's area is the code of its geographic level: England's in country_code, the region's in region_code, the council's in new_la_code")
    func areasByLevel() throws {
        let batch = try Self.read("ees-cla", Self.cla)
        // Before: England's and the North West's rows had "no area code" (new_la_code is empty on them).
        #expect(batch.rejects.isEmpty, "\(batch.rejects.map(\.reason))")
        let o = Self.observations(batch).filter { $0.period == "2025" && $0.indicator == "Children looked after on 31 March each year" }
        // pandas: 2025 rates 67 (England, 81770 / 12183016), 90 (North West, 14620 / 1627558), 97 (Manchester, 1280 / 131831).
        #expect(o.map(\.area) == ["E92000001", "E12000002", "E08000003"])
        #expect(o.map(\.areaName) == ["England", "North West", "Manchester"])
        #expect(o.map(\.value) == [.number(67), .number(90), .number(97)])
        #expect(o.map(\.count) == [81770, 14620, 1280] && o.map(\.denominator) == [12183016, 1627558, 131831])
        #expect(o.map(\.provenance.line) == [3, 6, 9])
    }

    @Test("`area: country_code` reads each row by its level too: England's rows, not every row of England")
    func anyLevelColumnReadsByLevel() throws {
        let batch = try Self.read("ees-cla", Self.cla.replacingOccurrences(of: "area: new_la_code", with: "area: country_code")
            .replacingOccurrences(of: "area_name: la_name", with: "area_name: country_name") + "\nareas: [E92000001]")
        let o = Self.observations(batch)
        #expect(o.count == 6 && o.allSatisfy { $0.area == "E92000001" && $0.areaName == "England" } && o.map(\.provenance.line) == [2, 3, 4, 11, 12, 13])
    }

    @Test("Without a geographic_level column, or with an area column of no level, the column named is read as it is")
    func otherFilesReadTheNamedColumn() throws {
        let csv = """
            time_period,geographic_level,old_la_code,new_la_code,rate
            2025,National,,,67
            2025,Local authority,352,E08000003,97

            """
        let (batch, _) = try Self.read(csv: csv, "layout: custom\nindicator: cla\ncolumns: { area: old_la_code, period: time_period, value: rate }")
        #expect(Self.observations(batch).map(\.area) == ["352"])
        #expect(batch.rejects.map(\.reason) == ["no area code"])
        // A level whose column is there but empty says which column it looked in.
        let (levels, _) = try Self.read(csv: "time_period,geographic_level,country_code,new_la_code,rate\n2025,National,,,67\n2025,School,E92000001,,3\n",
                                        "layout: custom\nindicator: cla\ncolumns: { area: new_la_code, period: time_period, value: rate }")
        #expect(levels.rejects.map { "\($0.provenance.location) \($0.reason)" } == [
            "input.csv:2:3 no area code in 'country_code', the column of its geographic level 'National'",
            "input.csv:3:4 no area code in 'new_la_code' (a row of the geographic level 'School', whose code column this tool does not know)",
        ])
    }

    @Test("Rows of a benchmark that `areas:` passed over are named in the note, with what to do")
    func passedOverBenchmarksAreNamed() throws {
        let base = try CSVIndicatorsTests.folder("ees-cla")
        let configuration = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv\n" + Self.cla + "\nareas: [E08000003]", base: base)
        let context = SourceContext(id: "cla", pipeline: PipelineContext(placeName: "Manchester", placeCode: "E08000003", period: "2025", baseDirectory: base,
                                                                         benchmarks: [Area(code: "E92000001", name: "England", role: "england"),
                                                                                      Area(code: "E12000002", name: "North West", role: "region"),
                                                                                      Area(code: "E08000007", name: "Stockport", role: "neighbour")]))
        let source = try CSVIndicatorsAdapter.makeSource(configuration: configuration, context: context)
        #expect(Self.observations(try drain(source)).allSatisfy { $0.area == "E08000003" })
        let note = "input.csv: 12 row(s) of areas not listed in `areas:` passed over, among them the rows of the benchmark areas E92000001 (England) "
            + "and E12000002 (North West): add them to the source's `areas:` to compare the place with them."
        #expect(source.notes.contains(note), "\(source.notes)")
        #expect(AreasFilterNote.passesOver("E92000001", in: note) && AreasFilterNote.passesOver("E12000002", in: note))
        #expect(!AreasFilterNote.passesOver("E08000007", in: note) && !AreasFilterNote.passesOver("E1200000", in: note))
    }
}

// MARK: - A fixed period

extension EESTests {
    static let census = """
        layout: custom
        columns: { area: 2023 Upper tier local authorities Code, area_name: 2023 Upper tier local authorities, indicator: Ethnic group (20 categories), value: Observation }
        """

    @Test("A Census 2021 custom dataset has no period column: `period: 2021` gives every row its period")
    func aFixedPeriod() throws {
        let batch = try Self.read("census-custom", Self.census + "\nperiod: 2021")
        #expect(batch.rejects.isEmpty)
        let o = Self.observations(batch)
        #expect(o.count == 20 && o.allSatisfy { $0.period == "2021" && $0.area == "E08000003" && $0.areaName == "Manchester" })
        // pandas: Manchester's White British 268572, Pakistani 65875.
        #expect(o.first { $0.indicator == "White: English, Welsh, Scottish, Northern Irish or British" }?.value == .number(268572))
        #expect(o.first { $0.indicator == "Asian, Asian British or Asian Welsh: Pakistani" }?.value == .number(65875))
        // Written one way, and it overrides a column.
        #expect(Self.observations(try Self.read("census-custom", Self.census + "\nperiod: 2021/22")).first?.period == "2021-22")
    }

    @Test("Without `period:`, `layout: custom` says how to give one; a `period:` that is no period is an error at its line")
    func aFixedPeriodIsOffered() throws {
        let folder = try CSVIndicatorsTests.folder("census-custom")
        do {
            _ = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv\n" + Self.census, base: folder)
            Issue.record("decoded without a period")
        } catch let error as BaselineError {
            #expect(error.message.contains("layout: custom needs these under `columns:`: period (or the option `period:` when every row is of one period, as in a Census 2021 table: `period: 2021`)"), "\(error.message)")
        }
        do {
            _ = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv\n" + Self.census + "\nperiod: Census day", base: folder)
            Issue.record("decoded a period that is none")
        } catch let error as BaselineError {
            #expect(error.line == 4 && error.message.contains("period 'Census day' is not one this tool reads"), "\(error)")
        }
    }
}

// MARK: - The limits of other figures

extension EESTests {
    /// The try-out's note said to set `columns: {lower: avg_writta_progress_score_lower_CI}`, when
    /// `lower` already read the reading score's limit: writing's limits on the reading score.
    @Test("The confidence limits of a wide file's other figures are said to be theirs, with the columns that read them with their figure")
    func limitsOfOtherFigures() throws {
        let base = try CSVIndicatorsTests.folder("ees-ks2")
        let configuration = try decodeConfiguration(CSVIndicatorsAdapter.self, entry: "path: input.csv\n" + Self.progress, base: base)
        let source = try CSVIndicatorsAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "ks2", pipeline: PipelineContext(placeName: "Wolverhampton", placeCode: "E08000031", period: "2025", baseDirectory: base)))
        _ = try drain(source)
        let limits = source.notes.filter { $0.contains("confidence limit") }
        #expect(limits == ["input.csv: columns 'avg_writta_progress_score_lower_CI', 'avg_writta_progress_score_upper_CI', 'avg_mat_progress_score_lower_CI', "
                           + "'avg_mat_progress_score_upper_CI' look like confidence limits of 'avg_writta_progress_score' and 'avg_mat_progress_score', "
                           + "not of the value read ('avg_read_progress_score'): not read; a source reading each of those figures reads its limits with it "
                           + "(`columns: {value: avg_writta_progress_score, lower: avg_writta_progress_score_lower_CI, upper: avg_writta_progress_score_upper_CI}`)."],
                "\(limits)")
        #expect(!source.notes.contains { $0.contains("set `columns: {lower: avg_writta") })
    }
}
