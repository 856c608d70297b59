/// The data a template is rendered with: text, flags, lists and objects.
public indirect enum TemplateValue: Sendable, Equatable {
    /// Text from the data: written through the render's escaping, so that it shows as itself
    /// and cannot add markup of its own.
    case text(String)
    /// Text already in the output's own syntax (a Markdown table row the model laid out from
    /// escaped pieces): written as it is.
    case markup(String)
    /// A flag: a section renders once when true, never when false.
    case flag(Bool)
    /// A list: a section renders once per item.
    case list([TemplateValue])
    /// Named values.
    case object([String: TemplateValue])
    /// Nothing: renders as empty text, and a section over it does not render.
    case null

    /// Whether a section over this value renders (inverted sections: whether it does not).
    var isTruthy: Bool {
        switch self {
        case .text(let text), .markup(let text): !text.isEmpty
        case .flag(let flag): flag
        case .list(let items): !items.isEmpty
        case .object: true
        case .null: false
        }
    }

    /// The value as text for a `{{name}}` tag, data text passed through `escaping`.
    func rendered(escaping: (String) -> String) -> String {
        switch self {
        case .text(let text): escaping(text)
        case .markup(let markup): markup
        case .flag(let flag): flag ? "yes" : "no"
        case .list(let items): items.map { $0.rendered(escaping: escaping) }.joined(separator: ", ")
        case .object, .null: ""
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
