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
    /// The last heading, heading path and attributes redacted, with their results (`nil`: no
    /// change): every excerpt under one heading of one file repeats them.
    private var lastHeading: (input: String, output: String?)?
    private var lastPath: (input: String, output: String?)?
    private var lastAttributes: (input: [String: String], output: [String: String]?)?

    /// Makes the stage.
    public init(configuration: Configuration) {
        redactor = Redactor(names: configuration.allNames)
    }

    public func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
        var batch = batch
        for index in batch.records.indices {
            batch.records[index].modify(excerpt: redact, response: redact)
        }
        return batch
    }

    /// Replaces the identifiers of an excerpt in place. Only the text's replacements are counted.
    private func redact(_ excerpt: inout Excerpt) {
        if let text = redactor.redactedIfChanged(excerpt.text, counts: &counts) { excerpt.text = text }
        if let heading = excerpt.heading, let redacted = repeated(heading, memo: &lastHeading) { excerpt.heading = redacted }
        if let path = excerpt.provenance.path, let redacted = repeated(path, memo: &lastPath) { excerpt.provenance.path = redacted }
        guard !excerpt.attributes.isEmpty else { return }
        if lastAttributes?.input.equalsFast(excerpt.attributes) != true {
            var uncounted = [RedactionKind: Int]()
            var output: [String: String]?
            for (key, value) in excerpt.attributes {
                guard let redacted = redactor.redactedIfChanged(value, counts: &uncounted) else { continue }
                if output == nil { output = excerpt.attributes }
                output![key] = redacted
            }
            lastAttributes = (excerpt.attributes, output)
        }
        if let output = lastAttributes!.output { excerpt.attributes = output }
    }

    /// Replaces the identifiers in the free-text answers of a response, in place.
    private func redact(_ response: inout Response) {
        for (question, answer) in response.answers.enumerated() {
            guard case .text(let text) = answer, let redacted = redactor.redactedIfChanged(text, counts: &counts) else { continue }
            response.answers[question] = .text(redacted)
        }
    }

    /// A heading or path redacted, remembering the last one: `nil` when it has no identifier.
    private func repeated(_ text: String, memo: inout (input: String, output: String?)?) -> String? {
        if let memo, memo.input == text { return memo.output }
        var uncounted = [RedactionKind: Int]()
        let output = redactor.redactedIfChanged(text, counts: &uncounted)
        memo = (text, output)
        return output
    }

    public func finish(into document: inout BaselineDocument) throws {
        var redactions = document.dataQuality.redactions ?? [:]
        for kind in RedactionKind.allCases {
            redactions[kind.rawValue, default: 0] += counts[kind, default: 0]
        }
        document.dataQuality.redactions = redactions
    }
}
