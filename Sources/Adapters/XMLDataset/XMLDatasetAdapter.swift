import BaselineCore
import BaselineIndicators
import Foundation

/// `xml-dataset`: public statistics in XML — SDMX-ML 2.1 data messages, or any XML whose record
/// element and fields the pipeline maps — read with libxml2's streaming reader into observations
/// (area × period × indicator → value, or why there is none).
///
/// ```
///  file ──▶ XMLStreamReader (libxml2 xmlTextReader: no network, no DTD, no entities)
///              │
///              ├─▶ SDMXReader       (Generic / StructureSpecific, series or flat)   ─┐
///              └─▶ MappedXMLReader  (record path + field paths)                      ─┤
///                                                                                    ▼
///                           ObservationBuilder: periods, values, markers, status codes
///                                                                                    │
///                                                      RecordBatch (≈4096 records) ◀─┘
/// ```
///
/// Memory is flat in the size of the file: the reader holds one node at a time and the adapter
/// one series and one observation. A bad observation (an unreadable value or period) is a
/// reject at the line and column its element starts; a file that is not well-formed, is cut short, or declares entities
/// stops the run with the line and column.
public final class XMLDatasetAdapter: InitializedSource {
    public typealias Configuration = XMLDatasetConfiguration

    public static let kind = "xml-dataset"
    public static let records: Set<RecordKind> = [.observation]
    public static let summary = "Public statistics in XML (libxml2 streaming): SDMX-ML 2.1 data messages or mapped XML, one observation per value"
    /// The libxml2 this adapter reads with, as the loaded library reports it (for `baseline --version`
    /// and the manifest).
    public static var libraryVersion: LibraryVersion { XMLStreamReader.libraryVersion }
    public static let options: [OptionDoc] = [
        OptionDoc("path", "path", "The XML file, relative to the pipeline file."),
        OptionDoc("sdmx", "mapping", default: "{}",
                  "How to read an SDMX-ML 2.1 data message (the default layout): area (REF_AREA; or { attribute: ID } or { value: CODE } when the area is not a dimension), period (TIME_PERIOD), indicator (every other key dimension), dimensions, attributes, measure (OBS_VALUE), unit (UNIT_MEASURE), unit_multiplier (UNIT_MULT), name (TITLE), count, denominator, lower, upper, status_attribute (OBS_STATUS), confidentiality_attributes ([OBS_CONF, CONF_STATUS_OBS]). See the README."),
        OptionDoc("mapped", "mapping", default: "none",
                  "Read XML that is not SDMX: record (an element path such as /dataset/row) and, relative to it, area, period, value, indicator or indicator_id, and optionally area_name, unit, count, denominator, lower, upper, status, attributes. See the README."),
        OptionDoc("missing_markers", "mapping of marker to reason", default: "{}",
                  "Markers to add or change, e.g. `{\"n/a\": not_applicable, \"~\": suppressed}`. Reasons: `suppressed`, `not_available`, `not_applicable`, `confidential`, `low_reliability`, `rounds_to_zero`."),
        OptionDoc("status_codes", "mapping of code to meaning", default: "{}",
                  "Status codes to add or change (SDMX `OBS_STATUS`, the mapped `status` field). Meanings: `normal`, a missing reason, or a flag: `provisional`, `revised`, `estimated`, `forecast`, `low_reliability`, `break`, `imputed`."),
        OptionDoc("confidentiality_codes", "mapping of code to meaning", default: "{}",
                  "Confidentiality codes (SDMX OBS_CONF) to add or change, with the same meanings."),
        .onError,
        .maxRejected,
    ]
    public static let sampleConfiguration = """
        id: millbrook-indicators
        adapter: xml-dataset
        path: ../samples/millbrook/indicators-sdmx.xml
        sdmx:
          area: REF_AREA
          period: TIME_PERIOD
          indicator: INDICATOR
          count: OBS_COUNT
          denominator: OBS_DENOM
        """

    // MARK: - Runtime

    public let inputs: [InputFile]
    private let reader: XMLStreamReader
    private let builder: ObservationBuilder
    private let layout: any LayoutReader
    private var exhausted = false

    /// Opens the file; nothing is read until the first `next()`.
    public init(configuration: XMLDatasetConfiguration, context: SourceContext) throws {
        inputs = [configuration.path]
        reader = try XMLStreamReader(path: configuration.path.resolved, displayPath: configuration.path.path,
                                     text: configuration.mapped != nil)
        builder = ObservationBuilder(source: context.id, file: configuration.path.path,
                                     values: ValueReader(markers: configuration.missingMarkers),
                                     statusCodes: configuration.effectiveStatusCodes,
                                     confidentialityCodes: configuration.effectiveConfidentialityCodes,
                                     periodStyle: configuration.mapped == nil ? .iso : .publication)
        builder.locate = { [reader] element, line in reader.start(ofElement: element, line: line) }
        if let mapped = configuration.mapped {
            layout = MappedXMLReader(xml: reader, builder: builder, options: mapped)
        } else {
            layout = SDMXReader(xml: reader, builder: builder, options: configuration.sdmx)
        }
    }

    /// libxml2 reads the file through a hashing input: it is read once (`RecordSource.hashesInputs`).
    public var hashesInputs: Bool { true }
    /// The file's digest, once it has been read to its end (else the runner hashes it).
    public var inputDigests: [InputDigest?] { [reader.inputDigest] }

    public func next() throws -> RecordBatch? {
        if !exhausted {
            do {
                exhausted = try !layout.fill()
            } catch let error as BaselineError where error.line == 1 && error.message.hasPrefix("the XML is not well-formed") {
                throw Self.notXML(inputs[0]) ?? error
            }
        }
        guard builder.pending > 0 else { return nil }
        return builder.takeBatch()
    }

    /// What a file that libxml2 could not start on is, when it is plainly not XML: an SDMX-JSON
    /// download, a zip archive, CSV (its first bytes, read only on this error).
    static func notXML(_ input: InputFile) -> BaselineError? {
        guard let handle = FileHandle(forReadingAtPath: input.resolved) else { return nil }
        defer { try? handle.close() }
        var bytes = [UInt8]((try? handle.read(upToCount: 64)) ?? Data())
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
              first != UInt8(ascii: "<"), first != 0xFF, first != 0xFE, first != 0 else { return nil }
        let what: String, hint: String
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            what = "a zip archive"
            hint = "unzip it and give the XML file inside as `path:`"
        } else if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            what = "JSON (SDMX-JSON?)"
            hint = "download the data as SDMX-ML 2.1 (XML): SDMX APIs give it for `format=structurespecificdata` or `genericdata`, or the Accept header `application/vnd.sdmx.structurespecificdata+xml;version=2.1`"
        } else {
            let start = String(decoding: bytes.prefix { $0 != 0x0A && $0 != 0x0D }.prefix(24), as: UTF8.self)
            what = "text that is not XML ('\(start)'…: CSV?)"
            hint = "read a CSV file with the `csv-indicators` adapter; an XML file starts with '<'"
        }
        return BaselineError(file: input.path, line: 1, column: 1, "the file is \(what), not XML", hint: hint)
    }
}

/// One layout's reading: fills the builder's batch from the XML stream.
protocol LayoutReader: AnyObject {
    /// Reads until the builder holds a batch's worth of records or the file ends; `false` at the end.
    func fill() throws -> Bool
}
