import BaselineCore
import BaselineIndicators

/// Reads an SDMX-ML 2.1 data message — `GenericData`, `GenericTimeSeriesData`,
/// `StructureSpecificData` or `StructureSpecificTimeSeriesData`, with any
/// `dimensionAtObservation` — or an SDMX-ML 3.0 `StructureSpecificData` (without complex
/// attributes) into observations.
///
/// ```
///  Header/Structure  ── dimensionAtObservation per structure id
///  DataSet           ── dataset attributes
///    Series          ── series key (dimensions) + series attributes      (one per series)
///      Obs           ── observation dimensions, value, attributes  ──▶ one observation
///    Obs             ── (flat: every dimension on the observation)  ──▶ one observation
///    Group           ── attributes, joined to the series (or observations) whose key matches
/// ```
///
/// Elements are matched by local name and interned pointer, so any namespace prefix works and
/// no name is compared as a string. An observation's area, period and indicator come from
/// its full key (series dimensions + observation dimensions); the key without the period goes
/// in `provenance.path`. What a series' observations share (area, indicator, key, unit,
/// attributes) is worked out once, at its first observation.
///
/// The area may instead be an attribute (`sdmx.area: { attribute: REF_AREA }`, as INSEE writes
/// it) or one fixed code for the file (`{ value: E92000001 }`); then every key dimension but the
/// period names the indicator. The series' name (`TITLE`) is kept as `indicator_name`, and its
/// unit carries the unit multiplier in words ("CP_MEUR (millions)").
final class SDMXReader: LayoutReader {
    private enum Message {
        case generic
        case structureSpecific
    }

    /// What a component (dimension, attribute or measure id) is for.
    enum Role: Int {
        case measure, period, dimension, area, unit, count, denominator, lower, upper, status, confidentiality, attribute
    }

    /// Where a generic `Value` element belongs.
    private enum Target {
        case none, seriesKey, obsKey, groupKey, dataSetAttributes, groupAttributes, seriesAttributes, obsAttributes
    }

    /// The components of a dataset, series or observation.
    ///
    /// The optional fields are set through `set` alone, which notes each in `held`, so that
    /// `reset` clears only those (an observation holds three or four of a dozen: clearing every
    /// one released each, a call apiece, for every observation).
    struct Components {
        private(set) var period: String?
        /// The area, when it is an attribute.
        private(set) var area: String?
        var dimensions = [(name: XMLName, value: String)]()
        var attributes = [(name: XMLName, value: String)]()
        /// The measure's text, kept only when it could not be read as a value.
        private(set) var measure: String?
        /// The measure, read straight from its bytes.
        var reading: ValueReader.Reading?
        private(set) var unit: String?
        private(set) var count: String?
        private(set) var denominator: String?
        private(set) var lower: String?
        private(set) var upper: String?
        private(set) var status: String?
        private(set) var confidentiality: (name: XMLName, value: String)?
        /// The optional fields set since the last `reset`, a bit per `Role`.
        private(set) var held: UInt16 = 0

        /// Whether nothing but a period, a measure and a status is set: for an observation, a
        /// plain one, that its series' fields complete (see `SDMXReader.emit`).
        var isPlain: Bool {
            dimensions.isEmpty && attributes.isEmpty
                && held & ~(Self.bit(.period) | Self.bit(.measure) | Self.bit(.status)) == 0
        }

        mutating func reset() {
            if held != 0 { clearHeld() }
            reading = nil
            if !dimensions.isEmpty { dimensions.removeAll(keepingCapacity: true) }
            if !attributes.isEmpty { attributes.removeAll(keepingCapacity: true) }
        }

        private mutating func clearHeld() {
            if held & Self.bit(.period) != 0 { period = nil }
            if held & Self.bit(.area) != 0 { area = nil }
            if held & Self.bit(.measure) != 0 { measure = nil }
            if held & Self.bit(.unit) != 0 { unit = nil }
            if held & Self.bit(.count) != 0 { count = nil }
            if held & Self.bit(.denominator) != 0 { denominator = nil }
            if held & Self.bit(.lower) != 0 { lower = nil }
            if held & Self.bit(.upper) != 0 { upper = nil }
            if held & Self.bit(.status) != 0 { status = nil }
            if held & Self.bit(.confidentiality) != 0 { confidentiality = nil }
            held = 0
        }

        private static func bit(_ role: Role) -> UInt16 { 1 << UInt16(role.rawValue) }

        /// Sets a component the element does not hold itself (a group's attribute, under the
        /// series' or observation's own); never a dimension, the period or the measure.
        mutating func add(_ role: Role, _ name: XMLName, _ value: String) {
            switch role {
            case .dimension, .period, .measure: return
            case .attribute: if attributes.contains(where: { $0.name == name }) { return }
            default: if held & Self.bit(role) != 0 { return }
            }
            set(role, name, value)
        }

        mutating func set(_ role: Role, _ name: XMLName, _ value: String) {
            switch role {
            case .measure: measure = value
            case .period: period = value
            case .dimension: dimensions.append((name, value))
            case .area: area = value
            case .unit: unit = value
            case .count: count = value
            case .denominator: denominator = value
            case .lower: lower = value
            case .upper: upper = value
            case .status: status = value
            case .confidentiality: confidentiality = (name, value)
            case .attribute: attributes.append((name, value))
            }
            held |= Self.bit(role)
        }
    }

    /// The roles of the attributes of the last element read at one place (series or
    /// observation): elements of a kind list their attributes in the same order, so a role is
    /// found by comparing one pointer. With each, its last value: an attribute whose bytes are
    /// the same as last time (a period, a status code, an area over its series) reuses that
    /// `String` rather than making one.
    struct RoleMemo {
        var names = [XMLName]()
        var roles = [Role]()
        var values = [String]()

