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
