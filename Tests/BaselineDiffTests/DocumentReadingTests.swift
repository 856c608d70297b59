import BaselineCore
import BaselineSchema
import Testing

/// Readings of a baseline that stages and sinks share (`BaselineDocument+Reading`).
@Suite struct DocumentReadingTests {
    private func result(_ id: String, _ period: String, _ comparisons: [String: String], area: String = "E07000001") -> IndicatorResult {
        IndicatorResult(id: id, name: id, area: area, period: period, value: 1, missing: nil, unit: nil, polarity: "lower_is_better",
                        ci95: nil, comparisons: comparisons, provenance: Provenance(source: "s", file: "f"))
    }

    /// "Worse here than in …" names the benchmarks the place is worse than now: the dashboard's
    /// workshop questions named every benchmark it had been worse than in any period (Manchester's
    /// pay "worse than Liverpool", similar in the latest year: 84 of 128 questions in a
    /// 36-place programme; new-user try-out).
    @Test func benchmarksWorseAreTheLatestPeriodsOnly() {
        var document = BaselineDocument(place: Place(name: "Town", code: "E07000001"), period: "2025")
        document.benchmarks = [Area(code: "E92000001", name: "England", role: "england"),
                               Area(code: "E07000002", name: "Neighbour", role: "neighbour")]
        document.indicators = [
            result("pay", "2015", ["E92000001": "worse", "E07000002": "worse"]),
            result("pay", "2024", ["E92000001": "worse", "E07000002": "similar"]),
            result("pay", "2024", ["E92000001": "similar", "E07000002": "worse"], area: "E07000002"),
            result("falls", "2023-24", ["E07000002": "similar"]),
            result("falls", "2022-23", ["E07000002": "worse"]),
        ]
        #expect(document.benchmarksWorse(on: ["pay"]) == ["England"])
        #expect(document.benchmarksWorse(on: ["falls"]) == [])
        #expect(document.benchmarksWorse(on: ["pay", "falls"]) == ["England"])
        #expect(document.benchmarksWorse(on: ["other"]) == [])
    }
}