        func role(at position: Int, _ name: XMLName) -> Role? {
            position < names.count && names[position] == name ? roles[position] : nil
        }

        mutating func remember(_ role: Role, at position: Int, _ name: XMLName) {
            if position < names.count {
                names[position] = name
                roles[position] = role
            } else {
                names.append(name)
                roles.append(role)
                values.append("")
            }
        }

        /// The value at `position` as a `String`: the last one when its bytes are `bytes`.
        mutating func value(at position: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
            if !Self.equal(values[position], bytes) { values[position] = String(decoding: bytes, as: UTF8.self) }
            return values[position]
        }

        /// Whether `text`'s UTF-8 is `bytes`. (A loop over the two: `elementsEqual`, called on
        /// `withUTF8`'s buffer, went through a generic iterator, a few dozen instructions a byte.)
        static func equal(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard text.utf8.count == bytes.count else { return false }
            return text.utf8.withContiguousStorageIfAvailable { stored in
                for index in 0..<stored.count where stored[index] != bytes[index] { return false }
                return true
            } ?? text.utf8.elementsEqual(bytes)
        }
    }

    /// The area, indicator and key made from a set of dimensions (a class, so that handing it
    /// on for each observation retains one reference, not three strings).
    private final class Resolved {
        let area: String
        let indicator: String
        let key: String

        init(area: String, indicator: String, key: String) {
            self.area = area
            self.indicator = indicator
            self.key = key
        }
    }

    /// Attributes with the status and confidentiality codes added to them (a class, so that
    /// the next observation compares the codes in place: a tuple was copied whole, three
    /// retains and releases, for each observation).
    private final class CodedAttributes {
        let status, confidentiality: String?
        let attributes: [String: String]

        init(status: String?, confidentiality: String?, attributes: [String: String]) {
            self.status = status
            self.confidentiality = confidentiality
            self.attributes = attributes
        }
    }

    /// A group's component other than its key: an attribute, unit, status…
    typealias GroupPart = (role: Role, name: XMLName, value: String)

    /// The groups of a dataset whose keys are made of the same dimensions (`Group` elements of one
    /// type): their parts by the values of those dimensions.
    private struct GroupKind {
        /// The key's dimensions, sorted by id.
        let dimensions: [XMLName]
        var members: [String: [GroupPart]]
    }

    /// What the observations of one series share, from the dataset and series components
    /// (a class, so that each observation reads it in place rather than copying it).
    private final class Shared {
        let resolved: Resolved?
        /// The group kinds whose keys hold a dimension the series' key lacks (one at the
        /// observation): joined to each observation.
        var groupsAtObservation = [Int]()
        let attributes: [String: String]
        let period, area, unit, count, denominator, lower, upper, status, confidentiality: String?
        /// The attributes with the last observation's status and confidentiality codes, which
        /// the next observation most likely shares.
        var withCodes: CodedAttributes?
        /// The fields of the series' plain observations, checked once (see `emit`): made at the
        /// first, `nil` until then and when they do not pass the checks.
        var plain: ObservationBuilder.SeriesFields?
        var plainChecked = false

        init(resolved: Resolved?, attributes: [String: String], period: String?, area: String?, unit: String?,
             count: String?, denominator: String?, lower: String?, upper: String?, status: String?, confidentiality: String?) {
            self.resolved = resolved
            self.attributes = attributes
            self.period = period
            self.area = area
            self.unit = unit
            self.count = count
            self.denominator = denominator
            self.lower = lower
            self.upper = upper
            self.status = status
            self.confidentiality = confidentiality
        }
    }

    private let xml: XMLStreamReader
    private let builder: ObservationBuilder
    private let options: SDMXOptions
    private let values: ValueReader

    // Interned names.
    private let dataSetName, seriesName, obsName, groupName, structureName: XMLName
    private let groupKeyName, seriesKeyName, obsKeyName, attributesName, valueName, obsDimensionName, obsValueName: XMLName
    private let idName, valueAttributeName, structureIDName, dimensionAtObservationName, structureRefName: XMLName
    private let periodName, nameName, unitMultiplierName: XMLName
    /// `xsi:type` (matched by its local name and a prefix) and `AllDimensions`.
    private let typeName, allDimensionsName: XMLName
    /// An SDMX-ML 3.0 complex attribute.
    private let compName: XMLName
    /// A footer's `Message` and its `code` and `severity`.
    private let footerMessageName, codeName, severityName: XMLName
    /// The area's dimension, when the area is one.
    private let areaName: XMLName?
    private let indicatorNames: [XMLName]?
    private let dimensionOrder: [XMLName: Int]?
    private let dataSetOwnAttributes: Set<XMLName>

