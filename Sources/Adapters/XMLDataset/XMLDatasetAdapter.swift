import BaselineCore
import BaselineIndicators

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
/// reject with its line; a file that is not well-formed, is cut short, or declares entities
/// stops the run with the line and column.
public final class XMLDatasetAdapter: SourcePlugin, RecordSource {
    public typealias Configuration = XMLDatasetConfiguration

    public static let kind = "xml-dataset"
    public static let summary = "Public statistics in XML (libxml2 streaming): SDMX-ML 2.1 data messages or mapped XML, one observation per value"
    public static let version = "1.0.0"
    public static let options: [OptionDoc] = [
        OptionDoc("path", "path", "The XML file, relative to the pipeline file."),
        OptionDoc("sdmx", "mapping", default: "{}", "How to read an SDMX-ML 2.1 data message (the default layout); the keys below."),
        OptionDoc("sdmx.area", "dimension id", default: "REF_AREA", "The dimension that holds the area code."),
        OptionDoc("sdmx.period", "dimension id", default: "TIME_PERIOD", "The dimension that holds the period."),
        OptionDoc("sdmx.indicator", "dimension id or list", default: "every other key dimension",
                  "The dimensions whose values, joined with '.', make the indicator id."),
        OptionDoc("sdmx.dimensions", "list of ids", default: "none",
                  "The key dimensions in the data structure's order: orders the series key, and in structure-specific messages makes every other XML attribute an SDMX attribute."),
        OptionDoc("sdmx.attributes", "list of ids", default: "[]",
                  "Without `dimensions`: more ids to treat as attributes in structure-specific messages, beyond the SDMX cross-domain ones."),
        OptionDoc("sdmx.measure", "id", default: "OBS_VALUE", "The primary measure."),
        OptionDoc("sdmx.unit", "attribute id", default: "UNIT_MEASURE", "The attribute that holds the unit."),
        OptionDoc("sdmx.count", "attribute id", default: "none", "The attribute that holds the numerator."),
        OptionDoc("sdmx.denominator", "attribute id", default: "none", "The attribute that holds the denominator."),
        OptionDoc("sdmx.lower", "attribute id", default: "none", "The attribute that holds the lower confidence limit."),
        OptionDoc("sdmx.upper", "attribute id", default: "none", "The attribute that holds the upper confidence limit."),
        OptionDoc("sdmx.status_attribute", "attribute id", default: "OBS_STATUS", "The attribute that holds the observation status."),
        OptionDoc("sdmx.confidentiality_attributes", "list of ids", default: "[OBS_CONF, CONF_STATUS_OBS]",
                  "The attributes that hold the confidentiality status."),
        OptionDoc("mapped", "mapping", default: "none", "Read XML that is not SDMX: the record path and where each field is; the keys below."),
        OptionDoc("mapped.record", "element path", "The absolute path of the element holding one record, e.g. /dataset/row."),
        OptionDoc("mapped.area", "field path", "Where the area code is: a child element (area), a path (area/code), an attribute (@code, area/@code) or '.'."),
        OptionDoc("mapped.area_name", "field path", default: "none", "Where the area's name is."),
        OptionDoc("mapped.period", "field path", "Where the period is."),
        OptionDoc("mapped.indicator", "field path", default: "none", "Where the indicator id is (give this or `indicator_id`)."),
        OptionDoc("mapped.indicator_id", "string", default: "none", "The indicator id of every record, for a file that holds one indicator."),
        OptionDoc("mapped.value", "field path", "Where the value is."),
        OptionDoc("mapped.unit", "field path", default: "none", "Where the unit is."),
        OptionDoc("mapped.count", "field path", default: "none", "Where the numerator is."),
        OptionDoc("mapped.denominator", "field path", default: "none", "Where the denominator is."),
        OptionDoc("mapped.lower", "field path", default: "none", "Where the lower confidence limit is."),
        OptionDoc("mapped.upper", "field path", default: "none", "Where the upper confidence limit is."),
        OptionDoc("mapped.status", "field path", default: "none", "Where a status flag is (read with `status_codes`, then the missing-value markers)."),
        OptionDoc("mapped.attributes", "mapping of name to field path", default: "{}", "More fields kept as attributes of each observation."),
        OptionDoc("mapped.period_style", "publication | iso", default: "publication",
                  "How to read YYYY-NN: `publication` reads 2010-11 as the financial year 2010/11, `iso` as November 2010."),
        OptionDoc("missing_markers", "mapping of marker to reason", default: "{}",
                  "Missing-value markers to add or change (reasons: suppressed, not_available, not_applicable, confidential, low_reliability)."),
        OptionDoc("status_codes", "mapping of code to meaning", default: "{}",
                  "Status codes to add or change (meanings: normal, a missing reason, or provisional, revised, estimated, forecast, low_reliability, break, imputed)."),
        OptionDoc("confidentiality_codes", "mapping of code to meaning", default: "{}", "Confidentiality codes (OBS_CONF) to add or change."),
        OptionDoc("on_error", "quarantine | skip | fail", default: "quarantine", "What to do with a bad observation (common to every source)."),
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

    public static func makeSource(configuration: Configuration, context: SourceContext) throws -> any RecordSource {
        try XMLDatasetAdapter(configuration: configuration, context: context)
    }

    // MARK: - Runtime

    public let inputs: [InputFile]
    private let reader: XMLStreamReader
    private let builder: ObservationBuilder
    private let layout: any LayoutReader
    private var exhausted = false

    /// Opens the file; nothing is read until the first `next()`.
    public init(configuration: Configuration, context: SourceContext) throws {
        inputs = [configuration.path]
        reader = try XMLStreamReader(path: configuration.path.resolved, displayPath: configuration.path.path,
                                     text: configuration.mapped != nil)
        builder = ObservationBuilder(source: context.id, file: configuration.path.path,
                                     values: ValueReader(markers: configuration.missingMarkers),
                                     statusCodes: configuration.effectiveStatusCodes,
                                     confidentialityCodes: configuration.effectiveConfidentialityCodes,
                                     periodStyle: configuration.mapped?.periodStyle ?? .iso)
        if let mapped = configuration.mapped {
            layout = MappedXMLReader(xml: reader, builder: builder, options: mapped)
        } else {
            layout = SDMXReader(xml: reader, builder: builder, options: configuration.sdmx)
        }
    }

    public func next() throws -> RecordBatch? {
        if !exhausted {
            exhausted = try !layout.fill()
        }
        guard builder.pending > 0 else { return nil }
        return builder.takeBatch()
    }
}

/// One layout's reading: fills the builder's batch from the XML stream.
protocol LayoutReader: AnyObject {
    /// Reads until the builder holds a batch's worth of records or the file ends; `false` at the end.
    func fill() throws -> Bool
}
