import BaselineCore
import BaselineStatistics
import BaselineText
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a figure is shown to people — in the brief, the dashboard, the workbook's notes and
/// `baseline diff`'s report: one rule for each kind of figure, so that the same value reads the
/// same everywhere it appears.
///
/// - Decimal places follow the kind of figure: counts (value type `count`, or a unit such as
///   `count`, `number`, `people`…) are whole, every
///   other figure (percentages, rates, years, scores) has one decimal place, kept when it is
///   zero (`19.0 per 1,000 households`, so a column of figures lines up).
/// - A value below 1 in size (not zero) keeps three significant figures instead (a rate of
///   0.0123 does not show as 0.0).
/// - Whole parts have thousands separators (`2,605.6`, `45,210`).
/// - A currency unit (`£`, `$`, `€`, or a code such as `GBP`) goes before the figure
///   (`£557.6`, `GBP 557.6`); `%` straight after it; any other unit after a space.
/// - A change has the decimal places of the figures it is the change between (`58.9 → 59.3%
///   (+0.4)`), and never a sign against them.
/// - Test statistics (`z`, `p`) have three decimals, or scientific notation below 0.001.
///
/// Machine-readable numbers (the `csv-tables` sink, the workbook's cells, `baseline.json`) are
/// not rounded here: they keep full precision (`CSVCell.number`).
public enum Figure {
    /// Units whose figures are whole counts.
    static let countUnits: Set<String> = ["count", "counts", "number", "people", "persons", "respondents"]

    /// The decimal places a figure in `unit` of kind `valueType` (the catalogue's `value_type`)
    /// is shown with: 0 for counts (`12,000 employees`, not `12,000.0`), 1 otherwise.
    public static func places(unit: String?, valueType: String? = nil) -> Int {
        valueType == "count" || unit.map { countUnits.contains($0.lowercased()) } == true ? 0 : 1
    }