    // State. Touched for every observation by this class alone, on one thread: the dynamic
    // exclusivity checks Swift would add to each access are left out.
    @exclusivity(unchecked) private var roles = [XMLName: Role]()
    /// Names `role(of:)` took for dimensions only because nothing said otherwise, not yet seen
    /// with a value (see `role(of:value:)`).
    @exclusivity(unchecked) private var guessedDimensions = Set<XMLName>()
    @exclusivity(unchecked) private var seriesRoles = RoleMemo()
    @exclusivity(unchecked) private var obsRoles = RoleMemo()
    @exclusivity(unchecked) private var message: Message?
    @exclusivity(unchecked) private var structures = [String: String]()
    @exclusivity(unchecked) private var observationDimension: XMLName {
        didSet { observationDimensionID = xml.string(observationDimension) }
    }
    /// Its text, for the explicit measure's check (made once, not once an observation).
    @exclusivity(unchecked) private var observationDimensionID = ""
    @exclusivity(unchecked) private var inDataSet = false
    @exclusivity(unchecked) private var sawDataSet = false
    @exclusivity(unchecked) private var footer: (code: String, severity: String, line: Int, element: Int)?
    @exclusivity(unchecked) private var inSeries = false
    @exclusivity(unchecked) private var inObs = false
    /// The dataset's groups, by the dimensions of their keys.
    @exclusivity(unchecked) private var groupKinds = [GroupKind]()
    @exclusivity(unchecked) private var inGroup = false
    @exclusivity(unchecked) private var groupKey = [(name: XMLName, value: String)]()
    @exclusivity(unchecked) private var groupParts = [GroupPart]()
    @exclusivity(unchecked) private var target = Target.none
    @exclusivity(unchecked) private var dataSet = Components()
    @exclusivity(unchecked) private var series = Components()
    @exclusivity(unchecked) private var obs = Components()
    @exclusivity(unchecked) private var obsLine = 1
    /// The number of the observation's element, for the column of a message about it.
    @exclusivity(unchecked) private var obsElement = 0
    @exclusivity(unchecked) private var shared: Shared?
    @exclusivity(unchecked) private var codesOnly: CodedAttributes?
    /// Per area and indicator id, the key dimensions `sdmx.indicator` leaves out, of the first
    /// series that gave them, and its line (see `checkLeftOut`).
    @exclusivity(unchecked) private var leftOut = [String: (dimensions: [(name: XMLName, value: String)], line: Int)]()

    init(xml: XMLStreamReader, builder: ObservationBuilder, options: SDMXOptions) {
        self.xml = xml
        self.builder = builder
        self.options = options
        values = builder.values
        dataSetName = xml.intern("DataSet")
        seriesName = xml.intern("Series")
        obsName = xml.intern("Obs")
        groupName = xml.intern("Group")
        groupKeyName = xml.intern("GroupKey")
        structureName = xml.intern("Structure")
        seriesKeyName = xml.intern("SeriesKey")
        obsKeyName = xml.intern("ObsKey")
        attributesName = xml.intern("Attributes")
        valueName = xml.intern("Value")
        obsDimensionName = xml.intern("ObsDimension")
        obsValueName = xml.intern("ObsValue")
        idName = xml.intern("id")
        valueAttributeName = xml.intern("value")
        structureIDName = xml.intern("structureID")
        dimensionAtObservationName = xml.intern("dimensionAtObservation")
        structureRefName = xml.intern("structureRef")
        areaName = options.area.dimension.map(xml.intern)
        periodName = xml.intern(options.period)
        nameName = xml.intern(options.name)
        unitMultiplierName = xml.intern(options.unitMultiplier)
        typeName = xml.intern("type")
        compName = xml.intern("Comp")
        allDimensionsName = xml.intern("AllDimensions")
        footerMessageName = xml.intern("Message")
        codeName = xml.intern("code")
        severityName = xml.intern("severity")
        observationDimension = periodName
        indicatorNames = options.indicator.map { $0.map(xml.intern) }
        dimensionOrder = options.dimensions.map { ids in
            Dictionary(ids.enumerated().map { (xml.intern($1), $0) }, uniquingKeysWith: { first, _ in first })
        }
        dataSetOwnAttributes = Set(["structureRef", "setID", "action", "reportingBeginDate", "reportingEndDate", "validFromDate",
                                    "validToDate", "publicationYear", "publicationPeriod", "dataScope"].map(xml.intern))
    }

    // MARK: - Reading

    func fill() throws -> Bool {
        while builder.pending < RecordBatch.preferredSize {
            guard try xml.read() else {
                if message == nil {
                    throw BaselineError(file: xml.displayPath, "the file has no root element", hint: "check it is an SDMX-ML data message")
                }
                if !sawDataSet { throw noDataSet() }
                return false
            }
            switch xml.kind {
            case .element: try startElement()
            case .endElement: try endElement()
            case .text, .other: continue
            }
        }
        return true
    }

    private func startElement() throws {
        let name = xml.name
        guard let message else { return try readRoot() }
        guard inDataSet else {
            if name == structureName {
                readStructure()
            } else if name == dataSetName {
                startDataSet(message)
            } else if name == footerMessageName, footer == nil {
                readFooter()
            }
            return
        }
        if name == groupName {
            startGroup(message)
            return
        }
        switch message {
        case .structureSpecific: try startStructureSpecific(name)
        case .generic: try startGeneric(name)
        }
    }

    private func endElement() throws {
        let name = xml.name
        guard inDataSet else { return }
        if name == groupName, inGroup {
            inGroup = false
            endGroup()
        } else if name == obsName, inObs {
            inObs = false
            try emit()
        } else if name == seriesName {
            inSeries = false
        } else if name == seriesKeyName || name == obsKeyName || name == groupKeyName || name == attributesName {
            target = .none
        } else if name == dataSetName {
            inDataSet = false
        }
    }

    // MARK: - Message, header and dataset

    private static let namespace = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
    /// SDMX-ML 3.0, whose one data message, `StructureSpecificData`, writes simple attributes as 2.1 does.
    private static let namespace30 = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message"

