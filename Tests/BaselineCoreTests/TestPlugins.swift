import BaselineCore
import BaselinePipeline
import BaselineSchema
import Foundation

/// A source for tests, configured inline: each entry of `rows` becomes a record, except
/// `bad: reason`, which becomes a reject, `rule: reason`, a record left out by a rule the user chose, and `broken`, which stops the run.
final class ListSource: SourcePlugin, RecordSource {
    struct Configuration: Decodable {
        var rows: [String]
        var batch: Int?
        var file: InputFile?
        var readAhead: Bool?
        /// Report this as the digest of `file` (instead of letting the runner hash it).
        var digest: String?
        /// Pass rows on as the rows of a `ResponseBlock` (one free-text answer each), not excerpts.
        var responses: Bool?
        /// Say this many rows were read, as a source that counts rows into fewer records does
        /// (`RecordSource.rowsRead`).
        var rowsRead: Int?

        enum CodingKeys: String, CodingKey {
            case rows, batch, file, digest, responses
            case readAhead = "read_ahead"
            case rowsRead = "rows_read"
        }
    }

    static let kind = "test-list"
    static let summary = "Records from a list, for tests"
    static let version = "0.1.0"
    static let options = [OptionDoc("rows", "list", "Rows."), OptionDoc("batch", "integer", default: "2", "Batch size."),
                          OptionDoc("file", "path", default: "none", "An input to hash."),
                          OptionDoc("read_ahead", "boolean", default: "false", "Read on a thread of its own."),
                          OptionDoc("digest", "string", default: "none", "The digest to report for `file`."),
                          OptionDoc("responses", "boolean", default: "false", "Pass rows on as a block of survey responses."),
                          OptionDoc("rows_read", "integer", default: "none", "The rows to say were read, as a source that counts rows into records.")]
    static let sampleConfiguration = "id: t\nadapter: test-list\nrows: [a, b]"

    static func makeSource(configuration: Configuration, context: SourceContext) throws -> any RecordSource {
        ListSource(configuration: configuration, id: context.id)
    }

    let inputs: [InputFile]
    let readsAhead: Bool
    let hashesInputs: Bool
    let inputDigests: [InputDigest?]
    let rowsRead: Int?
    private var rows: ArraySlice<(Int, String)>
    private let batch: Int
    private let id: String
    private let file: String
    private let survey: SurveyDefinition?

    init(configuration: Configuration, id: String) {
        survey = configuration.responses == true
            ? SurveyDefinition(source: id, questions: [Question(id: "said", text: "Said", scale: nil)], groupings: []) : nil
        rows = ArraySlice(Array(configuration.rows.enumerated()))
        batch = configuration.batch ?? 2
        self.id = id
        inputs = configuration.file.map { [$0] } ?? []
        file = configuration.file?.path ?? "inline"
        readsAhead = configuration.readAhead ?? false
        rowsRead = configuration.rowsRead
        hashesInputs = configuration.digest != nil
        // `digest: none`: the source hashes its inputs but could not read this one.
        inputDigests = configuration.digest.flatMap { digest in
            digest == "none" ? nil : configuration.file.map { _ in [InputDigest(sha256: digest, bytes: 1)] }
        } ?? []
    }

    func next() throws -> RecordBatch? {
        guard !rows.isEmpty else { return nil }
        var out = RecordBatch()
        var block = survey.map { ResponseBlock.Builder(survey: $0, source: id, file: file) }
        for (index, row) in rows.prefix(batch) {
            let provenance = Provenance(source: id, file: file, line: index + 1)
            if row == "broken" {
                throw BaselineError(file: file, line: index + 1, "broken input", hint: "fix it")
            } else if row.hasPrefix("bad: ") {
                out.rejects.append(Reject(provenance: provenance, reason: String(row.dropFirst(5))))
            } else if row.hasPrefix("rule: ") {
                out.rejects.append(Reject(provenance: provenance, reason: String(row.dropFirst(6)), leftOutByRule: true))
            } else if block != nil {
                block!.append(line: index + 1, groups: [], answers: [.text(row)], weight: nil)
            } else {
                out.records.append(.excerpt(Excerpt(document: file, kind: "test", text: row, provenance: provenance)))
            }
        }
        rows = rows.dropFirst(batch)
        if let built = block?.build() { out = RecordBatch(responses: built, rejects: out.rejects) }
        return out
    }
}

