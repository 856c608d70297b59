import BaselineCore
import BaselineIndicators

/// The options of an `xml-dataset` source, as written in a pipeline file.
///
/// Two layouts: SDMX-ML 2.1 data messages (the default; tune with `sdmx:`) and any other XML
/// (`mapped:`, which says where each field is). Every key is documented in `README.md` beside
/// this file and in `XMLDatasetAdapter.options`.
public struct XMLDatasetConfiguration: Decodable, Sendable {
    /// The XML file, relative to the pipeline file.
    public var path: InputFile
    /// How to read an SDMX-ML message (used when `mapped` is not given).
    public var sdmx: SDMXOptions
    /// How to read other XML; when given, the file is read this way instead of as SDMX.
    public var mapped: MappedOptions?
    /// Missing-value markers added to (or changing) the standard ones, by marker.
    public var missingMarkers: [String: MissingReason]
    /// Status codes (SDMX `OBS_STATUS`, a mapped `status` field) added to or changing the
    /// standard SDMX code list, by code.
    public var statusCodes: [String: StatusMeaning]
    /// Confidentiality codes (SDMX `OBS_CONF`) added to or changing the standard list, by code.
    public var confidentialityCodes: [String: StatusMeaning]

    enum CodingKeys: String, OptionKey { case path, sdmx, mapped, missingMarkers, statusCodes, confidentialityCodes }

    /// Decodes the options, with defaults for the optional ones.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(InputFile.self, forKey: .path)
        mapped = try c.decodeIfPresent(MappedOptions.self, forKey: .mapped)
        if mapped != nil, c.contains(.sdmx) {
            throw DecodingError.dataCorruptedError(forKey: .sdmx, in: c, debugDescription: "give either `sdmx:` or `mapped:`, not both")
        }
        sdmx = try c.decodeIfPresent(SDMXOptions.self, forKey: .sdmx) ?? SDMXOptions()
        let markers = try c.decodeIfPresent([String: String].self, forKey: .missingMarkers) ?? [:]
        missingMarkers = try markers.mapValues { name in
            guard let reason = MissingReason(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .missingMarkers, in: c, debugDescription:
                    "unknown missing reason '\(name)' — use one of: \(MissingReason.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return reason
        }
        statusCodes = try c.decodeIfPresent([String: StatusMeaning].self, forKey: .statusCodes) ?? [:]
        confidentialityCodes = try c.decodeIfPresent([String: StatusMeaning].self, forKey: .confidentialityCodes) ?? [:]
    }

    // MARK: - Standard code lists

    /// SDMX `OBS_STATUS` (code list CL_OBS_STATUS 2.2), as meanings.
    public static let standardStatusCodes: [String: StatusMeaning] = [
        "A": .normal, "B": .flag(.breakInSeries), "D": .normal, "E": .flag(.estimated), "F": .flag(.forecast),
        "G": .normal, "H": .missing(.notAvailable), "I": .flag(.imputed), "K": .normal, "L": .missing(.notAvailable),
        "M": .missing(.notApplicable), "N": .normal, "O": .missing(.notAvailable), "P": .flag(.provisional),
        "Q": .missing(.suppressed), "S": .normal, "U": .flag(.lowReliability), "V": .normal,
    ]

    /// SDMX `OBS_CONF` (code list CL_CONF_STATUS 1.3), as meanings.
    public static let standardConfidentialityCodes: [String: StatusMeaning] = [
        "F": .normal, "C": .missing(.confidential), "D": .missing(.confidential), "N": .missing(.confidential),
        "S": .missing(.confidential), "A": .missing(.suppressed), "O": .missing(.confidential), "T": .missing(.confidential),
        "G": .missing(.confidential), "M": .missing(.confidential),
    ]

    /// The status codes in force: the standard list with the pipeline's changes.
    var effectiveStatusCodes: [String: StatusMeaning] {
        Self.standardStatusCodes.merging(statusCodes) { $1 }
    }

    /// The confidentiality codes in force: the standard list with the pipeline's changes.
    var effectiveConfidentialityCodes: [String: StatusMeaning] {
        Self.standardConfidentialityCodes.merging(confidentialityCodes) { $1 }
    }
}

// MARK: - SDMX

/// Where an SDMX observation's area comes from: a key dimension (the usual case), an attribute
/// (INSEE writes `REF_AREA` among a series' attributes), or one area for the whole file (a
/// dataset of one country or one council, with no area in its key at all).
///
/// ```yaml
/// area: REF_AREA                  # a dimension (the default)
/// area: { dimension: geo }        # the same, spelt out
/// area: { attribute: REF_AREA }   # an attribute of the dataset, series or observation
/// area: { value: E92000001 }      # every observation is for this area
/// ```
public enum SDMXArea: Decodable, Sendable, Equatable {
    /// A key dimension, by id.
    case dimension(String)
    /// An attribute, by id, of the dataset, series or observation (the innermost wins).
    case attribute(String)
    /// The same area code for every observation.
    case fixed(String)

