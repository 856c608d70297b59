import BaselineCore
@testable import BaselinePipeline
import Foundation
import Testing

/// A source that passes on nothing, or sets aside more than its `max_rejected:` share, fails
/// the run with its commonest reasons; a few bad records in a good file do not.
@Suite struct SourceAccountTests {
    let runner = RunnerTests()

    func run(_ rows: [String], maxRejected: String, in folder: TemporaryFolder) throws -> PipelineRunner.Result {
        try PipelineRunner(pipeline: runner.pipeline(rows: rows, maxRejected: maxRejected, in: folder),
                           options: .init(outputRoot: folder.path + "/out")).run()
    }

    @Test func moreRejectsThanTheThresholdFailWithTheCommonestReasons() throws {
        let folder = try TemporaryFolder()
        let rows = ["a", "bad: unknown option 'TV'", "bad: ragged row: 2 fields", "bad: unknown option 'Radio'", "b",
                    "bad: unknown option 'Print'", "bad: ragged row: 3 fields", "bad: odd", "bad: stranger", "c"]
        let error = #expect(throws: BaselineError.self) { _ = try run(rows, maxRejected: "5%", in: folder) }
        #expect(error?.file == folder.path + "/pipeline.yaml")
        #expect(error?.line == 4)
        #expect(error?.message == "source 'notes' set aside 7 of its 10 records (70%), more than its max_rejected of 5%: "
                + "3 × unknown option (first at inline:2: unknown option 'TV'); 2 × ragged row (first at inline:3: ragged row: 2 fields); "
                + "1 × odd (first at inline:8: odd); 1 more kind(s)")
        #expect(error?.hint?.contains("raise `max_rejected:`") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/test-town/2025"))
        // Raised to 70%, the same file runs, and its rejects are kept.
        let result = try run(rows, maxRejected: "0.7", in: folder)
        #expect(result.document.manifest.sources.first?.quarantined == 7)
        #expect(FileManager.default.fileExists(atPath: result.folder + "/rejects/notes.csv"))
    }

    /// A try-out's Microsoft Forms export answered "Neutral" where agree5 has "Neither agree nor
    /// disagree": 32% set aside, and the advice was to raise the threshold, leaving a third out.
    @Test func answersOffTheirScaleAskForTheFilesScaleNotAHigherThreshold() throws {
        let folder = try TemporaryFolder()
        let rows = ["a", "bad: unknown answer 'Neutral' to question 'silos' (scale agree5)", "b",
                    "bad: unknown answer 'Neutral' to question 'trust' (scale agree5)", "c"]
        let error = #expect(throws: BaselineError.self) { _ = try run(rows, maxRejected: "5%", in: folder) }
        #expect(error?.hint?.hasPrefix("the answers are on another scale than the one named: declare the file's own under `scales:`") == true,
                "\(String(describing: error?.hint))")
        #expect(error?.hint?.contains("raising `max_rejected:` would leave these respondents out") == true)
    }

    /// The adapter guide's own reason, `value 'abc' is not a number`, was grouped by the text
    /// before its first quote: "1 × value" beside "1 × value is not a number".
    @Test func reasonsAreGroupedWithTheirQuotedPartsMasked() throws {
        let folder = try TemporaryFolder()
        let rows = ["a", "bad: value 'abc' is not a number", "bad: value 'x1' is not a number", "bad: value is not a number",
                    "bad: unknown answer 'Neutral' to question 'silos' (scale agree5)", "bad: the source's own 'odd' row", "b"]
        let error = #expect(throws: BaselineError.self) { _ = try run(rows, maxRejected: "5%", in: folder) }
        #expect(error?.message == "source 'notes' set aside 5 of its 7 records (71.4%), more than its max_rejected of 5%: "
                + "2 × value '…' is not a number (first at inline:2: value 'abc' is not a number); "
                + "1 × value is not a number (first at inline:4: value is not a number); "
                + "1 × unknown answer '…' to question '…' (first at inline:5: unknown answer 'Neutral' to question 'silos' (scale agree5)); 1 more kind(s)")
        #expect(PipelineRunner.reasonLabel("the source's own 'odd' row") == "the source's own '…' row")
        #expect(PipelineRunner.reasonLabel("unknown option 'TV'") == "unknown option")
        #expect(PipelineRunner.reasonLabel("unknown answer '{'ImportId': 'QID1'}'") == "unknown answer")
        #expect(PipelineRunner.reasonLabel("an 'unclosed quote") == "an")
        #expect(PipelineRunner.reasonLabel("'TV' is not an option") == "'…' is not an option")
    }

    @Test func aFewBadRecordsInAGoodFileAreQuarantinedAsBefore() throws {
        let folder = try TemporaryFolder()
        let rows = (0..<40).map { "row \($0)" } + ["bad: ragged row", "bad: ragged row"]
        let result = try run(rows, maxRejected: "5%", in: folder)
        #expect(result.document.manifest.sources.first?.quarantined == 2)
    }

    @Test func recordsLeftOutByAChosenRuleDoNotCount() throws {
        let folder = try TemporaryFolder()
        let rows = ["a", "rule: partial response", "rule: partial response", "rule: preview response", "b"]
        let result = try run(rows, maxRejected: "5%", in: folder)
        // Left out by a chosen rule: skipped (never quarantined), and not counted as bad.
        #expect(result.document.manifest.sources.first?.quarantined == 0)
        #expect(result.document.manifest.sources.first?.skipped == 3)
    }

    @Test func aSourceThatPassesOnNothingFailsWhateverTheThreshold() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: BaselineError.self) { _ = try run(["bad: ragged row: 25 fields", "bad: ragged row: 25 fields"], maxRejected: "100%", in: folder) }
        #expect(error?.message == "source 'notes' passed on none of its 2 records: 2 × ragged row (first at inline:1: ragged row: 25 fields)")
        let empty = #expect(throws: BaselineError.self) { _ = try run([], maxRejected: "100%", in: folder) }
        #expect(empty?.message == "source 'notes' gave no records: its input holds none")
    }

    /// A try-out's Qualtrics export held only test responses: "passed on none of its 16 records:
    /// 1 × unknown answer" said nothing of the 15 left out by `test_responses: exclude`, nor how
    /// to count them.
    @Test func aSourceWhoseRecordsARuleLeftOutSaysHowManyWhyAndHowToCountThem() throws {
        let folder = try TemporaryFolder()
        let test = "rule: test response (Status '2'), left out by `test_responses: exclude`"
        let all = #expect(throws: BaselineError.self) { _ = try run([test, test, test], maxRejected: "5%", in: folder) }
        #expect(all?.message == "source 'notes' passed on none of its 3 records: all 3 skipped by the source's own rules: "
                + "3 × test response (first at inline:1: test response (Status '2'), left out by `test_responses: exclude`)")
        #expect(all?.hint == "to count the 3 skipped, set `test_responses: include` on the source, if they are responses you mean to use")
        // Beside a bad record, and a rule with no option to name: both said, the options that
        // would count the skipped ones named.
        let partial = "rule: partial response (Finished 'False'), left out by `partial: exclude`"
        let mixed = #expect(throws: BaselineError.self) {
            _ = try run(["bad: unknown answer '{'ImportId': 'QID1'}'", test, partial, "rule: no location", test], maxRejected: "5%", in: folder)
        }
        #expect(mixed?.message == "source 'notes' passed on none of its 5 records: 1 × unknown answer (first at inline:1: unknown answer '{'ImportId': 'QID1'}'); "
                + "4 skipped by the source's own rules: 2 × test response (first at inline:2: test response (Status '2'), left out by `test_responses: exclude`); "
                + "1 × partial response (first at inline:3: partial response (Finished 'False'), left out by `partial: exclude`); "
                + "1 × no location (first at inline:4: no location)")
        #expect(mixed?.hint == "the adapter is probably misreading this file — check its options (layout, delimiter, columns) against the file; "
                + "to count the 4 skipped, set `test_responses: include` and `partial: include` on the source")
    }

    @Test(arguments: [("10%", 0.1), ("0.25", 0.25), ("1", 1.0), ("0", 0.0), ("2.5 %", 0.025)])
    func thresholdsAreReadAsPercentagesOrFractions(text: String, share: Double) throws {
        let folder = try TemporaryFolder()
        let pipeline = try runner.pipeline(rows: ["a"], maxRejected: text, in: folder)
        #expect(pipeline.sources.first?.maxRejected == RejectThreshold(share: share))
    }

    @Test(arguments: [("5", "did you mean 5%?"), ("150%", "outside 0–100%"), ("lots", "is not a share")])
    func aBadThresholdIsALocatedError(text: String, says: String) throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: BaselineError.self) { _ = try runner.pipeline(rows: ["a"], maxRejected: text, in: folder) }
        #expect(error?.line == 7)
        #expect(error.map { "\($0)".contains(says) } == true, "\(String(describing: error))")
    }
}
