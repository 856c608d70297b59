import ArgumentParser
import BaselineCore
import BaselinePipeline
import BaselineText

/// `baseline inspect PIPELINE --source ID`: the records one source produces, as JSON lines.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the records one source produces, as JSON lines (bad records go to stderr)."
    )

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Option(help: "The id of the source to read.")
    var source: String

    @Option(help: "Stop after this many records.")
    var limit = 10

    @Flag(help: "Print records as the source reads them, before the pipeline's redact stages.")
    var raw = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try fromWorkingDirectory(pipeline: pipeline) { try inspect() }
    }

    private func inspect() throws {
        let checked = try Pipeline(file: pipeline, registry: BaselineCommand.registry)
        guard let prepared = checked.sources.first(where: { $0.id == source }) else {
            let ids = checked.sources.map(\.id)
            let hint = closest(to: source, in: ids).map { "did you mean '\($0)'?" } ?? "sources: \(ids.joined(separator: ", "))"
            throw BaselineError(file: pipeline, "no source '\(source)' in the pipeline", hint: hint)
        }
        let reader = try prepared.make()
        // What people said is shown as the outputs would show it: through the pipeline's own
        // redact stages, unless --raw asks for the records as read.
        let redactors = raw ? [] : try checked.stages.filter { $0.kind == "redact" }.compactMap { try $0.make().recordStage }
        if raw || redactors.isEmpty {
            note("note: records are shown as the source reads them, before any redaction: names, e-mails and phone numbers may show")
        }
        var printed = 0
        while printed < limit, var batch = try reader.next() {
            for reject in batch.rejects {
                var located = reject.provenance
                located.file = fromWorkingDirectory(located.file, pipeline: pipeline)
                note("\(located.location): rejected: \(reject.reason)")
            }
            for redactor in redactors { batch = try redactor.processing(batch.take()) }
            for record in batch.records.prefix(limit - printed) {
                print(PeopleText.json(record.json.line))
                printed += 1
            }
        }
    }
}
