import BaselineCore
import BaselinePipeline
import BaselineSchema
import Foundation
import Testing

// MARK: - Plugins with contracts

extension StageProduct {
    static let tally = StageProduct("test-tally", what: "the tally")
    static let extra = StageProduct("test-extra", what: "the extra")
}

/// A source of excerpts that says so, unlike `test-list` (which may be any kind).
final class ExcerptListSource: SourcePlugin {
    typealias Configuration = ListSource.Configuration
    static let kind = "test-excerpts"
    static let summary = "Excerpts from a list, for tests"
    static let version = "0.1.0"
    static let options = ListSource.options
    static let records: Set<RecordKind> = [.excerpt]
    static let sampleConfiguration = "id: t\nadapter: test-excerpts\nrows: [a, b]"

    static func makeSource(configuration: Configuration, context: SourceContext) throws -> any RecordSource {
        ListSource(configuration: configuration, id: context.id)
    }
}

/// A record stage that counts excerpts and provides the tally as a note.
final class TallyStage: StagePlugin, Stage {
    struct Configuration: Decodable {}
    static let kind = "test-tally"
    static let summary = "Counts excerpts, for tests"
    static let version = "0.1.0"
    static let options: [OptionDoc] = []
    static let contract = StageContract(records: [.excerpt], provides: [.tally])
    static let sampleConfiguration = "stage: test-tally"

    static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage { TallyStage() }

    var count = 0

    func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
        count += batch.records.count
        return batch
    }

    func finish(into document: inout BaselineDocument) throws {
        document.dataQuality.notes.append("tally \(count)")
    }
}

/// A record stage that works on statistics alone and provides the extra.
final class StatisticsStage: StagePlugin, Stage {
    struct Configuration: Decodable {}
    static let kind = "test-statistics"
    static let summary = "Works on observations, for tests"
    static let version = "0.1.0"
    static let options: [OptionDoc] = []
    static let contract = StageContract(records: [.observation], provides: [.extra])
    static let sampleConfiguration = "stage: test-statistics"

    static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage { StatisticsStage() }
}

/// A document stage that needs the tally and reads the extra when there is one.
final class SummaryStage: DocumentStagePlugin, DocumentStage {
    struct Configuration: Decodable {}
    static let kind = "test-summary"
    static let summary = "Reads the tally, for tests"
    static let version = "0.1.0"
    static let options: [OptionDoc] = []
    static let contract = StageContract(requires: [.tally], uses: [.extra])
    static let sampleConfiguration = "stage: test-summary"

    static func makeDocumentStage(configuration: Configuration, context: StageContext) throws -> any DocumentStage { SummaryStage() }

    func apply(to document: inout BaselineDocument) throws {
        document.dataQuality.notes.append("summary of \(document.dataQuality.notes.last ?? "nothing")")
    }
}

/// A document stage that only reads the extra, when there is one.
final class ExtraReaderStage: DocumentStagePlugin, DocumentStage {
    struct Configuration: Decodable {}
    static let kind = "test-extra-reader"
    static let summary = "Reads the extra, for tests"
    static let version = "0.1.0"
    static let options: [OptionDoc] = []
    static let contract = StageContract(uses: [.extra])
    static let sampleConfiguration = "stage: test-extra-reader"

    static func makeDocumentStage(configuration: Configuration, context: StageContext) throws -> any DocumentStage { ExtraReaderStage() }

    func apply(to document: inout BaselineDocument) throws {}
}

let contractRegistry = testRegistry.adding(PluginRegistry(
    sources: [ExcerptListSource.self],
    stages: [TallyStage.self, StatisticsStage.self, SummaryStage.self, ExtraReaderStage.self]))

// MARK: - Tests

