import BaselineConfig
import BaselineCore
import BaselineSchema
import Foundation
import Yams
import BaselineText

/// A pipeline over a list of places: the pipeline file names `places:` (a CSV, see `PlacesFile`)
/// instead of one `place:`, and each place gets the baseline a one-place pipeline of it would
/// write.
///
/// ```yaml
/// places: ../samples/programme/places.csv
/// period: 2025
/// benchmarks:                       # england (any role but region or neighbour): every place's;
///   - { code: E92000001, name: England, role: england }
///   - { code: E12999001, name: Midshire region, role: region }   # region, neighbour: names only
/// sources:
///   - id: staff-survey
///     adapter: csv-survey
///     path: ../samples/{slug}/staff-survey-2025.csv    # per place: read for each place
///   - id: place-indicators
///     adapter: xml-dataset
///     path: ../samples/programme/indicators-sdmx.xml   # shared: read once for every place
/// ```
///
/// A place's pipeline is this file with `places:` replaced by the place (`name`, `code`,
/// `slug`), `benchmarks:` by its own (the common ones, then its region, then its neighbours),
/// and the placeholders (`{slug}`, `{code}`, `{name}`, `{<column>}`) in the values of
/// `sources:`, `transforms:`, `sinks:`, `privacy:` and `outcomes:` by its row's values (braces
/// naming no column are left alone, but in a path they are an error). A source whose entry names
/// no placeholder is *shared*: the run reads it once for every place.
public struct Programme {
    /// The pipeline file.
    public let file: String
    /// The places file, read and checked.
    public let placesFile: PlacesFile
    /// The period.
    public let period: String
    /// The position in `sources:` of each shared source (read once for every place).
    public let sharedSources: [Int]
    /// The ids of the shared sources, in the same order.
    public let sharedSourceIDs: [String]

    /// The shared source a run may route by area, and the positions in `transforms:` of the
    /// stages that take its observations (see `ProgrammeRunner`); `nil`: every shared source
    /// is broadcast, each place given every record.
    let routing: (source: Int, stages: [Int])?

    private let root: Node.Mapping
    private let benchmarks: [Area]
    private let registry: PluginRegistry

    /// Whether the pipeline file names `places:` (a programme) rather than one `place:`.
    public static func namesPlaces(_ file: String) throws -> Bool {
        guard case .mapping(let mapping) = try Pipeline.root(of: file) else { return false }
        return mapping.value(forKey: "places") != nil && mapping.value(forKey: "place") == nil
    }

    /// Reads the pipeline file and its places file and checks what is common to every place:
    /// the places, the benchmarks they name, the placeholders in paths.
    public init(file: String, registry: PluginRegistry) throws {
        self.file = file
        self.registry = registry
        let node = try Pipeline.root(of: file)
        let top = try Entry(node: node, file: file, what: "the pipeline")
        try top.allow(["places", "period", "benchmarks", "privacy", "outcomes", "sources", "transforms", "sinks"])
        root = top.mapping
        let base = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
        let decoder = NodeDecoder(file: file, userInfo: [.baseDirectory: base])
        let placesNode = try top.required("places")
        guard case .scalar(let placesPath) = placesNode, !placesPath.string.isEmpty else {
            throw BaselineError(file: file, line: placesNode.mark?.line, column: placesNode.mark?.column,
                                "`places:` should be the path of a CSV of places", hint: "e.g. `places: ../samples/programme/places.csv`")
        }
        let resolved = URL(fileURLWithPath: placesPath.string, relativeTo: URL(fileURLWithPath: base + "/")).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: resolved) else {
            throw BaselineError(file: file, line: placesNode.mark?.line, column: placesNode.mark?.column,
                                "the places file \(placesPath.string) is not there", hint: "check the path: it is relative to the pipeline file")
        }
        placesFile = try PlacesFile(path: placesPath.string, resolved: resolved)
        period = try decoder.decode(String.self, from: try top.required("period"))
        benchmarks = try top.optional("benchmarks").map {
            try decoder.decode([Area].self, from: $0, codingPath: [AnyKey(stringValue: "benchmarks")])
        } ?? []
        let pathKeys = Set((registry.sources.flatMap { $0.options } + registry.stages.flatMap { $0.options } + registry.sinks.flatMap { $0.options })
            .filter { $0.type.contains("path") }.map(\.name)).union(["names_file"])

