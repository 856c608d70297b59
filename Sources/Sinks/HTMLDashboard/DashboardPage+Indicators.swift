import BaselineCore
import BaselineFormat
import BaselineSchema
import BaselineText

extension DashboardPage {
    /// The indicators table's columns, wider than a window of the width this gives (the
    /// columns' usual widths: 1,106 px with four benchmarks and the range), show the caption's
    /// hint to scroll it: the try-out's 1,100 px window hid its last two columns without a word.
    /// At 700 px and below the table is stacked, one indicator a card, and never scrolls.
    var scrollHintStyle: String {
        let benchmarks = benchmarkColumns.count
        let latest = latestOfPlace
        let hasRange = latest.contains { $0.rangeAcrossAreas != nil }
        let chart = hasRange ? 64 + 244 + 64 : (latest.contains(where: hasSomethingToCompare) ? 244 : 0)
        let width = 48 + 135 + (Self.showsCountColumn(latest) ? 57 : 0) + 87 + 112 * benchmarks + chart
        return ".scroll-hint{display:none;font-weight:normal;font-size:.85rem}"
            + "@media screen and (min-width:701px) and (max-width:\(width)px){.scroll-hint{display:inline}}"
    }

    /// The latest period's entry of each of the place's indicators, in the baseline's order.
    var latestOfPlace: [IndicatorResult] {
        let place = document.indicators.filter { $0.area == document.place.code }
        var order = [String]()
        for result in place where !order.contains(result.id) { order.append(result.id) }
        var time = Period.Ordering()
        return order.map { id in place.filter { $0.id == id }.max { time.isBefore($0.period, $1.period) }! }
    }

    /// Whether the chart of `indicator` has anything to set it beside: a benchmark's value for
    /// its period, or the range across areas. Without, it drew the place alone in the middle of
    /// an empty axis, as if compared (the try-out's City of London crimes, with no benchmarks).
    func hasSomethingToCompare(_ indicator: IndicatorResult) -> Bool {
        indicator.rangeAcrossAreas != nil || !benchmarkValues(for: indicator).isEmpty
    }

    /// Whether `indicator` is a count of events with no population to divide it by (police.uk's
    /// crimes): its value is its count, so one column shows it.
    static func isCountOfEvents(_ indicator: IndicatorResult) -> Bool {
        indicator.valueType == "count" && indicator.count != nil && indicator.denominator == nil
    }

    /// Whether the table has a Count column beside Value: not when the counts it would show are
    /// the values themselves (a table of counts of events said each twice), unless another row
    /// has a count of its own (a rate's numerator).
    static func showsCountColumn(_ latest: [IndicatorResult]) -> Bool {
        latest.contains { $0.count != nil && !isCountOfEvents($0) } || !latest.contains(where: isCountOfEvents)
    }

    /// When the trend of every indicator of the table (more than one) cannot be calculated, for
    /// one reason: that reason (`""` when none is given), said once above the table rather than
    /// under every name and in every chart (a police baseline's 15 crime types, each "cannot be
    /// calculated (it takes 5 periods in a row and there are only 2)"); else `nil`.
    static func trendUncalculableForAll(_ latest: [IndicatorResult]) -> String? {
        guard latest.count > 1, let first = latest.first, first.trend == "cannot be calculated",
              latest.allSatisfy({ $0.trend == first.trend && $0.trendReason == first.trendReason }) else { return nil }
        return first.trendReason ?? ""
    }

