import BaselineCore
import BaselineSchema
import BaselineDiff
import Foundation
import Testing
@testable import BaselineIndex

/// The cross-place index built from baselines written to a temporary output folder, against
/// ranks and links worked out by hand.
@Suite struct IndexBuilderTests {
    /// A temporary output folder, removed by the caller.
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `<output>/<folder>/<period>/baseline.json` for a place with the given values of
    /// `homeless` (low is good) and `ready` (high is good), compared with England.
    static func write(_ output: String, folder: String, code: String, name: String, period: String,
                      homeless: Double?, ready: Double?, verdict: String = "worse", dashboard: Bool = true) throws {
        var document = BaselineDocument(place: Place(name: name, code: code), period: period)
        document.benchmarks = [Area(code: "E92000001", name: "England", role: "england")]
        let provenance = Provenance(source: "s", file: "f.csv", line: 2)
        document.indicators = [
            IndicatorResult(id: "homeless", name: "Homelessness", area: code, period: period, value: homeless,
                            missing: homeless == nil ? .suppressed : nil, unit: "per 1,000", polarity: "low_is_good", ci95: nil,
                            comparisons: ["E92000001": verdict], provenance: provenance),
            IndicatorResult(id: "ready", name: "School readiness", area: code, period: period, value: ready, missing: nil,
                            unit: "%", polarity: "high_is_good", ci95: nil, comparisons: [:], provenance: provenance),
            IndicatorResult(id: "ready", name: "School readiness", area: "E92000001", period: period, value: 99, missing: nil,
                            unit: "%", polarity: "high_is_good", ci95: nil, comparisons: [:], provenance: provenance),
        ]
        let place = output + "/" + folder + "/" + period
        try FileManager.default.createDirectory(atPath: place, withIntermediateDirectories: true)
        try JSONEncoder().encode(document).write(to: URL(fileURLWithPath: place + "/baseline.json"))
        if dashboard { try "<html></html>".write(toFile: place + "/dashboard.html", atomically: true, encoding: .utf8) }
    }

    @Test("Latest period per place; ranks by polarity with ties sharing the best rank; links only to dashboards there")
    func ranks() throws {
        let output = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.write(output, folder: "alpha", code: "E07000001", name: "Alpha", period: "2024", homeless: 50, ready: 1)
        try Self.write(output, folder: "alpha", code: "E07000001", name: "Alpha", period: "2025", homeless: 10, ready: 5)
        try Self.write(output, folder: "beta", code: "E07000002", name: "Beta", period: "2025", homeless: 12, ready: 7, verdict: "not_compared",
                       dashboard: false)
        try Self.write(output, folder: "gamma", code: "E07000003", name: "Gamma", period: "2025", homeless: 10, ready: 6, verdict: "better")
        try Self.write(output, folder: "delta", code: "E07000004", name: "Delta", period: "2024", homeless: nil, ready: 2)
        try FileManager.default.createDirectory(atPath: output + "/.hidden/2025", withIntermediateDirectories: true)

        let index = try IndexBuilder.build(folder: output)
        #expect(index.places.map { "\($0.folder) \($0.period)" } == ["alpha 2025", "beta 2025", "delta 2024", "gamma 2025"])
        #expect(index.indicators.map(\.id) == ["homeless", "ready"])
        func cell(_ folder: String, _ id: String) -> PlaceIndex.Cell? { index.places.first { $0.folder == folder }?.indicators[id] }
        // homeless 2025, low is good: alpha 10, gamma 10 (tied first), beta 12 third; delta missing.
        #expect(cell("alpha", "homeless")?.rank == 1 && cell("gamma", "homeless")?.rank == 1 && cell("beta", "homeless")?.rank == 3)
        #expect(cell("alpha", "homeless")?.ranked == 3 && cell("delta", "homeless")?.rank == nil)
        #expect(cell("delta", "homeless")?.missing == .suppressed)
        // ready 2025, high is good: beta 7, gamma 6, alpha 5; delta's 2024 value alone in 2024.
        #expect([cell("beta", "ready")?.rank, cell("gamma", "ready")?.rank, cell("alpha", "ready")?.rank] == [1, 2, 3])
        #expect(cell("delta", "ready")?.rank == 1 && cell("delta", "ready")?.ranked == 1)
        #expect(index.places[0].dashboard == "alpha/2025/dashboard.html" && index.places[1].dashboard == nil)
        #expect(index.places[0].baseline == "alpha/2025/baseline.json")

        let period2024 = try IndexBuilder.build(folder: output, period: "2024")
        #expect(period2024.places.map(\.folder) == ["alpha", "delta"] && period2024.period == "2024")
        #expect(period2024.places[0].indicators["homeless"]?.value == 50)

        try IndexBuilder.write(period2024, to: output, period: "2024")
        #expect(FileManager.default.fileExists(atPath: output + "/index-2024.json") && FileManager.default.fileExists(atPath: output + "/index-2024.html"))
        #expect(IndexDiff.isIndex(output + "/index-2024.json") && !FileManager.default.fileExists(atPath: output + "/index.json"))
        #expect(IndexBuilder.fileName(period: "2024-25") == "index-2024-25" && IndexBuilder.fileName(period: "../x") == "index-..-x")
        #expect(IndexBuilder.fileName(period: "..") == "index--" && IndexBuilder.fileName(period: "2024/25 Q1") == "index-2024-25-Q1")
        try IndexBuilder.write(index, to: output)
        let json = try String(contentsOfFile: output + "/index.json", encoding: .utf8)
        #expect(json.contains("\"index_version\" : \"1.0\""))
        #expect(try IndexBuilder.json(IndexBuilder.build(folder: output)) == json)
        let html = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        #expect(html.contains("<a href=\"./alpha/2025/dashboard.html\">Alpha"))
        #expect(html.contains("<td class=\"better\">10.0<span class=\"verdict\">better than England</span><span class=\"rank\">1 of 3, 2025</span></td>"))
        // Comparisons in words, not the baseline's codes (the try-out's index said "not_compared vs England").
        #expect(html.contains("<td>12.0<span class=\"verdict\">not compared with England</span>") && !html.contains("not_compared"), "\(html)")
        // The table scrolls in a box of its own, the places' column kept in view.
        #expect(html.contains("<div class=\"scroll\">\n<table>") && html.contains("th.place { position: sticky"))
    }

