import BaselineCore
@testable import BaselineOutcomes
import BaselineSchema
import Foundation
import Testing

/// A run asks the outcomes reader to read the earlier baselines while its sources are read
/// (`OutcomesProgressStep.readAhead`): the progress section then takes what was read — the
/// same baselines, or the same error, as reading them at the end.
@Suite struct ReadAheadTests {
    /// A place folder (new, or `existing`) holding a baseline for each of `periods`, a broken one
    /// for `broken`, and a staging folder.
    private func placeFolder(_ periods: [String], broken: String? = nil, into existing: String? = nil) throws -> String {
        let folder = existing ?? FileManager.default.temporaryDirectory.appendingPathComponent("read-ahead-\(UUID().uuidString)").path
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for period in periods + [broken].compactMap({ $0 }) {
            try FileManager.default.createDirectory(atPath: folder + "/" + period, withIntermediateDirectories: true)
            let text = period == broken ? "{\"schema_version\": \"1.3\", \"place\": " : String(decoding: try encoder.encode(
                BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: period)), as: UTF8.self)
            try text.write(toFile: folder + "/" + period + "/baseline.json", atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: folder + "/.2025.partial-1", withIntermediateDirectories: true)
        return folder
    }

    @Test("the baselines read ahead are those the folder held before the period, in order, and progress takes them")
    func readAheadIsTaken() throws {
        let folder = try placeFolder(["2022", "2023", "2025", "2026"])
        let reading = OutcomesProgressStep().readAhead(for: "2025", placeFolder: folder)
        #expect(reading != nil)
        // Taken from what was read ahead: a baseline written since is not in it.
        _ = try placeFolder(["2024"], into: folder)
        #expect(try OutcomesProgressStep.earlier(before: "2025", in: folder).map(\.document.period) == ["2022", "2023"])
        // Taken once: asked again, the folder is read as it is now.
        #expect(try OutcomesProgressStep.earlier(before: "2025", in: folder).map(\.document.period) == ["2022", "2023", "2024"])
        withExtendedLifetime(reading) {}
    }

    @Test("a reading let go is not used; a folder with nothing earlier starts none")
    func releasedOrNothing() throws {
        let folder = try placeFolder(["2023"])
        var reading = OutcomesProgressStep().readAhead(for: "2025", placeFolder: folder)
        #expect(reading != nil)
        reading = nil
        _ = try placeFolder(["2024"], into: folder)
        #expect(try OutcomesProgressStep.earlier(before: "2025", in: folder).map(\.document.period) == ["2023", "2024"])
        #expect(OutcomesProgressStep().readAhead(for: "2023", placeFolder: folder) == nil)
        #expect(OutcomesProgressStep().readAhead(for: "2025", placeFolder: folder + "/none") == nil)
    }

    @Test("a broken earlier baseline read ahead is the same error as read at the end")
    func brokenIsTheSameError() throws {
        let folder = try placeFolder(["2023"], broken: "2024")
        let atTheEnd = try #require(throws: BaselineError.self) { try OutcomesProgressStep.earlier(before: "2025", in: folder) }
        let reading = OutcomesProgressStep().readAhead(for: "2025", placeFolder: folder)
        let ahead = try #require(throws: BaselineError.self) { try OutcomesProgressStep.earlier(before: "2025", in: folder) }
        #expect(ahead == atTheEnd)
        #expect(ahead.file == folder + "/2024/baseline.json")
        withExtendedLifetime(reading) {}
    }
}
