import BaselineCore
import BaselineSchema
import Testing
@testable import TextReport

/// The summary's evidence line under a candidate priority: how many benchmark areas the place
/// is worse than, out of those it was compared with.
struct EvidenceLineTests {
    let place = "E07000174", england = "E92000001", region = "E12000004", ashfield = "E07000170", bassetlaw = "E07000171"

    /// Mansfield's cigarette smokers, 2020 - 24 (ONS): worse than England, Ashfield and
    /// Bassetlaw; the East Midlands publishes no figure, so it was not compared. Three of the four
    /// benchmark areas were compared, and the place is worse than all three.
    func document(comparisons: [String: String], than: [String]) -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "Mansfield", code: place), period: "2025")
        document.benchmarks = [Area(code: england, name: "England", role: "england"), Area(code: region, name: "East Midlands", role: "region"),
                               Area(code: ashfield, name: "Ashfield", role: "neighbour"), Area(code: bassetlaw, name: "Bassetlaw", role: "neighbour")]
        func result(_ area: String, _ value: Double, _ comparisons: [String: String] = [:]) -> IndicatorResult {
            IndicatorResult(id: "smokers", name: "Cigarette smokers", area: area, period: "2020 - 24", value: value, missing: nil, unit: "%",
                            polarity: "low_is_good", ci95: nil, comparisons: comparisons, provenance: Provenance(source: "s", file: "f.csv"))
        }
        document.indicators = [result(place, 18.0, comparisons), result(england, 11.5), result(ashfield, 10.8), result(bassetlaw, 10.1)]
        document.candidatePriorities = [
            CandidatePriority(id: "smoking", name: "Smoking", reason: "", indicators: ["smokers"], questions: [], themes: [],
                              evidence: PriorityEvidence(worse: [.init(indicator: "smokers", name: "Cigarette smokers", than: than, value: 18.0,
                                                                       unit: "%", period: "2020 - 24", trend: nil)])),
        ]
        return document
    }

    @Test func theBenchmarksCountedAreTheOnesCompared() throws {
        let all = document(comparisons: [england: "worse", region: "not_compared", ashfield: "worse", bassetlaw: "worse"],
                           than: [ashfield, bassetlaw, england].sorted())
        let line = ReportModel.evidenceLine(try #require(all.candidatePriorities.first), document: all, names: all.areaNames)
        #expect(line == "18.0% here, 11.5% in England; worse than all 3 benchmark areas compared", "\(line)")
        let two = document(comparisons: [england: "worse", region: "not_compared", ashfield: "worse", bassetlaw: "similar"],
                           than: [ashfield, england].sorted())
        let twoLine = ReportModel.evidenceLine(try #require(two.candidatePriorities.first), document: two, names: two.areaNames)
        #expect(twoLine == "18.0% here, 11.5% in England; worse than 2 of 3 benchmark areas compared", "\(twoLine)")
        // Every benchmark compared: the count is of all of them, as before.
        let four = document(comparisons: [england: "worse", region: "similar", ashfield: "worse", bassetlaw: "similar"],
                            than: [ashfield, england].sorted())
        #expect(ReportModel.evidenceLine(try #require(four.candidatePriorities.first), document: four, names: four.areaNames)
                == "18.0% here, 11.5% in England; worse than 2 of the 4 benchmark areas")
    }
}