    private func readRoot() throws {
        let root = xml.string(xml.name)
        let namespace = xml.namespaceURI ?? ""
        let kinds = ["GenericData", "GenericTimeSeriesData", "StructureSpecificData", "StructureSpecificTimeSeriesData"]
        // A structure or metadata message of any version is first of all not data: asking for it in 2.1 would not help.
        if namespace == Self.namespace30, root == "StructureSpecificData" {
            message = .structureSpecific
            return
        }
        if namespace != Self.namespace, namespace.lowercased().contains("sdmx"), !root.hasSuffix("Data") {
            throw xml.errorAtElement("the SDMX message '\(root)' (namespace '\(namespace)') is not a data message (\(kinds.joined(separator: ", ")))",
                                     hint: "download the data, not the structure or an error message, as SDMX-ML 2.1")
        }
        guard namespace == Self.namespace else {
            var version = "not an SDMX-ML 2.1 message"
            if namespace.contains("/v2_0/") { version = "SDMX-ML 2.0, which this adapter does not read" }
            if namespace.contains("/v3_0/") { version = "SDMX-ML 3.0 in a form this adapter does not read (it reads 3.0's StructureSpecificData)" }
            throw xml.errorAtElement("the root element '\(root)' (namespace '\(namespace)') is \(version)",
                                     hint: namespace.lowercased().contains("sdmx") ? "ask the publisher for SDMX-ML 2.1 (most APIs offer it)"
                                         : "for XML that is not SDMX, describe it under `mapped:` (see the adapter's README)")
        }
        guard kinds.contains(root) else {
            throw xml.errorAtElement("the SDMX message '\(root)' is not a data message (\(kinds.joined(separator: ", ")))",
                                     hint: "download the data, not the structure or an error message")
        }
        message = root.hasPrefix("Generic") ? .generic : .structureSpecific
    }

    private func readStructure() {
        var id: String?
        var dimension: String?
        xml.forEachAttribute { name, text, _ in
            if name == structureIDName { id = text.string }
            if name == dimensionAtObservationName { dimension = text.string }
        }
        if let id, let dimension { structures[id] = dimension }
    }

    /// The first message of the footer (`footer:Footer/footer:Message`): its code, severity and line.
    private func readFooter() {
        var code = "", severity = ""
        xml.forEachAttribute { name, text, _ in
            if name == codeName { code = text.string }
            if name == severityName { severity = text.string }
        }
        footer = (code, severity, xml.line, xml.element)
    }

    /// A data message with no `DataSet`: an agency's answer that holds no data (Eurostat writes
    /// one, with a footer, when a query is too large to answer at once).
    private func noDataSet() -> BaselineError {
        guard let footer else {
            return BaselineError(file: xml.displayPath, line: xml.line, "the data message holds no DataSet (no data)",
                                 hint: "check the query that made the file: the agency found no data for it")
        }
        let described = [footer.code.isEmpty ? nil : "code \(footer.code)", footer.severity.isEmpty ? nil : footer.severity]
            .compactMap { $0 }.joined(separator: ", ")
        return xml.error(atElement: footer.element, line: footer.line,
                         "the data message holds no DataSet, only a footer message (\(described))",
                         hint: "read the footer's text in the file: the agency sent a notice, not the data (for a large query Eurostat gives the address the data will be at)")
    }

    private func startDataSet(_ message: Message) {
        sawDataSet = true
        inDataSet = true
        dataSet.reset()
        shared = nil
        groupKinds.removeAll()
        var reference: String?
        xml.forEachAttribute { name, text, qualified in
            if name == structureRefName {
                reference = text.string
            } else if message == .structureSpecific, !qualified, !dataSetOwnAttributes.contains(name) {
                dataSet.set(role(of: name), name, text.string)
            }
        }
        let dimension = reference.flatMap { structures[$0] } ?? (structures.count == 1 ? structures.values.first! : options.period)
        observationDimension = xml.intern(dimension)
    }

    // MARK: - Groups

    /// A `Group`: its key (dimensions) and parts (attributes), as XML attributes in a
    /// structure-specific message, in `GroupKey` and `Attributes` in a generic one.
    private func startGroup(_ message: Message) {
        groupKey.removeAll(keepingCapacity: true)
        groupParts.removeAll(keepingCapacity: true)
        if message == .structureSpecific {
            xml.forEachAttribute { name, text, qualified in
                guard !qualified else { return }
                switch role(of: name, value: text.bytes) {
                case .dimension: groupKey.append((name, text.string))
                case .period, .measure: break
                case let role: groupParts.append((role, name, text.string))
                }
            }
        }
        if xml.isEmptyElement {
            endGroup()
        } else {
            inGroup = true
        }
    }

    private func endGroup() {
        // A group of key alone is kept: what looks like its key may prove to be its attributes
        // once a series shows its dimensions (`regroup`), as the IMF's `GROUP_INDICATOR` does.
        guard !groupKey.isEmpty else { return }
        let sorted = groupKey.sorted { xml.string($0.name) < xml.string($1.name) }
        let dimensions = sorted.map(\.name), key = Self.groupKey(sorted.map(\.value))
        if let index = groupKinds.firstIndex(where: { $0.dimensions == dimensions }) {
            groupKinds[index].members[key] = groupParts
        } else {
            groupKinds.append(GroupKind(dimensions: dimensions, members: [key: groupParts]))
        }
    }

    private static func groupKey(_ values: [String]) -> String { values.joined(separator: "\u{1F}") }

    /// Group kind `index` with `names` moved from its key to its parts (as attributes).
    private func regroup(_ index: Int, asParts names: [XMLName]) {
        let kind = groupKinds[index]
        var members = [String: [GroupPart]]()
        // In the order of the keys, so that which of two members alike is kept is the same each run.
        for (key, parts) in kind.members.sorted(by: { $0.key < $1.key }) {
            let values = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            var kept = [String](), moved = parts
            for (dimension, value) in zip(kind.dimensions, values) {
                if names.contains(dimension) { moved.append((.attribute, dimension, value)) } else { kept.append(value) }
            }
            // Two members alike but for the moved names: the first, as a repeated member is kept.
            if members[Self.groupKey(kept)] == nil { members[Self.groupKey(kept)] = moved }
        }
        groupKinds[index] = GroupKind(dimensions: kind.dimensions.filter { !names.contains($0) }, members: members)
    }

