import BaselineCore
@testable import BaselineOutcomes
import BaselineSchema
import Testing

/// The verdict on a metric's latest value, for the cases the sample does not reach.
@Suite struct JudgementTests {
    let engine = ProgressEngine()

    func point(_ period: String, _ value: Double?, _ width: Double? = 2) -> MetricPoint {
        MetricPoint(period: period, value: value, ci95: value.flatMap { v in width.map { Interval(lower: v - $0 / 2, upper: v + $0 / 2) } },
                    missing: value == nil ? "suppressed" : nil)
    }

    func change(_ status: String, _ change: Double?) -> MetricChange {
        MetricChange(period: "2025", change: change, status: status, reason: "the diff's reason")
    }

    @Test("a metric none of whose figures has an interval says later baselines will not judge it either; one interval missing is only 'not yet'")
    func publishedWithoutIntervals() {
        let never = [point("2024", 67.9, nil), point("2025", 65.1, nil)]
        #expect(ProgressEngine.neverMeasurable(never).hasPrefix("; none of its figures has an interval, so later baselines will not judge it either"))
        #expect(ProgressEngine.neverMeasurable([point("2024", 67.9, nil), point("2025", 65.1)]) == "")
        #expect(ProgressEngine.neverMeasurable([point("2024", 67.9, nil)]) == "")
        let verdict = engine.judge(Ambition(direction: .improve), sign: 1, target: nil, series: never,
                                   latestChange: change("not_tested", -2.8), tested: false, polarity: .highIsGood, unit: "%")
        #expect(verdict.status == .notYetMeasurable && verdict.reason.contains("later baselines will not judge it either"), "\(verdict.reason)")
    }

    @Test("maintain, for a figure with no polarity: any significant change is off track")
    func maintainWithoutPolarity() {
        let verdict = engine.judge(Ambition(direction: .maintain), sign: 0, target: nil, series: [point("2024", 10), point("2025", 14)],
                                   latestChange: change("increased", 4), tested: true, polarity: .noJudgement, unit: nil)
        #expect(verdict.status == .offTrack && verdict.reason == "significantly changed since 2024: the diff's reason")
        let steady = engine.judge(Ambition(direction: .maintain), sign: 0, target: nil, series: [point("2024", 10), point("2025", 10.5)],
                                  latestChange: change("no_significant_change", 0.5), tested: true, polarity: .lowIsGood, unit: nil)
        #expect(steady.status == .onTrack)
    }

    @Test("a direction: the wrong way is off track, no change beyond chance not yet measurable")
    func direction() {
        let wrong = engine.judge(Ambition(direction: .decrease), sign: -1, target: nil, series: [point("2024", 10), point("2025", 14)],
                                 latestChange: change("increased", 4), tested: true, polarity: .noJudgement, unit: nil)
        #expect(wrong.status == .offTrack)
        let right = engine.judge(Ambition(direction: .decrease), sign: -1, target: nil, series: [point("2024", 10), point("2025", 6)],
                                 latestChange: change("decreased", -4), tested: true, polarity: .noJudgement, unit: nil)
        #expect(right.status == .onTrack)
        let untested = engine.judge(Ambition(direction: .increase), sign: 1, target: nil, series: [point("2024", 10, nil), point("2025", 14, nil)],
                                    latestChange: change("no_significant_change", 4), tested: false, polarity: .noJudgement, unit: nil)
        #expect(untested.status == .notYetMeasurable && untested.reason.hasPrefix("the change cannot be tested"))
    }

    @Test("a target the periods cannot place, or a value missing now, is not yet measurable")
    func notMeasurable() {
        let waves = engine.judge(Ambition(direction: .increase, target: 20, by: "2027"), sign: 1, target: 20,
                                 series: [point("wave8", 10), point("wave9", 12)], latestChange: change("increased", 2), tested: true, polarity: .highIsGood, unit: nil)
        #expect(waves.status == .notYetMeasurable && waves.reason == "the periods do not start with years, so the trajectory cannot be placed")
        let missing = engine.judge(Ambition(direction: .increase), sign: 1, target: nil, series: [point("2024", 10), point("2025", nil)],
                                   latestChange: change("newly_suppressed", nil), tested: false, polarity: .highIsGood, unit: nil)
        #expect(missing.status == .notYetMeasurable && missing.reason == "no value in 2025 (suppressed)")
        let notComparable = engine.judge(Ambition(direction: .increase), sign: 1, target: nil, series: [point("2024", 10), point("2025", 12)],
                                         latestChange: change("not_comparable", nil), tested: false, polarity: .highIsGood, unit: nil)
        #expect(notComparable.status == .notComparable && notComparable.reason == "not comparable with the 2024 baseline: the diff's reason")
    }

