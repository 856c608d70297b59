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
