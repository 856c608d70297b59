// Fuzzes the report template parser (BaselineTemplates' Template): parsing, the name check with
// its "did you mean" suggestion, and rendering with the report's Markdown escaping.
import BaselineCore
import BaselineTemplates
import BaselineText
import FuzzSupport

/// The shape of the values below (a part of the text-report sink's), for the name check.
private let reportShape: TemplateShape = .fields(["period", "survey", "themes", "gaps"], [
    "place": .fields(["name", "code"]),
    "indicators": .list(of: .fields(["name", "value", "is_worse"])),
    "worse": .list(of: .value),
    "better": .list(of: .value),
    "priorities": .list(of: .fields(["rank", "name", "text", "positive"])),
])

/// A context with every kind of value, for rendering.
private let context: TemplateValue = [
    "place": ["name": "Millbrook", "code": "E07999001"],
    "period": "2025",
    "indicators": [["name": "Smoking", "value": "14.2", "is_worse": true], ["name": "Obesity", "value": ""]],
    "worse": [],
    "better": ["a", "b"],
    "survey": true,
    "themes": false,
    "gaps": .null,
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var rendered = false
    expectingLocatedErrors {
        _ = try Template(source: source, name: "fuzz.mustache", shape: reportShape).render(context, escaping: PeopleText.markdown)
        rendered = true
    }
    guard !rendered else { return 0 }
    // Unknown names are the commonest failure of a mutated template: accept every word in it
    // (as a text, and as an object holding every word as a text, for dotted names), so that
    // rendering is reached for those too.
    let words = Array(Set(source.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)).prefix(200))
    expectingLocatedErrors {
        _ = try Template(source: source, name: "fuzz.mustache", shape: .fields(words)).render(context, escaping: PeopleText.markdown)
    }
    expectingLocatedErrors {
        let inner = TemplateShape.fields(words)
        _ = try Template(source: source, name: "fuzz.mustache", shape: .object(Dictionary(uniqueKeysWithValues: words.map { ($0, inner) })))
            .render(context, escaping: PeopleText.markdown)
    }
    return 0
}
