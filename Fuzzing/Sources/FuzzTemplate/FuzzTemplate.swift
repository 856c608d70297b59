// Fuzzes the report template parser (BaselineTemplates' Template): parsing, the name check with
// its "did you mean" suggestion, and rendering with the report's Markdown escaping.
import BaselineCore
import BaselineTemplates
import BaselineText
import FuzzSupport

/// Names a report can use (a part of the text-report sink's list), for the name check.
private let reportNames: Set<String> = ["place", "name", "code", "period", "indicators", "worse", "better", "value", "survey",
                                        "text", "positive", "themes", "quotes", "priorities", "rank", "gaps"]

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
        _ = try Template(source: source, name: "fuzz.mustache", knownNames: reportNames).render(context, escaping: PeopleText.markdown)
        rendered = true
    }
    guard !rendered else { return 0 }
    // Unknown names are the commonest failure of a mutated template: accept every word in it,
    // so that rendering is reached for those too.
    let words = Set(source.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
    expectingLocatedErrors {
        _ = try Template(source: source, name: "fuzz.mustache", knownNames: words.union(reportNames)).render(context, escaping: PeopleText.markdown)
    }
    return 0
}