    /// Adds to `components` the parts it lacks of the groups of `kinds` that `key` matches.
    private func joinGroups(_ kinds: [Int], key: [(name: XMLName, value: String)], to components: inout Components) {
        for index in kinds {
            let kind = groupKinds[index]
            var values = [String]()
            for dimension in kind.dimensions {
                guard let value = key.first(where: { $0.name == dimension })?.value else { break }
                values.append(value)
            }
            guard values.count == kind.dimensions.count, let parts = kind.members[Self.groupKey(values)] else { continue }
            for part in parts { components.add(part.role, part.name, part.value) }
        }
    }

    // MARK: - Structure-specific

    private func startStructureSpecific(_ name: XMLName) throws {
        if name == compName {
            throw complexAttribute()
        }
        if name == seriesName {
            startSeries()
            readComponents(into: &series, memo: &seriesRoles)
            inSeries = !xml.isEmptyElement
        } else if name == obsName {
            obs.reset()
            obsLine = xml.line
            obsElement = xml.element
            readComponents(into: &obs, memo: &obsRoles)
            if observationDimension != periodName, observationDimension != allDimensionsName {
                readExplicitMeasure()
            }
            if xml.isEmptyElement {
                try emit()
            } else {
                inObs = true
            }
        }
    }

    /// The observation's value of the dimension at the observation, when the message gives it as
    /// the observation's `xsi:type` (explicit measures: Eurostat's `<Obs xsi:type="demo:TFRNSI"
    /// OBS_VALUE="1.82"/>` under `dimensionAtObservation="DEMO"`): the type's local name.
    /// (Compared as text: a name interned once the file is being read is not libxml2's own.)
    private func readExplicitMeasure() {
        let id = observationDimensionID
        guard !obs.dimensions.contains(where: { xml.string($0.name) == id }) else { return }
        var measure: String?
        xml.forEachAttribute { name, text, qualified in
            guard qualified, name == typeName else { return }
            let type = text.string
            measure = type.lastIndex(of: ":").map { String(type[type.index(after: $0)...]) } ?? type
        }
        // A schema type of the generator's (`ns:ObsType`) names no measure: the observation is
        // then missing its dimension, and says so.
        if let type = measure, type.hasSuffix("Type") { measure = nil }
        if let measure, !measure.isEmpty { obs.set(.dimension, observationDimension, measure) }
    }

    /// An SDMX-ML 3.0 complex attribute (`<Comp id="OBS_STATUS"><Value>A</Value><Value>F</Value></Comp>`):
    /// several values, or text in several languages, that one attribute value cannot hold.
    private func complexAttribute() -> BaselineError {
        var id = "?"
        xml.forEachAttribute { name, text, qualified in
            if !qualified, name == idName { id = text.string }
        }
        return xml.errorAtElement("'\(id)' is an SDMX-ML 3.0 complex attribute (a Comp element: several values or languages), which this adapter does not read",
                                  hint: "ask the publisher for the data as SDMX-ML 2.1, or 3.0 without complex attributes")
    }

    private func readComponents(into components: inout Components, memo: inout RoleMemo) {
        var position = 0
        xml.forEachAttribute { name, text, qualified in
            guard !qualified else { return }
            let role: Role
            if let known = memo.role(at: position, name) {
                role = known
            } else {
                role = self.role(of: name, value: text.bytes)
                memo.remember(role, at: position, name)
            }
            if role == .measure {
                components.reading = values.read(bytes: text.bytes)
                if components.reading == nil { components.set(.measure, name, text.string) }
            } else {
                components.set(role, name, memo.value(at: position, text.bytes))
            }
            position += 1
        }
    }

    // MARK: - Generic

    private func startGeneric(_ name: XMLName) throws {
        switch name {
        case seriesName:
            startSeries()
            inSeries = !xml.isEmptyElement
        case obsName:
            obs.reset()
            obsLine = xml.line
            obsElement = xml.element
            inObs = !xml.isEmptyElement
            if !inObs { try emit() }
        case groupKeyName:
            target = .groupKey
        case seriesKeyName:
            target = .seriesKey
        case obsKeyName:
            target = .obsKey
        case attributesName:
            target = inObs ? .obsAttributes : inSeries ? .seriesAttributes : inGroup ? .groupAttributes : .dataSetAttributes
        case valueName:
            let (id, value) = idAndValue()
            guard let id else { return }
            let component = xml.intern(id)
            let keyRole: Role = component == periodName ? .period : .dimension
            switch target {
            case .none: break
            case .seriesKey: series.set(keyRole, component, value)
            case .obsKey: obs.set(keyRole, component, value)
            case .groupKey: if keyRole == .dimension { groupKey.append((component, value)) }
            case .groupAttributes: groupParts.append((attributeRole(of: component), component, value))
            case .dataSetAttributes: dataSet.set(attributeRole(of: component), component, value)
            case .seriesAttributes: series.set(attributeRole(of: component), component, value)
            case .obsAttributes: obs.set(attributeRole(of: component), component, value)
            }
        case obsDimensionName:
            let (id, value) = idAndValue()
            let component = id.map(xml.intern) ?? observationDimension
            obs.set(component == periodName ? .period : .dimension, component, value)
        case obsValueName:
            let text = idAndValue().value
            obs.reading = values.read(text)
            if obs.reading == nil { obs.set(.measure, obsValueName, text) }
        default:
            break
        }
    }