    enum CodingKeys: String, OptionKey { case dimension, attribute, value }

    /// Reads a dimension id, or a mapping with exactly one of `dimension`, `attribute`, `value`.
    public init(from decoder: Decoder) throws {
        if let id = try? decoder.singleValueContainer().decode(String.self) {
            self = .dimension(id)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let given = try [(CodingKeys.dimension, c.decodeIfPresent(String.self, forKey: .dimension)),
                         (.attribute, c.decodeIfPresent(String.self, forKey: .attribute)),
                         (.value, c.decodeIfPresent(String.self, forKey: .value))].filter { $0.1 != nil }
        guard given.count == 1, let (key, text) = given.first, let text, !text.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "area takes one of `dimension:`, `attribute:` or `value:` (e.g. `area: { value: E92000001 }` for a file of one area)"))
        }
        switch key {
        case .dimension: self = .dimension(text)
        case .attribute: self = .attribute(text)
        case .value: self = .fixed(text)
        }
    }

    /// The dimension's id, when the area is a dimension.
    public var dimension: String? {
        if case .dimension(let id) = self { id } else { nil }
    }

    /// The attribute's id, when the area is an attribute.
    public var attribute: String? {
        if case .attribute(let id) = self { id } else { nil }
    }

    /// How messages name it: `dimension 'REF_AREA'`.
    var described: String {
        switch self {
        case .dimension(let id): "dimension '\(id)'"
        case .attribute(let id): "attribute '\(id)'"
        case .fixed(let code): "fixed area '\(code)'"
        }
    }
}

/// How an SDMX-ML message's components become an observation's fields.
public struct SDMXOptions: Decodable, Sendable {
    /// Where the area code is: a dimension (by default `REF_AREA`), an attribute, or one fixed area.
    public var area: SDMXArea
    /// The dimension that holds the period.
    public var period: String
    /// The dimensions whose values, joined with `.`, make the indicator id; `nil`: every key
    /// dimension but the area and the period.
    public var indicator: [String]?
    /// The key dimensions in the data structure's order. Structure-specific messages write
    /// dimensions and attributes alike as XML attributes; given this list, the others are
    /// attributes. Without it, the SDMX cross-domain attributes and those in `attributes` are.
    public var dimensions: [String]?
    /// More attribute ids, beyond the SDMX cross-domain ones, for structure-specific messages.
    public var attributes: [String]
    /// The primary measure.
    public var measure: String
    /// The attribute that holds the unit.
    public var unit: String
    /// The attribute that holds the unit multiplier (a power of ten), added to the unit in words.
    public var unitMultiplier: String
    /// The attribute that holds the series' name, kept on each observation as `indicator_name`.
    public var name: String
    /// Attributes read for the unit when the series has no `unit` attribute and the options do
    /// not name one: the ECB's and the IMF's `UNIT`.
    public var unitFallbacks = ["UNIT"]
    /// Attributes read for the name when the series has no `name` attribute and the options do
    /// not name one: the IMF's `SERIES_NAME`.
    public var nameFallbacks = ["SERIES_NAME"]
    /// The attribute that holds the numerator, if the message has one.
    public var count: String?
    /// The attribute that holds the denominator, if the message has one.
    public var denominator: String?
    /// The attribute that holds the lower confidence limit, if the message has one.
    public var lower: String?
    /// The attribute that holds the upper confidence limit, if the message has one.
    public var upper: String?
    /// The attribute that holds the observation status.
    public var statusAttribute: String
    /// The attributes that hold the confidentiality status.
    public var confidentialityAttributes: [String]

    enum CodingKeys: String, OptionKey {
        case area, period, indicator, dimensions, attributes, measure, unit, count, denominator, lower, upper, name
        case unitMultiplier, statusAttribute, confidentialityAttributes
    }

    /// The defaults: `REF_AREA`, `TIME_PERIOD`, `OBS_VALUE`, `UNIT_MEASURE`, `UNIT_MULT`, `TITLE`,
    /// `OBS_STATUS`, `OBS_CONF`.
    public init() {
        area = .dimension("REF_AREA")
        period = "TIME_PERIOD"
        attributes = []
        measure = "OBS_VALUE"
        unit = "UNIT_MEASURE"
        unitMultiplier = "UNIT_MULT"
        name = "TITLE"
        statusAttribute = "OBS_STATUS"
        confidentialityAttributes = ["OBS_CONF", "CONF_STATUS_OBS"]
    }