/// A stage that rejects excerpts whose text starts with `drop`, and counts what it keeps.
final class DroppingStage: StagePlugin, Stage {
    struct Configuration: Decodable {
        var prefix: String?
    }

    static let kind = "test-drop"
    static let summary = "Rejects some records, for tests"
    static let version = "0.1.0"
    static let options = [OptionDoc("prefix", "string", default: "drop", "Reject texts starting with this.")]
    static let sampleConfiguration = "stage: test-drop"

    static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage {
        DroppingStage(prefix: configuration.prefix ?? "drop")
    }

    let prefix: String
    var kept = 0

    init(prefix: String) {
        self.prefix = prefix
    }

    func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
        var out = RecordBatch()
        for record in batch.records {
            if case .excerpt(let excerpt) = record, excerpt.text.hasPrefix(prefix) {
                out.rejects.append(Reject(provenance: record.provenance, reason: "dropped by test stage"))
            } else if case .response(let response) = record, case .text(let text) = response.answers.first, text.hasPrefix(prefix) {
                out.rejects.append(Reject(provenance: record.provenance, reason: "dropped by test stage"))
            } else {
                out.records.append(record)
                kept += 1
            }
        }
        return out
    }

    func finish(into document: inout BaselineDocument) throws {
        document.dataQuality.notes.append("kept \(kept)")
    }
}

/// A sink that writes the notes of the document, or fails when told to.
final class NotesSink: SinkPlugin, Sink {
    struct Configuration: Decodable {
        var fail: Bool?
        var name: String?
    }

    static let kind = "test-notes"
    static let summary = "Writes notes.txt, for tests"
    static let version = "0.1.0"
    static let options = [OptionDoc("fail", "boolean", default: "false", "Fail when writing."),
                          OptionDoc("name", "text", default: "notes", "The name of the notes file, and of the sink in its error.")]
    static let sampleConfiguration = "sink: test-notes"

    static func makeSink(configuration: Configuration, context: SinkContext) throws -> any Sink {
        NotesSink(fail: configuration.fail ?? false, name: configuration.name ?? "notes")
    }

    let fail: Bool
    let name: String

    init(fail: Bool, name: String = "notes") {
        self.fail = fail
        self.name = name
    }

    /// The texts of the excerpts that reached the sink, in order.
    private var seen = [String]()

    func consume(_ batch: RecordBatch) throws {
        for case .excerpt(let excerpt) in batch.records { seen.append(excerpt.text) }
    }

    func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        if fail { throw BaselineError(name == "notes" ? "the test sink failed as asked" : "the test sink \(name) failed as asked") }
        try folder.write(document.dataQuality.notes.joined(separator: "\n") + "\n", to: "\(name).txt")
        try folder.write(seen.joined(separator: "\n") + "\n", to: name == "notes" ? "seen.txt" : "\(name)-seen.txt")
    }
}

let testRegistry = PluginRegistry(sources: [ListSource.self], stages: [DroppingStage.self, HoldingStage.self], sinks: [NotesSink.self])

/// A temporary folder removed at the end of the test.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("placebaseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    var path: String { url.path }

    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}

/// A stage that holds back every record and sends them on, in reverse, when flushed.
final class HoldingStage: StagePlugin, Stage {
    struct Configuration: Decodable {}

    static let kind = "test-hold"
    static let summary = "Holds records until the end, for tests"
    static let version = "0.1.0"
    static let options: [OptionDoc] = []
    static let sampleConfiguration = "stage: test-hold"

    static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage {
        HoldingStage()
    }

    private var held = [Record]()

    func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
        held += batch.records
        return RecordBatch()
    }

    func flush() throws -> RecordBatch {
        RecordBatch(records: held.reversed())
    }
}
