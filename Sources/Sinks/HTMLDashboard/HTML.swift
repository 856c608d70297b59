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
    /// never for a figure people read. What `Figure.plain` writes; worked out by `fixed` where
    /// it can (a page has thousands of coordinates, and `plain` goes through `printf`).
    static func number(_ value: Double, places: Int = 1) -> String {
        fixed(value, places: places) ?? Figure.plain(value, places: places)
    }

    /// `Figure.plain(value, places:)` without `printf`: the exact binary value rounded to
    /// `places` decimals, half to even (as `%.*f` rounds it), then trailing zeros and a bare
    /// point dropped and `-0` written `0`. Nil where it does not apply: more than 2 places (the
    /// page uses 1 and 2), a value that is not finite, or one of 2^40 or more. In 64-bit
    /// integers: a significand below 2^53 times at most 100 is below 2^60.
    static func fixed(_ value: Double, places: Int) -> String? {
        guard (0...2).contains(places), value.isFinite, value.magnitude < 0x1p40 else { return nil }
        let scale: UInt64 = [1, 10, 100][places]
        // The value is significand × 2^exponent exactly, with a significand below 2^53.
        let bits = value.magnitude.bitPattern
        let biased = Int(bits >> 52)
        let significand = bits & (1 << 52 - 1) | (biased == 0 ? 0 : 1 << 52)
        let shift = 1075 - max(biased, 1)
        // value × 10^places = product / 2^shift (shift is at least 13 below 2^40), rounded half to even;
        // from a shift of 64 the product is below half of 2^shift.
        let product = significand * scale
        var rounded: UInt64 = 0
        if shift < 64 {
            rounded = product >> shift
            let remainder = product & (1 << shift - 1), half: UInt64 = 1 << (shift - 1)
            if remainder > half || (remainder == half && rounded & 1 == 1) { rounded += 1 }
        }
        var text = (value.sign == .minus ? "-" : "") + String(rounded / scale)
        if places > 0 {
            var fraction = String(rounded % scale)
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            while fraction.last == "0" { fraction.removeLast() }
            if !fraction.isEmpty { text += "." + fraction }
        }
        return text == "-0" ? "0" : text
    }
}
