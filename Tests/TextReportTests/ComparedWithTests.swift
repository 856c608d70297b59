import BaselineCore
import BaselineSchema
import Testing
@testable import TextReport

/// "compared with …" in the brief's starting point names the benchmark areas the latest
/// indicators were compared with, and no other.
struct ComparedWithTests {
    let england = Area(code: "E92000001", name: "England", role: "england")
    let region = Area(code: "E12000004", name: "East Midlands", role: "region")
    let ashfield = Area(code: "E07000170", name: "Ashfield", role: "neighbour")
    let bassetlaw = Area(code: "E07000171", name: "Bassetlaw", role: "neighbour")
    let county = Area(code: "E10000024", name: "Nottinghamshire", role: "county")

    func latest(_ comparisons: [String: String]) -> [IndicatorResult] {
        [IndicatorResult(id: "x", name: "X", area: "E07000174", period: "2024", value: 1, missing: nil, unit: nil, polarity: "low_is_good",
                         ci95: nil, comparisons: comparisons, provenance: Provenance(source: "s", file: "f"))]
    }

    @Test func onlyTheAreasComparedAreNamed() {
        let all = [england, region, ashfield, bassetlaw]
        #expect(ReportModel.comparedWith(all, latest([england.code: "worse", region.code: "similar", ashfield.code: "similar",
                                                                bassetlaw.code: "better"])) == "England, the region and our neighbours")
        #expect(ReportModel.comparedWith(all, latest([england.code: "worse", region.code: "not_compared", ashfield.code: "not_compared", bassetlaw.code: "similar"]))
                == "England and our neighbour")
        #expect(ReportModel.comparedWith([england, region], latest([england.code: "worse", region.code: "similar"])) == "England and the region")
        #expect(ReportModel.comparedWith([england, county], latest([england.code: "worse", county.code: "similar"])) == "England and Nottinghamshire")
        #expect(ReportModel.comparedWith(all, latest([england.code: "not_compared"])) == "our benchmark areas")
    }
}
