import BaselineCore

/// `redact`: replaces e-mail addresses, UK phone numbers, NHS numbers, postcodes and listed
/// names with `[email]`, `[phone]`, `[nhs-number]`, `[postcode]` and `[name]` in every piece of
/// text a record carries, so that no later stage or sink sees the originals.
///
/// Excerpts lose identifiers from their text, heading, attributes (speaker, participants…) and
/// heading path; responses from their free-text answers. `baseline.json` records how many of
/// each kind were replaced in passages of text — excerpt texts and free-text answers —
/// (`data_quality.redactions`), never what they were. Identifiers in headings and attributes are
/// replaced too but not counted, because each heading repeats on every excerpt under it.
public final class RedactStage: StagePlugin, Stage {
    public typealias Configuration = RedactConfiguration

    public static let kind = "redact"
    public static let summary = "Replaces e-mails, UK phone and NHS numbers, postcodes and listed names in notes and free text with placeholders"
    public static let version = "1.0.0"
    public static let options: [OptionDoc] = [
        OptionDoc("names", "list of strings", default: "[]", "Names to replace with [name]; each may be several words. Matched as whole words, ignoring case, except that a capital in the list must be a capital in the text."),
        OptionDoc("names_file", "path", default: "none", "A UTF-8 file of names, one a line (blank lines and lines starting with # are skipped), relative to the pipeline file."),
    ]
    public static let sampleConfiguration = """
        stage: redact
        names: [Sarah Okafor, Dev Patel]
        names_file: ../samples/millbrook/names-to-redact.txt
        """

    public static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage {
        RedactStage(configuration: configuration)
    }

    // MARK: - Runtime

    private let redactor: Redactor
    private var counts = [RedactionKind: Int]()

    /// Makes the stage.
    public init(configuration: Configuration) {
        redactor = Redactor(names: configuration.allNames)
    }

    public func process(_ batch: RecordBatch) throws -> RecordBatch {
        var batch = batch
        for index in batch.records.indices {
            switch batch.records[index] {
            case .excerpt(var excerpt):
                var uncounted = [RedactionKind: Int]()
                excerpt.text = redactor.redact(excerpt.text, counts: &counts)
                excerpt.heading = excerpt.heading.map { redactor.redact($0, counts: &uncounted) }
                excerpt.provenance.path = excerpt.provenance.path.map { redactor.redact($0, counts: &uncounted) }
                for (key, value) in excerpt.attributes {
                    if let redacted = redactor.redactedIfChanged(value, counts: &uncounted) {
                        excerpt.attributes[key] = redacted
                    }
                }
                batch.records[index] = .excerpt(excerpt)
            case .response(var response):
                for (question, answer) in response.answers.enumerated() {
                    guard case .text(let text) = answer, let redacted = redactor.redactedIfChanged(text, counts: &counts) else { continue }
                    response.answers[question] = .text(redacted)
                }
                batch.records[index] = .response(response)
            case .observation:
                continue
            }
        }
        return batch
    }

    public func finish(into document: inout BaselineDocument) throws {
        for kind in RedactionKind.allCases {
            document.dataQuality.redactions[kind.rawValue, default: 0] += counts[kind, default: 0]
        }
    }
}