    /// Decodes the options, with defaults for the ones not given.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        area = try c.decodeIfPresent(SDMXArea.self, forKey: .area) ?? area
        period = try c.decodeIfPresent(String.self, forKey: .period) ?? period
        if c.contains(.indicator) {
            indicator = try (try? c.decode(String.self, forKey: .indicator)).map { [$0] } ?? c.decode([String].self, forKey: .indicator)
        }
        dimensions = try c.decodeIfPresent([String].self, forKey: .dimensions)
        attributes = try c.decodeIfPresent([String].self, forKey: .attributes) ?? []
        measure = try c.decodeIfPresent(String.self, forKey: .measure) ?? measure
        unit = try c.decodeIfPresent(String.self, forKey: .unit) ?? unit
        unitMultiplier = try c.decodeIfPresent(String.self, forKey: .unitMultiplier) ?? unitMultiplier
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? name
        if c.contains(.unit) { unitFallbacks = [] }
        if c.contains(.name) { nameFallbacks = [] }
        count = try c.decodeIfPresent(String.self, forKey: .count)
        denominator = try c.decodeIfPresent(String.self, forKey: .denominator)
        lower = try c.decodeIfPresent(String.self, forKey: .lower)
        upper = try c.decodeIfPresent(String.self, forKey: .upper)
        statusAttribute = try c.decodeIfPresent(String.self, forKey: .statusAttribute) ?? statusAttribute
        confidentialityAttributes = try c.decodeIfPresent([String].self, forKey: .confidentialityAttributes) ?? confidentialityAttributes
        if indicator?.isEmpty == true {
            throw DecodingError.dataCorruptedError(forKey: .indicator, in: c, debugDescription: "indicator needs at least one dimension")
        }
        for id in indicator ?? [] where id == area.dimension || id == area.attribute || id == period {
            throw DecodingError.dataCorruptedError(forKey: .indicator, in: c,
                                                   debugDescription: "'\(id)' is the area or period dimension, so it cannot make the indicator id")
        }
    }

    /// The SDMX cross-domain attributes (SDMX glossary) and other common attribute ids, which a
    /// structure-specific message without `dimensions` treats as attributes.
    public static let commonAttributes: Set<String> = [
        "OBS_STATUS", "OBS_CONF", "CONF_STATUS", "CONF_STATUS_OBS", "OBS_PRE_BREAK", "OBS_COM", "OBS_FLAG",
        "COMMENT_OBS", "COMMENT_TS", "COMMENT_DSET", "UNIT_MEASURE", "UNIT_MULT", "DECIMALS", "TITLE",
        "TITLE_COMPL", "TITLE_GRP", "COLL_METHOD", "COMPILATION", "DATA_COMP", "EMBARGO_TIME", "TIME_FORMAT",
        "TIME_PER_COLLECT", "REF_PERIOD_DETAIL", "SOURCE_AGENCY", "SOURCE_PUB", "UNIT_INDEX_BASE", "BREAKS",
        "NAT_TITLE", "DOM_SER_IDS", "PUBL_ECB", "PUBL_MU", "PUBL_PUBLIC", "BASE_PER", "BASE_YEAR",
        "REPORTING_YEAR_START_DAY", "OBS_VALUE",
        // The ECB's series attributes (its EXR and other data structures).
        "COLLECTION", "COMPILING_ORG", "DISS_ORG", "COVERAGE", "UNIT",
        // The IMF's (World Economic Outlook, IFS and its other data structures since 2025).
        "SERIES_NAME", "SCALE", "DECIMALS_DISPLAYED", "OVERLAP", "COUNTRY_UPDATE_DATE",
    ]

    /// Whether `bytes` can be a code of a key dimension: an SDMX `IDType`, letters, digits and
    /// `_ @ $ -`. A structure-specific message without `dimensions` takes an XML attribute whose
    /// value is not (a date `9/23/2025`, a title with spaces) for an attribute of the data, not a
    /// dimension: as a dimension it would become part of the indicator id.
    public static func isCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: "$"), UInt8(ascii: "-"): true
            default: false
            }
        }
    }
}

// MARK: - Mapped XML