    private func idAndValue() -> (id: String?, value: String) {
        var id: String?
        var value = ""
        xml.forEachAttribute { name, text, _ in
            if name == idName { id = text.string }
            if name == valueAttributeName { value = text.string }
        }
        return (id, value)
    }

    // MARK: - Roles

    private func role(of name: XMLName) -> Role {
        if let known = roles[name] { return known }
        let id = xml.string(name)
        // The dimension at the observation was interned from the header once reading had begun,
        // so it is not libxml2's pointer for the name the groups and observations write: the
        // first time the file writes it, that pointer becomes the one every comparison uses
        // (compared as they were, the ECB's cross-sectional sibling groups lost their key
        // CURRENCY, and all four currencies took one's unit and title, a different one each run).
        if id == observationDimensionID, name != observationDimension { observationDimension = name }
        let role: Role
        switch id {
        case options.measure: role = .measure
        case options.period: role = .period
        case options.area.dimension: role = .dimension
        case options.area.attribute: role = .area
        case options.name, options.unitMultiplier: role = .attribute
        case options.unit: role = .unit
        case options.count: role = .count
        case options.denominator: role = .denominator
        case options.lower: role = .lower
        case options.upper: role = .upper
        case options.statusAttribute: role = .status
        default:
            if options.confidentialityAttributes.contains(id) {
                role = .confidentiality
            } else if let order = dimensionOrder {
                role = order[name] != nil ? .dimension : .attribute
            } else if indicatorNames?.contains(name) == true {
                role = .dimension
            } else {
                role = SDMXOptions.commonAttributes.contains(id) || options.attributes.contains(id) ? .attribute : .dimension
                if role == .dimension { guessedDimensions.insert(name) }
            }
        }
        roles[name] = role
        return role
    }

    /// The role of `name` met with the value `bytes` where its role is not yet memoised: as
    /// `role(of:)`, but a name taken for a dimension only for want of a list, whose first value is
    /// no code (`COUNTRY_UPDATE_DATE="9/23/2025"`, a title with spaces), is an attribute. Decided
    /// at the first value and kept, so that every series of the file makes its id alike.
    private func role(of name: XMLName, value bytes: UnsafeBufferPointer<UInt8>) -> Role {
        let role = role(of: name)
        guard role == .dimension, !guessedDimensions.isEmpty, guessedDimensions.remove(name) != nil,
              !bytes.isEmpty, !SDMXOptions.isCode(bytes) else { return role }
        roles[name] = .attribute
        return .attribute
    }

    /// The role of a component found among a generic message's attributes: never a dimension.
    private func attributeRole(of name: XMLName) -> Role {
        switch role(of: name) {
        case .dimension, .period, .measure: .attribute
        case let other: other
        }
    }

    // MARK: - Observations

    private func startSeries() {
        series.reset()
        shared = nil
    }

    /// The components the observations of the current series share; the area, indicator and
    /// key too when the series key holds every dimension but the period.
    private func sharedComponents() throws -> Shared {
        if let shared { return shared }
        var groupsAtObservation = [Int]()
        if !groupKinds.isEmpty {
            // A structure-specific group's attribute that `role(of:)` took for a dimension (an id
            // of the publisher's own, such as OBS_COMMENT) is in no series key: the group would
            // match no series and its unit and title be lost without a word. Such a name is a
            // part of the group, once a series shows it is none of its dimensions (nor the one
            // at the observation).
            if !series.dimensions.isEmpty, observationDimension != allDimensionsName {
                for index in groupKinds.indices {
                    let misread = groupKinds[index].dimensions.filter { dimension in
                        dimension != observationDimension && !series.dimensions.contains { $0.name == dimension }
                    }
                    if !misread.isEmpty { regroup(index, asParts: misread) }
                }
            }
            var groupsAtSeries = [Int]()
            for (index, kind) in groupKinds.enumerated() {
                if kind.dimensions.allSatisfy({ dimension in series.dimensions.contains { $0.name == dimension } }) {
                    groupsAtSeries.append(index)
                } else {
                    groupsAtObservation.append(index)
                }
            }
            joinGroups(groupsAtSeries, key: series.dimensions, to: &series)
        }
        var attributes = [String: String]()
        addAttributes(dataSet.attributes, status: dataSet.status, confidentiality: dataSet.confidentiality, to: &attributes)
        addAttributes(series.attributes, status: series.status, confidentiality: series.confidentiality, to: &attributes)
        if let name = attributes[options.name] ?? options.nameFallbacks.lazy.compactMap({ attributes[$0] }).first, !name.isEmpty {
            attributes["indicator_name"] = name
        }
        // The fields are read one by one (handing `series` and `dataSet` on whole copied each).
        let made = Shared(resolved: obs.dimensions.isEmpty && obs.area == nil ? try resolve() : nil, attributes: attributes,
                          period: series.period ?? dataSet.period, area: series.area ?? dataSet.area,
                          unit: Self.unit(series.unit ?? dataSet.unit ?? options.unitFallbacks.lazy.compactMap({ attributes[$0] }).first,
                                          multiplier: attributes[options.unitMultiplier]),
                          count: series.count ?? dataSet.count, denominator: series.denominator ?? dataSet.denominator,
                          lower: series.lower ?? dataSet.lower, upper: series.upper ?? dataSet.upper,
                          status: series.status ?? dataSet.status,
                          confidentiality: (series.confidentiality ?? dataSet.confidentiality)?.value)
        made.groupsAtObservation = groupsAtObservation
        shared = made
        return made
    }