    @Test("An indicator a place's baseline lacks is a dash, said in words to a screen reader, not an empty cell")
    func aMissingIndicatorIsADash() throws {
        let output = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.write(output, folder: "alpha", code: "E07000001", name: "Alpha", period: "2025", homeless: 10, ready: 5)
        var document = BaselineDocument(place: Place(name: "Zeta", code: "E07000009"), period: "2025")
        document.indicators = [IndicatorResult(id: "homeless", name: "Homelessness", area: "E07000009", period: "2025", value: 11,
                                               missing: nil, unit: "per 1,000", polarity: "low_is_good", ci95: nil, comparisons: [:],
                                               provenance: Provenance(source: "s", file: "f.csv", line: 2))]
        try FileManager.default.createDirectory(atPath: output + "/zeta/2025", withIntermediateDirectories: true)
        try JSONEncoder().encode(document).write(to: URL(fileURLWithPath: output + "/zeta/2025/baseline.json"))
        let html = IndexPage.render(try IndexBuilder.build(folder: output))
        #expect(!html.contains("<td></td>"))
        #expect(html.components(separatedBy: "<td class=\"none\"><span aria-hidden=\"true\">—</span><span class=\"sr\">not in this place's baseline</span></td>").count == 2)
    }

    @Test("A place code in two folders (the place renamed) is indexed once, from its latest period, and said; ranks count it once")
    func aPlaceInTwoFoldersIsIndexedOnce() throws {
        let output = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.write(output, folder: "coventry", code: "E08000026", name: "Coventry", period: "2025", homeless: 30, ready: 5)
        try Self.write(output, folder: "coventry-city", code: "E08000026", name: "Coventry City", period: "2026", homeless: 20, ready: 5)
        try Self.write(output, folder: "bromley", code: "E09000006", name: "Bromley", period: "2026", homeless: 25, ready: 5)
        let index = try IndexBuilder.build(folder: output)
        #expect(index.places.map(\.folder) == ["bromley", "coventry-city"])
        #expect(index.places.first { $0.folder == "coventry-city" }?.indicators["homeless"]?.ranked == 2)
        #expect(index.warnings == ["E08000026 is in 2 folders, coventry/ (2025) and coventry-city/ (2026): the index shows coventry-city/ only — "
                                   + "move the others' periods into it, or set the place's `slug:` so that its name keeps one folder"])
        #expect(try IndexBuilder.json(index).contains("warnings") == false)
    }

    /// A place's two years in folders whose names differ only in their Unicode form (made before
    /// slugs were composed) looked like one folder named twice in the warning.
    @Test("A place in two folders that differ only in Unicode form is said so")
    func aPlaceInTwoLookAlikeFolders() throws {
        let output = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.write(output, folder: "ynys-mo\u{302}n", code: "W06000001", name: "Ynys Mo\u{302}n", period: "2025", homeless: 30, ready: 5)
        try Self.write(output, folder: "ynys-m\u{F4}n", code: "W06000001", name: "Ynys M\u{F4}n", period: "2026", homeless: 20, ready: 5)
        let index = try IndexBuilder.build(folder: output)
        #expect(index.places.map { $0.period } == ["2026"])
        let warning = try #require(index.warnings.first)
        #expect(warning.hasPrefix("W06000001 is in 2 folders whose names look alike but differ in their Unicode form"), "\(warning)")
        #expect(warning.contains("the index shows the 2026 one only"), "\(warning)")
    }

    @Test("Names and folders from the data cannot inject HTML or make a link of another scheme")
    func escaping() throws {
        let output = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.write(output, folder: "javascript:alert(1)", code: "E07000001\"><script>", name: "<script>alert('x')</script>",
                       period: "2025", homeless: 1, ready: 2)
        let index = try IndexBuilder.build(folder: output)
        let html = IndexPage.render(index)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("href=\"./javascript%3Aalert%281%29/2025/dashboard.html\""))
        #expect(html.contains("E07000001&quot;&gt;&lt;script&gt;"))
    }

    @Test("A corrupt baseline.json is named with its line and column; an empty folder says what to do")
    func errors() throws {
        let output = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(throws: BaselineError.self) { try IndexBuilder.build(folder: output) }
        try FileManager.default.createDirectory(atPath: output + "/alpha/2025", withIntermediateDirectories: true)
        try "{\"schema_version\": \"1.7\",\n  \"place\": ".write(toFile: output + "/alpha/2025/baseline.json", atomically: true, encoding: .utf8)
        do {
            _ = try IndexBuilder.build(folder: output)
            Issue.record("no error")
        } catch let error as BaselineError {
            #expect(error.file == output + "/alpha/2025/baseline.json" && error.line == 2, "\(error)")
        }
    }

    @Test("diff over two indexes: every place's changes, places in one index only listed; paths out of the folder refused")
    func diffOverIndexes() throws {
        let earlier = try Self.folder(), later = try Self.folder()
        defer {
            try? FileManager.default.removeItem(atPath: earlier)
            try? FileManager.default.removeItem(atPath: later)
        }
        try Self.write(earlier, folder: "alpha", code: "E07000001", name: "Alpha", period: "2024", homeless: 10, ready: 5)
        try Self.write(earlier, folder: "beta", code: "E07000002", name: "Beta", period: "2024", homeless: 12, ready: 7)
        try Self.write(later, folder: "alpha", code: "E07000001", name: "Alpha", period: "2025", homeless: 20, ready: 5)
        try Self.write(later, folder: "gamma", code: "E07000003", name: "Gamma", period: "2025", homeless: 1, ready: 1)
        try IndexBuilder.write(try IndexBuilder.build(folder: earlier), to: earlier)
        try IndexBuilder.write(try IndexBuilder.build(folder: later), to: later)
        #expect(IndexDiff.isIndex(earlier) && IndexDiff.isIndex(later + "/index.json") && !IndexDiff.isIndex(later + "/alpha/2025"))

        let diff = try IndexDiff.compare(earlier: earlier, later: later + "/index.json", engine: DiffEngine())
        #expect(diff.places.map(\.folder) == ["alpha"])
        #expect(diff.places[0].diff.indicators.first { $0.id == "homeless" }?.values == [10, 20])
        #expect(diff.onlyEarlier == ["Beta (E07000002)"] && diff.onlyLater == ["Gamma (E07000003)"])
        let text = try diff.render(format: .text)
        #expect(text.contains("== Alpha (E07000001): 2024 → 2025 ==") && text.contains("Only in the earlier index: Beta (E07000002)"))
        let json = try diff.render(format: .json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["places"] as? [Any])?.count == 1 && object?["only_later"] as? [String] == ["Gamma (E07000003)"])

        var index = try IndexBuilder.build(folder: later)
        index.places[0].baseline = "../../etc/baseline.json"
        try IndexBuilder.write(index, to: later)
        #expect(throws: BaselineError.self) { try IndexDiff.compare(earlier: earlier, later: later, engine: DiffEngine()) }
    }
}
