import BaselineCore
import BaselineSchema
import BaselineTestKit
import Testing

/// What a plugin need not write: the factory of a source or sink built by its initializer, and
/// a sink's sample configuration, made from its options' defaults.
@Suite struct PluginDefaultsTests {
    /// A sink's configuration: a name read from nothing, enough to see it carried through.
    struct NamedConfiguration: Decodable, Sendable {
        var name = "made"
    }

    /// A sink whose options all have defaults, some of which are not one plain value.
    final class DefaultsSink: InitializedSink {
        typealias Configuration = NamedConfiguration

        static let kind = "defaults-sink"
        static let summary = "A sink for tests"
        static let options: [OptionDoc] = [
            OptionDoc("file", "file name", default: "out.json", "The file."),
            OptionDoc("title", "text", default: "<place> baseline", "Not one plain value: left out."),
            OptionDoc("template", "path", default: "built-in", "Left out."),
            OptionDoc("weight", "column", default: "none", "Left out."),
            OptionDoc("width", "integer", default: "80", "The width."),
        ]

        let configuration: NamedConfiguration

        init(configuration: NamedConfiguration) {
            self.configuration = configuration
        }

        func write(_ document: BaselineDocument, into folder: OutputFolder) throws {}
    }

    /// A source that is its own runtime part.
    final class EmptySource: InitializedSource {
        typealias Configuration = NamedConfiguration

        static let kind = "empty-source"
        static let summary = "A source for tests"
        static let version = "1.0.0"
        static let options: [OptionDoc] = OptionDoc.sourceCommon
        static let sampleConfiguration = "id: empty\nadapter: empty-source"

        let id: String
        var inputs: [InputFile] { [] }

        init(configuration: NamedConfiguration, context: SourceContext) throws {
            id = context.id + "/" + configuration.name
        }

        func next() throws -> RecordBatch? { nil }
    }

    /// The one option of a sink for tests: `name`, default `out.json`, which must end in `.json`.
    enum JSONName: OutputNameOption {
        static let key = "name"
        static let defaultName = "out.json"
        static let type = "file name"
        static let help = "The file"

        static func problem(with name: String) -> String? {
            name.hasSuffix(".json") ? nil : "'\(name)' does not end in .json — name it e.g. out.json"
        }
    }

    /// A sink whose configuration is its one output name.
    final class NamedSink: InitializedSink {
        typealias Configuration = OutputNameConfiguration<JSONName>

        static let kind = "named-sink"
        static let summary = "A sink for tests"
        static let options = [JSONName.option]

        let configuration: Configuration

        init(configuration: Configuration) {
            self.configuration = configuration
        }

        func write(_ document: BaselineDocument, into folder: OutputFolder) throws {}
    }

    @Test("A sink's one output name: its default, its documentation, and each mistake located at its line")
    func outputName() throws {
        #expect(try decodeConfiguration(NamedSink.self, entry: "{}", base: "/tmp").name == "out.json")
        #expect(try decodeConfiguration(NamedSink.self, entry: "name: tables/b.json", base: "/tmp").name == "tables/b.json")
        #expect(NamedSink.options.map(\.name) == ["name"] && NamedSink.options[0].defaultValue == "out.json")
        #expect(NamedSink.options[0].help.hasPrefix("The file: letters, digits"))
        #expect(NamedSink.sampleConfiguration == "sink: named-sink\nname: out.json")
        for (entry, message) in [("name: b.csv", "does not end in .json"), ("name: ../b.json", "climbs out of the output folder"),
                                 ("nmae: b.json", "unknown key 'nmae'")] {
            let error = try #require(throws: BaselineError.self) { try decodeConfiguration(NamedSink.self, entry: entry, base: "/tmp") }
            #expect(error.line == 1 && error.description.contains(message), "\(entry): \(error)")
        }
    }

    @Test("A sink's sample is `sink:` and each option whose default is one plain value")
    func derivedSinkSample() {
        #expect(DefaultsSink.sampleConfiguration == "sink: defaults-sink\nfile: out.json\nwidth: 80")
    }

    @Test("A plugin that declares no version is at 1.0.0")
    func firstVersion() {
        #expect(DefaultsSink.version == "1.0.0")
    }

    @Test("makeSink and makeSource build the plugin with its initializer")
    func factories() throws {
        let pipeline = PipelineContext(placeName: "Millbrook", placeCode: "E07999001", period: "2025", baseDirectory: "/tmp")
        let sink = try DefaultsSink.makeSink(configuration: NamedConfiguration(name: "given"), context: SinkContext(pipeline: pipeline))
        #expect((sink as? DefaultsSink)?.configuration.name == "given")
        let source = try EmptySource.makeSource(configuration: NamedConfiguration(), context: SourceContext(id: "survey", pipeline: pipeline))
        #expect((source as? EmptySource)?.id == "survey/made")
    }
}
