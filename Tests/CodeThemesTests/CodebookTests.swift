import BaselineConfig
import BaselineCore
import BaselinePipeline
import BaselineSchema
@testable import CodeThemes
import Foundation
import Testing
import Yams

/// Loading codebooks, and the errors a bad one gives, at its own line and column.
struct CodebookTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The stage's configuration from pipeline YAML, paths relative to the fixtures.
    static func configuration(_ yaml: String, base: String = fixtures) throws -> CodeThemesConfiguration {
        try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: base])
            .decode(CodeThemesConfiguration.self, from: try Yams.compose(yaml: yaml)!)
    }

    @Test("a nested codebook is flattened, broader themes first, with links to indicators and questions")
    func load() throws {
        let codebook = try Self.configuration("codebook: codebooks/good.yaml").codebook
        #expect(codebook.themes.map(\.id) == ["housing", "homelessness", "care-leavers", "trust", "data-sharing", "co-location"])
        let homelessness = codebook.themes[1]
        #expect(homelessness.parent == "housing")
        #expect(homelessness.phrases == ["homeless", "rough sleeping", "sofa surfing"])
        #expect(homelessness.exclusions == ["homeless health team"])
        #expect(homelessness.indicators == ["HOMELESS_RATE"])
        #expect(codebook.themes[3].questions == ["partners_trust"])
        #expect(codebook.themes[0].name == "Housing")
    }

    @Test("a phrases file makes one theme a line, named by it")
    func phrasesFile() throws {
        let codebook = try Self.configuration("phrases_file: codebooks/phrases.txt").codebook
        #expect(codebook.themes.map(\.id) == ["homelessness", "school-readiness", "co-location", "key-worker", "gp"])
        #expect(codebook.themes.map(\.name) == ["homelessness", "school readiness", "co-location", "key worker", "GP"])
        #expect(codebook.themes.allSatisfy { $0.phrases == [$0.name] })
    }

    @Test("a codebook and a phrases file together; an id in both is an error at the phrase's line")
    func merged() throws {
        let extra = try Self.temporaryFile("key worker\nGP\n")
        let both = try Self.configuration("codebook: codebooks/good.yaml\nphrases_file: \(extra)")
        #expect(both.codebook.themes.map(\.id) == ["housing", "homelessness", "care-leavers", "trust", "data-sharing", "co-location",
                                                   "key-worker", "gp"])
        do {
            _ = try Self.configuration("codebook: codebooks/good.yaml\nphrases_file: codebooks/phrases.txt")
            Issue.record("a clash was accepted")
        } catch let error as BaselineError {
            #expect(error.file == "codebooks/phrases.txt")
            #expect(error.line == 2)
            #expect(error.message.contains("which the codebook has"))
        }
    }

    /// Each bad codebook, and where and what its error must be.
    @Test("codebook errors are at the codebook's line and column", arguments: [
        ("unknown-key.yaml", 3, 5, "unknown key 'phrase' in themes[0]"),
        ("duplicate-id.yaml", 5, 9, "theme id 'homelessness' is used twice"),
        ("empty-phrase.yaml", 3, 22, "has no words to match"),
        ("bad-id.yaml", 2, 9, "should be letters, digits"),
        ("not-yaml.yaml", 4, 7, "not valid YAML"),
        ("no-themes.yaml", 1, 1, "missing key 'themes'"),
        ("wrong-type.yaml", 3, 17, "expected a list here"),
        ("latin1.yaml", 3, 12, "not UTF-8 text: byte 0xE9"),
        ("complex-key.yaml", 3, 7, "the codebook has a key that is a list"),
    ])
    func errors(file: String, line: Int, column: Int, words: String) throws {
        do {
            _ = try Self.configuration("codebook: codebooks/\(file)")
            Issue.record("\(file) loaded")
        } catch let error as BaselineError {
            #expect(error.file == "codebooks/\(file)")
            #expect(error.line == line, "\(error)")
            #expect(error.column == column, "\(error)")
            #expect(error.message.contains(words), "\(error)")
            #expect(error.description.hasPrefix("codebooks/\(file):\(line):\(column): error: "))
        }
    }

    @Test("unknown keys suggest the nearest one")
    func suggestion() throws {
        do {
            _ = try Self.configuration("codebook: codebooks/unknown-key.yaml")
        } catch let error as BaselineError {
            #expect(error.hint == "did you mean 'phrases'?")
        }
    }

    @Test("two lines of a phrases file that make one id are an error at the second")
    func duplicatePhrases() throws {
        do {
            _ = try Self.configuration("phrases_file: codebooks/duplicate-phrases.txt")
            Issue.record("loaded")
        } catch let error as BaselineError {
            #expect(error.file == "codebooks/duplicate-phrases.txt")
            #expect(error.line == 5)
            #expect(error.message.contains("already made by line 2"))
        }
    }

    @Test("the stage needs a codebook or a phrases file, and sane numbers")
    func badOptions() throws {
        #expect(throws: BaselineError.self) { try Self.configuration("quotes_per_theme: 3") }
        #expect(throws: BaselineError.self) { try Self.configuration("codebook: codebooks/good.yaml\nmax_quote_length: 10") }
        #expect(throws: BaselineError.self) { try Self.configuration("codebook: codebooks/good.yaml\nquotes_per_theme: -1") }
        #expect(throws: BaselineError.self) { try Self.configuration("codebook: codebooks/good.yaml\nredact: { name: [x] }") }
    }

    /// Issue 16: one list of names to redact. The stage's own `redact:` of earlier versions is an
    /// error at the key that says where the names go.
    @Test func aRedactKeyOnTheStageSaysWhereTheNamesMoved() throws {
        do {
            _ = try Self.configuration("codebook: codebooks/good.yaml\nredact:\n  names_file: ../../../samples/millbrook/names-to-redact.txt")
            Issue.record("redact: was accepted")
        } catch let error as BaselineError {
            #expect(error.line == 3)  // the `redact:` mapping, on the line below its key
            #expect(error.message.contains("takes no `redact:` of its own"))
            #expect(error.description.contains("to `privacy:` at the top level of the pipeline file"))
        }
    }

    @Test("the Millbrook codebook loads and links to the sample pipeline's indicators and questions")
    func millbrook() throws {
        let codebook = try Self.configuration("codebook: ../samples/millbrook/codebook.yaml",
                                              base: Self.root.appendingPathComponent("pipelines").path).codebook
        let ids = Set(codebook.themes.map(\.id))
        for id in ["homelessness", "school-readiness", "care-leavers", "frail-elderly", "trust", "silos", "data-sharing",
                   "co-location", "key-workers"] {
            #expect(ids.contains(id), "\(id)")
        }
        // The links name indicators of the sample catalogue, so candidate priorities can join them.
        let catalogue = try String(contentsOfFile: Self.root.appendingPathComponent("samples/millbrook/indicators.yaml").path, encoding: .utf8)
        let linked = Set(codebook.themes.flatMap(\.indicators))
        #expect(linked == ["homelessness_duty_rate", "school_readiness", "care_leavers_eet", "frail_elderly_admissions"])
        for id in linked { #expect(catalogue.contains("- id: \(id)\n"), "\(id) is not in the catalogue") }
        #expect(Set(codebook.themes.flatMap(\.questions)) == ["partners_trust", "silos", "data_shared", "shared_vision", "voice_heard", "coping"])
    }

    @Test("the sample configuration decodes and is the same as sample.yaml")
    func sample() throws {
        try Pipeline.decodeSample(of: CodeThemesStage.self, base: Self.root.appendingPathComponent("pipelines").path)
        let file = Self.root.appendingPathComponent("Sources/Stages/CodeThemes/sample.yaml")
        #expect(try String(contentsOf: file, encoding: .utf8) == CodeThemesStage.sampleConfiguration + "\n")
    }

    /// Writes `text` to a new temporary file and returns its absolute path.
    static func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("phrases-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
