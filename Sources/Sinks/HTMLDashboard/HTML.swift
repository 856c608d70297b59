import BaselineCore
import BaselineText

/// Small helpers for writing HTML and SVG by hand: escaping and number formatting.
enum HTML {
    /// Escapes text for element content and attribute values (`PeopleText.html`, shared with
    /// every page the tool writes).
    static func escape(_ text: String) -> String {
        PeopleText.html(text)
    }

    /// A number with at most `places` decimals and no trailing zeros, for SVG coordinates.
    static func number(_ value: Double, places: Int = 1) -> String {
        let text = String(format: "%.\(places)f", value)
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed.removeLast() }
        if trimmed.last == "." { trimmed.removeLast() }
        return String(trimmed)
    }
}
