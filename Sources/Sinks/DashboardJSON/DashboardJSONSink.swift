import BaselineCore
import BaselineFormat
import BaselineSchema
import Foundation

/// `dashboard-json`: writes `baseline.json`, the versioned contract other software reads and
/// `baseline diff` compares. Keys are sorted and numbers rounded upstream, so the same inputs
/// give the same bytes.
public final class DashboardJSONSink: InitializedSink {
    public typealias Configuration = OutputNameConfiguration<DashboardJSONFile>

    public static let kind = "dashboard-json"
    public static let summary = "baseline.json: the versioned baseline contract (schema/baseline.schema.json)"
    public static let options: [OptionDoc] = [DashboardJSONFile.option]

    private let configuration: Configuration

    /// Makes the sink.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Writes only its own files, from the document alone: side by side with the other sinks.
    public var writesSideBySide: Bool { true }

    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        try folder.write(try Self.encode(document), to: configuration.name)
    }

    /// Its one file.
    public static func plannedNames(configuration: Configuration) -> [String] {
        [configuration.name]
    }

    /// The bytes of `baseline.json` for a document: pretty, sorted keys, a final newline.
    ///
    /// Written by `SortedJSONEncoder`: byte for byte what `JSONEncoder` writes with
    /// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, in less than half its time. A
    /// long list of manifest inputs is written by `ManifestInputsJSON` and put in place of the
    /// empty list written for them: a folder of ten thousand notes otherwise spends more time
    /// encoding its manifest than coding its notes.
    public static func encode(_ document: BaselineDocument) throws -> Data {
        var document = document
        // `reason` stays in the file for readers of earlier 1.x baselines, in the shared wording.
        let names = document.areaNames
        for index in document.candidatePriorities.indices where document.candidatePriorities[index].evidence != nil {
            document.candidatePriorities[index].reason = PriorityWording.reason(document.candidatePriorities[index], names: names)
        }
        if document.manifest.inputs.count >= ManifestInputsJSON.worthIt {
            var rest = document
            rest.manifest.inputs = []
            var data = Data(try SortedJSONEncoder.encode(rest))
            let empty = Data(ManifestInputsJSON.emptyList.utf8)
            if let range = data.range(of: empty), data.range(of: empty, in: range.upperBound..<data.endIndex) == nil {
                data.replaceSubrange(range, with: ManifestInputsJSON.list(document.manifest.inputs))
                data.append(0x0A)
                return data
            }
        }
        // The newline goes on the bytes before they become `Data`, which would grow to take it.
        var bytes = try SortedJSONEncoder.encode(document)
        bytes.append(0x0A)
        return Data(bytes)
    }
}

/// The manifest's `inputs` list as `JSONEncoder` pretty-prints it with sorted keys, written
/// directly (see `DashboardJSONSink.encode`).
enum ManifestInputsJSON {
    /// Below this many inputs `SortedJSONEncoder` writes them with the rest.
    static let worthIt = 64

    /// How `JSONEncoder` (and `SortedJSONEncoder`) writes the empty list of inputs inside the manifest.
    static let emptyList = "\n  \"manifest\" : {\n    \"inputs\" : [\n\n    ],"

    /// The list in its place: `"inputs" : [ {…}, … ],` at the manifest's indentation. Written
    /// as bytes: appending to a `String` piece by piece cost more than the rest of the file.
    static func list(_ inputs: [ManifestInput]) -> Data {
        var bytes = [UInt8]()
        bytes.reserveCapacity(inputs.count * 200 + 64)
        bytes += "\n  \"manifest\" : {\n    \"inputs\" : [\n".utf8
        for (index, input) in inputs.enumerated() {
            bytes += "      {\n        \"bytes\" : ".utf8
            bytes += String(input.bytes).utf8
            bytes += ",\n        \"path\" : ".utf8
            append(input.path, to: &bytes)
            bytes += ",\n        \"sha256\" : ".utf8
            append(input.sha256, to: &bytes)
            bytes += ",\n        \"source\" : ".utf8
            append(input.source, to: &bytes)
            bytes += (index == inputs.count - 1 ? "\n      }\n" : "\n      },\n").utf8
        }
        bytes += "    ],".utf8
        return Data(bytes)
    }

    /// `value` as a JSON string: printable ASCII without `"` or `\` as it is, anything else
    /// escaped by `SortedJSONEncoder`, with `JSONEncoder`'s rules.
    private static func append(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        let plain = value.withUTF8 { utf8 in
            for byte in utf8 where byte < 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x5C { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
        if !plain {
            SortedJSONEncoder.appendString(value, to: &bytes)
        }
    }
}