    /// Adds a dataset's or series' attributes. (Given the fields, not the `Components`: handing
    /// on a stored `Components` copied the whole of it, a dozen strings and two arrays, for each series.)
    private func addAttributes(_ named: [(name: XMLName, value: String)], status: String?,
                               confidentiality: (name: XMLName, value: String)?, to attributes: inout [String: String]) {
        for (name, value) in named { attributes[xml.string(name)] = value }
        if let status { attributes[options.statusAttribute] = status }
        if let (name, value) = confidentiality { attributes[xml.string(name)] = value }
    }

    /// An observation that lacks a dimension the options name. Before any observation has been
    /// read it stops the run (the options, not the data, are likely wrong); after, it is that
    /// observation's fault and sets it aside.
    private struct MissingDimension: Error {
        let error: BaselineError
    }

    /// Whether an observation has been read whole: from then on one that lacks a dimension is a bad record.
    private var readOne = false

    private func emit() throws {
        do {
            let common = try sharedComponents()
            if !common.groupsAtObservation.isEmpty {
                joinGroups(common.groupsAtObservation, key: series.dimensions + obs.dimensions, to: &obs)
            }
            if obs.dimensions.isEmpty, obs.area == nil, let resolved = common.resolved {
                if obs.isPlain, let reading = obs.reading, let period = obs.period ?? common.period,
                   let fields = plainFields(common, resolved),
                   builder.add(fields, period: period, reading: reading, status: obs.status ?? common.status,
                               confidentiality: common.confidentiality, attributes: mergedAttributes(common), line: obsLine) {
                    readOne = true
                    return
                }
                try emit(common, resolved)
            } else {
                try emit(common, try resolve())
            }
            readOne = true
        } catch let missing as MissingDimension {
            guard readOne else { throw missing.error }
            builder.reject(missing.error.message, element: obsElement, line: obsLine, path: nil, content: describeObservation())
        }
    }

    /// The fields a plain observation of the series takes from it (see `Components.isPlain`),
    /// checked at the series' first: `nil` when they do not pass (then each goes through
    /// `builder.add` with its fields, to be set aside with the reason).
    @inline(__always)
    private func plainFields(_ common: Shared, _ resolved: Resolved) -> ObservationBuilder.SeriesFields? {
        if !common.plainChecked {
            common.plainChecked = true
            common.plain = builder.seriesFields(area: resolved.area, indicator: resolved.indicator, unit: common.unit,
                                                count: common.count, denominator: common.denominator, lower: common.lower,
                                                upper: common.upper, path: resolved.key)
        }
        return common.plain
    }

    private func emit(_ common: Shared, _ resolved: Resolved) throws {
        guard let period = obs.period ?? common.period else { throw missingDimension(options.period, "sdmx.period") }
        // A unit on the observation (a flat message) takes the observation's multiplier, else the series'.
        let unit = obs.unit.map { unit in
            Self.unit(unit, multiplier: obs.attributes.first { $0.name == unitMultiplierName }?.value
                        ?? common.attributes[options.unitMultiplier])
        } ?? common.unit
        builder.add(area: resolved.area, period: period, indicator: resolved.indicator, reading: obs.reading, value: obs.measure,
                    unit: unit, count: obs.count ?? common.count,
                    denominator: obs.denominator ?? common.denominator, lower: obs.lower ?? common.lower,
                    upper: obs.upper ?? common.upper, status: obs.status ?? common.status,
                    confidentiality: obs.confidentiality?.value ?? common.confidentiality,
                    attributes: mergedAttributes(common), line: obsLine, element: obsElement, path: resolved.key,
                    content: self.describeObservation())
    }

    /// Area, indicator and key from the series' and the observation's dimensions.
    private func resolve() throws -> Resolved {
        var dimensions = obs.dimensions.isEmpty ? series.dimensions : series.dimensions + obs.dimensions
        if let order = dimensionOrder {
            dimensions = dimensions.enumerated().sorted {
                (order[$0.element.name] ?? Int.max, $0.offset) < (order[$1.element.name] ?? Int.max, $1.offset)
            }.map(\.element)
        }
        var area: String?
        switch options.area {
        case .dimension: break
        case .attribute: area = obs.area ?? series.area ?? dataSet.area
        case .fixed(let code): area = code
        }
        var key = ""
        var indicator = ""
        var indicatorParts = 0
        for (name, value) in dimensions {
            if !key.isEmpty { key += "." }
            key += value
            if name == areaName {
                area = value
            } else if indicatorNames == nil {
                indicator = indicatorParts == 0 ? value : indicator + "." + value
                indicatorParts += 1
            }
        }
        guard let area else {
            guard let id = options.area.attribute else { throw missingDimension(options.area.dimension ?? "", "sdmx.area") }
            throw MissingDimension(error: xml.error(atElement: obsElement, line: obsLine,
                                                    "the observation has no attribute '\(id)', on itself, its series or its dataset",
                                                    hint: "set `sdmx.area:` to where the area is, or `{ value: CODE }` for a file of one area"))
        }
        if let indicatorNames {
            indicator = try indicatorNames.map { name in
                guard let value = dimensions.first(where: { $0.name == name })?.value else {
                    throw missingDimension(xml.string(name), "sdmx.indicator")
                }
                return value
            }.joined(separator: ".")
            try checkLeftOut(dimensions, area: area, indicator: indicator, indicatorNames)
        } else if indicatorParts == 0 {
            throw MissingDimension(error: xml.error(
                atElement: obsElement, line: obsLine,
                "the observation's key has no dimension left for the indicator id once the area (\(options.area.described)) and '\(options.period)' are taken",
                hint: "set `sdmx.indicator:` to the dimension(s) that name the indicator"))
        }
        return Resolved(area: area, indicator: indicator, key: key)
    }

