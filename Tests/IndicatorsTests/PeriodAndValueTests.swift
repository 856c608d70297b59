@testable import BaselineCore
@testable import BaselineIndicators
import Testing

/// Periods as published, and values with their markers and flags.
@Suite struct PeriodAndValueTests {
    @Test("Published periods are read and written one way", arguments: [
        ("2024", "2024", Period.Kind.year), ("2024-A1", "2024", .year), (" 2024 ", "2024", .year),
        ("2024-25", "2024-25", .financialYear), ("2024/25", "2024-25", .financialYear), ("2024/2025", "2024-25", .financialYear),
        ("1999/00", "1999-00", .financialYear), ("2021 - 23", "2021 - 23", .years), ("2018 - 2020", "2018 - 20", .years),
        ("2024-Q1", "2024-Q1", .quarter), ("2024Q4", "2024-Q4", .quarter), ("2024 Q2", "2024-Q2", .quarter),
        ("2024-S2", "2024-S2", .half), ("2024-H1", "2024-S1", .half),
        ("2024-01", "2024-01", .month), ("2024-M12", "2024-12", .month),
        ("2024-W05", "2024-W05", .week), ("2024W53", "2024-W53", .week),
        ("2024-02-29", "2024-02-29", .day),
        ("2019-01-01/P1Y", "2019", .year), ("2019-04-01/P1Y", "2019-20", .financialYear),
        ("2019-04-01/P3M", "2019-Q2", .quarter), ("2019-02-01/P1M", "2019-02", .month),
        ("2019-01-01T00:00:00/P1Y", "2019", .year),
        ("2019-01-01/P6M", "2019-01-01/P6M", .interval), ("2019-01-01/2019-06-30", "2019-01-01/2019-06-30", .interval),
        ("2019-03-01/P1Y", "2019-03-01/P1Y", .interval),
        // A time of midnight is the date alone (ONS's files of 2025: `2015-11-16T00:00:00/P1Y`,
        // `2019-10-01T00:00:00`), in any of ISO 8601's writings of it and in any zone.
        ("2015-11-16T00:00:00/P1Y", "2015-11-16/P1Y", .interval), ("2014-04-01T00:00:00/P3Y", "2014-04-01/P3Y", .interval),
        ("2019-10-01T00:00:00", "2019-10-01", .day), ("2019-10-01T00:00", "2019-10-01", .day), ("2019-10-01T00", "2019-10-01", .day),
        ("2019-10-01T00:00:00Z", "2019-10-01", .day), ("2019-10-01T00:00:00.000+01:00", "2019-10-01", .day),
        ("2023-11-16T00:00:00Z/P1Y", "2023-11-16/P1Y", .interval), ("2023-11-16T00:00/P1Y", "2023-11-16/P1Y", .interval),
        ("2023-11-16T00:00:00+0100/P1Y", "2023-11-16/P1Y", .interval),
        ("2019-01-01T00:00:00/2019-06-30T00:00:00", "2019-01-01/2019-06-30", .interval),
        ("2019-04-01T00:00:00Z/P1Y", "2019-20", .financialYear), ("2019-04-01T00:00:00/P3M", "2019-Q2", .quarter),
        // Another time is kept as published (a whole calendar year from its first day stays that
        // year, as before: periods are placed in days).
        ("2023-11-16T12:00:00/P1Y", "2023-11-16T12:00:00/P1Y", .interval), ("2019-01-01T09:30:00/P1Y", "2019", .year),
        ("2023-11-16T00:00:01/P1Y", "2023-11-16T00:00:01/P1Y", .interval),
        // Pooled years without the spaces (ONS's healthy life expectancy of January 2024), and
        // ranges of months or days (its employment rate of August 2023: `01/2004 - 12/2004`).
        ("2018-20", "2018 - 20", .years), ("2019-23", "2019 - 23", .years), ("1998-00", "1998 - 00", .years), ("2010-12", "2010-12", .month),
        ("01/2004 - 12/2004", "2004", .year), ("01/2004-12/2004", "2004", .year), ("04/2004 - 03/2005", "2004-05", .financialYear),
        ("07/2004 - 06/2005", "2004-07-01/P1Y", .interval), ("01/2020 - 12/2024", "2020 - 24", .years),
        ("10/2024 - 12/2024", "2024-Q4", .quarter), ("03/2024 - 03/2024", "2024-03", .month),
        ("16/11/2015 - 15/11/2016", "2015-11-16/P1Y", .interval), ("01/01/2015 - 31/12/2015", "2015", .year),
        ("01/03/2024 - 15/03/2024", "2024-03-01/2024-03-15", .interval),
    ])
    func periods(published: String, written: String, kind: Period.Kind) throws {
        let period = try #require(Period(published), "\(published)")
        #expect(period.text == written)
        #expect(period.kind == kind)
    }