/// Issue 17: stages declare what they need and provide, and the pipeline checks the order of
/// `transforms:` against it, at the offending line.
@Suite struct StageContractTests {
    /// A pipeline with `transforms` as given (one `- stage:` line each, from line 6), read with
    /// the contract registry; the error or warnings come with the file named `p.yaml`.
    func pipeline(_ stages: [String], source: String = "test-excerpts", in folder: TemporaryFolder) throws -> Pipeline {
        let file = try folder.write("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: notes, adapter: \(source), rows: [a, b, c] }
            transforms:
            \(stages.map { "  - stage: \($0)" }.joined(separator: "\n"))
            sinks:
              - sink: test-notes
            """, to: "p.yaml")
        return try Pipeline(file: file, registry: contractRegistry)
    }

    func refusal(_ stages: [String], source: String = "test-excerpts") throws -> String {
        let folder = try TemporaryFolder()
        do {
            _ = try pipeline(stages, source: source, in: folder)
        } catch let error as BaselineError {
            return error.description.replacingOccurrences(of: folder.path + "/", with: "")
        }
        Issue.record("the pipeline was accepted")
        return ""
    }

    @Test func aStageBeforeTheStageItNeedsIsRefusedAtItsLine() throws {
        #expect(try refusal(["test-drop", "test-summary", "test-tally"])
                == "p.yaml:7:5: error: test-summary needs the tally that `- stage: test-tally` (line 8) provides, but comes before it"
                + " — put it after that stage")
    }

    @Test func aStageWhoseNeedNoStageProvidesIsRefusedWithTheStageToAdd() throws {
        #expect(try refusal(["test-drop", "test-summary"])
                == "p.yaml:7:5: error: test-summary needs the tally, and no stage before it provides them — add `- stage: test-tally` before it")
    }

    @Test func aStageBeforeTheStageWhoseResultsItReadsIsRefused() throws {
        #expect(try refusal(["test-tally", "test-summary", "test-statistics"], source: "test-list")
                == "p.yaml:7:5: error: test-summary reads the extra that `- stage: test-statistics` (line 8) provides, but comes before it"
                + " — put it after that stage")
    }

    @Test func theRightOrderIsAcceptedWithoutWarnings() throws {
        let folder = try TemporaryFolder()
        let checked = try pipeline(["test-statistics", "test-tally", "test-summary"], source: "test-list", in: folder)
        #expect(checked.warnings.isEmpty)
        #expect(checked.stages.map(\.kind) == ["test-statistics", "test-tally", "test-summary"])
    }

    /// What a user expects of a stage no source feeds (`survey-aggregate` with no survey): the
    /// pipeline still runs — nothing is wrong with the data — but `validate` and `run` say at
    /// the stage's line that it adds nothing.
    @Test func aStageNoSourceFeedsIsAWarningAtItsLine() throws {
        let folder = try TemporaryFolder()
        let checked = try pipeline(["test-tally", "test-statistics"], in: folder)
        #expect(checked.warnings.map { $0.warning.replacingOccurrences(of: folder.path + "/", with: "") } == [
            "p.yaml:7:5: warning: test-statistics works on statistics (observations), and no source gives any: it adds nothing"
                + " — add a source that does (test-list), or remove the stage",
        ])
    }

    @Test func aDocumentStageWithNothingToReadIsAWarning() throws {
        let folder = try TemporaryFolder()
        let checked = try pipeline(["test-tally", "test-extra-reader"], in: folder)
        #expect(checked.warnings.map { $0.warning.replacingOccurrences(of: folder.path + "/", with: "") } == [
            "p.yaml:7:5: warning: test-extra-reader works on the extra, and no stage before it provides any: it adds nothing"
                + " — add the stages that provide them before it, or remove the stage",
        ])
    }

    /// A document stage sees no batch; it runs in its place in the list once the record stages
    /// before it have finished, and the record stages after it still get every batch and flush.
    @Test func aDocumentStageRunsInItsPlaceAfterTheRecordStagesBeforeIt() throws {
        let folder = try TemporaryFolder()
        let checked = try pipeline(["test-hold", "test-tally", "test-summary", "test-drop"], in: folder)
        let result = try PipelineRunner(pipeline: checked, options: .init(outputRoot: folder.path + "/out")).run()
        #expect(result.document.dataQuality.notes == ["tally 3", "summary of tally 3", "kept 3"])
        #expect(result.document.manifest.plugins.map(\.kind) == ["test-hold", "test-tally", "test-summary", "test-drop", "test-notes"])
    }
}
