import BaselineCore
import BaselineFormat
import BaselineText

/// Small helpers for writing HTML and SVG by hand: escaping, and SVG coordinates. Figures people
/// read go through `Figure` (`BaselineFormat`), as in every other sink.
enum HTML {
    /// Escapes text for element content and attribute values (`PeopleText.html`, shared with
    /// every page the tool writes).
    static func escape(_ text: String) -> String {
        PeopleText.html(text)
    }

    /// A coordinate with at most `places` decimals and no trailing zeros: for SVG geometry only,
    /// never for a figure people read.
    static func number(_ value: Double, places: Int = 1) -> String {
        Figure.plain(value, places: places)
    }
}
