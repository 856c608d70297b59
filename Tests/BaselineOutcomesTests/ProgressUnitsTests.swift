import BaselineCore
@testable import BaselineOutcomes
import BaselineSchema
import Testing

/// Every figure progress shows a person carries its unit, as the brief writes it (`Figure`): the
/// trajectory sentence, the target in the ambition, the change since the baseline and the chart,
/// so that a target of 65% cannot be read as 65 per 100,000. A review found them bare.
@Suite struct ProgressUnitsTests {
    let engine = ProgressEngine()

    /// A point 2 wide (se ≈ 0.51), or `width` wide.
    func point(_ period: String, _ value: Double, _ width: Double = 2) -> MetricPoint {
        MetricPoint(period: period, value: value, ci95: Interval(lower: value - width / 2, upper: value + width / 2))
    }

    /// Baseline 20 in 2024, target 14 by 2027, 19 in 2025 (in line with the line at 18): the
    /// reason in `unit`, up to the z.
    func trajectory(unit: String?, scale: Double = 1) -> String {
        let verdict = engine.judge(Ambition(direction: .decrease, target: 14 * scale, by: "2027"), sign: -1, target: 14 * scale,
                                   series: [point("2024", 20 * scale, 2 * scale), point("2025", 19 * scale, 2 * scale)],
                                   latestChange: MetricChange(period: "2025", change: -scale, status: "no_significant_change", reason: "the diff's reason"),
                                   tested: true, polarity: .lowIsGood, unit: unit)
        #expect(verdict.status == .onTrack && verdict.trajectory?.expected == 18 * scale)
        return verdict.reason.components(separatedBy: " (z = ")[0]
    }

    @Test("the trajectory sentence: the latest value with its unit, the expected value and the target with theirs")
    func trajectorySentence() {
        #expect(trajectory(unit: "%") == "in line with the trajectory: 19.0% (18.0–20.0) against 18.0% expected in 2025 on the way to 14.0% by 2027")
        #expect(trajectory(unit: "per 100,000") == "in line with the trajectory: 19.0 (18.0–20.0) per 100,000 against 18.0 expected in 2025 on the way to 14.0 by 2027")
        #expect(trajectory(unit: "£ per week") == "in line with the trajectory: £19.0 (18.0–20.0) per week against £18.0 expected in 2025 on the way to £14.0 by 2027")
        // Counts are whole, as everywhere else: not `1900.0 … against 1800.0`.
        #expect(trajectory(unit: "people", scale: 100) == "in line with the trajectory: 1,900 (1,800–2,000) people against 1,800 expected in 2025 on the way to 1,400 by 2027")
        #expect(trajectory(unit: nil) == "in line with the trajectory: 19.0 (18.0–20.0) against 18.0 expected in 2025 on the way to 14.0 by 2027")
    }

    func metric(unit: String?, ambition: Ambition, target: Double?, series: [MetricPoint] = [], change: Double? = nil) -> MetricProgress {
        MetricProgress(kind: "indicator", id: "x", name: "X", breakdown: "E07999001", unit: unit, ambition: ambition, target: target,
                       series: series, changes: change.map { [MetricChange(period: "2025", change: $0, status: "decreased", reason: "")] } ?? [],
                       trajectory: nil, status: .onTrack, reason: "")
    }

    @Test("the ambition's target with its unit, to the decimals of the figures beside it or more where it has more")
    func ambitionTarget() {
        func target(_ value: Double, _ unit: String?) -> String {
            ProgressRenderer.ambition(metric(unit: unit, ambition: Ambition(direction: .improve, target: value, by: "2030"), target: value))
        }
        #expect(target(65, "%") == "improve to 65.0% by 2030")
        #expect(target(65, "per 100,000") == "improve to 65.0 per 100,000 by 2030")
        #expect(target(520, "£ per week") == "improve to £520.0 per week by 2030")
        #expect(target(520, "GBP") == "improve to GBP 520.0 by 2030")
        #expect(target(1200, "people") == "improve to 1,200 people by 2030")
        #expect(target(16.25, "per 1,000 households") == "improve to 16.25 per 1,000 households by 2030", "a target is not rounded away from what was agreed")
        let gap = metric(unit: "per 1,000 households", ambition: Ambition(direction: .improve, by: "2027", closeGap: .init(to: "england", percent: 50)), target: 16.2)
        #expect(ProgressRenderer.ambition(gap) == "improve: close 50% of the gap to England (to 16.2 per 1,000 households) by 2027")
    }

    @Test("the change since the baseline with its unit; a percentage's in points")
    func changeWithUnit() {
        func change(_ from: Double, _ to: Double, _ unit: String?) -> String {
            let m = metric(unit: unit, ambition: Ambition(direction: .improve), target: nil,
                           series: [MetricPoint(period: "2024", value: from), MetricPoint(period: "2025", value: to)], change: to - from)
            return ProgressRenderer.change(to - from, of: m, in: "2025")
        }
        #expect(change(58.9, 58.3, "%") == "-0.6 points")
        #expect(change(2575, 2936.9, "per 100,000 aged 65+") == "+361.9 per 100,000 aged 65+")
        #expect(change(557.6, 556.4, "£ per week") == "-£1.2 per week")
        #expect(change(557.6, 558.8, "£") == "+£1.2")
        #expect(change(1200, 1150, "people") == "-50 people")
        #expect(change(3, 4, nil) == "+1.0")
    }

    @Test("the chart: the target's title and the axis ends with their unit")
    func chart() {
        let m = metric(unit: "%", ambition: Ambition(direction: .improve, target: 64, by: "2027"), target: 64,
                       series: [point("2024", 58.9), point("2025", 59.3)])
        let svg = ProgressPage.chart(m)
        #expect(svg.contains("<title>target 64.0% by 2027</title>"))
        #expect(svg.contains(">64.0%</text>") && svg.contains(">57.9%</text>"), "\(svg)")
        let money = ProgressPage.chart(metric(unit: "£ per week", ambition: Ambition(direction: .decrease, target: 500, by: "2027"), target: 500,
                                              series: [point("2024", 557.6), point("2025", 540)]))
        #expect(money.contains("<title>target £500.0 per week by 2027</title>") && money.contains(">£558.6</text>"), "\(money)")
        // The last period's label ends at the chart's right edge: centred there, "2019-20" was
        // cut to "2019-2" (a second try-out).
        let years = ProgressPage.chart(metric(unit: "crimes", ambition: Ambition(direction: .decrease), target: nil,
                                              series: [point("2018-19", 92), point("2019-20", 146)]))
        #expect(years.contains("text-anchor=\"end\">2019-20</text>") && years.contains("text-anchor=\"middle\">2018-19</text>"), "\(years)")
    }
}
