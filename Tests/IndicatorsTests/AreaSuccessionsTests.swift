import BaselineCore
import BaselineIndicators
import BaselineSchema
import BaselineTestKit
import Foundation
import Testing
@testable import Indicators

/// Figures published under an area's previous code (ONS still files Barnsley under E08000016,
/// replaced by E08000038): used for the area under its current code where the code changed 1:1,
/// never for an area made by a merger, and said so.
@Suite struct AreaSuccessionsTests {
    static func observation(_ area: String, _ period: String, _ value: Double, line: Int, indicator: String = "school_readiness") -> Record {
        .observation(Observation(area: area, period: period, indicator: indicator, value: .number(value),
                                 attributes: area == "E08000016" ? ["value_note": "Obsolete code since 2025 (replaced by E08000038 Barnsley)"] : [:],
                                 provenance: Provenance(source: "ons", file: "ons.csv", line: line)))
    }

    static let barnsley = BaselineDocument(place: Place(name: "Barnsley", code: "E08000038"), period: "2025")

    /// The place's results as `period value area line`.
    static func shown(_ document: BaselineDocument, area: String = "E08000038") -> [String] {
        document.indicators.filter { $0.area == area }.map { "\($0.id) \($0.period) \($0.value.map { String($0) } ?? "-") line \($0.provenance.line ?? 0)" }
    }