    /// What the numbers say, as Fingertips' area profile lays it out: per indicator the place's
    /// count and value, each benchmark's value with how the place compares in words, the range
    /// across all areas (worst, spine chart, best) where the data holds it; under each row its
    /// trend chart and inequality breakdowns, each with a table beside it. With nothing to compare
    /// with — no benchmark has a figure, and no range — no chart column and no key to its colours.
    var indicatorsSection: String {
        let place = document.indicators.filter { $0.area == document.place.code }
        // A section shows only what its evidence supports: none without indicators for the place.
        guard !place.isEmpty else { return "" }
        var time = Period.Ordering()
        let latest = latestOfPlace
        let areas = benchmarkColumns
        let hasRange = latest.contains { $0.rangeAcrossAreas != nil }
        let hasChart = hasRange || latest.contains(where: hasSomethingToCompare)
        // An indicator with no better or worse has a lowest and a highest: the columns say so.
        let ends = Self.rangeEnds(latest.filter { $0.rangeAcrossAreas != nil })
        let chartEnds = Self.rangeEnds(latest)
        let countColumn = Self.showsCountColumn(latest)
        let columns = (countColumn ? 3 : 2) + areas.count + (hasRange ? 3 : hasChart ? 1 : 0)
        let trendSaidAbove = Self.trendUncalculableForAll(latest)
        var out = "<section aria-labelledby=\"indicators\">\n<h2 id=\"indicators\">What the numbers say</h2>\n"
        if hasChart {
            out += "<p>The latest value of each indicator for \(HTML.escape(document.place.name)) beside "
                + (areas.isEmpty ? "its benchmarks" : areas.map { HTML.escape($0.name) }.joined(separator: ", "))
                + ". Under each benchmark's value, in words and colour, how \(HTML.escape(document.place.name)) compares with it. "
                + "The chart puts \(englandCode == nil ? "the middle of the benchmarks" : "England") in the middle of every row, worse to the left "
                + "and better to the right (lower to the left for figures with no better or worse). "
                + (hasRange ? "The grey bar is the range across all areas of the same type, darker between the 25th and 75th percentiles. " : "")
                + "Arrows show only the direction of the recent trend.</p>\n"
            out += Self.comparisonLegend(range: hasRange ? ends.legend : nil)
        } else {
            out += "<p>The latest value of each indicator for \(HTML.escape(document.place.name)). "
                + (areas.isEmpty ? "The pipeline names no benchmark areas (<code>benchmarks:</code>), so there is nothing to compare these figures with."
                   : "None of the benchmark areas has a figure for these indicators, so there is nothing to compare them with.")
                + " Arrows show only the direction of the recent trend.</p>\n"
        }
        if let reason = trendSaidAbove {
            out += "<p>The recent trend cannot be calculated for any of these indicators" + (reason.isEmpty ? "" : ": \(HTML.escape(reason))") + ".</p>\n"
        }
        // A place with many benchmarks makes a wide table: it scrolls on its own (by keyboard too),
        // never the page.
        out += "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"Indicators for \(HTML.escape(document.place.name))\">"
        out += "<table class=\"profile stack\">\n<caption>Indicators for \(HTML.escape(document.place.name)), latest period"
            + "<span class=\"scroll-hint\"> (wider than this window: scroll the table sideways for its last columns →)</span></caption>\n<thead><tr>"
            + "<th scope=\"col\">Indicator</th>" + (countColumn ? "<th scope=\"col\">Count</th>" : "") + "<th scope=\"col\">Value</th>"
            + areas.map { "<th scope=\"col\">\(HTML.escape($0.name))</th>" }.joined()
            + (hasRange ? "<th scope=\"col\">\(ends.worst)</th>" : "")
            + (hasChart ? "<th scope=\"col\" class=\"spine-head\">\(hasRange ? "Range" : "Against benchmarks")<br><small>← \(chartEnds.left) · "
                + (englandCode == nil ? "middle" : "England") + " · \(chartEnds.right) →</small></th>" : "")
            + (hasRange ? "<th scope=\"col\">\(ends.best)</th>" : "") + "</tr></thead>\n<tbody>\n"
        for indicator in latest {
            let series = place.filter { $0.id == indicator.id }.sorted { time.isBefore($0.period, $1.period) }
            out += "<tr class=\"\(Self.overall(indicator.comparisons))\" title=\"\(HTML.escape(indicator.provenance.location))\">"
                + "<th scope=\"row\">\(HTML.escape(indicator.name))<br><small>\(HTML.escape(indicator.periodLabel ?? indicator.period))</small>"
                + (trendSaidAbove != nil ? "" : indicator.trend.map { "<br><small>Trend: \(Self.trendWords($0, reason: indicator.trendReason))</small>" } ?? "") + "</th>"
                + (countColumn ? "<td data-label=\"Count\">\(indicator.count.map { Figure.count($0) } ?? "—")</td>" : "")
                + "<td data-label=\"Value\">\(value(indicator))"
                + (indicator.ci95.map { "<br><small>95%: \(Figure.number($0.lower, places: indicator.figurePlaces))–\(Figure.number($0.upper, places: indicator.figurePlaces))</small>" } ?? "") + "</td>"
            for area in areas {
                let benchmark = document.indicators.first { $0.id == indicator.id && $0.period == indicator.period && $0.area == area.code }
                let comparison = indicator.comparisons[area.code]
                out += "<td data-label=\"\(HTML.escape(area.name))\">\(benchmark.flatMap(\.value).map { Figure.number($0, places: indicator.figurePlaces) } ?? "—")"
                    + (comparison.map { "<br>" + Self.chip($0) } ?? "") + "</td>"
            }
            // In a table of both kinds, each row with no better or worse says which end is which.
            let unjudged = indicator.polarity == Polarity.noJudgement.rawValue
            let tagged = ends.mixed && unjudged
            if hasRange {
                out += "<td data-label=\"\(unjudged ? "Lowest" : "Worst")\">"
                    + (indicator.rangeAcrossAreas.map { Figure.number($0.worst, places: indicator.figurePlaces) + (tagged ? "<br><small>lowest</small>" : "") } ?? "—") + "</td>"
            }
            if hasChart {
                // A row with nothing to set it beside says so, rather than draw the place alone.
                let chart = hasSomethingToCompare(indicator)
                    ? SpineChart.svg(indicator, marks: benchmarkValues(for: indicator), comparison: englandComparison(indicator))
                    : "<small>\(hasRange ? "no range or benchmark" : "no benchmark") to compare with</small>"
                out += "<td class=\"spine-cell\" data-label=\"\(hasRange ? "Range" : "Against benchmarks")\">\(chart)</td>"
            }
            if hasRange {
                out += "<td data-label=\"\(unjudged ? "Highest" : "Best")\">"
                    + (indicator.rangeAcrossAreas.map { Figure.number($0.best, places: indicator.figurePlaces) + "<br><small>\(tagged ? "highest " : "")of \($0.areas) areas</small>" } ?? "—") + "</td>"
            }
            out += "</tr>\n"
            let more = trendFigure(series, trendSaidAbove: trendSaidAbove != nil) + breakdownFigures(indicator)
            if !more.isEmpty {
                out += "<tr class=\"more\"><td colspan=\"\(columns)\"><div class=\"figures\">\(more)</div></td></tr>\n"
            }
        }
        return out + "</tbody>\n</table></div>\n</section>\n"
    }

