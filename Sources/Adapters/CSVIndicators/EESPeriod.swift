import BaselineCore

/// Periods as DfE's Explore Education Statistics (EES) writes them: a `time_period` column of
/// digits and a `time_identifier` column that says what they are. An academic, financial or tax
/// year is six digits, its two years run together (`202425`, "Academic year"); a calendar or
/// reporting year, a calendar quarter and a month are a year (`2024` with "Calendar year Q1",
/// "January"). Each is written as `Period` writes periods: `2024-25`, `2024`, `2024-Q1`, `2024-01`.
///
/// Without a time identifier, six digits are read as a two-year period only when they cannot be
/// anything else: the second pair is the year after the first (`202425`) and is not a month, so
/// `201112` (December 2011, or 2011/12?) and every `YYYYZZ` of 2000–2011 are not read.
enum EESPeriod {
    /// The period `published` is under its time identifier (`nil` or empty when the file has
    /// none), written one way; or why it cannot be read.
    static func read(_ published: String, identifier: String?) -> Result<String, Failure> {
        let identifier = identifier?.trimmingSpaces().lowercased() ?? ""
        if identifier.isEmpty {
            if let period = Period(published) { return .success(period.text) }
            if let years = twoYears(published, unambiguous: true) { return .success(years) }
            return .failure(.unread)
        }
        let digits = published.allSatisfy(\.isASCIIDigit)
        switch identifier {
        case "academic year", "financial year", "tax year":
            if digits { return twoYears(published, unambiguous: false).map(Result.success) ?? .failure(.notOfIdentifier) }
            guard let period = Period(published), period.kind == .financialYear else { return .failure(.notOfIdentifier) }
            return .success(period.text)
        case "calendar year", "reporting year":
            guard published.count == 4, digits else { return .failure(.notOfIdentifier) }
            return .success(published)
        default:
            break
        }
        if let quarter = quarter(of: identifier, prefix: "calendar year q") {
            guard published.count == 4, digits else { return .failure(.notOfIdentifier) }
            return .success("\(published)-Q\(quarter)")
        }
        if let quarter = quarter(of: identifier, prefix: "financial year q") {
            // April–June is the financial year's first quarter, the calendar year's second.
            guard digits, twoYears(published, unambiguous: false) != nil, let start = Int(published.prefix(4)) else { return .failure(.notOfIdentifier) }
            return .success(quarter == 4 ? "\(start + 1)-Q1" : "\(start)-Q\(quarter + 1)")
        }
        if let month = months.firstIndex(of: identifier) {
            guard published.count == 4, digits else { return .failure(.notOfIdentifier) }
            return .success("\(published)-\(month < 9 ? "0" : "")\(month + 1)")
        }
        return .failure(.identifierNotRead)
    }

    /// Why a period was not read.
    enum Failure: Error {
        /// No time identifier, and the period is none this tool reads.
        case unread
        /// The period does not fit its time identifier (`2024` as an "Academic year").
        case notOfIdentifier
        /// A time identifier this tool does not read as a period (a term, a week, "Academic year Q1").
        case identifierNotRead
    }

    /// `YYYYZZ` as the two-year period `YYYY-ZZ`, when `ZZ` is the year after `YYYY`; when
    /// `unambiguous`, not when `ZZ` is also a month (01–12), which `YYYYMM` would be.
    static func twoYears(_ text: String, unambiguous: Bool) -> String? {
        guard text.count == 6, text.allSatisfy(\.isASCIIDigit), let start = Int(text.prefix(4)), let next = Int(text.suffix(2)) else { return nil }
        guard next == (start + 1) % 100, !(unambiguous && (1...12).contains(next)) else { return nil }
        return Period(String(text.prefix(4)) + "/" + String(text.suffix(2)))?.text
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                 "october", "november", "december"]

    private static func quarter(of identifier: String, prefix: String) -> Int? {
        guard identifier.hasPrefix(prefix), let number = Int(identifier.dropFirst(prefix.count)), (1...4).contains(number) else { return nil }
        return number
    }
}

extension Character {
    /// `0`–`9`.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
