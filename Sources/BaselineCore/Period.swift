import Foundation

/// A reporting period as statistics publishers write it, checked and written one way.
///
/// Accepted forms, and the one each is written as:
///
/// | published | kind | written |
/// |---|---|---|
/// | `2024`, `2024-A1` (SDMX) | year | `2024` |
/// | `2024-25`, `2024/25`, `2024/2025` | financial (or academic) year | `2024-25` |
/// | `2021 - 23`, `2021 - 2023`, `2021-23` | pooled calendar years | `2021 - 23` |
/// | `2024-01`, `2024-M01` (SDMX) | month | `2024-01` |
/// | `2024-S1`, `2024-H1` | half year | `2024-S1` |
/// | `2024-Q1`, `2024Q1`, `2024 Q1` | quarter | `2024-Q1` |
/// | `2024-W05`, `2024W05` | ISO week | `2024-W05` |
/// | `2024-01-15`, `2024-01-15T00:00:00` | day | `2024-01-15` |
/// | `2019-01-01/P1Y` and other ISO 8601 intervals | interval (or the period it is) | `2019` |
/// | `2020-01-01/P5Y` | pooled calendar years | `2020 - 24` |
/// | `2023-11-16/P1Y`, `2023-11-16T00:00:00/P1Y` | interval | `2023-11-16/P1Y` |
/// | `01/2004 - 12/2004`, `16/11/2015 - 15/11/2016` (ranges of months or days) | the interval they span, as above | `2004`, `2015-11-16/P1Y` |
///
/// A time of midnight (`T00:00:00`, `T00:00`, `T00`, with zero fractions and a zone such as
/// `Z`) is the date alone: ONS's files wrote their periods with it until October 2025 and without
/// it since, and the same period is one period, whichever way it came. A day at another time is no
/// period; an interval starting at another time is placed by its days and kept as published.
///
/// An interval that is exactly a calendar year, an April-to-March financial year, a quarter or a
/// month is written as that period, so that files publishing the same period two ways agree;
/// any other interval is kept as published. `2010-11`, both a month and a financial year, is
/// read by `Style`: a financial year in UK publications, November 2010 in SDMX (ISO 8601);
/// `2023-24` can only be a financial year.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The kind of period.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A calendar year.
        case year
        /// A year that spans two calendar years: a financial or academic year.
        case financialYear = "financial_year"
        /// Calendar years pooled together (Fingertips `2021 - 23`).
        case years
        /// A half year.
        case half
        /// A quarter.
        case quarter
        /// A month.
        case month
        /// An ISO 8601 week.
        case week
        /// A day.
        case day
        /// Any other ISO 8601 interval (`start/duration`, `start/end`).
        case interval
    }

    /// The period written one way (`2024-25`).
    public let text: String
    /// The kind of period.
    public let kind: Kind

    /// The written form.
    public var description: String { text }

    /// Orders periods in time, as `Position` does: the one order every "latest period" and every
    /// trend is taken in.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.position, lhs.kind.rawValue) < (rhs.position, rhs.kind.rawValue)
    }

    /// How to read `YYYY-NN` when `NN` is both a month and the next year (`2010-11`).
    public enum Style: String, Sendable, Hashable, Codable, CaseIterable {
        /// As UK publications write periods: `2010-11` is the financial year 2010/11.
        case publication
        /// As ISO 8601 and SDMX do: `2010-11` is November 2010 (`2010/11` and `2023-24` are still
        /// financial years).
        case iso
    }

    /// Reads a period as published; `nil` when it is none of the accepted forms.
    public init?(_ published: String, style: Style = .publication) {
        var scanner = Scanner(Array(published.utf8), style: style)
        scanner.trimSpaces()
        guard let parsed = scanner.period() else { return nil }
        self = parsed
    }

    init(text: String, kind: Kind) {
        self.text = text
        self.kind = kind
    }

    // MARK: - Showing

    /// The period as a reader would write it in a brief: `2024-Q1` → `Jan–Mar 2024`, `2024-01` →
    /// `Jan 2024`, `2024-05-15` → `15 May 2024`, `2024-11-16/P1Y` → `16 Nov 2024 – 15 Nov 2025`,
    /// `2019-10-01/P1Y` → `Oct 2019 – Sep 2020`, `2014-04-01/P3Y` → `2014-15 to 2016-17`; years, financial years and pooled years as written.
    public var readable: String {
        let parts = text.split(separator: "-").map(String.init)
        switch kind {
        case .year, .financialYear, .years:
            return text
        case .quarter:
            guard let quarter = Int(parts[1].dropFirst()) else { return text }
            return "\(Self.months[quarter * 3 - 3])–\(Self.months[quarter * 3 - 1]) \(parts[0])"
        case .half:
            return parts[1] == "S1" ? "Jan–Jun \(parts[0])" : "Jul–Dec \(parts[0])"
        case .month:
            return Int(parts[1]).map { "\(Self.months[$0 - 1]) \(parts[0])" } ?? text
        case .week:
            return Int(parts[1].dropFirst()).map { "week \($0) of \(parts[0])" } ?? text
        case .day:
            return Self.day(text[...]) ?? text
        case .interval:
            return Self.interval(text) ?? text
        }
    }

    /// The calendar year the period ends in (`2024-25` → 2025, `2021 - 23` → 2023, `2024-Q1` → 2024),
    /// from its written form; `nil` for an interval kept as published.
    public var endYear: Int? {
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count, range.allSatisfy({ (0x30...0x39).contains(digits[$0]) }) else { return nil }
            return range.reduce(0) { $0 * 10 + Int(digits[$1] - 0x30) }
        }
        guard let start = number(0..<4) else { return nil }
        switch kind {
        case .financialYear: return number(5..<7).map { start / 100 * 100 + $0 + ($0 < start % 100 ? 100 : 0) }
        case .years: return number((digits.count - 2)..<digits.count).map { start / 100 * 100 + $0 + ($0 < start % 100 ? 100 : 0) }
        case .interval:
            // The last year of the interval as read (`16 Nov 2024 – 15 Nov 2025` → 2025).
            return readable.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).last { $0.count == 4 }.flatMap { Int($0) }
        default: return start
        }
    }

    // MARK: - Comparing

    /// How long a period lasts: whole months (a year is twelve, whatever day it starts on) or, failing that, days.
    public enum Length: Sendable, Hashable {
        /// Whole calendar months from the first of a month (`2024` is 12, `2024-Q1` is 3).
        case months(Int)
        /// Days (a week, a day, an interval that is not whole months).
        case days(Int)

        /// In words: `one year`, `five years`, `three months`, `one week`, `10 days`.
        public var words: String {
            switch self {
            case .months(let n) where n % 12 == 0: Self.count(n / 12, "year")
            case .months(let n): Self.count(n, "month")
            case .days(let n) where n % 7 == 0: Self.count(n / 7, "week")
            case .days(let n): Self.count(n, "day")
            }
        }

        /// The whole years it lasts, when it is whole years.
        public var years: Int? {
            if case .months(let n) = self, n % 12 == 0 { return n / 12 }
            return nil
        }

        static let numbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]

        static func number(_ n: Int) -> String { n < numbers.count ? numbers[n] : String(n) }

        static func count(_ n: Int, _ unit: String) -> String { "\(number(n)) \(unit)\(n == 1 ? "" : "s")" }
    }

    /// The days a period covers, as day numbers (days since 1 January 1970), and how long it lasts.
    public struct Span: Sendable, Hashable {
        /// The first day.
        public let first: Int
        /// The last day.
        public let last: Int
        /// How long it lasts.
        public let length: Length
    }

    /// The days the period covers; `nil` for an interval of hours or of mixed units (`P1Y6M`).
    public var span: Span? {
        let parts = text.split(separator: "-").map(String.init)
        guard let year = Int(text.prefix(4)) else { return nil }
        func months(_ month: Int, _ count: Int) -> Span {
            let first = Self.dayNumber(year, month, 1)
            return Span(first: first, last: Self.adding(months: count, to: first) - 1, length: .months(count))
        }
        switch kind {
        case .year: return months(1, 12)
        case .financialYear: return months(4, 12)
        case .years: return endYear.map { months(1, 12 * ($0 - year + 1)) }
        case .half: return months(parts[1] == "S1" ? 1 : 7, 6)
        case .quarter: return Int(parts[1].dropFirst()).map { months($0 * 3 - 2, 3) }
        case .month: return Int(parts[1]).map { months($0, 1) }
        case .week:
            guard let week = Int(parts[1].dropFirst()) else { return nil }
            // Week 1 is the one holding 4 January; weeks start on Monday (1 January 1970 was a Thursday).
            let fourth = Self.dayNumber(year, 1, 4)
            let monday = fourth - ((fourth % 7 + 10) % 7) + 7 * (week - 1)
            return Span(first: monday, last: monday + 6, length: .days(7))
        case .day:
            guard parts.count == 3, let month = Int(parts[1]), let day = Int(parts[2].prefix(2)) else { return nil }
            let number = Self.dayNumber(year, month, day)
            return Span(first: number, last: number, length: .days(1))
        case .interval:
            var scanner = Scanner(Array(text.utf8), style: .iso)
            return scanner.span()
        }
    }

    /// Why a figure for this period and one for `later` are not like for like — periods of
    /// different lengths (`2023 (one year) against 2020 - 24 (a five-year average)`), or periods
    /// that overlap, whose figures share data — or `nil` when they are (the same length, apart),
    /// are the same period, or either cannot be placed in time. A span of several years is called
    /// an average, or a `total` for a count.
    public func unlike(_ later: Period, total: Bool = false) -> String? {
        guard self != later, let a = span, let b = later.span else { return nil }
        func lasting(_ length: Length) -> String {
            guard let years = length.years, years > 1 else { return length.words }
            let number = Length.number(years)
            return "a\(number.first == "e" ? "n" : "") \(number)-year \(total ? "total" : "average")"
        }
        if a.length != b.length {
            return "periods of different lengths: \(readable) (\(lasting(a.length))) against \(later.readable) (\(lasting(b.length)))"
        }
        let first = max(a.first, b.first), last = min(a.last, b.last)
        guard first <= last else { return nil }
        // Pooled years (`2021 - 23` against `2022 - 24`) overlap in every year-on-year pair: say
        // how far apart two figures must be (the try-out's ambition on them was "not comparable"
        // every year, with no word on when it would not be).
        let pooled = a.length.years.flatMap { $0 > 1 ? Length.number($0) : nil }
        return "the periods overlap: \(readable) and \(later.readable) both cover \(Self.days(first, last)), so their figures share data"
            + (pooled.map { "; figures pooled over \($0) years are compared with ones at least \($0) years apart" } ?? "")
    }

    // MARK: - Ordering

    /// Where a period falls in time, the one order periods are put in: by the day it ends, then
    /// the day it starts (of two periods ending together, the shorter is the later: `2024` after
    /// `2020 - 24`), then the written form, so that the order is always the same. `2020 - 24` is
    /// after `2023`, `2023-24` after `2023`, `2024-Q1` after `2023`. A text that is not a period,
    /// or a period that cannot be placed in time (an interval of hours), comes before every one
    /// that can, in the order of its text.
    public struct Position: Sendable, Hashable, Comparable {
        /// Whether the period could be placed in time.
        let placed: Bool
        /// Its last day (a day number), 0 when not placed.
        let last: Int
        /// Its first day (a day number), 0 when not placed.
        let first: Int
        /// The written form (or the text as given).
        let text: String

        /// Orders by placement, last day, first day, then text.
        public static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.placed ? 1 : 0, lhs.last, lhs.first, lhs.text) < (rhs.placed ? 1 : 0, rhs.last, rhs.first, rhs.text)
        }
    }

    /// Where the period falls in time (its written form's place: see `position(_:)`).
    public var position: Position { Self.position(text) }

    /// Where the period written `text` falls in time; a text that is not a period keeps its
    /// place by text. A text that is both a month and a financial year (`2010-11`: this tool
    /// writes November 2010 and 2010/11 alike) is placed as the month (`Style.iso`). In a monthly
    /// series that is its place; a series of financial years of 2005-06 to 2011-12, all written
    /// so, keeps its order (June 2005, July 2006… December 2011, then 2012-13 at its March).
    /// Placed as the years, a monthly series of those years put its June 2005, July 2006… among
    /// the March ends. One place per text keeps the order one order (a rule for pairs of such
    /// texts made cycles with the periods between them).
    ///
    /// Two texts of one period (`2023-11-16T00:00:00/P1Y` and `2023-11-16/P1Y`, a baseline made
    /// before this tool wrote the first as the second) have one place: neither is before the other.
    public static func position(_ text: String) -> Position {
        guard let period = Period(text, style: .iso) else { return Position(placed: false, last: 0, first: 0, text: text) }
        guard let span = period.span else { return Position(placed: false, last: 0, first: 0, text: period.text) }
        return Position(placed: true, last: span.last, first: span.first, text: period.text)
    }

    /// Whether the period written `earlier` comes before the one written `later` in time
    /// (`Position`): for sorting texts and finding the latest with `max(by:)`. (Each call reads
    /// both texts; `Ordering` reads each text once.)
    public static func isBefore(_ earlier: String, _ later: String) -> Bool {
        earlier != later && position(earlier) < position(later)
    }

    /// `isBefore` with each text's position worked out once: for sorting many periods, or
    /// finding the latest of many (`var order = Period.Ordering()`, then
    /// `results.max { order.isBefore($0.period, $1.period) }`). A programme of 300 places spent
    /// 2% of its time reading the same period texts again in `isBefore`.
    public struct Ordering {
        private var positions = [String: Position]()

        /// An ordering that has read no text yet.
        public init() {}

        /// Whether `earlier` comes before `later` in time, as `Period.isBefore` says.
        public mutating func isBefore(_ earlier: String, _ later: String) -> Bool {
            earlier != later && position(earlier) < position(later)
        }

        /// Where the period written `text` falls in time (`Period.position(_:)`), read once.
        public mutating func position(_ text: String) -> Position {
            if let known = positions[text] { return known }
            let position = Period.position(text)
            positions[text] = position
            return position
        }
    }

    /// Days `first` to `last` in words: whole calendar years as `2020 to 2023` (or `2020`), else `1 Mar 2024 – 31 Aug 2024`.
    private static func days(_ first: Int, _ last: Int) -> String {
        let (y1, m1, d1) = civil(first), (y2, m2, d2) = civil(last)
        if m1 == 1, d1 == 1, m2 == 12, d2 == 31 { return y1 == y2 ? String(y1) : "\(y1) to \(y2)" }
        return "\(d1) \(months[m1 - 1]) \(y1) – \(d2) \(months[m2 - 1]) \(y2)"
    }

    /// Days since 1 January 1970 of a date in the proleptic Gregorian calendar.
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// The year, month and day of a day number.
    static func civil(_ number: Int) -> (Int, Int, Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day `count` months after day `number` (the last of a shorter month where the day is past it).
    static func adding(months count: Int, to number: Int) -> Int {
        let (year, month, day) = civil(number)
        let index = year * 12 + month - 1 + count
        let (y, m) = (index / 12, index % 12 + 1)
        let lengths = [31, Scanner.valid(y, 2, 29) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return dayNumber(y, m, min(day, lengths[m - 1]))
    }

    /// A period's text in the one form this tool writes it, or the text itself when it is not a
    /// period: `2023-11-16T00:00:00/P1Y` → `2023-11-16/P1Y`, as a baseline made before the tool
    /// wrote midnight as the date alone holds it beside a later one.
    public static func written(_ text: String) -> String {
        Period(text)?.text ?? text
    }

    /// Whether two texts are one period: the same text, or two writings of one period
    /// (`2023-11-16T00:00:00/P1Y` and `2023-11-16/P1Y`). For comparing periods of two baselines.
    public static func same(_ a: String, _ b: String) -> Bool {
        a == b || written(a) == written(b)
    }

    /// The readable form of a period's written text, or the text itself when it is not a period.
    public static func readable(_ text: String) -> String {
        Period(text)?.readable ?? text
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// `YYYY-MM-DD` (ignoring any time) as `15 May 2024`.
    private static func day(_ text: Substring) -> String? {
        let numbers = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard numbers.count == 3, (1...12).contains(numbers[1]) else { return nil }
        return "\(numbers[2]) \(months[numbers[1] - 1]) \(numbers[0])"
    }

    private static func date(_ text: Substring) -> Date? {
        let numbers = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: numbers[0], month: numbers[1], day: numbers[2]))
    }

    private static func written(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.day!) \(months[parts.month! - 1]) \(parts.year!)"
    }

    /// `start/duration` or `start/end` as `first day – last day`; whole April-to-March years as
    /// `2014-15 to 2016-17`; a duration of whole months from the first of a month as `first month –
    /// last month` (`Oct 2019 – Sep 2020`, as Nomis writes the Annual Population Survey's years).
    private static func interval(_ text: String) -> String? {
        let halves = text.split(separator: "/", maxSplits: 1)
        guard halves.count == 2, let start = date(halves[0]) else { return nil }
        var end: Date
        if halves[1].hasPrefix("P") {
            var amount = 0
            var components = DateComponents()
            for character in halves[1].dropFirst() {
                if let digit = character.wholeNumberValue {
                    amount = amount * 10 + digit
                    continue
                }
                switch character {
                case "Y": components.year = amount
                case "M": components.month = amount
                case "W": components.day = 7 * amount
                case "D": components.day = amount
                default: return nil
                }
                amount = 0
            }
            guard let after = calendar.date(byAdding: components, to: start),
                  let last = calendar.date(byAdding: .day, value: -1, to: after) else { return nil }
            let first = calendar.dateComponents([.year, .month, .day], from: start)
            if first.month == 4, first.day == 1, let years = components.year, years > 1,
               components.month == nil, components.day == nil, let startYear = first.year {
                let lastYear = startYear + years - 1
                return "\(startYear)-\(pad((startYear + 1) % 100)) to \(lastYear)-\(pad((lastYear + 1) % 100))"
            }
            let ending = calendar.dateComponents([.year, .month], from: last)
            if first.day == 1, components.day == nil, let startYear = first.year, let startMonth = first.month,
               let endYear = ending.year, let endMonth = ending.month {
                return "\(months[startMonth - 1]) \(startYear) – \(months[endMonth - 1]) \(endYear)"
            }
            end = last
        } else {
            guard let last = date(halves[1]) else { return nil }
            end = last
        }
        return "\(written(start)) – \(written(end))"
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}

