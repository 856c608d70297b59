import BaselineCore
import BaselineTemplates
import Foundation

/// The options of the `text-report` sink.
public struct TextReportConfiguration: Decodable, Sendable {
    /// The base name of the two files (`report` → `report.md`, `report.txt`), checked to stay
    /// inside the output folder: `file:`, or `name:`, its spelling before 1.2.
    public var name: String
    /// A template of the brief's wording (Mustache), relative to the pipeline file; the built-in
    /// one when `nil`.
    public var templatePath: InputFile?
    /// The template `template:` names, read and checked while the pipeline is checked; `nil`
    /// for the built-in one.
    private var custom: Template?
    /// The template: the one `template:` names, or the built-in one, parsed when it is first
    /// used, as the report is written beside the other sinks, not on the main thread while the
    /// pipeline is checked, before any data is read (a test parses it, so it cannot fail then).
    public var template: Template {
        get { custom ?? Self.builtIn }
        set { custom = newValue }
    }

    enum CodingKeys: String, OptionKey {
        case file, name
        case templatePath = "template"
    }

    /// Decodes the options and reads the template, so that an unknown tag is an error at the
    /// template's own line and column before any data is read.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // `file:` as every sink names what it writes; `name:` still read, so no pipeline breaks.
        let file = try c.decodeOutputName(forKey: .file)
        let alias = try c.decodeOutputName(forKey: .name)
        if file != nil, alias != nil {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription:
                "`name` is the earlier spelling of `file`, which this sink also gives — keep `file`")
        }
        name = file ?? alias ?? "report"
        templatePath = try c.decodeIfPresent(InputFile.self, forKey: .templatePath)
        if let templatePath {
            let text = try TextFile.read(templatePath.resolved, path: templatePath.path, what: "the template")
            custom = try Template(source: text, name: templatePath.path, shape: ReportModel.shape)
        }
    }

    /// The defaults: the built-in template.
    public init() {
        name = "report"
        templatePath = nil
    }

    static let builtIn = try! Template(source: DefaultReportTemplate.text, name: "built-in report template", shape: ReportModel.shape)
}
