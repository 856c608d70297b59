import BaselineCore
import BaselineTestKit
import Foundation
import Testing

/// The conformance checks pass a correct adapter and catch each way of getting one wrong.
@Suite(.serialized) struct AdapterConformanceTests {
    static func conformance() throws -> AdapterConformance {
        let fixtures = try #require(Bundle.module.resourcePath) + "/Fixtures"
        return AdapterConformance(LinesAdapter.self, fixtures: try ConformanceFixtures(folder: fixtures + "/lines"),
                                  sampleBase: fixtures, pluginFolder: fixtures + "/Lines")
    }

    /// The issues of `check` with `flaw` in force.
    static func issues(_ check: AdapterConformance.Check, with flaw: Flaw?) throws -> [String] {
        currentFlaw = flaw
        defer { currentFlaw = nil }
        return try conformance().run(check).map(\.message)
    }

    @Test("A correct adapter passes every check")
    func correctAdapterPasses() throws {
        currentFlaw = nil
        let issues = try Self.conformance().run()
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test("Fixtures are found by name")
    func fixturesByName() throws {
        let fixtures = try ConformanceFixtures(folder: try #require(Bundle.module.resourcePath) + "/Fixtures/lines")
        #expect(fixtures.good == ["good.txt"])
        #expect(fixtures.badRecords == ["bad-records.txt"])
        #expect(fixtures.broken == ["broken-empty.txt", "broken-marker.txt"])
        #expect(fixtures.configuration == nil)
    }

    @Test("A record without a line fails provenance")
    func recordWithoutLine() throws {
        let issues = try Self.issues(.provenance, with: .recordsWithoutLine)
        #expect(issues == ["good.txt: record 1 (observation): provenance has no line",
                           "bad-records.txt: record 1 (observation): provenance has no line"])
    }

    @Test("Provenance naming the kind instead of the source id fails")
    func wrongSourceId() throws {
        let issues = try Self.issues(.provenance, with: .wrongSourceId)
        #expect(issues.first == "good.txt: record 1 (observation): provenance names source 'lines', not the source's id 'fixture' (use SourceContext.id)")
    }

    @Test("Provenance with the resolved absolute path fails")
    func absolutePath() throws {
        let issues = try Self.issues(.provenance, with: .absolutePathInProvenance)
        #expect(issues.count == 3)
        #expect(issues.first?.contains("not the path as the pipeline wrote it, 'good.txt' (use InputFile.path)") == true)
    }

    @Test("Dropping bad records silently fails")
    func dropsBadLines() throws {
        #expect(try Self.issues(.provenance, with: .dropsBadLines) == ["bad-records.txt: a bad-records fixture gave no rejects"])
    }

    @Test("A broken input that throws an unlocated error fails")
    func unlocatedError() throws {
        let issues = try Self.issues(.locatedErrors, with: .unlocatedError)
        #expect(issues.count == 1)
        #expect(issues.first?.hasPrefix("broken-marker.txt: the error is not a BaselineError, so it has no location") == true)
    }

    @Test("A broken-input error without a hint fails")
    func errorWithoutHint() throws {
        let issues = try Self.issues(.locatedErrors, with: .errorWithoutHint)
        #expect(issues == ["broken-marker.txt: the error has no hint saying what to do: broken-marker.txt:2: error: a broken line"])
    }

    @Test("Records that differ between runs fail determinism")
    func nondeterministic() throws {
        let issues = try Self.issues(.deterministic, with: .nondeterministic)
        #expect(issues.contains("good.txt: two reads gave different records"))
        #expect(issues.contains("bad-records.txt: two reads gave different records"))
    }

    @Test("A configuration that accepts any key fails")
    func acceptsUnknownKeys() throws {
        let issues = try Self.issues(.unknownKeysRejected, with: .acceptsUnknownKeys)
        #expect(issues == ["an unknown key 'zz_not_an_option' was accepted: decode with explicit CodingKeys through a keyed container"])
    }

    @Test("An option read but not documented fails, and so does the README check")
    func undocumentedOption() throws {
        #expect(try Self.issues(.optionsMatchConfiguration, with: .undocumentedSeparator)
            == ["the configuration reads 'separator' but `options` does not document it"])
    }

    @Test("An option documented but never read fails")
    func neverReadOption() throws {
        #expect(try Self.issues(.optionsMatchConfiguration, with: .neverReadsSeparator)
            == ["`options` documents 'separator' but the configuration never reads it (read every key with decodeIfPresent, then validate)"])
    }

    @Test("Counts are checked against what the source gave under every policy")
    func countsUnderEveryPolicy() throws {
        #expect(try Self.issues(.countsReconcile, with: nil).isEmpty)
        let issues = try Self.issues(.countsReconcile, with: .dropsBadLines)
        #expect(issues.isEmpty, "dropping is caught by provenance; counts still agree with what the source gave")
    }

    @Test("Type and kind names must match")
    func kebabNames() {
        #expect(AdapterConformance.kebab("CSVSurvey") == "csv-survey")
        #expect(AdapterConformance.kebab("XMLDataset") == "xml-dataset")
        #expect(AdapterConformance.kebab("InterviewNotes") == "interview-notes")
        #expect(AdapterConformance.kebab("JSONLines") == "json-lines")
        #expect(AdapterConformance.kebab("Lines") == "lines")
    }
}