    /// The benchmark areas as columns, in Fingertips' order: neighbours, then the region, then England.
    var benchmarkColumns: [Area] {
        let rank = { (role: String) in ["england": 2, "region": 1][role] ?? 0 }
        return document.benchmarks.enumerated().sorted { (rank($0.element.role), $0.offset) < (rank($1.element.role), $1.offset) }.map(\.element)
    }

    /// England's area code, when England is a benchmark.
    var englandCode: String? { document.benchmarks.first { $0.role == "england" }?.code }

    /// How the place compares with England, or else with its first benchmark, for the marker's colour.
    func englandComparison(_ indicator: IndicatorResult) -> String {
        if let code = englandCode, let word = indicator.comparisons[code] { return word }
        return Self.overall(indicator.comparisons)
    }

    /// Each benchmark's value for the same indicator and period, named, England first.
    func benchmarkValues(for indicator: IndicatorResult) -> [SpineChart.Mark] {
        let names = document.areaNames
        return document.indicators.filter { $0.id == indicator.id && $0.period == indicator.period && $0.area != indicator.area }
            .compactMap { b in b.value.map { SpineChart.Mark(name: names[b.area] ?? b.area, value: $0, isEngland: b.area == englandCode) } }
            .sorted { ($0.isEngland ? 0 : 1, $0.name) < ($1.isEngland ? 0 : 1, $1.name) }
    }