// MARK: - Reading

/// A cursor over the bytes of a period.
private struct Scanner {
    var bytes: [UInt8]
    let style: Period.Style
    var index = 0

    init(_ bytes: [UInt8], style: Period.Style) {
        self.bytes = bytes
        self.style = style
    }

    var atEnd: Bool { index == bytes.count }

    mutating func trimSpaces() {
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    /// Exactly `count` digits, as a number.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// One of the letters (upper or lower case).
    mutating func letter(_ letters: String) -> UInt8? {
        guard index < bytes.count else { return nil }
        let upper = bytes[index] & 0xDF
        guard letters.utf8.contains(upper) else { return nil }
        index += 1
        return upper
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    mutating func period() -> Period? {
        let start = index
        guard let year = digits(4) else {
            index = start
            return slashedRange()
        }
        if atEnd { return Period(text: String(year), kind: .year) }
        if let slash = interval(from: start) { return slash }
        index = start + 4
        if let pooled = pooledYears(year) { return pooled }
        index = start + 4
        let dash = take(0x2D)
        let slash = !dash && take(0x2F)
        _ = !dash && !slash && take(0x20)
        if dash || slash {
            let mark = index
            if let next = digits(4), atEnd, next == year + 1 {
                return financialYear(year)
            }
            index = mark
            if let next = digits(2) {
                if atEnd, next == (year + 1) % 100, slash || style == .publication || next > 12 { return financialYear(year) }
                if dash, (1...12).contains(next) {
                    if atEnd { return Period(text: "\(year)-\(Self.pad(next, 2))", kind: .month) }
                    // A day, or a day at midnight (`2019-10-01T00:00:00`, as ONS's files of 2025 wrote one).
                    if take(0x2D), let day = digits(2), atEnd || time(upTo: bytes.count) == .midnight, Self.valid(year, next, day) {
                        return Period(text: Self.date(year, next, day), kind: .day)
                    }
                }
                // `2018-20`: calendar years pooled, written without the spaces (ONS's healthy life
                // expectancy of January 2024, "calendar years 2011 - 2013 to 2018 - 2020"). Two to
                // nine years on; one year on is a financial year (`2018-19`), and a month wins
                // where the two digits are one (`2010-12` is December 2010).
                if dash, atEnd, (2...9).contains((next - year % 100 + 100) % 100) {
                    return Period(text: "\(year) - \(Self.pad(next, 2))", kind: .years)
                }
                return nil
            }
            index = mark
            if slash { return nil }
        }
        guard let letter = letter("AHMQSW") else { return nil }
        switch letter {
        case UInt8(ascii: "A"):
            return take(0x31) && atEnd ? Period(text: String(year), kind: .year) : nil
        case UInt8(ascii: "S"), UInt8(ascii: "H"):
            guard let half = digits(1), atEnd, (1...2).contains(half) else { return nil }
            return Period(text: "\(year)-S\(half)", kind: .half)
        case UInt8(ascii: "Q"):
            guard let quarter = digits(1), atEnd, (1...4).contains(quarter) else { return nil }
            return Period(text: "\(year)-Q\(quarter)", kind: .quarter)
        case UInt8(ascii: "M"):
            guard dash, let month = digits(2), atEnd, (1...12).contains(month) else { return nil }
            return Period(text: "\(year)-\(Self.pad(month, 2))", kind: .month)
        default:
            guard let week = digits(2), atEnd, (1...53).contains(week) else { return nil }
            return Period(text: "\(year)-W\(Self.pad(week, 2))", kind: .week)
        }
    }

    /// A range of months `MM/YYYY - MM/YYYY` (ONS's employment rate of August 2023:
    /// `01/2004 - 12/2004`, the Annual Population Survey's year January to December) or of days
    /// `DD/MM/YYYY - DD/MM/YYYY`, with or without spaces around the dash, from where `index` is:
    /// the period from the start of the first to the end of the last, read as the ISO 8601
    /// interval it is (`2004-01-01/P1Y`, so `2004`; `04/2004 - 03/2005` is `2004-05`).
    mutating func slashedRange() -> Period? {
        func side() -> (year: Int, month: Int, day: Int?)? {
            guard let first = digits(2), take(0x2F) else { return nil }
            if let year = digits(4) { return (1...12).contains(first) ? (year, first, nil) : nil }
            guard let month = digits(2), take(0x2F), let year = digits(4), (1...12).contains(month), Self.valid(year, month, first) else { return nil }
            return (year, month, first)
        }
        func spaces() { while index < bytes.count, bytes[index] == 0x20 { index += 1 } }
        guard let from = side() else { return nil }
        spaces()
        guard take(0x2D) else { return nil }
        spaces()
        guard let to = side(), atEnd, (from.day == nil) == (to.day == nil) else { return nil }
        let start = Self.date(from.year, from.month, from.day ?? 1)
        let iso: String
        if from.day == nil {
            let months = (to.year * 12 + to.month) - (from.year * 12 + from.month) + 1
            guard months > 0 else { return nil }
            iso = start + (months % 12 == 0 ? "/P\(months / 12)Y" : "/P\(months)M")
        } else {
            let first = Period.dayNumber(from.year, from.month, from.day!), last = Period.dayNumber(to.year, to.month, to.day!)
            guard last >= first else { return nil }
            // Whole years when the day after the last is the first's anniversary (16/11/2015 - 15/11/2016).
            let years = [to.year - from.year, to.year - from.year + 1].first { $0 > 0 && Period.adding(months: 12 * $0, to: first) == last + 1 }
            iso = start + (years.map { "/P\($0)Y" } ?? "/" + Self.date(to.year, to.month, to.day!))
        }
        var scanner = Scanner(Array(iso.utf8), style: style)
        return scanner.period()
    }

    /// `YYYY - YY` or `YYYY - YYYY` (spaces around the dash), ending after `year`.
    mutating func pooledYears(_ year: Int) -> Period? {
        guard take(0x20), take(0x2D), take(0x20) else { return nil }
        let mark = index
        var end = digits(4)
        if end == nil {
            index = mark
            end = digits(2).map { year - year % 100 + $0 + ($0 < year % 100 ? 100 : 0) }
        }
        guard let last = end, atEnd, last > year else { return nil }
        return Period(text: "\(year) - \(Self.pad(last % 100, 2))", kind: .years)
    }

    func financialYear(_ year: Int) -> Period {
        Period(text: "\(year)-\(Self.pad((year + 1) % 100, 2))", kind: .financialYear)
    }

    static func valid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[month - 1]).contains(day)
    }