/// Where each field of a record is in XML that is not SDMX.
///
/// ```yaml
/// mapped:
///   record: /dataset/row
///   area: area/@code
///   period: period
///   indicator_id: homelessness_duty_rate
///   value: rate_per_1000
/// ```
public struct MappedOptions: Decodable, Sendable {
    /// The absolute path of the element that holds one record (`/dataset/row`).
    public var record: ElementPath
    /// Where the area code is.
    public var area: FieldPath
    /// Where the area's name is, if the file has one.
    public var areaName: FieldPath?
    /// Where the period is.
    public var period: FieldPath
    /// Where the indicator id is (or give `indicatorId`).
    public var indicator: FieldPath?
    /// The indicator id of every record, when the file holds one indicator.
    public var indicatorId: String?
    /// Where the value is.
    public var value: FieldPath
    /// Where the unit is, if the file gives one.
    public var unit: FieldPath?
    /// Where the numerator is.
    public var count: FieldPath?
    /// Where the denominator is.
    public var denominator: FieldPath?
    /// Where the lower confidence limit is.
    public var lower: FieldPath?
    /// Where the upper confidence limit is.
    public var upper: FieldPath?
    /// Where a status flag is (read with `status_codes`, then the missing-value markers).
    public var status: FieldPath?
    /// More fields kept as attributes of the observation, by name.
    public var attributes: [String: FieldPath]

    enum CodingKeys: String, OptionKey {
        case record, area, period, indicator, value, unit, count, denominator, lower, upper, status, attributes
        case areaName, indicatorId
    }

    /// Decodes the options, checking that the indicator is given one way.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        record = try c.decode(ElementPath.self, forKey: .record)
        area = try c.decode(FieldPath.self, forKey: .area)
        areaName = try c.decodeIfPresent(FieldPath.self, forKey: .areaName)
        period = try c.decode(FieldPath.self, forKey: .period)
        indicator = try c.decodeIfPresent(FieldPath.self, forKey: .indicator)
        indicatorId = try c.decodeIfPresent(String.self, forKey: .indicatorId)
        value = try c.decode(FieldPath.self, forKey: .value)
        unit = try c.decodeIfPresent(FieldPath.self, forKey: .unit)
        count = try c.decodeIfPresent(FieldPath.self, forKey: .count)
        denominator = try c.decodeIfPresent(FieldPath.self, forKey: .denominator)
        lower = try c.decodeIfPresent(FieldPath.self, forKey: .lower)
        upper = try c.decodeIfPresent(FieldPath.self, forKey: .upper)
        status = try c.decodeIfPresent(FieldPath.self, forKey: .status)
        attributes = try c.decodeIfPresent([String: FieldPath].self, forKey: .attributes) ?? [:]
        switch (indicator, indicatorId) {
        case (nil, nil):
            throw DecodingError.dataCorruptedError(forKey: .indicator, in: c, debugDescription:
                "say where the indicator id is (`indicator: PATH`) or give it (`indicator_id: ID`)")
        case (.some, .some):
            throw DecodingError.dataCorruptedError(forKey: .indicatorId, in: c, debugDescription: "give either `indicator` or `indicator_id`, not both")
        default:
            break
        }
    }
}

/// An absolute element path, `/dataset/row`: local names (namespace prefixes are not written),
/// `*` for any element.
public struct ElementPath: Decodable, Sendable, Hashable, CustomStringConvertible {
    /// The local names from the root down.
    public var steps: [String]

    /// The path as written.
    public var description: String { "/" + steps.joined(separator: "/") }

    /// Decodes and checks a path.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard text.hasPrefix("/"), text.count > 1 else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription:
                "the record path '\(text)' must start at the root element, like /dataset/row")
        }
        steps = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard steps.allSatisfy(FieldPath.isName) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription:
                "the record path '\(text)' must be element names separated by '/', like /dataset/row")
        }
    }
}

/// Where a field is, relative to the record element: a child element's text (`rate`,
/// `area/name`), an attribute (`@code`, `area/@code`), or the record's own text (`.`).
public struct FieldPath: Decodable, Sendable, Hashable, CustomStringConvertible {
    /// The element steps below the record (empty: the record itself).
    public var steps: [String]
    /// The attribute, when the field is an attribute rather than text.
    public var attribute: String?

    /// The path as written.
    public var description: String {
        let parts = steps + (attribute.map { ["@" + $0] } ?? [])
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// Decodes and checks a path.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let path = FieldPath(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription:
                "'\(text)' is not a field path: use a child element (rate), a path (area/name), an attribute (@code, area/@code) or '.'")
        }
        self = path
    }

    /// Reads a path as written; `nil` when it is not one.
    public init?(_ text: String) {
        guard !text.isEmpty, !text.hasPrefix("/") else { return nil }
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts == ["."] { parts = [] }
        if let last = parts.last, last.hasPrefix("@") {
            attribute = String(last.dropFirst())
            parts.removeLast()
            guard Self.isName(attribute!), attribute != "*" else { return nil }
        }
        guard parts.allSatisfy(Self.isName) else { return nil }
        steps = parts
    }

    static func isName(_ text: String) -> Bool {
        text == "*" || (!text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
                        && !text.first!.isNumber && text != "." && !text.contains(":"))
    }
}