    @Test("Barnsley's figures under its old code E08000016 are E08000038's, with a note and the change recorded")
    func builtInSuccession() throws {
        var document = Self.barnsley
        let stage = IndicatorsStage(configuration: try IndicatorsStageTests.configuration(""), placeCode: "E08000038", benchmarks: ["E92000001"])
        _ = try runStage(stage, records: [
            Self.observation("E08000016", "2023", 64.1, line: 2),
            Self.observation("E08000016", "2024", 65.3, line: 3),
            Self.observation("E08000018", "2024", 70.0, line: 4),
            Self.observation("E92000001", "2024", 68.0, line: 5),
        ], into: &document)
        #expect(Self.shown(document) == ["school_readiness 2023 64.1 line 2", "school_readiness 2024 65.3 line 3"])
        #expect(!document.indicators.contains { $0.area == "E08000016" || $0.area == "E08000018" })
        #expect(document.dataQuality.notes == [
            "Barnsley's figures for 1 indicator (School readiness) are published under its previous code E08000016, replaced by E08000038 in 2025 "
                + "after a boundary change (the stage's built-in table of 1:1 code changes; `built_in_code_changes: false` leaves them out): 2 values are used for E08000038.",
        ])
        #expect(document.codeChanges == ["E08000016": "E08000038"])
    }

    @Test("A period under both codes is the current code's, counted once, and the note says so")
    func bothCodesPreferTheCurrentOne() throws {
        var document = Self.barnsley
        let stage = IndicatorsStage(configuration: try IndicatorsStageTests.configuration(""), placeCode: "E08000038")
        _ = try runStage(stage, records: [
            Self.observation("E08000038", "2024", 66.0, line: 2),
            Self.observation("E08000016", "2024", 65.3, line: 3),
            Self.observation("E08000016", "2023", 64.1, line: 4),
        ], batchSize: 1, into: &document)
        #expect(Self.shown(document) == ["school_readiness 2023 64.1 line 4", "school_readiness 2024 66.0 line 2"])
        #expect(document.dataQuality.notes.last?.hasSuffix(
            "1 value is used for E08000038. For 1 period the files have figures under both codes: E08000038's own are used.") == true, "\(document.dataQuality.notes)")
    }

    @Test("A mean over areas counts an area under its old and its new code once (a review found Barnsley twice in the mean)")
    func meansCountAnAreaOnce() throws {
        var document = Self.barnsley
        let stage = IndicatorsStage(configuration: try IndicatorsStageTests.configuration("aggregate: mean_by_indicator_period\n"), placeCode: "E08000038")
        _ = try runStage(stage, records: [
            Self.observation("E08000038", "2024", 66.0, line: 2),
            Self.observation("E08000016", "2024", 66.0, line: 3),
            Self.observation("E08000018", "2024", 70.0, line: 4),
        ], into: &document)
        let mean = try #require(document.indicators.first { $0.area == "*" && $0.period == "2024" })
        #expect(mean.value == 68.0 && mean.provenance.path == "mean of 2 area values", "\(mean)")
    }

    @Test("built_in_code_changes: false leaves the old code's figures out; the note on a missing place stays")
    func switchedOff() throws {
        var document = Self.barnsley
        let stage = IndicatorsStage(configuration: try IndicatorsStageTests.configuration("built_in_code_changes: false\n"), placeCode: "E08000038",
                                    benchmarks: ["E92000001"])
        _ = try runStage(stage, records: [
            Self.observation("E08000016", "2024", 65.3, line: 3), Self.observation("E92000001", "2024", 68.0, line: 5),
            Self.observation("E08000038", "2024", 16.0, line: 6, indicator: "homelessness_duty_rate"),
        ], into: &document)
        #expect(Self.shown(document) == ["homelessness_duty_rate 2024 16.0 line 6"])
        #expect(document.codeChanges == nil)
        #expect(document.dataQuality.notes.count == 1 && document.dataQuality.notes[0].hasPrefix("1 indicator has figures for other areas but none for the place (E08000038)"))
    }

    @Test("A merger is not a succession: North Yorkshire's figures are not Craven's")
    func mergersAreNotMapped() throws {
        var document = BaselineDocument(place: Place(name: "North Yorkshire", code: "E06000065"), period: "2025")
        let stage = IndicatorsStage(configuration: try IndicatorsStageTests.configuration(""), placeCode: "E06000065", benchmarks: ["E92000001"])
        _ = try runStage(stage, records: [Self.observation("E07000163", "2022", 60.0, line: 2), Self.observation("E92000001", "2022", 68.0, line: 3)],
                         into: &document)
        #expect(Self.shown(document, area: "E06000065").isEmpty)
        #expect(AreaCodeChanges.builtIn["E07000163"] == nil && AreaCodeChanges.builtIn["E10000023"] == nil)
    }

    @Test("The pipeline's own code_changes table adds to the built-in one; a benchmark's old code is read too")
    func ownTableAndBenchmarks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("successions-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "old,new\nE07999009,E07999001\n".write(toFile: folder + "/changes.csv", atomically: true, encoding: .utf8)
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let stage = IndicatorsStage(configuration: try IndicatorsStageTests.configuration("code_changes: \(folder)/changes.csv\n"), placeCode: "E07999001",
                                    benchmarks: ["E08000039"])
        _ = try runStage(stage, records: [Self.observation("E07999009", "2024", 50.0, line: 2), Self.observation("E08000019", "2024", 55.0, line: 3)],
                         into: &document)
        #expect(Self.shown(document, area: "E07999001") == ["school_readiness 2024 50.0 line 2"])
        #expect(Self.shown(document, area: "E08000039") == ["school_readiness 2024 55.0 line 3"])
        #expect(document.dataQuality.notes == [
            "Millbrook's figures for 1 indicator (School readiness) are published under its previous code E07999009, replaced by E07999001 "
                + "(the stage's `code_changes` table \(folder)/changes.csv): 1 value is used for E07999001.",
            "Sheffield's figures for 1 indicator (School readiness) are published under its previous code E08000019, replaced by E08000039 in 2025 "
                + "after a boundary change (the stage's built-in table of 1:1 code changes; `built_in_code_changes: false` leaves them out): 1 value is used for E08000039.",
        ])
    }

    @Test("A code_changes row that is not two GSS codes is an error at its line")
    func badTable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("successions-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "old,new\nBarnsley,E08000038\n".write(toFile: folder + "/changes.csv", atomically: true, encoding: .utf8)
        #expect(throws: BaselineError.self) { try AreaSuccessions(builtIn: true, file: InputFile(path: "changes.csv", relativeTo: folder)) }
        // A merger (three districts into Cumberland) is refused at its second row: the figures
        // of Allerdale, the lowest code, were given as Cumberland's (a review).
        try "old,new\nE07000026,E06000063\nE07000028,E06000063\nE07000029,E06000063\n".write(toFile: folder + "/merger.csv", atomically: true, encoding: .utf8)
        do {
            _ = try AreaSuccessions(builtIn: true, file: InputFile(path: "merger.csv", relativeTo: folder))
            Issue.record("a merger was taken as a succession")
        } catch let error as BaselineError {
            #expect(error.line == 3 && error.message.hasPrefix("E07000028 and E07000026 (line 2) both become E06000063: a merger"), "\(error)")
        }
    }

    @Test("The built-in table: one new code per old code, none of them an old code again")
    func builtInTable() {
        let table = AreaCodeChanges.successions
        #expect(Set(table.map(\.old)).count == table.count && Set(table.map(\.new)).count == table.count)
        #expect(Set(table.map(\.old)).isDisjoint(with: table.map(\.new)))
        #expect(AreaCodeChanges.builtIn["E08000016"] == "E08000038" && AreaCodeChanges.builtIn["E08000019"] == "E08000039")
    }
}