    // MARK: Intervals

    /// `start/duration` or `start/end` (ISO 8601), when the text has a `/` after a full date.
    /// A time of midnight on either side is the date alone (`2023-11-16T00:00:00/P1Y` is
    /// `2023-11-16/P1Y`: ONS's files wrote the first until October 2025, the second since).
    /// Periods are placed in whole days, so an interval that is a calendar year, financial year,
    /// quarter or month from the start of its first day is that period whatever the time; any
    /// other interval that starts at another time is kept as published.
    mutating func interval(from start: Int) -> Period? {
        guard let slash = bytes.firstIndex(of: 0x2F), slash - start >= 10 else { return nil }
        index = start
        guard let (year, month, day) = date(upTo: slash) else { return nil }
        let atMidnight = time(upTo: slash) != .other
        index = slash + 1
        // The text as written: the start's date alone when it is at midnight, then the rest.
        var written = atMidnight ? Self.date(year, month, day) + "/" : String(decoding: bytes[start...slash], as: UTF8.self)
        if take(0x50) {
            guard let (amount, unit) = duration() else { return nil }
            if day == 1 {
                switch (unit, amount) {
                case (UInt8(ascii: "Y"), 1) where month == 1: return Period(text: String(year), kind: .year)
                case (UInt8(ascii: "Y"), 2...) where month == 1:
                    return Period(text: "\(year) - \(Self.pad((year + amount - 1) % 100, 2))", kind: .years)
                case (UInt8(ascii: "Y"), 1) where month == 4: return financialYear(year)
                case (UInt8(ascii: "M"), 3) where month % 3 == 1: return Period(text: "\(year)-Q\((month + 2) / 3)", kind: .quarter)
                case (UInt8(ascii: "M"), 1): return Period(text: "\(year)-\(Self.pad(month, 2))", kind: .month)
                default: break
                }
            }
            written += String(decoding: bytes[(slash + 1)...], as: UTF8.self)
            return Period(text: written, kind: .interval)
        }
        let end = index
        guard let (endYear, endMonth, endDay) = date(upTo: bytes.count) else { return nil }
        written += atMidnight && time(upTo: bytes.count) != .other
            ? Self.date(endYear, endMonth, endDay) : String(decoding: bytes[end...], as: UTF8.self)
        return Period(text: written, kind: .interval)
    }