    func value(_ indicator: IndicatorResult) -> String {
        indicator.value.map { HTML.escape(Figure.value($0, unit: indicator.unit, valueType: indicator.valueType))
            + (indicator.status.map { " <small>(\(HTML.escape(Wording.status($0))))</small>" } ?? "") }
            ?? "<em>\(HTML.escape(Wording.missing(indicator.missing?.rawValue)))</em>"
    }

    // MARK: - Trend

    /// The axis's first and last period as written under it: as labelled when both fit in the
    /// 180 px between them (about 28 characters), else by the years they span (`2015–16` for
    /// `16 Nov 2015 – 15 Nov 2016`), which the figure's label and table give in full.
    static func axisLabels(_ first: String, _ last: String) -> (String, String) {
        guard first.count + last.count > 28 else { return (first, last) }
        func years(_ label: String) -> String {
            // Runs of exactly four digits.
            let found = label.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).filter { $0.count == 4 }.compactMap { Int($0) }
            guard let start = found.first else { return label }
            guard let end = found.last, end > start else { return String(start) }
            return end / 100 == start / 100 ? "\(start)–\(String(format: "%02d", end % 100))" : "\(start)–\(end)"
        }
        return (years(first), years(last))
    }

    /// The place's value in each period as a line with its intervals, England's beside it where
    /// the baseline holds England's series; the trend's wording as caption (not when
    /// `trendSaidAbove`: said once above the table), and the table under it.
    func trendFigure(_ series: [IndicatorResult], trendSaidAbove: Bool) -> String {
        let places = series.last?.figurePlaces ?? 1
        guard series.count > 1, let last = series.last else { return "" }
        let england = englandCode.map { code in document.indicators.filter { $0.id == last.id && $0.area == code } } ?? []
        let periods = series.map(\.period)
        let englandByPeriod = Dictionary(england.compactMap { e in e.value.map { (e.period, $0) } }, uniquingKeysWith: { a, _ in a })
        let values = series.flatMap { [$0.value, $0.ci95?.lower, $0.ci95?.upper].compactMap { $0 } }
            + periods.compactMap { englandByPeriod[$0] }
        guard let low = values.min(), let high = values.max() else { return "" }
        let pad = max((high - low) * 0.1, abs(high) * 0.01, 1e-9)
        let bottom = low - pad, top = high + pad
        let width = 320.0, left = 48.0, right = 92.0, plotTop = 10.0, plotBottom = 100.0
        let x = { (i: Int) in left + (width - left - right) * (periods.count == 1 ? 0.5 : Double(i) / Double(periods.count - 1)) }
        let y = { (v: Double) in plotBottom - (plotBottom - plotTop) * (v - bottom) / (top - bottom) }
        let name = HTML.escape(last.name)
        var svg = "<svg class=\"trend\" viewBox=\"0 0 320 130\" width=\"320\" height=\"130\" role=\"img\" aria-label=\"\(name), "
            + series.map { "\(HTML.escape($0.periodLabel ?? $0.period)) \($0.value.map { Figure.number($0, places: places) } ?? "missing")" }.joined(separator: "; ")
            + (englandByPeriod.isEmpty ? "" : "; England's line beside it") + "\">"
        svg += "<line class=\"axis\" x1=\"\(HTML.number(left))\" x2=\"\(HTML.number(width - right))\" y1=\"\(HTML.number(plotBottom))\" y2=\"\(HTML.number(plotBottom))\"/>"
        // The axis's highest and lowest values; one label where they would overlap (a series that
        // barely moves: 28.74 and 28.65 both read 28.7, drawn on top of each other).
        let highText = Figure.number(high, places: places), lowText = Figure.number(low, places: places)
        if highText == lowText {
            svg += "<text x=\"\(HTML.number(left - 4))\" y=\"\(HTML.number(y((high + low) / 2) + 4))\" text-anchor=\"end\">\(highText)</text>"
        } else {
            // Moved apart, about their middle, to a line's height when closer.
            let middle = (y(high) + y(low)) / 2, apart = max(y(low) - y(high), 12)
            svg += "<text x=\"\(HTML.number(left - 4))\" y=\"\(HTML.number(middle - apart / 2 + 4))\" text-anchor=\"end\">\(highText)</text>"
                + "<text x=\"\(HTML.number(left - 4))\" y=\"\(HTML.number(middle + apart / 2 + 4))\" text-anchor=\"end\">\(lowText)</text>"
        }
        let (firstLabel, lastLabel) = Self.axisLabels(series[0].periodLabel ?? series[0].period, last.periodLabel ?? last.period)
        svg += "<text x=\"\(HTML.number(x(0)))\" y=\"118\" text-anchor=\"start\">\(HTML.escape(firstLabel))</text>"
            + "<text x=\"\(HTML.number(x(periods.count - 1)))\" y=\"118\" text-anchor=\"end\">\(HTML.escape(lastLabel))</text>"
        // The two lines' names at their ends, moved apart when they would overlap.
        var placeY = last.value.map(y) ?? plotTop
        let englandEnd = periods.lastIndex { englandByPeriod[$0] != nil }
        var englandY = englandEnd.map { y(englandByPeriod[periods[$0]]!) } ?? -100
        if abs(placeY - englandY) < 12 {
            let shift = (12 - abs(placeY - englandY)) / 2
            if placeY <= englandY { placeY -= shift; englandY += shift } else { placeY += shift; englandY -= shift }
        }
        let englandPoints = periods.enumerated().compactMap { i, p in englandByPeriod[p].map { "\(HTML.number(x(i))),\(HTML.number(y($0)))" } }
        if englandPoints.count > 1, let final = englandEnd {
            svg += "<polyline class=\"england\" points=\"\(englandPoints.joined(separator: " "))\"/>"
                + "<text x=\"\(HTML.number(x(final) + 6))\" y=\"\(HTML.number(englandY + 4))\">England</text>"
        }
        for (i, point) in series.enumerated() {
            if let ci = point.ci95 {
                svg += "<line class=\"ci\" x1=\"\(HTML.number(x(i)))\" x2=\"\(HTML.number(x(i)))\" y1=\"\(HTML.number(y(ci.lower)))\" y2=\"\(HTML.number(y(ci.upper)))\"/>"
            }
        }
        let points = series.enumerated().compactMap { i, p in p.value.map { "\(HTML.number(x(i))),\(HTML.number(y($0)))" } }
        svg += "<polyline class=\"place\" points=\"\(points.joined(separator: " "))\"/>"
        for (i, point) in series.enumerated() {
            guard let v = point.value else { continue }
            svg += "<circle class=\"place\" cx=\"\(HTML.number(x(i)))\" cy=\"\(HTML.number(y(v)))\" r=\"3.5\"/>"
        }
        if last.value != nil {
            // The line's name beside its end, shortened to fit the margin.
            let placeName = document.place.name.count > 13 ? document.place.name.prefix(12) + "…" : document.place.name
            svg += "<text class=\"strong\" x=\"\(HTML.number(x(periods.count - 1) + 6))\" y=\"\(HTML.number(placeY + 4))\">\(HTML.escape(placeName))</text>"
        }
        svg += "</svg>"
        let table = "<details><summary>Table: \(name) by period</summary><table><thead><tr><th scope=\"col\">Period</th>"
            + "<th scope=\"col\">\(HTML.escape(document.place.name))</th><th scope=\"col\">95% interval</th>"
            + (englandByPeriod.isEmpty ? "" : "<th scope=\"col\">England</th>") + "</tr></thead><tbody>"
            + series.map { p in
                "<tr><th scope=\"row\">\(HTML.escape(p.periodLabel ?? p.period))</th><td>\(value(p))</td><td>"
                    + (p.ci95.map { Figure.interval($0.lower, $0.upper) } ?? "—") + "</td>"
                    + (englandByPeriod.isEmpty ? "" : "<td>\(englandByPeriod[p.period].map { Figure.number($0, places: places) } ?? "—")</td>") + "</tr>"
            }.joined() + "</tbody></table></details>"
        let words = trendSaidAbove ? "" : ": " + Self.trendWords(last.trend, reason: last.trendReason)
        return "<figure class=\"trend\"><figcaption><strong>Trend</strong>\(words)</figcaption>\(svg)\(table)</figure>"
    }

    /// The trend in words, led by an arrow for its direction only (▲ increasing, ▼ decreasing,
    /// → no significant change), coloured by whether it is getting better or worse; with why
    /// when it cannot be calculated.
    static func trendWords(_ trend: String?, reason: String? = nil) -> String {
        guard let trend else { return "—" }
        let arrow = trend.hasPrefix("increasing") ? "▲ " : trend.hasPrefix("decreasing") ? "▼ " : trend.hasPrefix("no significant") ? "→ " : ""
        let tone = trend.contains("getting better") ? "trend-better" : trend.contains("getting worse") ? "trend-worse" : "trend-neutral"
        return "<span class=\"\(tone)\">\(arrow.isEmpty ? "" : "<span aria-hidden=\"true\">\(arrow)</span>")"
            + "\(HTML.escape(Wording.trend(trend, reason: reason) ?? trend))</span>"
    }

    // MARK: - Inequalities

    /// The breakdowns by sex, by age and by each category type, each as bars with their
    /// intervals beside the place's overall value, and a table.
    func breakdownFigures(_ indicator: IndicatorResult) -> String {
        guard let breakdowns = indicator.breakdowns, !breakdowns.isEmpty else { return "" }
        var groups = [(String, [(String, IndicatorBreakdown)])]()
        func add(_ dimension: String, _ label: String, _ b: IndicatorBreakdown) {
            if let i = groups.firstIndex(where: { $0.0 == dimension }) { groups[i].1.append((label, b)) } else { groups.append((dimension, [(label, b)])) }
        }
        for b in breakdowns {
            if let type = b.categoryType {
                add(type, b.category ?? "", b)
            } else if let age = b.age, b.sex == nil || groups.contains(where: { $0.0 == "age" }) || breakdowns.contains(where: { $0.sex == b.sex && $0.age != age }) {
                add("age", [age, b.sex].compactMap { $0 }.joined(separator: ", "), b)
            } else {
                add("sex", [b.sex, b.age].compactMap { $0 }.joined(separator: ", "), b)
            }
        }
        var out = ""
        for (dimension, rows) in groups {
            let values = rows.flatMap { [$0.1.value, $0.1.ci95?.upper].compactMap { $0 } } + [indicator.value].compactMap { $0 }
            let most = max(values.max() ?? 1, 1e-9)
            let name = HTML.escape(indicator.name)
            let title = "\(name) by \(HTML.escape(dimension))"
            out += "<figure class=\"breakdown\"><figcaption><strong>\(title)</strong></figcaption>"
            out += "<div class=\"chart hbars\" role=\"img\" aria-label=\"\(title): "
                + rows.map { "\(HTML.escape($0.0)) \($0.1.value.map { Figure.number($0, places: indicator.figurePlaces) } ?? "missing")" }.joined(separator: "; ") + "\">"
            for (label, b) in rows {
                let width = (b.value ?? 0) / most * 100
                out += "<div class=\"hrow\"><span class=\"hl\">\(HTML.escape(label))</span><span class=\"track\">"
                    + (b.value == nil ? "" : "<span class=\"fill\" style=\"width:\(HTML.number(width))%\"></span>")
                    + (b.ci95.map { "<span class=\"whisker\" style=\"left:\(HTML.number($0.lower / most * 100))%;width:\(HTML.number(max(0, $0.upper - $0.lower) / most * 100))%\"></span>" } ?? "")
                    + (indicator.value.map { "<span class=\"overall\" style=\"left:\(HTML.number($0 / most * 100))%\"></span>" } ?? "")
                    + "</span><span class=\"hv\">\(b.value.map { Figure.number($0, places: indicator.figurePlaces) } ?? "<em>\(HTML.escape(b.missing?.rawValue.replacingEvery("_", with: " ") ?? "missing"))</em>")</span></div>"
            }
            out += "</div>"
            if let v = indicator.value {
                out += "<p class=\"keys\"><span class=\"key overall-key\"></span>the line across the bars: \(HTML.escape(document.place.name)) overall, \(Figure.number(v, places: indicator.figurePlaces))</p>"
            }
            out += "<details><summary>Table: \(title)</summary><table><thead><tr><th scope=\"col\">\(HTML.escape(dimension.prefix(1).uppercased() + dimension.dropFirst()))</th>"
                + "<th scope=\"col\">Value</th><th scope=\"col\">95% interval</th><th scope=\"col\">Count</th></tr></thead><tbody>"
                + rows.map { label, b in
                    "<tr><th scope=\"row\">\(HTML.escape(label))</th><td>"
                        + (b.value.map { Figure.number($0, places: indicator.figurePlaces) } ?? "<em>\(HTML.escape(b.missing?.rawValue.replacingEvery("_", with: " ") ?? "missing"))</em>")
                        + "</td><td>" + (b.ci95.map { Figure.interval($0.lower, $0.upper) } ?? "—")
                        + "</td><td>\(b.count.map { Figure.count($0) } ?? "—")</td></tr>"
                }.joined() + "</tbody></table></details></figure>"
        }
        return out
    }

    // MARK: - Comparison words and colours

    /// A comparison as a word on Fingertips' colour for it (the word is the signal, the colour
    /// repeats it).
    static func chip(_ comparison: String) -> String {
        let word = comparison == "not_compared" ? "not compared" : comparison
        return "<span class=\"cmp \(HTML.escape(comparison))\">\(HTML.escape(word))</span>"
    }

    /// The words for the two ends of the range and of the chart over `rows`: worst and best, or
    /// lowest and highest when no row's indicator has a better or worse (polarity
    /// `no_judgement`), or both when the rows hold both kinds.
    static func rangeEnds(_ rows: [IndicatorResult]) -> RangeEnds {
        let unjudged = rows.filter { $0.polarity == Polarity.noJudgement.rawValue }.count
        if unjudged == 0 { return RangeEnds(worst: "Worst", best: "Best", left: "worse", right: "better", legend: "worst to best") }
        if unjudged == rows.count { return RangeEnds(worst: "Lowest", best: "Highest", left: "lower", right: "higher", legend: "lowest to highest") }
        return RangeEnds(worst: "Worst or lowest", best: "Best or highest", left: "worse or lower", right: "better or higher",
                         legend: "worst to best (lowest to highest where there is no better or worse)", mixed: true)
    }

    /// The headers of the range's two ends, the chart's two directions and the legend's words.
    struct RangeEnds {
        var worst: String
        var best: String
        var left: String
        var right: String
        var legend: String
        /// The rows hold both kinds: each row with no better or worse says which end is which.
        var mixed = false
    }

    /// The key to every colour and mark in the profile table; `range` names the grey bar's two
    /// ends, when the table has a range.
    static func comparisonLegend(range: String?) -> String {
        "<p class=\"keys\">Compared with a benchmark: " + ["better", "similar", "worse", "not_compared"].map(chip).joined(separator: " ")
            + "; with no better or worse: " + ["higher", "lower"].map(chip).joined(separator: " ")
            + ". <span class=\"nowrap\"><svg class=\"legend-mark\" viewBox=\"0 0 14 14\" width=\"14\" height=\"14\" aria-hidden=\"true\"><circle class=\"bar similar\" cx=\"7\" cy=\"7\" r=\"5\"/></svg> the place (coloured by its comparison with England)</span>"
            + " <span class=\"nowrap\"><svg class=\"legend-mark\" viewBox=\"0 0 14 14\" width=\"14\" height=\"14\" aria-hidden=\"true\"><line class=\"ci\" x1=\"1\" x2=\"13\" y1=\"7\" y2=\"7\"/></svg> its 95% interval</span>"
            + " <span class=\"nowrap\"><svg class=\"legend-mark\" viewBox=\"0 0 14 14\" width=\"14\" height=\"14\" aria-hidden=\"true\"><line class=\"england-line\" x1=\"7\" x2=\"7\" y1=\"0\" y2=\"14\"/></svg> England</span>"
            + " <span class=\"nowrap\"><svg class=\"legend-mark\" viewBox=\"0 0 14 14\" width=\"14\" height=\"14\" aria-hidden=\"true\"><line class=\"tick\" x1=\"7\" x2=\"7\" y1=\"0\" y2=\"14\"/></svg> another benchmark</span>"
            + (range.map { " <span class=\"nowrap\"><span class=\"key range-outer\"></span>\($0) of all areas</span>"
                + " <span class=\"nowrap\"><span class=\"key range-inner\"></span>25th to 75th percentile</span>" } ?? "")
            + "</p>\n"
    }
}

