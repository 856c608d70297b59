import ArgumentParser
import BaselineCore
import BaselinePipeline

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

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let checked = try Pipeline(file: pipeline, registry: BaselineCommand.registry)
        guard let prepared = checked.sources.first(where: { $0.id == source }) else {
            let ids = checked.sources.map(\.id)
            let hint = closest(to: source, in: ids).map { "did you mean '\($0)'?" } ?? "sources: \(ids.joined(separator: ", "))"
            throw BaselineError(file: pipeline, "no source '\(source)' in the pipeline", hint: hint)
        }
        let reader = try prepared.make()
        var printed = 0
        while printed < limit, let batch = try reader.next() {
            for reject in batch.rejects {
                note("\(reject.provenance.location): rejected: \(reject.reason)")
            }
            for record in batch.records.prefix(limit - printed) {
                print(record.json.line)
                printed += 1
            }
        }
    }
}
