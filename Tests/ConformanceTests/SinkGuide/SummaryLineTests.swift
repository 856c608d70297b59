import BaselineCore
import BaselineSchema
import BaselineTestKit
import Foundation
import Testing

@Suite struct SummaryLineTests {
    /// A fresh folder to write into.
    static func scratchFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("summary-line-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("One line counting what the baseline holds, in the file `file:` names")
    func writesOneLine() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        for (id, area) in [("smokers", "E07999001"), ("smokers", "E92000001"), ("pay", "E07999001")] {
            document.indicators.append(IndicatorResult(id: id, name: id, area: area, period: "2024", value: 1, missing: nil, unit: "%",
                                                       polarity: "no_judgement", ci95: nil, comparisons: [:],
                                                       provenance: Provenance(source: "s", file: "s.csv")))
        }
        let folder = try Self.scratchFolder()
        let configuration = try decodeConfiguration(SummaryLineSink.self, entry: "sink: summary-line\nfile: brief/line.txt", base: folder)
        #expect(SummaryLineSink.plannedNames(configuration: configuration) == ["brief/line.txt"])
        try SummaryLineSink(configuration: configuration).write(document, into: OutputFolder(path: folder))
        // Two indicators (one of them for two areas), no survey, no themes: worked out by hand.
        #expect(try String(contentsOfFile: folder + "/brief/line.txt", encoding: .utf8)
                == "Millbrook 2025: 2 indicators, 0 survey questions, 0 themes\n")
    }

    @Test("Without `file:` it writes summary.txt; a name leaving the output folder is an error at its value")
    func fileOption() throws {
        let folder = try Self.scratchFolder()
        #expect(try decodeConfiguration(SummaryLineSink.self, entry: "sink: summary-line", base: folder).name == "summary.txt")
        let error = #expect(throws: BaselineError.self) {
            try decodeConfiguration(SummaryLineSink.self, entry: "sink: summary-line\nfile: ../summary.txt", base: folder)
        }
        #expect(error?.line == 2 && error?.column == 7)
    }
}
