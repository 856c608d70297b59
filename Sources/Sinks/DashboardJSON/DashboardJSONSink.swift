import BaselineCore
import Foundation

/// `dashboard-json`: writes `baseline.json`, the versioned contract other software reads and
/// `baseline diff` compares. Keys are sorted and numbers rounded upstream, so the same inputs
/// give the same bytes.
public final class DashboardJSONSink: SinkPlugin, Sink {
    public typealias Configuration = DashboardJSONConfiguration

    public static let kind = "dashboard-json"
    public static let summary = "baseline.json: the versioned baseline contract (schema/baseline.schema.json)"
    public static let version = "1.0.0"
    public static let options: [OptionDoc] = [
        OptionDoc("file", "file name", default: "baseline.json", "The file name inside the output folder."),
    ]
    public static let sampleConfiguration = """
        sink: dashboard-json
        file: baseline.json
        """

    public static func makeSink(configuration: Configuration, context: SinkContext) throws -> any Sink {
        DashboardJSONSink(configuration: configuration)
    }

    private let configuration: Configuration

    /// Makes the sink.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        try folder.write(try Self.encode(document), to: configuration.file)
    }

    /// The bytes of `baseline.json` for a document: pretty, sorted keys, a final newline.
    public static func encode(_ document: BaselineDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(document)
        data.append(0x0A)
        return data
    }
}
