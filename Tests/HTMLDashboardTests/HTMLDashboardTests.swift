import BaselineCore
import BaselineSchema
import Foundation
@testable import HTMLDashboard
import Testing

@Suite struct HTMLDashboardTests {
    func document() -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "Test <Town>", code: "E07000001"), period: "2025")
        let figures = SurveyFigures(responses: 20, percentPositive: 55, ci95: Interval(lower: 34.2, upper: 74.2), meanScore: 3.4,
                                    distribution: ["Disagree": 9, "Agree": 11], blank: 1, excluded: [:])
        let small = SurveyFigures(responses: 0, percentPositive: nil, ci95: nil, meanScore: nil, distribution: [:], blank: 0,
                                  excluded: [:], suppressed: "fewer than 10 responses")
        document.survey = [SurveyQuestionResult(id: "q1", source: "s", text: "We \"trust\" each other", scale: "agree5", reverse: false,
                                                overall: figures, groups: ["Org": [GroupFigures(group: "A & B", figures: small)]],
                                                provenance: Provenance(source: "s", file: "s.csv"))]
        document.indicators = [
            IndicatorResult(id: "HOMELESS", name: "Homelessness", area: "E07000001", period: "2024", value: 3.1, missing: nil, unit: "per 1,000",
                            polarity: "low_is_good", ci95: Interval(lower: 2.8, upper: 3.4), comparisons: ["E92000001": "worse"],
                            provenance: Provenance(source: "x", file: "x.xml", line: 9)),
            IndicatorResult(id: "HOMELESS", name: "Homelessness", area: "E92000001", period: "2024", value: 2.4, missing: nil, unit: "per 1,000",
                            polarity: "low_is_good", ci95: nil, comparisons: [:], provenance: Provenance(source: "x", file: "x.xml", line: 10)),
        ]
        document.benchmarks = [Area(code: "E92000001", name: "England", role: "england")]
        return document
    }

    @Test func selfContained() {
        let html = DashboardPage(document: document(), title: "T").html
        for forbidden in ["http://", "https://", "<script", "<link", "src=", "@import", "url(", "@font-face"] {
            #expect(!html.lowercased().contains(forbidden), "found \(forbidden)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    }

    @Test func textIsEscaped() {
        let html = DashboardPage(document: document(), title: "Test <Town>").html
        #expect(html.contains("<title>Test &lt;Town&gt;</title>"))
        #expect(html.contains("We &quot;trust&quot; each other"))
        #expect(html.contains("Org: A &amp; B"))
        #expect(!html.contains("<Town>"))
    }

    @Test func comparisonsAreSaidInWordsNotOnlyColour() {
        let html = DashboardPage(document: document(), title: "T").html
        #expect(html.contains("<td data-label=\"England\">2.4<br><span class=\"cmp worse\">worse</span></td>"))
        #expect(html.contains("<tr class=\"worse\" title=\"x.xml:9\">"))
        #expect(html.contains("suppressed — fewer than 10 responses"))
        #expect(html.contains("aria-label=\"We &quot;trust&quot; each other: Strongly disagree 0, Disagree 9, Neither agree nor disagree 0, Agree 11, Strongly agree 0\""))
    }

    @Test func everyChartHasATableOrLabel() {
        var document = document()
        document.indicators[0].breakdowns = [breakdown(sex: "Male", value: 3.5), breakdown(sex: "Female", value: 2.7)]
        document.indicators.append(earlier(document.indicators[0], period: "2023", value: 2.9))
        let html = DashboardPage(document: document, title: "T").html
        let charts = html.components(separatedBy: "<svg").count - 1 - (html.components(separatedBy: "aria-hidden=\"true\"><").count - 1)
            + html.components(separatedBy: "<div class=\"chart").count - 1
        let labelled = html.components(separatedBy: "role=\"img\" aria-label=").count - 1
        #expect(charts == labelled)
        #expect(charts == 4, "spine, trend, breakdown and survey charts")
    }

    // MARK: - The profile table

    func breakdown(sex: String? = nil, type: String? = nil, category: String? = nil, value: Double?) -> IndicatorBreakdown {
        IndicatorBreakdown(sex: sex, age: nil, categoryType: type, category: category, value: value, missing: value == nil ? .suppressed : nil,
                           ci95: value.map { Interval(lower: $0 - 0.3, upper: $0 + 0.3) }, count: nil, denominator: nil,
                           provenance: Provenance(source: "x", file: "x.csv"))
    }

    func earlier(_ indicator: IndicatorResult, period: String, value: Double) -> IndicatorResult {
        var result = indicator
        result.period = period
        result.value = value
        result.ci95 = Interval(lower: value - 0.3, upper: value + 0.3)
        result.trend = nil
        return result
    }

    /// The benchmarks' values are columns beside the place's (Fingertips' area profile), not only
    /// in tooltips: before, "worse than England" came without England's figure.
    @Test func valuesSitBesideTheBenchmarks() {
        var document = document()
        document.benchmarks.insert(Area(code: "E12000001", name: "North East region", role: "region"), at: 0)
        document.benchmarks.insert(Area(code: "E07000002", name: "Vale", role: "neighbour"), at: 0)
        document.indicators[0].comparisons["E12000001"] = "similar"
        document.indicators[0].count = 412
        document.indicators.append(IndicatorResult(id: "HOMELESS", name: "Homelessness", area: "E12000001", period: "2024", value: 3.0, missing: nil,
                                                   unit: "per 1,000", polarity: "low_is_good", ci95: nil, comparisons: [:], provenance: Provenance(source: "x", file: "x.xml")))
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("<th scope=\"col\">Count</th><th scope=\"col\">Value</th><th scope=\"col\">Vale</th>"
            + "<th scope=\"col\">North East region</th><th scope=\"col\">England</th>"), "neighbours, then the region, then England")
        #expect(html.contains("<td data-label=\"Count\">412</td>"))
        #expect(html.contains("<td data-label=\"Vale\">—</td>"), "a benchmark without a value says so")
        #expect(html.contains("<td data-label=\"North East region\">3.0<br><span class=\"cmp similar\">similar</span></td>"))
        #expect(html.contains("<td data-label=\"England\">2.4<br><span class=\"cmp worse\">worse</span></td>"))
        // However many benchmarks, the table scrolls inside its own region (reachable by keyboard),
        // never the page.
        #expect(html.contains("<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"Indicators for ")
                && html.contains("<table class=\"profile stack\">"))
    }

    /// `range_across_areas` (from the indicators stage) gives Worst and Best columns and the
    /// spine chart's grey bar, darker between the quartiles.
    @Test func theRangeAcrossAllAreasIsDrawn() throws {
        let json = """
            {"id":"HOMELESS","name":"Homelessness","area":"E07000001","period":"2024","value":3.1,"polarity":"low_is_good",
             "comparisons":{"E92000001":"worse"},"provenance":{"source":"x","file":"x.xml"},
             "range_across_areas":{"areas":296,"worst":5.2,"q25":2.1,"q75":3.3,"best":0.9,"area_type":"District"}}
            """
        let decoded = try JSONDecoder().decode(IndicatorResult.self, from: Data(json.utf8))
        #expect(decoded.rangeAcrossAreas == RangeAcrossAreas(areas: 296, worst: 5.2, q25: 2.1, q75: 3.3, best: 0.9, areaType: "District"))
        var document = document()
        document.indicators[0].rangeAcrossAreas = decoded.rangeAcrossAreas
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("<th scope=\"col\">Worst</th><th scope=\"col\" class=\"spine-head\">Range"))
        #expect(html.contains("<td data-label=\"Worst\">5.2</td>"))
        #expect(html.contains("<td data-label=\"Best\">0.9<br><small>of 296 areas</small></td>"))
        // Low is good: the worst (highest) value is on the left, the best on the right.
        let outer = try #require(html.firstMatch(of: /<rect class="range-outer" x="([0-9.]+)" y="18" width="([0-9.]+)"/))
        let inner = try #require(html.firstMatch(of: /<rect class="range-inner" x="([0-9.]+)" y="18" width="([0-9.]+)"/))
        #expect(Double(outer.1)! < Double(inner.1)! && Double(inner.1)! + Double(inner.2)! < Double(outer.1)! + Double(outer.2)!)
        #expect(html.contains("across 296 areas: worst 5.2, 25th–75th percentile 2.1–3.3, best 0.9"))
        #expect(html.contains("worst to best of all areas"), "the legend names the bar")
    }

    /// An indicator with no better or worse (`no_judgement`) has a lowest and a highest, never a
    /// worst and a best: in the headers, the cells' labels, the chart's directions, its spoken
    /// label and the legend; in a table of both kinds, its cells say which end they are.
    @Test func aRangeWithNoJudgementIsLowestToHighest() throws {
        var document = document()
        for i in document.indicators.indices { document.indicators[i].polarity = "no_judgement" }
        document.indicators[0].comparisons = ["E92000001": "higher"]
        document.indicators[0].rangeAcrossAreas = RangeAcrossAreas(areas: 296, worst: 0.9, q25: 2.1, q75: 3.3, best: 5.2, areaType: "District")
        var html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("<th scope=\"col\">Lowest</th><th scope=\"col\" class=\"spine-head\">Range<br><small>← lower · England · higher →</small></th>"
                              + "<th scope=\"col\">Highest</th>"))
        #expect(html.contains("<td data-label=\"Lowest\">0.9</td>"))
        #expect(html.contains("<td data-label=\"Highest\">5.2<br><small>of 296 areas</small></td>"))
        #expect(html.contains("across 296 areas: lowest 0.9, 25th–75th percentile 2.1–3.3, highest 5.2"))
        #expect(html.contains("lowest to highest of all areas"))
        for word in ["Worst", "Best", "worst", "best", "← worse"] {
            #expect(!html.contains(word), "\(word) said of an indicator with no better or worse")
        }

        // Beside an indicator that has a better and a worse: both in the headers, and the row says which.
        let provenance = Provenance(source: "x", file: "x.xml")
        document.indicators += [
            IndicatorResult(id: "FALLS", name: "Falls", area: "E07000001", period: "2024", value: 2605.6, missing: nil, unit: nil, polarity: "low_is_good",
                            ci95: nil, comparisons: ["E92000001": "worse"], provenance: provenance),
            IndicatorResult(id: "FALLS", name: "Falls", area: "E92000001", period: "2024", value: 2196, missing: nil, unit: nil, polarity: "low_is_good",
                            ci95: nil, comparisons: [:], provenance: provenance),
        ]
        document.indicators[2].rangeAcrossAreas = RangeAcrossAreas(areas: 300, worst: 3900, q25: 1900, q75: 2400, best: 1200, areaType: "District")
        html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("<th scope=\"col\">Worst or lowest</th><th scope=\"col\" class=\"spine-head\">Range<br><small>← worse or lower · England · "
                              + "better or higher →</small></th><th scope=\"col\">Best or highest</th>"))
        #expect(html.contains("<td data-label=\"Lowest\">0.9<br><small>lowest</small></td>"))
        #expect(html.contains("<td data-label=\"Highest\">5.2<br><small>highest of 296 areas</small></td>"))
        #expect(html.contains("<td data-label=\"Worst\">3,900.0</td>"), "a row with a better and a worse is unchanged")
        #expect(html.contains("<td data-label=\"Best\">1,200.0<br><small>of 300 areas</small></td>"))
        #expect(html.contains("across 300 areas: worst 3,900.0, 25th–75th percentile 1,900.0–2,400.0, best 1,200.0"))
        #expect(html.contains("worst to best (lowest to highest where there is no better or worse) of all areas"))
    }

    /// England sits in the middle of every row; better is to the right whatever the polarity;
    /// every benchmark is named on the chart, not only on hover, names that would overlap in lanes.
    @Test func theSpineIsEnglandCentredAndLabelled() throws {
        var document = document()
        document.benchmarks += [Area(code: "A1", name: "Vale", role: "neighbour"), Area(code: "A2", name: "Dale", role: "neighbour")]
        for code in ["A1", "A2"] {
            document.indicators.append(IndicatorResult(id: "HOMELESS", name: "Homelessness", area: code, period: "2024", value: 2.2, missing: nil,
                                                       unit: nil, polarity: "low_is_good", ci95: nil, comparisons: [:], provenance: Provenance(source: "x", file: "x.xml")))
        }
        let html = DashboardPage(document: document, title: "T").html
        let spine = try #require(html.firstMatch(of: /<svg class="spine".*?<\/svg>/))
        let chart = String(spine.0)
        #expect(chart.contains("<line class=\"england-line\" x1=\"110\" x2=\"110\""), "England in the middle")
        #expect(chart.contains("<text x=\"110\" y=\"10\" text-anchor=\"middle\">England</text>"))
        // 3.1 is worse than England's 2.4 when low is good: left of the middle.
        let dot = try #require(chart.firstMatch(of: /<circle class="bar worse" cx="([0-9.]+)"/))
        #expect(Double(dot.1)! < 110)
        // Vale and Dale share a value: each has its own lane.
        let vale = try #require(chart.firstMatch(of: /y="([0-9.]+)">Vale<\/text>/))
        let dale = try #require(chart.firstMatch(of: /y="([0-9.]+)">Dale<\/text>/))
        #expect(vale.1 != dale.1)
        // Every tick is drawn before any name, so that no tick down to a lower lane crosses a
        // name above it (the try-out's "Bassetlaw" struck through by East Midlands' tick).
        let lastTick = try #require(chart.ranges(of: "<line class=\"tick\"").last)
        let firstName = try #require(chart.range(of: ">Vale</text>") ?? chart.range(of: ">Dale</text>"))
        #expect(lastTick.lowerBound < firstName.lowerBound)
    }

    /// One geometry on every row: England at the same x, and each row's half-width set by what
    /// lies furthest from England on that row (with the range across areas, Fingertips' rule: the
    /// area furthest from England at the edge), so two rows of very different units sit alike.
    @Test func everySpineRowSharesOneGeometry() throws {
        var document = document()
        document.indicators[0].rangeAcrossAreas = RangeAcrossAreas(areas: 300, worst: 5.2, q25: 2.1, q75: 3.3, best: 0.9, areaType: "Districts & UAs")
        let provenance = Provenance(source: "x", file: "x.xml")
        document.indicators += [
            IndicatorResult(id: "FALLS", name: "Falls", area: "E07000001", period: "2024", value: 2605.6, missing: nil, unit: nil, polarity: "low_is_good",
                            ci95: Interval(lower: 2500, upper: 2710), comparisons: ["E92000001": "worse"], provenance: provenance),
            IndicatorResult(id: "FALLS", name: "Falls", area: "E92000001", period: "2024", value: 2196, missing: nil, unit: nil, polarity: "low_is_good",
                            ci95: nil, comparisons: [:], provenance: provenance),
        ]
        document.indicators[2].rangeAcrossAreas = RangeAcrossAreas(areas: 300, worst: 3900, q25: 1900, q75: 2400, best: 1200, areaType: "Districts & UAs")
        let html = DashboardPage(document: document, title: "T").html
        let charts = html.matches(of: /<svg class="spine".*?<\/svg>/).map { String($0.0) }
        #expect(charts.count == 2)
        // Worst 5.2 is 2.8 from England's 2.4 (best 0.9 only 1.5); worst 3,900 is 1,704 from 2,196
        // (best 1,200 only 996): each at 102 / 1.08 = 94.4 px left of the middle (low is good).
        for chart in charts {
            #expect(chart.contains("<line class=\"england-line\" x1=\"110\" x2=\"110\""), "England at the same x: \(chart)")
            let outer = try #require(chart.firstMatch(of: /<rect class="range-outer" x="([0-9.]+)"/))
            #expect(abs(Double(outer.1)! - (110 - 102 / 1.08)) < 0.05, "the worst area at the left edge (to the 0.1 px written): \(outer.1)")
        }
    }

    /// Arrows mean only the direction of the trend: a falling rate shows ▼ even when that is
    /// better (before, ▲ meant "better").
    @Test func arrowsShowOnlyTheDirectionOfTheTrend() {
        var document = document()
        document.indicators[0].trend = "decreasing and getting better"
        document.indicators[0].comparisons["E92000001"] = "better"
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("<span class=\"trend-better\"><span aria-hidden=\"true\">▼ </span>decreasing and getting better</span>"))
        #expect(!html.contains("▲"))
        #expect(html.contains("<span class=\"cmp better\">better</span>"))
        #expect(DashboardPage.trendWords("increasing and getting worse").contains("▲ </span>increasing"))
        #expect(DashboardPage.trendWords("no significant change").contains("→ </span>no significant change"))
        #expect(!DashboardPage.trendWords("cannot be calculated").contains("aria-hidden"))
    }

    /// Earlier periods are a chart (the place's line and England's), captioned with the trend's
    /// wording, with the table kept under it.
    @Test func earlierPeriodsAreATrendChart() throws {
        var document = document()
        document.indicators[0].trend = "increasing and getting worse"
        document.indicators.append(earlier(document.indicators[0], period: "2022", value: 2.5))
        document.indicators.append(earlier(document.indicators[0], period: "2023", value: 2.9))
        for (period, value) in [("2022", 2.3), ("2023", 2.2)] {
            document.indicators.append(earlier(document.indicators[1], period: period, value: value))
        }
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("<figure class=\"trend\"><figcaption><strong>Trend</strong>: <span class=\"trend-worse\">"))
        #expect(html.contains("aria-label=\"Homelessness, 2022 2.5; 2023 2.9; 2024 3.1; England's line beside it\""))
        let place = try #require(html.firstMatch(of: /<polyline class="place" points="([^"]*)"/))
        #expect(place.1.split(separator: " ").count == 3)
        #expect(html.contains("<polyline class=\"england\""))
        #expect(html.contains("<tr><th scope=\"row\">2023</th><td>2.9 per 1,000</td><td>2.6–3.2</td><td>2.2</td></tr>"))
    }

    /// A series that barely moves (the try-out's 28.74 → 28.65) gave its axis two labels that
    /// read the same, drawn on top of each other: one label then, and two labels a line apart.
    @Test func trendAxisLabelsDoNotOverlap() throws {
        func labels(_ values: [Double], places: Int? = nil) throws -> [(text: String, y: Double)] {
            var document = document()
            document.indicators[0].ci95 = nil
            document.indicators[0].value = values.last
            for (index, value) in values.dropLast().enumerated() {
                var point = earlier(document.indicators[0], period: "\(2020 + index)", value: value)
                point.ci95 = nil
                document.indicators.append(point)
            }
            document.indicators.removeAll { $0.area == "E92000001" }
            let html = DashboardPage(document: document, title: "T").html
            let svg = try #require(html.firstMatch(of: /<svg class="trend".*?<\/svg>/)).0
            return svg.matches(of: /<text x="44" y="([0-9.]+)" text-anchor="end">([^<]*)<\/text>/).map { (String($0.2), Double($0.1)!) }
        }
        let flat = try labels([28.74, 28.66])
        #expect(flat.map(\.text) == ["28.7"], "\(flat)")
        let close = try labels([28.74, 28.55])
        #expect(close.map(\.text) == ["28.7", "28.6"] && close[1].y - close[0].y >= 12, "\(close)")
        let apart = try labels([20, 30])
        #expect(apart.map(\.text) == ["30.0", "20.0"] && apart[1].y - apart[0].y > 60, "\(apart)")
    }

    /// The indicators table scrolls sideways in a window narrower than its columns: the caption
    /// then says so (the try-out's 1,100 px window hid "Best or highest" without a word), in a
    /// window as wide as the columns need, which grows with each benchmark.
    @Test func aWideTableSaysItScrolls() throws {
        var document = document()
        let page = DashboardPage(document: document, title: "T")
        let html = page.html
        #expect(html.contains("<span class=\"scroll-hint\"> (wider than this window: scroll the table sideways for its last columns →)</span></caption>"))
        let width = try #require(html.firstMatch(of: /@media screen and \(min-width:701px\) and \(max-width:([0-9]+)px\)\{\.scroll-hint\{display:inline\}\}/))
        document.benchmarks += [Area(code: "A1", name: "Vale", role: "neighbour"), Area(code: "A2", name: "Dale", role: "neighbour")]
        for code in ["A1", "A2"] {
            document.indicators.append(IndicatorResult(id: "HOMELESS", name: "Homelessness", area: code, period: "2024", value: 2.2, missing: nil,
                                                       unit: nil, polarity: "low_is_good", ci95: nil, comparisons: [:], provenance: Provenance(source: "x", file: "x.xml")))
        }
        let wider = try #require(DashboardPage(document: document, title: "T").html.firstMatch(of: /and \(max-width:([0-9]+)px\)\{\.scroll-hint/))
        #expect(Int(wider.1)! == Int(width.1)! + 2 * 112)
    }

    /// Breakdowns by sex and by deprivation decile: a chart and a table each.
    @Test func inequalitiesAreChartsAndTables() {
        var document = document()
        document.indicators[0].breakdowns = [
            breakdown(sex: "Male", value: 3.5), breakdown(sex: "Female", value: 2.7),
            breakdown(type: "Deprivation decile (IMD2019)", category: "Most deprived decile", value: 5.1),
            breakdown(type: "Deprivation decile (IMD2019)", category: "Least deprived decile", value: nil),
        ]
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("<figcaption><strong>Homelessness by sex</strong></figcaption>"))
        #expect(html.contains("<figcaption><strong>Homelessness by Deprivation decile (IMD2019)</strong></figcaption>"))
        #expect(html.contains("aria-label=\"Homelessness by sex: Male 3.5; Female 2.7\""))
        #expect(html.contains("<tr><th scope=\"row\">Least deprived decile</th><td><em>suppressed</em></td><td>—</td><td>—</td></tr>"))
        #expect(html.contains("<span class=\"overall\" style=\"left:"), "the place's overall value is marked across the bars")
    }

    // MARK: - Survey, themes, agreement

    /// A reverse-scored question is drawn from its other end, so the caption's "most negative on
    /// the left" holds (before, its bar ran disagree → agree with the colours flipped).
    @Test func aReverseScoredQuestionIsDrawnAsItsCaptionSays() throws {
        var document = document()
        document.survey[0].reverse = true
        document.survey[0].points = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("aria-label=\"We &quot;trust&quot; each other: Strongly agree 0, Agree 11, Neither agree nor disagree 0, Disagree 9, Strongly disagree 0\""))
        let first = try #require(html.firstMatch(of: /<div class="chart likert"[^>]*><span class="(l[0-4])"[^>]*title="([^:]*):/))
        #expect(first.1 == "l1" && first.2 == "Agree", "agreeing, the negative answer, on the left in a negative shade")
    }

    /// Likert shares are HTML boxes: their labels keep the page's font size on a phone (the
    /// SVG's shrank to ~5 px).
    @Test func likertLabelsAreNotScaledDown() {
        let html = DashboardPage(document: document(), title: "T").html
        #expect(!html.contains("<svg class=\"likert\""))
        #expect(html.contains("style=\"width:45%\" title=\"Disagree: 9\">45%</span>"))
    }

    /// A parent theme is one card with its sub-themes inside (before, an empty card of its own).
    @Test func parentThemesHoldTheirSubThemes() throws {
        var document = document()
        let quote = Quote(text: "Nobody shares the data", attribution: "Manager", provenance: Provenance(source: "n", file: "n.md", line: 3))
        document.themes = [
            ThemeResult(id: "partnership", name: "Partnership", mentions: 0, sources: 0, breakdown: [:], quotes: []),
            ThemeResult(id: "silos", name: "Silos", mentions: 4, sources: 3, breakdown: [:], quotes: [quote], parent: "partnership"),
            ThemeResult(id: "trust", name: "Trust", mentions: 2, sources: 2, breakdown: [:], quotes: [], parent: "partnership"),
        ]
        let html = DashboardPage(document: document, title: "T").html
        let start = try #require(html.range(of: "<article class=\"theme\">\n<h3>Partnership"))
        let end = try #require(html.range(of: "</article>", range: start.upperBound..<html.endIndex))
        let card = String(html[start.lowerBound..<end.upperBound])
        #expect(card.contains("<h4>Silos <small>4 mentions by 3 sources</small></h4>"))
        #expect(card.contains("Nobody shares the data"))
        #expect(card.contains("<h4>Trust"))
        #expect(html.components(separatedBy: "<article class=\"theme\">").count == 2, "one card")
    }

    /// What the brief has, the page has: where the numbers and what people said agree (with
    /// England's figure beside the place's), and the questions to open the workshop.
    @Test func agreementAndWorkshopQuestionsAreOnThePage() {
        var document = document()
        document.candidatePriorities = [
            CandidatePriority(id: "HOMELESS", name: "Homelessness", reason: "Worse than England.", indicators: ["HOMELESS"], questions: [],
                              themes: [], agreement: "agree"),
            CandidatePriority(id: "silos", name: "Silos", reason: "Raised 4 times.", indicators: [], questions: [], themes: ["silos"],
                              agreement: "voices_only"),
        ]
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("<h2 id=\"agree\">Where the numbers and what people said agree</h2>"))
        #expect(html.contains("<li><strong>Homelessness</strong> — the indicators and what people said agree. Worse than England."
            + "<br><small>Homelessness: 3.1 here, England 2.4 (<span class=\"cmp worse\">worse</span>).</small></li>"))
        #expect(html.contains("<h2 id=\"questions\">Questions to open the workshop</h2>"))
        #expect(html.contains("<li>Homelessness is worse here than in England, and people told us so too."))
        #expect(html.contains("<li>People kept raising “Silos”, but the indicators do not single it out."))
    }

    /// Without notes or free text, the page promises no voices: the lede names the evidence the
    /// baseline holds, and the priorities are where the numbers point.
    @Test func aBaselineOfNumbersAlonePromisesNoVoices() {
        var document = document()
        document.candidatePriorities = [
            CandidatePriority(id: "HOMELESS", name: "Homelessness", reason: "Worse than England.", indicators: ["HOMELESS"], questions: [],
                              themes: [], agreement: "numbers_only"),
        ]
        let withSurvey = DashboardPage(document: document, title: "T").html
        #expect(withSurvey.contains("for 2025: what the numbers say and what staff told us.</p>"))
        document.survey = []
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("for 2025: what the numbers say.</p>"))
        #expect(!html.contains("what we heard"))
        #expect(html.contains("<h2 id=\"agree\">Where the numbers point</h2>"))
        #expect(html.contains("no notes or free text were in this baseline to set beside them."))
    }

    /// A try-out's notes-only baseline: "1 mentions by 1 sources", and a section headed "Where
    /// the numbers and what people said agree" saying "the indicators do not single it out" of a
    /// baseline that had no indicators at all.
    @Test func aBaselineOfVoicesAloneClaimsNoComparison() throws {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        document.themes = [
            ThemeResult(id: "homelessness", name: "Homelessness", mentions: 5, sources: 1, breakdown: [:], quotes: []),
            ThemeResult(id: "care_leavers", name: "Care leavers", mentions: 1, sources: 1, breakdown: [:], quotes: []),
        ]
        document.candidatePriorities = [
            CandidatePriority(id: "homelessness", name: "Homelessness", reason: "5 of the 6 theme mentions.", indicators: [], questions: [],
                              themes: ["homelessness"], agreement: "voices_only"),
        ]
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("<h3>Homelessness <small>5 mentions by 1 source</small></h3>"))
        #expect(html.contains("<h3>Care leavers <small>1 mention by 1 source</small></h3>"))
        #expect(!html.contains("1 mentions") && !html.contains("1 sources"))
        #expect(html.contains("<h2 id=\"agree\">Where the evidence points</h2>"))
        #expect(html.contains("<p>This baseline has no indicators for Millbrook: there are no figures to set beside what people said.</p>"))
        #expect(html.contains("<li><strong>Homelessness</strong> — people raised it. 5 of the 6 theme mentions.</li>"))
        #expect(html.contains("<li>People kept raising “Homelessness”. What are they seeing, and what would tell us it is changing?</li>"))
        for claim in ["indicators do not single it out", "the numbers and what people said agree", "though no indicator"] {
            #expect(!html.contains(claim), "\(claim)")
        }
        // With indicators for the place, the comparison is made as before.
        let both = DashboardPage(document: { var d = self.document(); d.themes = document.themes; d.candidatePriorities = document.candidatePriorities; return d }(),
                                 title: "T").html
        #expect(both.contains("<h2 id=\"agree\">Where the numbers and what people said agree</h2>"))
        #expect(both.contains("people raised it, but the indicators do not single it out."))
        #expect(!both.contains("there are no figures to set beside"))
    }

    // MARK: - Colours, phone and print

    /// Every text colour against what it sits on: at least WCAG's 4.5:1; and each is the one the
    /// page's CSS uses.
    @Test func thePaletteHasEnoughContrast() {
        let css = DashboardPage.style + DashboardPage.progressStyle
        for c in Palette.comparisons {
            #expect(Palette.contrast(c.text, c.fill) >= 4.5, "\(c.name): \(Palette.contrast(c.text, c.fill))")
            #expect(css.contains(".cmp.\(c.name){background:\(c.fill);color:\(c.text)}"))
        }
        for (index, shade) in Palette.shades.enumerated() {
            #expect(Palette.contrast(shade.text, shade.fill) >= 4.5, "shade \(index)")
            #expect(css.contains(".l\(index){fill:\(shade.fill);background:\(shade.fill);color:\(shade.text)}"))
        }
        for t in Palette.text {
            #expect(Palette.contrast(t.color, t.background) >= 4.5, "\(t.name): \(Palette.contrast(t.color, t.background))")
            #expect(css.contains(t.color.replacingOccurrences(of: "#ffffff", with: "#fff").replacingOccurrences(of: "#555555", with: "#555")
                .replacingOccurrences(of: "#333333", with: "#333").replacingOccurrences(of: "#111111", with: "#111")) || css.contains(t.color), "\(t.name) is used")
        }
        #expect(abs(Palette.contrast("#000000", "#ffffff") - 21) < 0.01)
        #expect(Palette.contrast("#777777", "#ffffff") < 4.5, "a grey that fails is caught")
    }

    /// A phone gets one card per indicator instead of a 794 px table; print is A4 with every
    /// collapsed detail open and table headers repeated on each page.
    @Test func phoneAndPrintStyles() {
        let css = DashboardPage.style
        #expect(css.contains("@media (max-width:700px){"))
        #expect(css.contains(".stack td[data-label]::before{content:attr(data-label)"))
        #expect(css.contains("@page{size:A4;"))
        #expect(css.contains("details::details-content{content-visibility:visible;display:contents}"))
        #expect(css.contains("thead{display:table-header-group}"))
        // On a phone a legend's label may wrap, but its swatch or mark never ends a line apart from it.
        #expect(css.contains(".nowrap{white-space:normal;display:inline-block}"))
    }

    /// Gaps in the evidence count in words: "1 value missing", not "1 values missing".
    @Test func gapsCountInWords() {
        var document = document()
        document.dataQuality.missing = ["suppressed": 1, "not_available": 2]
        document.dataQuality.suppressedCells = 1
        let html = DashboardPage(document: document, title: "T").html
        #expect(html.contains("<li>1 value missing: suppressed</li>") && html.contains("<li>2 values missing: not available</li>"))
        #expect(html.contains("<li>1 survey figure withheld because the group is small.</li>"))
    }

    // MARK: - The map

    /// Two squares side by side, in British National Grid metres or in degrees.
    func boundaries(degrees: Bool) -> String {
        let (x0, y0, step) = degrees ? (-1.5, 52.5, 0.01) : (450_000.0, 300_000.0, 1_000.0)
        func square(_ i: Double) -> String {
            let a = x0 + i * step, b = a + step
            return "[[[\(a),\(y0)],[\(b),\(y0)],[\(b),\(y0 + step)],[\(a),\(y0 + step)],[\(a),\(y0)]]]"
        }
        return """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"LSOA21CD":"E01000001","LSOA21NM":"Town 001A"},"geometry":{"type":"Polygon","coordinates":\(square(0))}},
             {"type":"Feature","properties":{"LSOA21CD":"E01000002","LSOA21NM":"Town 001B"},"geometry":{"type":"MultiPolygon","coordinates":[\(square(1))]}}]}
            """
    }

    func mapConfiguration(_ geoJSON: String, indicator: String = "HOMELESS") throws -> MapConfiguration {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try geoJSON.write(to: folder.appendingPathComponent("areas.geojson"), atomically: true, encoding: .utf8)
        let decoder = JSONDecoder()
        decoder.userInfo[.baseDirectory] = folder.path
        return try decoder.decode(MapConfiguration.self, from: Data("{\"boundaries\":\"areas.geojson\",\"indicator\":\"\(indicator)\"}".utf8))
    }

    /// A boundary file's areas shaded by the indicator's latest value, with a legend and a
    /// table; an area with no value is hatched and said to have none. Grid and degrees alike.
    @Test(arguments: [false, true]) func smallAreasAreMapped(degrees: Bool) throws {
        let map = try mapConfiguration(boundaries(degrees: degrees))
        #expect(map.areas.projection == (degrees ? "WGS84" : "British National Grid"))
        var document = document()
        document.indicators.append(IndicatorResult(id: "HOMELESS", name: "Homelessness", area: "E01000001", period: "2024", value: 4.2, missing: nil,
                                                   unit: "per 1,000", polarity: "low_is_good", ci95: nil, comparisons: [:], provenance: Provenance(source: "x", file: "x.csv")))
        let html = DashboardPage(document: document, title: "T", map: map).html
        #expect(html.contains("<h2 id=\"map\">Across the areas</h2>"))
        #expect(html.contains("aria-label=\"Map of Homelessness, 2024, by area: Town 001A 4.2; Town 001B no value\""))
        // A square of 0.01° at 52.5° N is 0.61 times as wide as it is tall; metres are square.
        let h = degrees ? "492.9" : "300"
        #expect(html.contains("<path class=\"m0\" fill-rule=\"evenodd\" d=\"M0,\(h)L300,\(h)L300,0L0,0L0,\(h)Z\"><title>Town 001A: 4.2</title></path>"),
                "the west area on the left half of the map")
        #expect(html.contains("<path fill=\"url(#novalue)\" fill-rule=\"evenodd\" d=\"M300,\(h)L600,\(h)L600,0L300,0L300,\(h)Z\"><title>Town 001B: no value</title>"))
        #expect(html.contains("<span class=\"key m0\"></span>4.2</span>"), "one value: no range")
        #expect(html.contains("<tr><th scope=\"row\">Town 001B</th><td>E01000002</td><td>no value</td></tr>"))
        #expect(html.contains("1 of them have a value in the baseline; 1 is hatched."))
    }

    /// The small areas' values `join` kept shade the map, though the indicator entries hold only
    /// the place; a small area missing in the input is hatched and says why.
    @Test func smallAreasKeptByJoinShadeTheMap() throws {
        let map = try mapConfiguration(boundaries(degrees: false))
        var document = document()
        document.indicators.append(IndicatorResult(id: "HOMELESS", name: "Homelessness", area: "E07000001", period: "2024", value: 3.9, missing: nil,
                                                   unit: "per 1,000", polarity: "low_is_good", ci95: nil, comparisons: [:], provenance: Provenance(source: "x", file: "x.csv")))
        document.smallAreas = [
            SmallAreaValue(indicator: "HOMELESS", area: "E01000001", name: "Town 001A", period: "2023", value: 9, missing: nil, count: nil, denominator: nil,
                           provenance: Provenance(source: "x", file: "x.csv", line: 2)),
            SmallAreaValue(indicator: "HOMELESS", area: "E01000001", name: "Town 001A", period: "2024", value: 5.1, missing: nil, count: nil, denominator: nil,
                           provenance: Provenance(source: "x", file: "x.csv", line: 3)),
            SmallAreaValue(indicator: "HOMELESS", area: "E01000002", name: "Town 001B", period: "2024", value: nil, missing: .suppressed, count: nil, denominator: nil,
                           provenance: Provenance(source: "x", file: "x.csv", line: 4)),
        ]
        let html = DashboardPage(document: document, title: "T", map: map).html
        #expect(html.contains("aria-label=\"Map of Homelessness, 2024, by area: Town 001A 5.1; Town 001B no value (suppressed)\""))
        #expect(html.contains("<title>Town 001A: 5.1</title>") && html.contains("<title>Town 001B: no value (suppressed)</title>"))
        #expect(html.contains("<tr><th scope=\"row\">Town 001B</th><td>E01000002</td><td>no value (suppressed)</td></tr>"))
    }

    /// Given the indicators the pipeline's catalogues define, a map indicator none defines is
    /// an error with a did-you-mean (else the catalogues' ids); without them nothing is checked.
    @Test func aMapIndicatorNoCatalogueDefinesIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try boundaries(degrees: false).write(to: folder.appendingPathComponent("areas.geojson"), atomically: true, encoding: .utf8)
        func decode(_ indicator: String, defined: [DefinedIndicators]?) throws -> MapConfiguration {
            let decoder = JSONDecoder()
            decoder.userInfo[.baseDirectory] = folder.path
            if let defined { decoder.userInfo[.definedIndicators] = defined }
            return try decoder.decode(MapConfiguration.self, from: Data("{\"boundaries\":\"areas.geojson\",\"indicator\":\"\(indicator)\"}".utf8))
        }
        let defined = [DefinedIndicators(file: "a.yaml", ids: ["arab", "homeless"]), DefinedIndicators(file: "b.csv", ids: ["falls"])]
        #expect(try decode("arab", defined: defined).indicator == "arab")
        #expect(try decode("falls", defined: defined).indicator == "falls")
        #expect(try decode("arabb", defined: nil).indicator == "arabb", "outside a pipeline (a sample) nothing is checked")
        #expect(try decode("arabb", defined: []).indicator == "arabb", "no stage defines indicators: nothing to check against")
        for (indicator, hint) in [("arabb", "did you mean 'arab'?"), ("population", "name one of its ids: 'arab', 'homeless', 'falls'")] {
            do {
                _ = try decode(indicator, defined: defined)
                Issue.record("\(indicator) was taken")
            } catch let DecodingError.dataCorrupted(context) {
                #expect(context.debugDescription == "indicator '\(indicator)' is not in the indicator catalogue (a.yaml, b.csv) — \(hint)")
            }
        }
    }

    /// A file that is not GeoJSON areas is an error at the option, saying what to give.
    @Test func aBoundaryFileThatIsNotAreasIsAnError() throws {
        #expect(throws: DecodingError.self) { try mapConfiguration("{\"type\":\"Feature\"}") }
        do {
            _ = try mapConfiguration(#"{"type":"FeatureCollection","features":[{"properties":{"code":"A"},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#)
            Issue.record("a Point was taken for an area")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == "areas.geojson: feature 1 (A) is a Point, not a Polygon or MultiPolygon — give a GeoJSON "
                + "FeatureCollection of Polygon or MultiPolygon areas (as the ONS Open Geography Portal downloads them)")
        }
    }

    /// The trend's axis names its first and last period under the chart, 180 px apart: ONS's
    /// yearly intervals ("16 Nov 2015 – 15 Nov 2016") overprinted each other, so long labels
    /// are written as the years they span (the figure's label and table keep them whole).
    @Test func trendAxisLabelsFitBetweenTheirEnds() {
        #expect(DashboardPage.axisLabels("2019-20", "2024-25") == ("2019-20", "2024-25"))
        #expect(DashboardPage.axisLabels("16 Apr 2008", "30 Apr 2025") == ("16 Apr 2008", "30 Apr 2025"))
        #expect(DashboardPage.axisLabels("16 Nov 2015 – 15 Nov 2016", "16 Nov 2024 – 15 Nov 2025") == ("2015–16", "2024–25"))
        #expect(DashboardPage.axisLabels("1 Sep 1999 – 31 Aug 2000", "Sep 2024 – Aug 2025 (academic year)") == ("1999–2000", "2024–25"))
        #expect(DashboardPage.axisLabels("A period with no year in it at all", "2024") == ("A period with no year in it at all", "2024"))
    }

    /// A second try-out's real Qualtrics export: 25 of 31 ticked an option, stored 80.65; the
    /// brief said 80.6% and the dashboard 80.7%, rounding the stored figure again. Both round
    /// once, from the exact share.
    @Test func optionSharesAreRoundedOnceFromTheExactShare() {
        let page = DashboardPage(document: document(), title: "T")
        let bars = page.optionBars(["Swiss Chard": OptionShare(count: 25, percent: 80.65, ci95: nil)], caption: "Q14", of: 31, weighted: false)
        #expect(bars.contains("Swiss Chard 80.6%"))
        #expect(bars.contains(">80.6%<"))
        #expect(!bars.contains(">80.7%<") && !bars.contains("Chard 80.7%"))
        // Weighted shares are shown as stored: no whole count lies behind them.
        let weighted = page.optionBars(["A": OptionShare(count: 25, percent: 80.65, ci95: nil)], caption: "Q", of: 31, weighted: true)
        #expect(weighted.contains(">80.7%<"))
    }
}
