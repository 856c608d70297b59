import Testing
@testable import TextReport

/// The report puts its own quotation marks around each quote: a quote that came enclosed in
/// its own (a Word note quoting someone) loses those, so no ““ shows (a try-out's report.md).
@Suite struct QuoteMarksTests {
    @Test(arguments: [
        ("“Honestly, nobody calls back.”", "Honestly, nobody calls back."),
        ("\"Rents are too high\"", "Rents are too high"),
        ("‘Buses stop at six’", "Buses stop at six"),
        ("“Yes,” she said, “no.”", "“Yes,” she said, “no.”"),
        ("“Honestly,” she said", "“Honestly,” she said"),
        ("Plain words", "Plain words"),
        ("“”", "“”"),
    ])
    func enclosingMarksAreDropped(text: String, shown: String) {
        #expect(ReportModel.withoutOwnQuotes(text) == shown)
    }
}