    /// Stops the run when two series give an area the same indicator id but differ in a key
    /// dimension that `sdmx.indicator` leaves out (Eurostat's demography with `indicator: DEMO`
    /// leaves out `SEX`): their values would mix under one id. Remembers, per area and id, the
    /// left-out dimensions of the first series that gave it (bounded by the number of series).
    private func checkLeftOut(_ dimensions: [(name: XMLName, value: String)], area: String, indicator: String,
                              _ indicatorNames: [XMLName]) throws {
        func isLeftOut(_ dimension: (name: XMLName, value: String)) -> Bool {
            dimension.name != areaName && !indicatorNames.contains(dimension.name)
        }
        // Most files leave nothing out: checked before making an array (once per series in a
        // series message; per observation where observations hold dimensions).
        guard dimensions.contains(where: isLeftOut) else { return }
        let others = dimensions.filter(isLeftOut)
        let id = area + "\u{1F}" + indicator
        guard let first = leftOut[id] else {
            leftOut[id] = (others, obsLine)
            return
        }
        let differing = others.filter { dimension in !first.dimensions.contains { $0.name == dimension.name && $0.value == dimension.value } }
        guard !differing.isEmpty || first.dimensions.count != others.count else { return }
        func listed(_ dimensions: [(name: XMLName, value: String)]) -> String {
            dimensions.map { "\(xml.string($0.name))=\($0.value)" }.joined(separator: ", ")
        }
        let ids = (differing.isEmpty ? others : differing).map { "`\(xml.string($0.name))`" }.joined(separator: ", ")
        throw xml.error(atElement: obsElement, line: obsLine,
                        "this series and the one at line \(first.line) both give area '\(area)' the indicator id '\(indicator)', but differ in dimensions `sdmx.indicator` leaves out (here \(listed(others)); there \(listed(first.dimensions))): their values would mix",
                        hint: "add \(ids) to `sdmx.indicator`, or leave `sdmx.indicator` out (every key dimension but the area and period then makes the id)")
    }

    private func missingDimension(_ id: String, _ option: String) -> MissingDimension {
        var present = (series.dimensions + obs.dimensions).map { xml.string($0.name) }
        if series.period != nil || obs.period != nil { present.append(options.period) }
        let listed = present.isEmpty ? "no dimensions" : "dimensions " + present.joined(separator: ", ")
        return MissingDimension(error: xml.error(atElement: obsElement, line: obsLine,
                                                 "the observation has no dimension '\(id)' (its key has \(listed))",
                                                 hint: option == "sdmx.area"
                                                     ? "set `sdmx.area:` to the dimension that holds it, `{ attribute: NAME }` when a series attribute holds it, or `{ value: CODE }` when the whole dataset is one area"
                                                     : "set `\(option):` to the dimension that holds it"))
    }

    /// The series' attributes with the observation's. Observations usually carry nothing but a
    /// status code, the same as the last one's: then the series' dictionary for that code is
    /// shared, so that a million observations do not make a million dictionaries.
    private func mergedAttributes(_ common: Shared) -> [String: String] {
        guard obs.attributes.isEmpty else {
            var merged = common.attributes
            addCodes(to: &merged)
            for (name, value) in obs.attributes {
                merged[xml.string(name)] = value
                if name == nameName, !value.isEmpty { merged["indicator_name"] = value }
            }
            return merged
        }
        if obs.status == nil, obs.confidentiality == nil { return common.attributes }
        // Series without attributes of their own (the usual case in large files) share one cache.
        let confidentiality = obs.confidentiality?.value
        if let cached = common.attributes.isEmpty ? codesOnly : common.withCodes, cached.status == obs.status,
           cached.confidentiality == confidentiality {
            return cached.attributes
        }
        var merged = common.attributes
        addCodes(to: &merged)
        let coded = CodedAttributes(status: obs.status, confidentiality: confidentiality, attributes: merged)
        if common.attributes.isEmpty {
            codesOnly = coded
        } else {
            common.withCodes = coded
        }
        return merged
    }

    private func addCodes(to attributes: inout [String: String]) {
        if let status = obs.status { attributes[options.statusAttribute] = status }
        if let (name, value) = obs.confidentiality { attributes[xml.string(name)] = value }
    }

    /// The unit with its multiplier (SDMX `UNIT_MULT`, a power of ten) in words: `EUR (millions)`.
    /// A multiplier of 0, or none, leaves the unit as it is.
    static func unit(_ unit: String?, multiplier: String?) -> String? {
        guard let multiplier, let power = Int(multiplier.trimmingCharacters(in: .whitespaces)), power != 0 else { return unit }
        let words = [3: "thousands", 6: "millions", 9: "billions", 12: "trillions"][power] ?? "× 10^\(power)"
        return unit.map { "\($0) (\(words))" } ?? words
    }

    private static func describe(_ reading: ValueReader.Reading) -> String {
        switch reading.value {
        case .number(let number): String(number)
        case .missing(let reason): reason.rawValue
        }
    }

    /// The observation's components as `ID=value` pairs, for the quarantine file.
    private func describeObservation() -> String {
        var parts = (series.dimensions + obs.dimensions).map { "\(xml.string($0.name))=\($0.value)" }
        if let id = options.area.attribute, let area = obs.area ?? series.area ?? dataSet.area { parts.append("\(id)=\(area)") }
        if let period = obs.period ?? series.period { parts.append("\(options.period)=\(period)") }
        if let measure = obs.measure ?? obs.reading.map(Self.describe) { parts.append("\(options.measure)=\(measure)") }
        if let status = obs.status { parts.append("\(options.statusAttribute)=\(status)") }
        if let (name, value) = obs.confidentiality { parts.append("\(xml.string(name))=\(value)") }
        parts += obs.attributes.map { "\(xml.string($0.name))=\($0.value)" }
        return parts.joined(separator: " ")
    }
}