    @Test("The year a period ends in", arguments: [
        ("2024", 2024), ("2024-25", 2025), ("1999/00", 2000), ("2021 - 23", 2023), ("1998 - 2002", 2002),
        ("2024-Q1", 2024), ("2024-01", 2024), ("2024-W05", 2024), ("2024-02-29", 2024), ("2019-04-01/P1Y", 2020),
        ("2024-11-16/P1Y", 2025), ("2019-01-01/P6M", 2019),
    ])
    func endYears(published: String, year: Int) throws {
        #expect(try #require(Period(published)).endYear == year)
    }

    @Test("Text that is not a period is refused", arguments: [
        "", "24", "FY24", "2024-13", "2024-Q5", "2024-W54", "2023-02-29", "2024/26", "2024 - 24",
        // Ten years on or more is no pooled period ONS writes so; a range must run forward.
        "2024-34", "12/2004 - 01/2004", "13/2004 - 12/2004", "01/2004 - ", "31/02/2004 - 01/03/2004", "01/2004 - 31/12/2004",
        "2019-01-01/", "2019-01-01/P", "2019-01-01/PY", "2019-13-01/P1Y", "last year", "2024-1",
        // A day at a time other than midnight is an instant, not a period; nor is a broken time.
        "2019-10-01T12:00:00", "2019-10-01T00:00:01", "2019-10-01T", "2019-10-01T00:00:00+25:00", "2019-10-01 00:00:00",
    ])
    func notPeriods(text: String) {
        #expect(Period(text) == nil, "\(text)")
    }

    @Test("2010-11 is a financial year as UK publications write it, November 2010 as ISO 8601 does")
    func ambiguousMonth() throws {
        #expect(Period("2010-11")?.kind == .financialYear)
        #expect(Period("2010-11", style: .iso)?.kind == .month)
        #expect(Period("2010/11", style: .iso)?.kind == .financialYear)
        #expect(Period("2023-24", style: .iso)?.kind == .financialYear)
    }

    @Test("Numbers, with thousands separators and exponents", arguments: [
        ("12.5", 12.5), ("-3", -3.0), ("+4.25", 4.25), ("1,234", 1234.0), ("1,234,567.5", 1_234_567.5), (" 0 ", 0.0),
        ("1e3", 1000.0), ("2.5E-1", 0.25), (".5", 0.5), ("0", 0.0),
    ])
    func numbers(text: String, value: Double) {
        #expect(ValueReader().read(text) == ValueReader.Reading(value: .number(value), status: nil))
    }

    @Test("Text that is neither a number nor a marker is not a value", arguments: [
        "twelve", "1,23", "12,34.5", "1234,567", "1e", "1.2.3", "inf", "0x10", "12 %", "12 [q]", "e5", "--1", "1e999", "-1e999",
    ])
    func notValues(text: String) {
        #expect(ValueReader().read(text) == nil, "\(text)")
    }

    @Test("Markers are missing values with their reason; a pipeline may add its own")
    func markers() {
        let reader = ValueReader(markers: ["N/A": .notApplicable, "x": .suppressed])
        #expect(reader.read("[c]")?.value == .missing(.suppressed))
        #expect(reader.read("..")?.value == .missing(.notAvailable))
        #expect(reader.read("n/a")?.value == .missing(.notApplicable))
        #expect(reader.read("X")?.value == .missing(.suppressed))
        #expect(ValueReader().read("x")?.value == .missing(.notAvailable))
        #expect(ValueReader().read("n/a") == nil)
    }

