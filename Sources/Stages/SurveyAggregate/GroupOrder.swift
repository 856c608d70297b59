import Foundation
import BaselineText

/// The order a grouping's values are shown in: bands by their numbers, everything else by its text.
///
/// Survey tools write bands as text (`2-50`, `51-250`, `251-1,000`, `1,000-10,000`, `Greater
/// than 10,000`; `Under 18`, `18-24`, `65+`), and sorted as text they read `1,000-10,000`, `2-50`,
/// `251-1,000`… A value that holds a number is ordered by its first number (thousands
/// separators read as such), one that says "under", "less than", "up to" or "below" it just
/// before that number and one that says "over", "more than", "greater than", "above", "or more"
/// or ends in `+` just after it; then by its text. Values without a number follow those with
/// one, by their text, and the blank value ("(not given)") comes first, as it always has.
enum GroupOrder {
    /// Whether `a` is shown before `b`.
    static func precedes(_ a: String, _ b: String) -> Bool {
        if a.isEmpty || b.isEmpty { return a.isEmpty && !b.isEmpty }
        switch (key(a), key(b)) {
        case (let x?, let y?): return x.number != y.number ? x.number < y.number : x.side != y.side ? x.side < y.side : a < b
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a < b
        }
    }

    /// The first number in `value` and which side of it the value lies (-1 below, 0 at, 1 above).
    static func key(_ value: String) -> (number: Double, side: Int)? {
        let bytes = Array(value.utf8)
        guard let start = bytes.firstIndex(where: isDigit) else { return nil }
        var digits = ""
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if isDigit(byte) {
                digits.append(Character(UnicodeScalar(byte)))
            } else if byte == UInt8(ascii: ","), index + 3 < bytes.count, (1...3).allSatisfy({ isDigit(bytes[index + $0]) }),
                      index + 4 == bytes.count || !isDigit(bytes[index + 4]) {
                // A thousands separator (a comma with exactly three digits after it): skipped.
            } else if byte == UInt8(ascii: "."), index + 1 < bytes.count, isDigit(bytes[index + 1]), !digits.contains(".") {
                digits.append(".")
            } else {
                break
            }
            index += 1
        }
        guard let number = Double(digits) else { return nil }
        // (SurveyMonkey writes `Greater than 10,000` with a no-break space.)
        // A currency between the words and the number (`Over £50,000`) is no word.
        let before = String(decoding: bytes[..<start], as: UTF8.self).lowercased().replacingEvery("\u{A0}", with: " ")
            .filter { !"£$€¥".contains($0) }
        let after = String(decoding: bytes[index...], as: UTF8.self).lowercased()
        if ["under", "less than", "fewer than", "up to", "below"].contains(where: { before.hasSuffix($0 + " ") })
            || after.contains("and under") || after.contains("or less") || after.contains("or under") || after.contains("or fewer") {
            return (number, -1)
        }
        if ["over", "more than", "greater than", "above"].contains(where: { before.hasSuffix($0 + " ") })
            || after.hasPrefix("+") || after.hasPrefix(" +") || after.contains("or more") || after.contains("and over") {
            return (number, 1)
        }
        return (number, 0)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
