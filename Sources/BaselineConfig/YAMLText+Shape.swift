import BaselineCore
import CYaml

/// The checks made on YAML's events (libyaml's parser, before any node is composed) that keep
/// a hostile file from costing exponential time:
///
/// - every mapping key is a scalar: no option, codebook field or front-matter key is a list or
///   a mapping, and Yams's check for repeated keys compares such keys whole, so a key built
///   from nested aliases (a "billion laughs" of 9⁸ leaves) took 21 s before being accepted;
/// - aliases (`*name`) repeat at most `aliasBudget` nodes in all, counting an alias of an alias
///   as everything it stands for: a few aliases of a shared block are fine, a bomb is not.
extension YAMLText {
    /// The most nodes aliases may stand for in one text.
    public static let aliasBudget = 10_000

    /// Throws a located error at the first key that is not a scalar, or at the alias that takes
    /// the text past `aliasBudget`. A syntax error is left for the composer to report.
    static func checkShape(_ text: String, file: String, what: String) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var text = text
        try text.withUTF8 { bytes in
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var walk = ShapeWalk()
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                func fail(_ message: String, hint: String) -> BaselineError {
                    BaselineError(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1, "\(what) \(message)", hint: hint)
                }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SCALAR_EVENT:
                    walk.node(size: 1, anchor: Self.name(event.data.scalar.anchor), isCollection: false)
                case YAML_ALIAS_EVENT:
                    let target = walk.anchors[Self.name(event.data.alias.anchor) ?? ""] ?? (1, false)
                    if walk.atKey, target.isCollection {
                        throw fail("has a key that is an alias of a list or a mapping", hint: "write keys as plain text, such as 'name:'")
                    }
                    walk.expanded += target.size
                    if walk.expanded > aliasBudget {
                        throw fail("has aliases (*name) that repeat more than \(aliasBudget) values in all",
                                   hint: "write the repeated part out, or alias smaller parts; aliases of aliases multiply")
                    }
                    walk.node(size: target.size, anchor: nil, isCollection: target.isCollection)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if walk.atKey {
                        throw fail("has a key that is a \(event.type == YAML_SEQUENCE_START_EVENT ? "list" : "mapping")",
                                   hint: "write keys as plain text, such as 'name:'")
                    }
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    walk.open(anchor: Self.name(anchor), isMapping: event.type == YAML_MAPPING_START_EVENT)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    walk.close()
                default:
                    continue
                }
            }
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}

/// Where the event walk is: the open collections and what each anchor stands for.
private struct ShapeWalk {
    /// An open list or mapping: its anchor, its size so far (in nodes, aliases counted whole),
    /// and for a mapping whether the next node is a key.
    struct Frame {
        var anchor: String?
        var size = 1
        var isMapping: Bool
        var atKey: Bool
    }

    var frames = [Frame]()
    /// Per anchor, how many nodes it stands for and whether it is a list or a mapping.
    var anchors = [String: (size: Int, isCollection: Bool)]()
    /// The nodes aliases have stood for so far.
    var expanded = 0

    /// Whether the next node is a mapping key.
    var atKey: Bool { frames.last?.atKey ?? false }

    mutating func open(anchor: String?, isMapping: Bool) {
        frames.append(Frame(anchor: anchor, isMapping: isMapping, atKey: isMapping))
    }

    mutating func close() {
        guard let frame = frames.popLast() else { return }
        node(size: frame.size, anchor: frame.anchor, isCollection: true)
    }

    /// A whole node of `size` nodes: counted in its parent, which (a mapping) then expects a
    /// key or a value in turn.
    mutating func node(size: Int, anchor: String?, isCollection: Bool) {
        if let anchor { anchors[anchor] = (size, isCollection) }
        guard !frames.isEmpty else { return }
        frames[frames.count - 1].size += size
        if frames[frames.count - 1].isMapping { frames[frames.count - 1].atKey.toggle() }
    }
}