    @Test("GSS shorthand after a number is a flag on the value, not a missing value", arguments: [
        ("64.8 [p]", 64.8, ValueStatus.provisional), ("12[r]", 12.0, .revised), ("1,200 [e]", 1200.0, .estimated),
        ("5 [u]", 5.0, .lowReliability), ("7 [b]", 7.0, .breakInSeries), ("3 [F]", 3.0, .forecast),
    ])
    func flags(text: String, value: Double, status: ValueStatus) {
        #expect(ValueReader().read(text) == ValueReader.Reading(value: .number(value), status: status))
    }

    @Test("Periods are shown as a reader writes them", arguments: [
        ("2023", "2023"), ("2023-24", "2023-24"), ("2021 - 23", "2021 - 23"), ("2024-Q1", "Jan–Mar 2024"), ("2024-Q4", "Oct–Dec 2024"),
        ("2024-01", "Jan 2024"), ("2024-S2", "Jul–Dec 2024"), ("2024-W05", "week 5 of 2024"), ("2024-05-15", "15 May 2024"),
        ("2024-11-16/P1Y", "16 Nov 2024 – 15 Nov 2025"), ("2014-04-01/P3Y", "2014-15 to 2016-17"),
        ("2019-10-01/P1Y", "Oct 2019 – Sep 2020"), ("2020-02-01/P18M", "Feb 2020 – Jul 2021"),
        ("2023-07-01/2023-09-30", "1 Jul 2023 – 30 Sep 2023"), ("not a period", "not a period"),
    ])
    func readable(text: String, shown: String) {
        #expect(Period.readable(text) == shown)
    }

    @Test("ISO 8601 intervals of whole calendar years are pooled years, as Fingertips writes them")
    func pooledIntervals() {
        #expect(Period("2020-01-01/P5Y")?.text == "2020 - 24" && Period("2020-01-01/P5Y")?.kind == .years)
        #expect(Period("2019-01-01/P1Y")?.text == "2019")
        #expect(Period("2022-04-01/P3Y")?.text == "2022-04-01/P3Y" && Period("2022-04-01/P3Y")?.kind == .interval)
    }
}

/// How long a period lasts and when, so that figures for periods that are not like for like (an
/// annual figure against a five-year pooled average, or periods that overlap) are not compared.
@Suite struct PeriodSpanTests {
    func span(_ text: String) throws -> Period.Span {
        try #require(Period(text)?.span)
    }

    func days(_ y: Int, _ m: Int, _ d: Int) -> Int { Period.dayNumber(y, m, d) }

    @Test("each kind of period covers the days it names")
    func spans() throws {
        #expect(try span("2023") == Period.Span(first: days(2023, 1, 1), last: days(2023, 12, 31), length: .months(12)))
        #expect(try span("2023-24") == Period.Span(first: days(2023, 4, 1), last: days(2024, 3, 31), length: .months(12)))
        #expect(try span("2020 - 24") == Period.Span(first: days(2020, 1, 1), last: days(2024, 12, 31), length: .months(60)))
        #expect(try span("2020-01-01/P5Y") == span("2020 - 24"))
        #expect(try span("2024-Q2") == Period.Span(first: days(2024, 4, 1), last: days(2024, 6, 30), length: .months(3)))
        #expect(try span("2024-S2") == Period.Span(first: days(2024, 7, 1), last: days(2024, 12, 31), length: .months(6)))
        #expect(try span("2024-02") == Period.Span(first: days(2024, 2, 1), last: days(2024, 2, 29), length: .months(1)))
        // ISO week 1 of 2026 starts on Monday 29 December 2025; week 1 of 2021 on Monday 4 January 2021.
        #expect(try span("2026-W01") == Period.Span(first: days(2025, 12, 29), last: days(2026, 1, 4), length: .days(7)))
        #expect(try span("2021-W01").first == days(2021, 1, 4))
        #expect(try span("2024-05-15") == Period.Span(first: days(2024, 5, 15), last: days(2024, 5, 15), length: .days(1)))
        // A year from 16 November is twelve months whether or not it holds a 29 February.
        #expect(try span("2023-11-16/P1Y") == Period.Span(first: days(2023, 11, 16), last: days(2024, 11, 15), length: .months(12)))
        #expect(try span("2024-11-16/P1Y").length == .months(12))
        #expect(try span("2014-04-01/P3Y") == Period.Span(first: days(2014, 4, 1), last: days(2017, 3, 31), length: .months(36)))
        #expect(try span("2024-01-10/2024-02-09") == Period.Span(first: days(2024, 1, 10), last: days(2024, 2, 9), length: .months(1)))
        #expect(try span("2024-01-10/2024-01-19").length == .days(10))
        #expect(Period("2024-01-01T00:00:00Z/PT6H")?.span == nil)
        #expect(Period.civil(days(2000, 2, 29)) == (2000, 2, 29) && Period.civil(0) == (1970, 1, 1))
    }

