import BaselineTemplates
import Testing
@testable import TextReport

/// The built-in template is parsed when the report is first written (`try!`), not while the
/// pipeline is checked: it must always parse, with only names the report's model gives.
struct BuiltInTemplateTests {
    @Test func theBuiltInTemplateParsesWithTheModelsNames() throws {
        _ = try Template(source: DefaultReportTemplate.text, name: "built-in report template", shape: ReportModel.shape)
        // A configuration without `template:` uses it, and has parsed nothing yet to hand it over.
        #expect(TextReportConfiguration().templatePath == nil)
        _ = TextReportConfiguration().template
    }
}