    /// Coventry's adult obesity as ONS published it: the 2026 download held nothing newer than
    /// the 2025 one (16 Nov 2024 – 15 Nov 2025), so the 2026 baseline repeats the 2025 figure.
    func obesity(_ period: String, _ data: String, _ value: Double, _ lower: Double, _ upper: Double) -> MetricPoint {
        MetricPoint(period: period, dataPeriod: data, value: value, ci95: Interval(lower: lower, upper: upper))
    }

    @Test("a figure nothing newer has replaced is judged where the baseline that first held it placed it, and says so")
    func nothingNewerPublished() {
        let ambition = Ambition(direction: .improve, target: 22, by: "2028")
        let b2024 = obesity("2024", "2023-11-16/P1Y", 27.08288, 23.60656, 30.65574)
        let b2025 = obesity("2025", "2024-11-16/P1Y", 28.62107, 25.73158, 31.48335)
        let b2026 = obesity("2026", "2024-11-16/P1Y", 28.62107, 25.73158, 31.48335)
        let then = engine.judge(ambition, sign: -1, target: 22, series: [b2024, b2025], latestChange: change("no_significant_change", 1.5),
                                tested: true, polarity: .lowIsGood, unit: "%")
        let now = engine.judge(ambition, sign: -1, target: 22, series: [b2024, b2025, b2026], latestChange: change("no_significant_change", 1.5),
                               tested: true, polarity: .lowIsGood, unit: "%")
        #expect(then.status == .onTrack && then.trajectory?.z == -1.409)
        #expect(now.status == .onTrack && now.trajectory == then.trajectory, "2026 repeats 2025's figure: 2025's verdict, not z = -2.371 against 2026's line")
        #expect(now.reason == "nothing newer was published since the 2025 baseline: the 2026 baseline holds the same period (16 Nov 2024 – 15 Nov 2025), "
            + "judged as in 2025: " + then.reason)
        let maintained = engine.judge(Ambition(direction: .maintain), sign: 0, target: nil, series: [b2024, b2025, b2026],
                                      latestChange: change("no_significant_change", 1.5), tested: true, polarity: .lowIsGood, unit: "%")
        #expect(maintained.status == .onTrack && maintained.reason.hasPrefix("nothing newer was published since the 2025 baseline: "))
        // Nothing newer since the baseline itself: no progress to judge, not "in line" at z = 0.
        let unmoved = engine.judge(ambition, sign: -1, target: 22, series: [b2025, b2026], latestChange: change("not_tested", nil),
                                   tested: false, polarity: .lowIsGood, unit: "%")
        #expect(unmoved.status == .notYetMeasurable && unmoved.trajectory == nil)
        #expect(unmoved.reason == "nothing newer was published since the 2025 baseline: the 2026 baseline holds the same period (16 Nov 2024 – 15 Nov 2025), so there is no progress to judge yet")
        // The same for every ambition, even when the publisher revised the value (a tested change):
        // `maintain` was "on track" and `improve` "no change beyond chance yet", with nothing new behind either.
        let revised = obesity("2026", "2024-11-16/P1Y", 29.1, 26.2, 32.0)
        for ambition in [Ambition(direction: .maintain), Ambition(direction: .improve)] {
            let judged = engine.judge(ambition, sign: ambition.direction == .maintain ? 0 : -1, target: nil, series: [b2025, revised],
                                      latestChange: change("no_significant_change", 0.5), tested: true, polarity: .lowIsGood, unit: "%")
            #expect(judged.status == .notYetMeasurable && judged.reason.hasPrefix("nothing newer was published since the 2025 baseline: "),
                    "\(ambition.direction): \(judged.reason)")
        }
    }
}