extension DashboardPage {
    /// The map of small areas, when the pipeline gives a boundary file: each area shaded by the
    /// chosen indicator's value in its latest period, with a legend and a table.
    /// The map of the place's small areas: each area of the boundary file shaded by its value in
    /// the latest period any of them has one — the small areas' values the `join` stage kept
    /// (`small_areas`), else the indicator entries (a map of districts, say).
    var mapSection: String {
        guard let map else { return "" }
        let drawn = Set(map.areas.areas.map(\.code))
        let entries = (document.smallAreas ?? []).filter { $0.indicator == map.indicator }
            .map { (area: $0.area, period: $0.period, value: $0.value, missing: $0.missing) }
            + document.indicators.filter { $0.id == map.indicator }.map { (area: $0.area, period: $0.period, value: $0.value, missing: $0.missing) }
        let results = document.indicators.filter { $0.id == map.indicator }
        var out = "<section aria-labelledby=\"map\">\n<h2 id=\"map\">Across the areas</h2>\n"
        let withValues = entries.filter { $0.value != nil }
        guard let period = (withValues.filter { drawn.contains($0.area) }.isEmpty ? withValues : withValues.filter { drawn.contains($0.area) })
            .map(\.period).max(by: Period.isBefore) else {
            return out + "<p class=\"empty\">The baseline has no value of \(HTML.escape(map.indicator)) to shade the map of "
                + "\(HTML.escape(map.boundaries.path)) with.</p>\n</section>\n"
        }
        let latest = entries.filter { $0.period == period }
        let values = Dictionary(latest.compactMap { e in e.value.map { (e.area, $0) } }, uniquingKeysWith: { a, _ in a })
        let missing = Dictionary(latest.compactMap { e in e.missing.map { (e.area, $0.rawValue.replacingEvery("_", with: " ")) } },
                                 uniquingKeysWith: { a, _ in a })
        let about = results.first { $0.period == period } ?? results.first
        let name = about?.name ?? map.indicator
        let label = about?.period == period ? about?.periodLabel ?? period : period
        let shown = map.areas.areas.filter { values[$0.code] != nil }.count
        out += "<p>\(HTML.escape(name)), \(HTML.escape(label)), in each of the \(map.areas.areas.count) areas of "
            + "\(HTML.escape(map.boundaries.path)) (\(map.areas.projection)): darker is higher; \(shown) of them have a value in the baseline"
            + (shown == map.areas.areas.count ? ".</p>\n" : "; \(map.areas.areas.count - shown) \(map.areas.areas.count - shown == 1 ? "is" : "are") hatched.</p>\n")
        return out + map.areas.html(indicator: name, unit: about?.unit, values: values, missing: missing, period: label) + "</section>\n"
    }
}

extension IndicatorResult {
    /// The decimal places this indicator's figures are shown with on the page: whole for a
    /// count (by its value type or unit), one otherwise — as the brief shows them.
    var figurePlaces: Int { Figure.places(unit: unit, valueType: valueType) }
}