    /// `YYYY-MM-DD`.
    static func date(_ year: Int, _ month: Int, _ day: Int) -> String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The days an interval (`start/duration` or `start/end`) covers, read as `interval(from:)` reads it.
    mutating func span() -> Period.Span? {
        guard let slash = bytes.firstIndex(of: 0x2F), let (year, month, day) = date(upTo: slash) else { return nil }
        let first = Period.dayNumber(year, month, day)
        index = slash + 1
        if take(0x50) {
            guard let (amount, unit) = duration(), amount > 0 else { return nil }
            switch unit {
            case UInt8(ascii: "Y"), UInt8(ascii: "M"):
                let months = unit == UInt8(ascii: "Y") ? 12 * amount : amount
                let last = Period.adding(months: months, to: first) - 1
                return Period.Span(first: first, last: last, length: .months(months))
            case UInt8(ascii: "W"): return Period.Span(first: first, last: first + 7 * amount - 1, length: .days(7 * amount))
            case UInt8(ascii: "D"): return Period.Span(first: first, last: first + amount - 1, length: .days(amount))
            default: return nil
            }
        }
        guard let (endYear, endMonth, endDay) = date(upTo: bytes.count) else { return nil }
        let last = Period.dayNumber(endYear, endMonth, endDay)
        guard last >= first else { return nil }
        // Whole months when the day after it is the start's day of the month (16 Nov 2024 – 15 Nov 2025).
        let (nextYear, nextMonth, nextDay) = Period.civil(last + 1)
        let months = (nextYear * 12 + nextMonth) - (year * 12 + month)
        return Period.Span(first: first, last: last, length: nextDay == day && day <= 28 ? .months(months) : .days(last - first + 1))
    }

