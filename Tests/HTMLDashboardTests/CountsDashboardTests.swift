import BaselineCore
import BaselineSchema
import Foundation
@testable import HTMLDashboard
import Testing

/// The dashboard of a baseline of counts with no benchmark areas — the try-out's City of
/// London crimes for 2019-20 (`police-uk`: 10,013 rows read, 9,197 counted into 1,080 figures,
/// 689 with no location and 127 repeating a crime ID skipped). Its page said "816 Records set
/// aside" over a table of 0 set aside and 816 skipped, showed "—" in the Count column of every
/// count, and drew the place alone in the middle of an empty "Against benchmarks" chart.
@Suite struct CountsDashboardTests {
    static func document(benchmarks: [Area] = []) -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "City of London", code: "E09000001"), period: "2019-20")
        document.benchmarks = benchmarks
        var counts = SourceCounts(id: "street-crime", adapter: "police-uk", version: "1.0.0", onError: .quarantine,
                                  read: 10013, passedOn: 9197, quarantined: 0, skipped: 816)
        counts.figures = 1080
        document.manifest.sources = [counts]
        document.indicators = [("crime-all", "All crime", 7711.0), ("crime-robbery", "Robbery", 146)].map { id, name, value in
            IndicatorResult(id: id, name: name, area: "E09000001", period: "2019-20", value: value, missing: nil, unit: "crimes",
                            polarity: "low_is_good", ci95: nil, comparisons: [:], provenance: Provenance(source: "street-crime", file: "f.csv"),
                            valueType: "count", count: value, multiplier: 1)
        }
        return document
    }

    @Test("the headline cards count what the table counts: rows set aside and rows skipped, apart")
    func cardsAgreeWithTheTable() {
        let html = DashboardPage(document: Self.document(), title: "T").html
        #expect(html.contains("<li><span class=\"big\">0</span> Rows set aside</li><li><span class=\"big\">816</span> Rows skipped</li>"), "\(html)")
        #expect(!html.contains("816</span> Records set aside"))
        #expect(html.contains("<td>10,013 rows</td><td>9,197 rows, counted into 1,080 figures</td><td>0 rows</td><td>816 rows</td>"), "\(html)")
    }

    @Test("a count of events is shown once: no Count column beside a Value that is the count; one beside a rate's value")
    func countColumn() {
        let html = DashboardPage(document: Self.document(), title: "T").html
        // It showed "7,711" under Count and "7,711 crimes" under Value on every row.
        #expect(!html.contains("<th scope=\"col\">Count</th>") && !html.contains("data-label=\"Count\""), "\(html)")
        #expect(html.contains("<th scope=\"col\">Indicator</th><th scope=\"col\">Value</th>"), "\(html)")
        #expect(html.contains("<td data-label=\"Value\">7,711 crimes</td>") && html.contains("<td data-label=\"Value\">146 crimes</td>"), "\(html)")
        // Beside a rate with its numerator, the column is back: a count that is not the value.
        var document = Self.document()
        document.indicators.append(IndicatorResult(id: "rate", name: "Crimes per 1,000", area: "E09000001", period: "2019-20", value: 80.2, missing: nil,
                                                   unit: "per 1,000", polarity: "low_is_good", ci95: nil, comparisons: [:],
                                                   provenance: Provenance(source: "s", file: "f.csv"), count: 7711, denominator: 96_100))
        let mixed = DashboardPage(document: document, title: "T").html
        #expect(mixed.contains("<th scope=\"col\">Count</th><th scope=\"col\">Value</th>") && mixed.contains("<td data-label=\"Count\">7,711</td>"), "\(mixed)")
    }

    @Test("a trend that cannot be calculated for the same reason for every indicator is said once, above the table")
    func trendThatCannotBeCalculatedSaidOnce() {
        var document = Self.document()
        for index in document.indicators.indices {
            document.indicators[index].trend = "cannot be calculated"
            document.indicators[index].trendReason = "it takes 5 periods in a row and there are only 2"
        }
        // Each crime type's earlier period, so that each row has its trend chart.
        document.indicators += document.indicators.map { var earlier = $0; earlier.period = "2018-19"; return earlier }
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.components(separatedBy: "cannot be calculated").count == 2, "said once, not under each of the 2 rows and in each chart: \(html)")
        #expect(html.contains("<p>The recent trend cannot be calculated for any of these indicators: it takes 5 periods in a row and there are only 2.</p>"), "\(html)")
        #expect(html.components(separatedBy: "<figcaption><strong>Trend</strong></figcaption>").count == 3, "\(html)")
        // Not every indicator for one reason: each keeps its reason under its name.
        var one = Self.document()
        one.indicators[0].trend = "cannot be calculated"
        one.indicators[0].trendReason = "a gap between 2017-18 and 2019-20"
        let alone = DashboardPage(document: one, title: "T").html
        #expect(alone.contains("<small>Trend: <span class=\"trend-neutral\">cannot be calculated (a gap between 2017-18 and 2019-20)</span></small>"), "\(alone)")
        #expect(!alone.contains("The recent trend cannot be calculated for"), "\(alone)")
    }

    @Test("with nothing to compare with, no chart, no key to its colours, and the page says why")
    func nothingToCompare() {
        let html = DashboardPage(document: Self.document(), title: "T").html
        #expect(!html.contains("class=\"spine\"") && !html.contains("Against benchmarks") && !html.contains("Compared with a benchmark:"), "\(html)")
        #expect(html.contains("The pipeline names no benchmark areas (<code>benchmarks:</code>), so there is nothing to compare these figures with."), "\(html)")
        // A benchmark named, with no figure for these indicators: the same, in its words.
        let named = DashboardPage(document: Self.document(benchmarks: [Area(code: "E92000001", name: "England", role: "england")]), title: "T").html
        #expect(!named.contains("class=\"spine\"") && named.contains("None of the benchmark areas has a figure for these indicators"), "\(named)")
    }

    @Test("a row with nothing to compare with, in a table where others have, says so rather than draw the place alone")
    func oneRowWithoutABenchmark() {
        var document = Self.document(benchmarks: [Area(code: "E92000001", name: "England", role: "england")])
        document.indicators.append(IndicatorResult(id: "crime-all", name: "All crime", area: "E92000001", period: "2019-20", value: 5_000_000,
                                                   missing: nil, unit: "crimes", polarity: "low_is_good", ci95: nil, comparisons: [:],
                                                   provenance: Provenance(source: "s", file: "f.csv"), valueType: "count", count: 5_000_000))
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.components(separatedBy: "<svg class=\"spine\"").count == 2, "one chart, for all crime")
        #expect(html.contains("<td class=\"spine-cell\" data-label=\"Against benchmarks\"><small>no benchmark to compare with</small></td>"), "\(html)")
    }
}
