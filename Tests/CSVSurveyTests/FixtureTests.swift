import BaselineCore
import BaselineCSV
import BaselinePipeline
import BaselineSchema
import CSVSurvey
import Foundation
import SurveyAggregate
import Testing

/// Every folder under `Fixtures/`: `pipeline.yaml` run through the real runner on `input.csv`,
/// compared with `expected.json` — figures computed by `Fixtures/make_fixtures.py` from the
/// rows as written, not by this code.
@Suite struct FixtureTests {
    static let registry = PluginRegistry(sources: [CSVSurveyAdapter.self], stages: [SurveyAggregateStage.self])

    static var cases: [String] {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/expected.json").path) }.sorted()
    }

    @Test func everyLayoutAndEncodingHasAFixture() {
        #expect(Set(Self.cases).isSuperset(of: ["generic-utf8", "surveymonkey", "qualtrics", "msforms-utf16", "windows-1252", "weighted"]))
    }

    @Test(arguments: cases)
    func fixture(_ name: String) throws {
        let folder = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("CSVSurveyTests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let pipeline = try Pipeline(file: folder.appendingPathComponent("pipeline.yaml").path, registry: Self.registry)
        let result = try PipelineRunner(pipeline: pipeline, options: .init(outputRoot: output.path)).run()
        let document = result.document

        // Counts reconcile, row for row.
        let counts = try #require(document.manifest.sources.first)
        #expect(counts.read == expected.counts.read, "\(name): read")
        #expect(counts.passedOn == expected.counts.passedOn, "\(name): passed on")
        #expect(counts.quarantined == expected.counts.quarantined, "\(name): quarantined")
        #expect(counts.skipped == expected.counts.skipped, "\(name): skipped")
        #expect(counts.reconciles)

        // Each reject at its line and column, with its reason.
        let rejects = try quarantined(URL(fileURLWithPath: result.folder).appendingPathComponent("rejects/survey.csv"))
        #expect(rejects.count == expected.rejects.count, "\(name): rejects")
        for (got, want) in zip(rejects, expected.rejects) {
            #expect(got.line == want.line && got.column == want.column, "\(name): reject at \(got.line):\(got.column ?? 0), expected \(want.line):\(want.column ?? 0)")
            #expect(got.reason.hasPrefix(want.reason), "\(name): '\(got.reason)' should start '\(want.reason)'")
        }
        for note in expected.notes {
            #expect(document.dataQuality.notes.contains { $0.contains(note) }, "\(name): a note saying '\(note)'")
        }
        #expect(document.dataQuality.suppressedCells == expected.suppressedCells, "\(name): suppressed cells")

        // The figures.
        #expect(document.survey.map(\.id) == expected.questions.map(\.id), "\(name): questions")
        for (got, want) in zip(document.survey, expected.questions) {
            #expect(got.multiSelect == want.multiSelect, "\(name) \(want.id): multi_select")
            if let reverse = want.reverse { #expect(got.reverse == reverse, "\(name) \(want.id): reverse") }
            expectSame(got.overall, want.overall, "\(name) \(want.id) overall")
            #expect(Set(got.groups.keys) == Set(want.groups.keys), "\(name) \(want.id): groupings")
            for (grouping, rows) in want.groups {
                let actual = got.groups[grouping] ?? []
                #expect(actual.map(\.group) == rows.map(\.group), "\(name) \(want.id) \(grouping): groups")
                for (a, e) in zip(actual, rows) { expectSame(a.figures, e.figures, "\(name) \(want.id) \(grouping)=\(e.group)") }
            }
        }
    }

    /// The rows of a quarantine file.
    func quarantined(_ url: URL) throws -> [(line: Int, column: Int?, reason: String)] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let reader = try CSVReader(path: url.path, displayPath: "rejects.csv", delimiter: UInt8(ascii: ","), maxFieldBytes: 1 << 20)
        var rows = [(line: Int, column: Int?, reason: String)]()
        var header = true
        while try reader.readPiece({ row in
            if header { header = false; return }
            rows.append((Int(row.string(1)) ?? 0, Int(row.string(2)), row.string(3)))
        }) {}
        return rows
    }
}

/// `expected.json`.
struct Expected: Decodable {
    struct Counts: Decodable {
        var read: Int
        var passedOn: Int
        var quarantined: Int
        /// Rows left out by a rule the user chose (partial responses, previews).
        var skipped: Int
        enum CodingKeys: String, CodingKey {
            case read, quarantined, skipped
            case passedOn = "passed_on"
        }
    }

    struct Rejected: Decodable {
        var line: Int
        var column: Int?
        var reason: String
    }

    struct Question: Decodable {
        var id: String
        var reverse: Bool?
        var multiSelect: Bool?
        var overall: SurveyFigures
        var groups: [String: [GroupFigures]]
        enum CodingKeys: String, CodingKey {
            case id, reverse, overall, groups
            case multiSelect = "multi_select"
        }
    }

    var counts: Counts
    var rejects: [Rejected]
    var suppressedCells: Int
    var notes: [String]
    var questions: [Question]

    enum CodingKeys: String, CodingKey {
        case counts, rejects, notes, questions
        case suppressedCells = "suppressed_cells"
    }
}

/// Compares figures; numbers agree to within a millionth (both sides round the same way).
func expectSame(_ got: SurveyFigures, _ want: SurveyFigures, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) < 1e-6
        default: false
        }
    }
    func closeInterval(_ a: Interval?, _ b: Interval?) -> Bool {
        close(a?.lower, b?.lower) && close(a?.upper, b?.upper)
    }
    #expect(got.responses == want.responses, "\(what): responses", sourceLocation: sourceLocation)
    #expect(got.blank == want.blank, "\(what): blank", sourceLocation: sourceLocation)
    #expect(got.distribution == want.distribution, "\(what): distribution", sourceLocation: sourceLocation)
    #expect(got.excluded == want.excluded, "\(what): excluded", sourceLocation: sourceLocation)
    #expect(got.suppressed == want.suppressed, "\(what): suppressed", sourceLocation: sourceLocation)
    #expect(close(got.percentPositive, want.percentPositive), "\(what): % positive \(String(describing: got.percentPositive)) vs \(String(describing: want.percentPositive))", sourceLocation: sourceLocation)
    #expect(close(got.meanScore, want.meanScore), "\(what): mean \(String(describing: got.meanScore)) vs \(String(describing: want.meanScore))", sourceLocation: sourceLocation)
    #expect(closeInterval(got.ci95, want.ci95), "\(what): ci95 \(String(describing: got.ci95)) vs \(String(describing: want.ci95))", sourceLocation: sourceLocation)
    #expect(close(got.effectiveSampleSize, want.effectiveSampleSize), "\(what): effective n", sourceLocation: sourceLocation)
    #expect(Set((got.options ?? [:]).keys) == Set((want.options ?? [:]).keys), "\(what): options", sourceLocation: sourceLocation)
    for (label, share) in want.options ?? [:] {
        let actual = got.options?[label]
        #expect(actual?.count == share.count, "\(what) \(label): count", sourceLocation: sourceLocation)
        #expect(close(actual?.percent, share.percent), "\(what) \(label): percent", sourceLocation: sourceLocation)
        #expect(closeInterval(actual?.ci95, share.ci95), "\(what) \(label): ci95", sourceLocation: sourceLocation)
    }
}
