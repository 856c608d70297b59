import BaselineCore
import BaselineSchema
import BaselineText

/// `redact`: replaces e-mail addresses, UK phone numbers, NHS numbers, postcodes, street
/// addresses and listed names (and their words alone) with `[email]`, `[phone]`, `[nhs-number]`,
/// `[postcode]`, `[address]` and `[name]` in every piece of text a record carries, so that no
/// later stage or sink sees the originals.
///
/// Excerpts lose identifiers from their text, heading, attributes (speaker, participants…) and
/// heading path; responses from their free-text answers. `baseline.json` records how many of
/// each kind were replaced in passages of text — excerpt texts and free-text answers —
/// (`data_quality.redactions`), never what they were. Identifiers in headings and attributes are
/// replaced too but not counted, because each heading repeats on every excerpt under it.
public final class RedactStage: StagePlugin, Stage {
    public typealias Configuration = RedactConfiguration

    public static let kind = "redact"
    public static let summary = "Replaces e-mails, UK phone and NHS numbers, postcodes, street addresses and listed names in notes and free text with placeholders"
    /// None: the names to redact are the pipeline's `privacy: { names, names_file }`.
    public static let options: [OptionDoc] = []
    public static let contract = StageContract(records: [.excerpt, .response], provides: [.redactions])
    public static let sampleConfiguration = """
        stage: redact
        """
    /// `names:` and `names_file:` moved to the pipeline's `privacy:`; the configuration says so.
    public static let refusedKeys: Set<String> = ["names", "names_file"]

    public static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage {
        let privacy = context.pipeline.privacy
        return RedactStage(names: privacy.allNames, nameParts: privacy.nameParts, namePartsKept: privacy.namePartsKept)
    }

    // MARK: - Runtime

    private let redactor: Redactor
    private var counts = [RedactionKind: Int]()
    /// The last heading, heading path and attributes redacted, with their results (`nil`: no
    /// change): every excerpt under one heading of one file repeats them.
    private var lastHeading: (input: String, output: String?)?
    private var lastPath: (input: String, output: String?)?
    private var lastAttributes: (input: [String: String], output: [String: String]?)?

    /// Makes the stage, with the names to redact (the pipeline's `privacy:` list) and whether
    /// their words are redacted alone, but for `namePartsKept`.
    public init(names: [String] = [], nameParts: Bool = true, namePartsKept: [String] = []) {
        redactor = Redactor(names: names, nameParts: nameParts, keptNameParts: namePartsKept)
    }

    public func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
        var batch = batch
        for index in batch.records.indices {
            // An excerpt is read field by field and changed only when it holds an identifier:
            // changing every one would take each out of its record and back, a copy apiece.
            if let excerpt = batch.records[index].redactable {
                let redacted = redact(text: excerpt.text, heading: excerpt.heading, path: excerpt.path, attributes: excerpt.attributes)
                guard redacted.text != nil || redacted.heading != nil || redacted.path != nil || redacted.attributes != nil else { continue }
                batch.records[index].modifyExcerpt { excerpt in
                    if let text = redacted.text { excerpt.text = text }
                    if let heading = redacted.heading { excerpt.heading = heading }
                    if let path = redacted.path { excerpt.provenance.path = path }
                    if let attributes = redacted.attributes { excerpt.attributes = attributes }
                }
            } else {
                batch.records[index].modifyResponse(redact)
            }
        }
        return batch
    }

    /// The redacted forms of an excerpt's fields, `nil` for those without an identifier. Only
    /// the text's replacements are counted.
    private func redact(text: String, heading: String?, path: String?, attributes: [String: String])
        -> (text: String?, heading: String?, path: String?, attributes: [String: String]?) {
        let newText = redactor.redactedIfChanged(text, counts: &counts)
        let newHeading = heading.flatMap { repeated($0, memo: &lastHeading) }
        let newPath = path.flatMap { repeated($0, memo: &lastPath) }
        guard !attributes.isEmpty else { return (newText, newHeading, newPath, nil) }
        if lastAttributes?.input.equalsFast(attributes) != true {
            var uncounted = [RedactionKind: Int]()
            var output: [String: String]?
            for (key, value) in attributes {
                guard let redacted = redactor.redactedIfChanged(value, counts: &uncounted) else { continue }
                if output == nil { output = attributes }
                output![key] = redacted
            }
            lastAttributes = (attributes, output)
        }
        return (newText, newHeading, newPath, lastAttributes!.output)
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