    @Test("periods of different lengths, or that overlap, are not like for like, and say why")
    func unlike() throws {
        func unlike(_ a: String, _ b: String, total: Bool = false) throws -> String? {
            try #require(Period(a)).unlike(#require(Period(b)), total: total)
        }
        #expect(try unlike("2023", "2020-01-01/P5Y") == "periods of different lengths: 2023 (one year) against 2020 - 24 (a five-year average)")
        #expect(try unlike("2014-04-01/P3Y", "2023-24", total: true)
            == "periods of different lengths: 2014-15 to 2016-17 (a three-year total) against 2023-24 (one year)")
        #expect(try unlike("2024", "2024-Q1") == "periods of different lengths: 2024 (one year) against Jan–Mar 2024 (three months)")
        #expect(try unlike("2012 - 19", "2020 - 27") == nil, "eight years each, apart")
        #expect(try unlike("2019 - 23", "2020 - 24") == "the periods overlap: 2019 - 23 and 2020 - 24 both cover 2020 to 2023, so their figures share data; figures pooled over five years are compared with ones at least five years apart")
        #expect(try unlike("2023", "2023-24") == "the periods overlap: 2023 and 2023-24 both cover 1 Apr 2023 – 31 Dec 2023, so their figures share data")
        // Like for like: the same length, apart; the same period (nothing newer) is not this test's to judge.
        for (a, b) in [("2022", "2023"), ("2023-24", "2024-25"), ("2023-11-16/P1Y", "2024-11-16/P1Y"), ("2024-Q1", "2024-Q2"),
                       ("2024-W52", "2025-W01"), ("2023", "2023")] {
            #expect(try unlike(a, b) == nil, "\(a) against \(b)")
        }
    }
}

/// The one order periods are put in, for every "latest period" and every trend: in time, by the
/// day a period ends, then the day it starts, the text last, never by the text alone (`2023` is
/// after `2020 - 24` as text, before it in time).
@Suite struct PeriodOrderTests {
    @Test("periods are ordered in time, whatever their kind", arguments: [
        ("2023", "2020 - 24"), ("2023", "2020-01-01/P5Y"), ("2019 - 23", "2023"), ("2023", "2023-24"), ("2023", "2024-Q1"),
        ("2023", "2023-Q4"), ("2023-11", "2023"), ("2024-01", "2024-Q1"), ("2022-23", "2023"), ("2023-11-16/P1Y", "2024"),
        ("2024-05-15", "2024-05"), ("2024-W05", "2024-02"), ("2022", "2023"), ("2020 - 24", "2024"),
    ])
    func inTime(earlier: String, later: String) throws {
        let a = try #require(Period(earlier)), b = try #require(Period(later))
        #expect(a < b && !(b < a), "\(earlier) before \(later)")
        #expect(Period.isBefore(a.text, b.text) && !Period.isBefore(b.text, a.text))
        #expect([b.text, a.text].max(by: Period.isBefore) == b.text)
    }