        // Every path's placeholders and every place's benchmarks, checked now: an error names the cell.
        let known = Set(placesFile.header + ["slug", "code", "name"])
        for key in ["sources", "transforms", "sinks"] {
            for item in try top.optionalList(key, file: file) {
                guard case .mapping(let mapping) = item else { continue }
                for (key, value) in mapping where pathKeys.contains(key.string ?? "") {
                    try Self.checkPlaceholders(in: value, file: file, known: known)
                }
            }
        }
        if let outcomes = top.optional("outcomes") { try Self.checkPlaceholders(in: outcomes, file: file, known: known) }
        if case .mapping(let privacy)? = top.optional("privacy") {
            for (key, value) in privacy where pathKeys.contains(key.string ?? "") { try Self.checkPlaceholders(in: value, file: file, known: known) }
        }
        // A source whose entry names no placeholder anywhere is the same for every place: shared.
        var shared = [Int]()
        var ids = [String]()
        for (index, source) in (try top.optionalList("sources", file: file)).enumerated() where !Self.names(known, in: source) {
            shared.append(index)
            ids.append((try? Entry(node: source, file: file, what: "a source").string("id")) ?? "")
        }
        sharedSources = shared
        sharedSourceIDs = ids
        routing = Self.routing(top, shared: shared, known: known, registry: registry)
        // Every place's benchmarks are named, or the first place's error says which other
        // lines have the same problem: fixed one run at a time, a long places file took as many
        // runs as it had unknown codes.
        var unnamed = [BaselineError]()
        for place in placesFile.places {
            do { _ = try areas(for: place) } catch let error as BaselineError { unnamed.append(error) }
        }
        if var first = unnamed.first {
            let others = unnamed.dropFirst().compactMap(\.line)
            if !others.isEmpty {
                first.message += "; so are codes on \(others.count == 1 ? "line" : "lines") "
                    + others.map(String.init).joinedInWords + " of the places file"
            }
            throw first
        }
    }

    /// The shared source that can be routed by area, with the record stages that take its
    /// observations — when the pipeline allows it, judged from what its plugins declare:
    /// one source gives observations (by its adapter's `records`) and it is shared; every record
    /// stage whose contract takes observations is an `AreaRoutedStage` (so not `join`, which must
    /// see every name; the runner checks the stages it makes too) and names no placeholder (the
    /// same for every place, so one shared pass serves them all); no sink takes records. Otherwise `nil`: broadcast, so that the outputs never depend on
    /// the routing.
    private static func routing(_ top: Entry, shared: [Int], known: Set<String>, registry: PluginRegistry) -> (source: Int, stages: [Int])? {
        func kind(_ node: Node, _ key: String) -> String? {
            guard case .mapping(let mapping) = node, case .scalar(let scalar)? = mapping.value(forKey: key) else { return nil }
            return scalar.string
        }
        guard let sources = try? top.optionalList("sources", file: top.file), let transforms = try? top.optionalList("transforms", file: top.file),
              let sinks = try? top.optionalList("sinks", file: top.file) else { return nil }
        var observing = [Int]()
        for (index, source) in sources.enumerated() {
            guard let plugin = registry.sources.first(where: { $0.kind == kind(source, "adapter") }) else { return nil }
            if plugin.records.contains(.observation) { observing.append(index) }
        }
        guard observing.count == 1, let source = observing.first, shared.contains(source) else { return nil }
        var stages = [Int]()
        for (index, stage) in transforms.enumerated() {
            guard let plugin = registry.stages.first(where: { $0.kind == kind(stage, "stage") }) else { return nil }
            guard !(plugin is any DocumentStagePlugin.Type), plugin.contract.records.contains(.observation) else { continue }
            guard plugin is any AreaRoutedStage.Type, !names(known, in: stage) else { return nil }
            stages.append(index)
        }
        for sink in sinks {
            guard let plugin = registry.sinks.first(where: { $0.kind == kind(sink, "sink") }), !plugin.takesRecords else { return nil }
        }
        return stages.isEmpty ? nil : (source, stages)
    }

    // MARK: - One place

    /// The pipeline of one place: what a one-place pipeline file of it says.
    public func pipeline(for place: PlacesFile.Place) throws -> Pipeline {
        try Pipeline(file: file, root: root(for: place), registry: registry)
    }

    /// The places of the `index`-th of `count` shards (0-based): the places sorted by code, dealt
    /// round-robin. The same list and count always give the same shards, and together they hold
    /// every place once.
    public func places(shard index: Int, of count: Int) -> [PlacesFile.Place] {
        placesFile.places.sorted { $0.code < $1.code }.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    /// The place's benchmarks: the pipeline's common ones (any role but `region` and
    /// `neighbour`), then its region, then its neighbours, named from the places file or the
    /// pipeline's `benchmarks:`.
    func areas(for place: PlacesFile.Place) throws -> [Area] {
        let named = Dictionary(benchmarks.map { ($0.code, $0.name) } + placesFile.places.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        func area(_ code: String, role: String, column: String) throws -> Area {
            guard let name = named[code] else {
                let field = placesFile.header.firstIndex(of: column) ?? 0
                // Every code of the cell the place's benchmarks do not name, at once.
                let cell = role == "region" ? [code] : place.neighbours.filter { named[$0] == nil }
                let codes = cell.map { "'\($0)'" }.joinedInWords
                // Codes run together with spaces or commas (`E06000004 E06000047`): the separator is `;`.
                let runTogether = cell.first { $0.split(whereSeparator: { $0 == " " || $0 == "," }).count > 1 }
                throw BaselineError(file: placesFile.path, line: place.line, column: PlacesFile.column(ofField: field, in: Self.line(place.line, of: placesFile, in: file)),
                                    "the \(role)\(cell.count == 1 ? "" : "s") \(codes) of \(place.name) \(cell.count == 1 ? "is" : "are") neither a place here nor in the pipeline's `benchmarks:`",
                                    hint: runTogether.map { "separate the \(role)s with ';' ('\($0.split(whereSeparator: { $0 == " " || $0 == "," }).joined(separator: ";"))')" }
                                        ?? "add \(cell.count == 1 ? "it" : "each") to `benchmarks:` with its name, e.g. `- { code: \(code), name: …, role: \(role) }`")
            }
            return Area(code: code, name: name, role: role)
        }
        var areas = benchmarks.filter { $0.role != "region" && $0.role != "neighbour" }
        if let region = place.region { areas.append(try area(region, role: "region", column: "region")) }
        for neighbour in place.neighbours { areas.append(try area(neighbour, role: "neighbour", column: "neighbours")) }
        return areas
    }

    /// The pipeline file's mapping for `place`: `place:` for `places:`, its own benchmarks, its
    /// values in the paths.
    private func root(for place: PlacesFile.Place) throws -> Node {
        let scalar = { (text: String) in Node.scalar(Node.Scalar(text, Tag(.str), .doubleQuoted)) }
        let placeNode = Node([(scalar("name"), scalar(place.name)), (scalar("code"), scalar(place.code)), (scalar("slug"), scalar(place.slug))])
        let benchmarkNodes = try areas(for: place).map { area in
            Node([(scalar("code"), scalar(area.code)), (scalar("name"), scalar(area.name)), (scalar("role"), scalar(area.role))])
        }
        var values = place.columns
        values["code"] = place.code
        values["name"] = place.name
        var pairs = [(Node, Node)]()
        for (key, value) in root {
            switch key.string {
            case "places":
                pairs.append((Node.scalar(Node.Scalar("place", .implicit, .plain, key.mark)), placeNode))
            case "benchmarks":
                pairs.append((key, Node(benchmarkNodes)))
            case "sources", "transforms", "sinks", "privacy", "outcomes":
                pairs.append((key, Self.substitute(value, values)))
            default:
                pairs.append((key, value))
            }
        }
        if root["benchmarks"] == nil, !benchmarkNodes.isEmpty { pairs.append((scalar("benchmarks"), Node(benchmarkNodes))) }
        return .mapping(Node.Mapping(pairs, root.tag, root.style, root.mark))
    }

    /// `node` with each `{column}` in its values (not its keys) replaced by the place's value;
    /// braces naming no column (`filename_pattern: "{date}_{kind}"`) are left as they are.
    private static func substitute(_ node: Node, _ values: [String: String]) -> Node {
        switch node {
        case .scalar(let scalar):
            guard scalar.string.contains("{") else { return node }
            var text = scalar.string
            for (name, value) in values { text = text.replacingEvery("{\(name)}", with: value) }
            return .scalar(Node.Scalar(text, scalar.tag, scalar.style, scalar.mark))
        case .sequence(let items):
            return .sequence(Node.Sequence(items.map { substitute($0, values) }, items.tag, items.style, items.mark))
        case .mapping(let mapping):
            return .mapping(Node.Mapping(mapping.map { ($0.key, substitute($0.value, values)) }, mapping.tag, mapping.style, mapping.mark))
        case .alias:
            return node
        }
    }

    /// Whether any value in `node` names one of the placeholders `known`.
    private static func names(_ known: Set<String>, in node: Node) -> Bool {
        switch node {
        case .scalar(let scalar): known.contains { scalar.string.contains("{\($0)}") }
        case .sequence(let items): items.contains { names(known, in: $0) }
        case .mapping(let mapping): mapping.contains { names(known, in: $0.value) }
        case .alias: false
        }
    }

    /// Checks the placeholders (`{slug}`) in a path or list of paths: one that is not a column of
    /// the places file is an error at its position.
    static func checkPlaceholders(in node: Node, file: String, known: Set<String>) throws {
        switch node {
        case .scalar(let scalar):
            var rest = scalar.string[...]
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                let name = String(rest[rest.index(after: open)..<close])
                guard known.contains(name) else {
                    let offset = scalar.string.distance(from: scalar.string.startIndex, to: open) + (scalar.style == .plain ? 0 : 1)
                    let hint = closest(to: name, in: Array(known)).map { "did you mean '{\($0)}'?" }
                        ?? "use {slug}, {code}, {name} or a column of the places file: " + known.sorted().map { "{\($0)}" }.joined(separator: ", ")
                    throw BaselineError(file: file, line: scalar.mark?.line, column: scalar.mark.map { $0.column + offset },
                                        "unknown placeholder '{\(name)}': the places file has no column '\(name)'", hint: hint)
                }
                rest = rest[rest.index(after: close)...]
            }
        case .sequence(let items):
            for item in items { try checkPlaceholders(in: item, file: file, known: known) }
        default:
            return
        }
    }

    /// Line `number` of the places file, for a cell's column.
    private static func line(_ number: Int, of places: PlacesFile, in pipeline: String) -> Substring {
        let base = URL(fileURLWithPath: pipeline).deletingLastPathComponent()
        let resolved = URL(fileURLWithPath: places.path, relativeTo: base).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: resolved) else { return "" }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return number - 1 < lines.count ? lines[number - 1] : ""
    }
}
