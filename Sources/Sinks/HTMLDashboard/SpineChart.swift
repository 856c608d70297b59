import BaselineCore
import BaselineFormat
import BaselineSchema

/// Fingertips' spine chart for one indicator, drawn as inline SVG: England in the middle of
/// every row, worse to the left and better to the right (lower to the left for no judgement),
/// so rows read alike; the range across all areas as a grey bar (darker between the 25th and
/// 75th percentiles) when the baseline holds it; the place as a dot coloured by its comparison
/// with England, with its 95% interval; each other benchmark as a dashed tick named under the
/// bar, names that would overlap moved to a lane of their own.
enum SpineChart {
    /// A benchmark's value on the chart.
    struct Mark: Equatable {
        /// The benchmark area's name.
        var name: String
        /// Its value.
        var value: Double
        /// Whether it is England (the chart's middle).
        var isEngland: Bool
    }

    static let width = 220.0
    static let laneHeight = 13.0
    /// The width of one character of a label at the chart's 11 px, generously.
    static let characterWidth = 6.4

    /// The chart, or an empty string when there is nothing to draw.
    static func svg(_ indicator: IndicatorResult, marks: [Mark], comparison: String) -> String {
        let range = indicator.rangeAcrossAreas
        let values = [indicator.value, indicator.ci95?.lower, indicator.ci95?.upper].compactMap { $0 } + marks.map(\.value)
            + (range.map { [$0.worst, $0.best, $0.q25, $0.q75] } ?? [])
        guard let low = values.min(), let high = values.max() else { return "" }
        let centre = marks.first(where: \.isEngland)?.value ?? (low + high) / 2
        let sign = indicator.polarity == "low_is_good" ? -1.0 : 1.0
        var spread = values.map { abs($0 - centre) }.max()! * 1.08
        if spread < 1e-9 { spread = max(abs(centre) * 0.05, 1) }
        let half = width / 2 - 8
        let x = { (v: Double) in width / 2 + sign * (v - centre) / spread * half }

        // Names under the bar, each in the first lane where it overlaps no other.
        var laneEnds = [Double]()
        var labels = [(mark: Mark, start: Double, lane: Int)]()
        for mark in marks.filter({ !$0.isEngland }).sorted(by: { x($0.value) < x($1.value) }) {
            let textWidth = Double(mark.name.count) * characterWidth
            let start = min(max(2, x(mark.value) - textWidth / 2), width - 2 - textWidth)
            let lane = laneEnds.firstIndex { $0 + 4 <= start } ?? laneEnds.count
            if lane == laneEnds.count { laneEnds.append(start + textWidth) } else { laneEnds[lane] = start + textWidth }
            labels.append((mark, start, lane))
        }
        let height = 42 + laneHeight * Double(laneEnds.count)
        let name = HTML.escape(indicator.name)
        var label = "\(name): " + (indicator.value.map { Figure.number($0, places: indicator.figurePlaces) } ?? "no value")
            + (indicator.ci95.map { " (95% \(Figure.number($0.lower, places: indicator.figurePlaces))–\(Figure.number($0.upper, places: indicator.figurePlaces)))" } ?? "")
        label += marks.map { "; \(HTML.escape($0.name)) \(Figure.number($0.value, places: indicator.figurePlaces))" }.joined()
        if let range {
            // With no better or worse, the range's ends are its lowest and highest.
            let (worst, best) = indicator.polarity == Polarity.noJudgement.rawValue ? ("lowest", "highest") : ("worst", "best")
            label += "; across \(range.areas) areas: \(worst) \(Figure.number(range.worst, places: indicator.figurePlaces)), 25th–75th percentile "
                + "\(Figure.number(range.q25, places: indicator.figurePlaces))–\(Figure.number(range.q75, places: indicator.figurePlaces)), \(best) \(Figure.number(range.best, places: indicator.figurePlaces))"
        }
        var svg = "<svg class=\"spine\" viewBox=\"0 0 \(HTML.number(width)) \(HTML.number(height))\" width=\"\(HTML.number(width))\" "
            + "height=\"\(HTML.number(height))\" role=\"img\" aria-label=\"\(label)\">"
        svg += "<line class=\"axis\" x1=\"2\" x2=\"\(HTML.number(width - 2))\" y1=\"26\" y2=\"26\"/>"
        if let range {
            let (a, b) = (x(range.worst), x(range.best)), (c, d) = (x(range.q25), x(range.q75))
            svg += "<rect class=\"range-outer\" x=\"\(HTML.number(min(a, b)))\" y=\"18\" width=\"\(HTML.number(abs(b - a)))\" height=\"16\"/>"
                + "<rect class=\"range-inner\" x=\"\(HTML.number(min(c, d)))\" y=\"18\" width=\"\(HTML.number(abs(d - c)))\" height=\"16\"/>"
        }
        // Every tick before any name: a tick down to a lower lane would otherwise be drawn over
        // the names of the lanes above it (the try-out's Bassetlaw, East Midlands, Ashfield).
        for (mark, _, lane) in labels {
            let at = HTML.number(x(mark.value)), y = 48 + laneHeight * Double(lane)
            svg += "<line class=\"tick\" x1=\"\(at)\" x2=\"\(at)\" y1=\"16\" y2=\"\(HTML.number(y - 10))\"/>"
        }
        for (mark, start, lane) in labels {
            svg += "<text x=\"\(HTML.number(start))\" y=\"\(HTML.number(48 + laneHeight * Double(lane)))\">\(HTML.escape(mark.name))</text>"
        }
        if let england = marks.first(where: \.isEngland) {
            let at = HTML.number(x(england.value))
            svg += "<line class=\"england-line\" x1=\"\(at)\" x2=\"\(at)\" y1=\"14\" y2=\"38\"/>"
                + "<text x=\"\(at)\" y=\"10\" text-anchor=\"middle\">\(HTML.escape(england.name))</text>"
        }
        if let ci = indicator.ci95 {
            svg += "<line class=\"ci\" x1=\"\(HTML.number(x(ci.lower)))\" x2=\"\(HTML.number(x(ci.upper)))\" y1=\"26\" y2=\"26\"/>"
        }
        if let value = indicator.value {
            svg += "<circle class=\"bar \(HTML.escape(comparison))\" cx=\"\(HTML.number(x(value)))\" cy=\"26\" r=\"6\"/>"
        }
        return svg + "</svg>"
    }
}