    @Test("a period written with a time of midnight has the place of the date alone: neither is before the other, and they are the same")
    func midnight() throws {
        let pairs = [("2023-11-16T00:00:00/P1Y", "2023-11-16/P1Y"), ("2019-10-01T00:00:00", "2019-10-01"), ("2019-01-01T00:00:00Z/P1Y", "2019")]
        for (timed, plain) in pairs {
            #expect(Period.position(timed) == Period.position(plain), "\(timed)")
            #expect(!Period.isBefore(timed, plain) && !Period.isBefore(plain, timed), "\(timed)")
            #expect(Period.same(timed, plain) && Period.written(timed) == plain, "\(timed)")
            #expect(Period(timed) == Period(plain) && Period(timed)?.readable == Period(plain)?.readable, "\(timed)")
        }
        #expect(Period.isBefore("2022-11-16T00:00:00/P1Y", "2023-11-16/P1Y") && Period.isBefore("2023-11-16/P1Y", "2024-11-16T00:00:00/P1Y"))
        // One period, not two that overlap; a year apart, like for like.
        #expect(try #require(Period("2023-11-16T00:00:00/P1Y")).unlike(#require(Period("2023-11-16/P1Y"))) == nil)
        #expect(try #require(Period("2022-11-16T00:00:00/P1Y")).unlike(#require(Period("2023-11-16/P1Y"))) == nil)
        #expect(!Period.same("2023-11-16T12:00:00/P1Y", "2023-11-16/P1Y") && !Period.same("wave 9", "wave 10") && Period.same("wave 9", "wave 9"))
    }

    @Test("of two periods ending on the same day, the shorter is the later; the same period is not before itself")
    func sameEnd() throws {
        #expect(Period.isBefore("2020 - 24", "2024") && Period.isBefore("2024", "2024-Q4") && Period.isBefore("2024-Q4", "2024-12"))
        #expect(!Period.isBefore("2024", "2024") && !Period.isBefore("2020-01-01/P5Y", "2020-01-01/P5Y"))
        #expect(Period("2020-01-01/P5Y") == Period("2020 - 24"))
    }

    @Test("a sort of texts is in time: an indicator's years, financial years and pooled years together")
    func sorting() {
        #expect(["2023", "2020 - 24", "2022", "2019 - 23", "2023-24", "2024-Q1"].sorted(by: Period.isBefore)
            == ["2022", "2019 - 23", "2023", "2023-24", "2024-Q1", "2020 - 24"])
    }

    @Test("a monthly series of 2005–2011 keeps its months in order: `2005-06` is June there, not the financial year 2005/06")
    func monthsThatReadAsFinancialYears() {
        let months = ["2005-05", "2005-06", "2005-07", "2005-12", "2006-01", "2006-07", "2010-10", "2010-11", "2010-12"]
        #expect(months.shuffled().sorted(by: Period.isBefore) == months)
        #expect(["2010-11", "2012-13", "2005-06", "2011-12"].sorted(by: Period.isBefore) == ["2005-06", "2010-11", "2011-12", "2012-13"])
        #expect(["2005-12", "2005-06"].max(by: Period.isBefore) == "2005-12")
        // One order, whatever the order of the input (a rule for pairs of such texts made a
        // cycle: 2010-11 < 2010-12 < 2011-01-15 < 2010-11, and the latest of a set changed from run to run).
        let mixed = ["2010-11", "2010-12", "2011-01-15", "2023-03-01/P1Y", "2024-01", "2023-24"]
        let once = mixed.sorted(by: Period.isBefore)
        for _ in 0..<20 { #expect(mixed.shuffled().sorted(by: Period.isBefore) == once) }
        #expect(once == ["2010-11", "2010-12", "2011-01-15", "2024-01", "2023-03-01/P1Y", "2023-24"])
    }

    @Test("text that is not a period, or cannot be placed in time, comes first, in the order of its text, and does not crash")
    func unplaced() {
        #expect(Period.isBefore("wave 9", "1999") && !Period.isBefore("1999", "wave 9"))
        #expect(Period.isBefore("", "wave 9") && Period.isBefore("wave 10", "wave 9") && !Period.isBefore("wave 9", "wave 9"))
        #expect(Period.isBefore("2024-01-01T00:00:00Z/PT6H", "2000"))
        #expect(["2024", "Q4-2024", "2020 - 24", "last year"].max(by: Period.isBefore) == "2024")
        #expect(["Q4-2024", "last year"].max(by: Period.isBefore) == "last year")
    }
}
