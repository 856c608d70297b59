import Foundation

/// One cell of a CSV file the tool writes (`tables/*.csv`, `rejects/*.csv`): the one place that
/// decides how a value is written, so that no cell can become a spreadsheet formula.
///
/// A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is one a
/// spreadsheet may run as a formula (`=cmd|' /C calc'!A0`), so it is written with a `'` in
/// front, as OWASP advises ("CSV Injection"); the spreadsheet shows the text as it was. A number
/// is typed as one: only a `Double` or `Int` the tool computed becomes a numeric cell, and a
/// negative number stays a number. Every cell is then quoted as RFC 4180 asks.
public struct CSVCell: Sendable, Equatable {
    /// The cell as it goes between the commas.
    public let field: String

    /// A text cell: neutralised when a spreadsheet would read it as a formula, then quoted.
    public static func text(_ text: String) -> CSVCell {
        CSVCell(field: quoted(neutralised(text)))
    }

    /// The text with a `'` in front when a spreadsheet would read it as a formula: the rule every
    /// text cell the tool writes follows, in CSV files and in the `workbook` sink's sheets alike.
    public static func neutralised(_ text: String) -> String {
        text.unicodeScalars.first.map(formulaTriggers.contains) == true ? "'" + text : text
    }

    /// A numeric cell: whole numbers without a decimal point, others as Swift writes a `Double`
    /// (the shortest text that reads back as the same value); empty for `nil`.
    public static func number(_ value: Double?) -> CSVCell {
        guard let value else { return CSVCell(field: "") }
        return CSVCell(field: value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
    }

    /// A whole-number cell; empty for `nil`.
    public static func number(_ value: Int?) -> CSVCell {
        CSVCell(field: value.map(String.init) ?? "")
    }

    /// The characters that make a spreadsheet read a cell as a formula when they come first.
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// RFC 4180: as it is, or in double quotes with its quotes doubled when it holds a comma,
    /// a quote or a line break.
    private static func quoted(_ text: String) -> String {
        // Most cells hold none of the four bytes, so no such character: no need to look at characters.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }),
              text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingEvery("\"", with: "\"\"") + "\""
    }

    private init(field: String) {
        self.field = field
    }
}

extension [CSVCell] {
    /// The cells as one CSV line (without its line end).
    public var csvLine: String {
        map(\.field).joined(separator: ",")
    }
}