    /// A figure with `places` decimals and thousands separators (`2,605.6`); a value below 1 in
    /// size, other than zero, with three significant figures (`0.0123`).
    public static func number(_ value: Double, places: Int = 1) -> String {
        guard value.isFinite else { return value.isNaN ? "—" : (value > 0 ? "∞" : "-∞") }
        if value != 0, abs(value) < 1, places > 0 { return printf("%.3g", value) }
        // printf's digits, grouped in threes, in bytes: the dashboard and the reports show
        // hundreds of figures a run, and Characters cost ten times as much here.
        let text = printf("%.\(places)f", value).utf8
        let negative = text.first == UInt8(ascii: "-")
        let digits = text.dropFirst(negative ? 1 : 0)
        let whole = digits.prefix { $0 != UInt8(ascii: ".") }
        var out: [UInt8] = []
        out.reserveCapacity(text.count + whole.count / 3 + 1)
        // `-0.0` is zero: no sign.
        if negative, digits.contains(where: { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) }) { out.append(UInt8(ascii: "-")) }
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(digit)
        }
        out.append(contentsOf: digits.dropFirst(whole.count))
        return String(decoding: out, as: UTF8.self)
    }

    /// A number as a person or a file wrote it rather than a measured figure — an ambition's
    /// target, a gap's percent, an SVG coordinate: up to `places` decimals, no trailing zeros, no
    /// thousands separators (`64`, `2.5`, `1200`).
    public static func plain(_ value: Double, places: Int = 2) -> String {
        let text = printf("%.\(places)f", value)
        guard text.utf8.contains(UInt8(ascii: ".")) else { return text == "-0" ? "0" : text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed.removeLast() }
        if trimmed.last == "." { trimmed.removeLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
    }

    /// A whole number with thousands separators: `1,204`.
    public static func count(_ value: Int) -> String {
        ThousandsSeparators.grouped(value)
    }

    /// A whole-valued `Double` (a published count or denominator) with thousands separators;
    /// any other value as `number` shows it.
    public static func count(_ value: Double) -> String {
        guard value == value.rounded(), abs(value) < 1e15 else { return number(value) }
        return count(Int(value))
    }

    /// A value with its unit, as people read it: `30.2%`, `19.0 per 1,000 households`,
    /// `81.9 years`, `1,204 people`, `£557.6`, `£557.6 per week`.
    public static func value(_ value: Double, unit: String?, valueType: String? = nil) -> String {
        withUnit(number(value, places: places(unit: unit, valueType: valueType)), unit: unit)
    }

    /// A value with the part of its unit that stays with a figure in a list of them (`%` and a
    /// currency: `30.2%`, `£648.4`), not a longer unit (`19.0`, not `19.0 per 1,000 households`),
    /// which the first figure of the sentence carries.
    /// `places`, when given, overrides the unit's decimal places. A currency goes before the
    /// sign's figure (`-£1.2`), as `withUnit` writes it.
    public static func short(_ value: Double, unit: String?, valueType: String? = nil, places: Int? = nil) -> String {
        let figure = number(value, places: places ?? self.places(unit: unit, valueType: valueType))
        let money = prefix(unit), negative = !money.isEmpty && figure.hasPrefix("-")
        return (negative ? "-" : "") + money + (negative ? String(figure.dropFirst()) : figure) + (unit == "%" ? "%" : "")
    }

    /// A figure already written (`557.6`, `-1.2`) with its unit: `%` straight after it, a
    /// currency before it (`£557.6`, `-£1.2`, `GBP 557.6`), any other unit after a space.
    public static func withUnit(_ figure: String, unit: String?) -> String {
        let money = prefix(unit)
        guard !money.isEmpty else { return figure + self.unit(figure == "1" ? singular(unit) : unit) }
        let negative = figure.hasPrefix("-")
        return (negative ? "-" : "") + money + (negative ? String(figure.dropFirst()) : figure) + self.unit(unit)
    }

    /// A unit of one plain word in the plural (`crimes`, `households`, `yrs`) as one of them
    /// (`crime`), for a figure of exactly 1: `1 crime`, not `1 crimes`. Any other unit as it is.
    static func singular(_ unit: String?) -> String? {
        guard let unit, unit.count > 2, unit.hasSuffix("s"), !unit.hasSuffix("ss"),
              unit.allSatisfy({ $0.isLowercase && $0.isLetter }) else { return unit }
        return String(unit.dropLast())
    }

    /// What follows a figure for its unit: `%` straight after it, any other unit after a space
    /// (` per 1,000 households`), nothing without one; of a currency unit, what follows the
    /// currency (` per week` of `£ per week`), which goes before the figure (`prefix`).
    public static func unit(_ unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return "" }
        if let money = currency(unit) { return money.rest.isEmpty ? "" : " " + money.rest }
        return unit == "%" ? "%" : " " + unit
    }

    /// What goes before a figure for its unit: a currency's symbol (`£`), or its code and a
    /// space (`GBP `); nothing for any other unit.
    public static func prefix(_ unit: String?) -> String {
        guard let unit, let money = currency(unit) else { return "" }
        return money.symbol + (currencySymbols.contains(money.symbol) ? "" : " ")
    }

    /// Currency symbols, written before a figure.
    static let currencySymbols = ["£", "$", "€", "¥", "₹"]
    /// ISO 4217 codes of the usual currencies, written before a figure with a space.
    static let currencyCodes: Set<String> = ["GBP", "EUR", "USD", "JPY", "CHF", "CAD", "AUD", "NZD", "INR", "CNY", "SEK", "NOK", "DKK", "PLN"]

    /// The currency a unit is, or starts with (`£`, `£ per week`, `GBP`, `GBP/week`), and the rest.
    static func currency(_ unit: String) -> (symbol: String, rest: String)? {
        let trimmed = unit.trimmingWhitespace(andNewlines: false)
        for symbol in currencySymbols where trimmed.hasPrefix(symbol) {
            return (symbol, trimmed.dropFirst(symbol.count).trimmingWhitespace(andNewlines: false))
        }
        let code = trimmed.prefix { $0.isLetter }
        guard currencyCodes.contains(String(code)) else { return nil }
        let rest = trimmed.dropFirst(code.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "/" else { return nil }
        return (String(code), rest.trimmingWhitespace(andNewlines: false))
    }

    /// A percentage with one decimal place: `44.2%`.
    public static func percent(_ value: Double) -> String {
        number(value) + "%"
    }

    /// A 95% interval, its ends shown as the value is: `29.6–30.9`, or `52.1–61.3%` when
    /// `percent` (the sign once, after the upper end).
    public static func interval(_ lower: Double, _ upper: Double, places: Int = 1, percent: Bool = false) -> String {
        number(lower, places: places) + "–" + number(upper, places: places) + (percent ? "%" : "")
    }

    /// A change with its sign, to as many decimals as the figures it is the change between are
    /// shown with (`from`, `to`): `58.9 → 59.3` changed by `+0.4`, not `+0.344`; `0.0123 →
    /// 0.0145` by `+0.0022`. Without them, to `places` decimals. A change too small to show
    /// keeps the sign of the figures as shown (`58.9 → 59.0`: `+0.0`), never the other way;
    /// between two figures shown the same it has none (`0.0`).
    public static func change(_ value: Double, places: Int = 1, from: Double? = nil, to: Double? = nil) -> String {
        guard value.isFinite else { return number(value) }
        var decimals = places
        var shownOrder: Int?
        if let from, let to {
            let (a, b) = (number(from, places: places), number(to, places: places))
            decimals = max(decimalsShown(a, places: places), decimalsShown(b, places: places))
            shownOrder = a == b ? 0 : (to > from ? 1 : -1)
        }
        // Between two figures shown the same, the change shown is none (58.86 → 58.94 is
        // `58.9 → 58.9`, not `(+0.1)`).
        let magnitude = fixed(shownOrder == 0 ? 0 : abs(value), decimals: decimals)
        let zero = !magnitude.utf8.contains { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) }
        let direction = if let shownOrder, shownOrder != 0 { shownOrder } else if zero, shownOrder == 0 { 0 } else { value < 0 ? -1 : 1 }
        return (direction > 0 ? "+" : direction < 0 ? "-" : "") + magnitude
    }

    /// The decimal places of a figure as `number` wrote it (`0.0123`: 4; `2,605.6`: 1).
    static func decimalsShown(_ text: String, places: Int) -> Int {
        guard !text.contains("e"), let point = text.firstIndex(of: ".") else { return text.contains("e") ? places : 0 }
        return text.distance(from: text.index(after: point), to: text.endIndex)
    }

    /// A non-negative value with exactly `decimals` decimals and thousands separators.
    private static func fixed(_ value: Double, decimals: Int) -> String {
        let parts = printf("%.\(decimals)f", value).split(separator: ".", maxSplits: 1)
        return ThousandsSeparators.grouped(digits: String(parts[0])) + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A test statistic or p-value: three decimals (`0.677`, `-1.660`), or scientific notation
    /// below 0.001 (`8.0e-04`) so that a small p-value does not read as zero.
    public static func statistic(_ value: Double) -> String {
        abs(value) < 0.001 && value != 0 ? printf("%.1e", value) : printf("%.3f", value)
    }

    /// `value` as C's `printf` writes it with `format` (one `double` conversion, the C locale):
    /// what `String(format:)` gives, without Foundation's format parser, a few microseconds a
    /// figure that the brief, dashboard and workbook pay some thousand times a run.
    private static func printf(_ format: String, _ value: Double) -> String {
        var capacity = 32
        while true {
            let (text, needed) = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
                let needed = withVaList([value]) { vsnprintf(buffer.baseAddress!, capacity, format, $0) }
                return (needed >= 0 && needed < capacity ? String(cString: buffer.baseAddress!) : nil, Int(needed))
            }
            if let text { return text }
            guard needed >= capacity else { return String(format: format, value) }
            capacity = needed + 1
        }
    }

    /// A survey share as it is shown, rounded once: the exact share of whole answers behind a
    /// stored two-decimal % positive (12 of 26, stored 46.15, is 46.1538…, shown 46.2%, not
    /// 46.1%); a weighted share (`weighted`) or one no whole count gives, as stored.
    public static func exactShare(_ percent: Double, of responses: Int, weighted: Bool = false) -> Double {
        weighted ? percent : (Proportion.exactPercent(percent, of: responses) ?? percent)
    }

    /// A period as a brief shows it: the publisher's label (`Jan–Mar 2024`) when there is one,
    /// else as a reader would write it (`2024-Q1` → `Jan–Mar 2024`, `2025-04-30` → `30 Apr 2025`,
    /// `2024-11-16/P1Y` → `16 Nov 2024 – 15 Nov 2025`; years and financial years as written).
    public static func period(_ period: String, label: String? = nil) -> String {
        label ?? Period.readable(period)
    }
}