    /// A date `YYYY-MM-DD`, optionally followed by a time (`THH:MM:SS`, a zone), ending at `end`;
    /// the time is left for `time(upTo:)`, which reads it from where this stops.
    mutating func date(upTo end: Int) -> (Int, Int, Int)? {
        guard let year = digits(4), take(0x2D), let month = digits(2), take(0x2D), let day = digits(2),
              (1...12).contains(month), Self.valid(year, month, day) else { return nil }
        if index < end {
            guard bytes[index] == 0x54 else { return nil }
            for byte in bytes[(index + 1)..<end] {
                guard (byte >= 0x30 && byte <= 0x39) || byte == 0x3A || byte == 0x2E || byte == 0x2B || byte == 0x2D || byte == 0x5A else {
                    return nil
                }
            }
        }
        return (year, month, day)
    }

    /// What follows a date up to `end`.
    enum TimeOfDay {
        /// Nothing: the date alone.
        case none
        /// Midnight, the start of the day: `T00`, `T00:00`, `T00:00:00`, with or without zero
        /// fractions of a second (`T00:00:00.000`) and a zone (`Z`, `+00:00`, `+01:00`).
        case midnight
        /// Any other time (or text `date(upTo:)` lets through).
        case other
    }

    /// Reads the time after a date, from the index `date(upTo:)` stopped at, to `end`. Midnight
    /// in any zone is the date alone: a publisher writing `2023-06-01T00:00:00+01:00` means
    /// 1 June, the day its period starts where it counts, not 31 May in UTC.
    mutating func time(upTo end: Int) -> TimeOfDay {
        guard index < end else { return .none }
        guard take(0x54), zeros(2) else { return .other }
        for _ in 0..<2 where index < end && bytes[index] == 0x3A {
            index += 1
            guard zeros(2) else { return .other }
        }
        if index < end, bytes[index] == 0x2E {
            index += 1
            guard index < end, bytes[index] == 0x30 else { return .other }
            while index < end, bytes[index] == 0x30 { index += 1 }
        }
        if index < end, bytes[index] == 0x5A {
            index += 1
        } else if index < end, bytes[index] == 0x2B || bytes[index] == 0x2D {
            index += 1
            guard let hours = digits(2), hours <= 14 else { return .other }
            _ = index < end && take(0x3A)
            if index < end { guard let minutes = digits(2), minutes < 60 else { return .other } }
        }
        return index == end ? .midnight : .other
    }

    /// Exactly `count` zeros.
    mutating func zeros(_ count: Int) -> Bool {
        digits(count) == 0
    }

    /// A one-unit ISO 8601 duration after `P`: `1Y`, `3M`, `7D`, `T1H`…, returning the amount
    /// and unit letter; a combined duration (`P1Y6M`) gives the unit `X`.
    mutating func duration() -> (Int, UInt8)? {
        _ = take(0x54)
        var amount = 0
        var digitsSeen = 0
        var units = 0
        var unit: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x30, byte <= 0x39 {
                amount = amount * 10 + Int(byte - 0x30)
                digitsSeen += 1
            } else if "YMWDHS".utf8.contains(byte), digitsSeen > 0 {
                units += 1
                unit = byte
                if units > 1 { unit = UInt8(ascii: "X") }
                digitsSeen = 0
            } else if byte == 0x54 {
                digitsSeen = 0
            } else {
                return nil
            }
            index += 1
        }
        guard units > 0, digitsSeen == 0 else { return nil }
        return (amount, unit)
    }
}
