import BaselineCore
@testable import BaselineOutcomes
import BaselineSchema
import Testing

/// A gap is measured between the place's figure and the benchmark's of the same period.
@Suite struct CloseGapTests {
    static let outcomes = """
        vision: One Millbrook.
        baseline: 2024
        priorities:
          - id: smoking
            name: Fewer adults smoking
            why: Worse than England.
            owners: [Council]
            metrics:
              - indicator: smokers
                ambition: { direction: improve, close_gap: { to: england, percent: 50 }, by: 2027 }
        """

    /// A baseline of `period` holding the place's figures and England's, `(period, value)` each.
    func baseline(_ period: String, place: [(String, Double?)], england: [(String, Double)], polarity: String = "low_is_good") -> LoadedBaseline {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: period)
        document.benchmarks = [Area(code: "E92000001", name: "England", role: "england")]
        func result(_ area: String, _ figure: String, _ value: Double?) -> IndicatorResult {
            IndicatorResult(id: "smokers", name: "Smokers", area: area, period: figure, value: value, missing: value == nil ? .suppressed : nil,
                            unit: "%", polarity: polarity, ci95: value.map { Interval(lower: $0 - 1, upper: $0 + 1) }, comparisons: [:],
                            provenance: Provenance(source: "ons", file: "ons.csv"))
        }
        document.indicators = place.map { result("E07999001", $0.0, $0.1) } + england.map { result("E92000001", $0.0, $0.1) }
        return LoadedBaseline(path: "out/millbrook/\(period)", document: document)
    }

    @Test("the place's latest figure is 2022 (none yet for 2023): the gap is to England's 2022 figure, not its 2023 one")
    func theGapIsOfOnePeriod() throws {
        let outcomes = try OutcomesFile.parse(Self.outcomes, file: "outcomes.yaml")
        let base = baseline("2024", place: [("2022", 20)], england: [("2022", 14), ("2023", 10)])
        let later = baseline("2025", place: [("2024", 17)], england: [("2024", 12)])
        let report = try ProgressEngine().progress(outcomes, baselines: [base, later])
        let metric = try #require(report.priorities.first?.metrics.first)
        // 20 + 50% × (14 − 20) = 17, where England's 2023 figure would give 15.
        #expect(metric.target == 17, "\(String(describing: metric.target))")
    }

    /// A try-out: the draft said `target` and `by` were optional beside `direction:`, yet an
    /// ambition of a target alone was "missing key 'direction'". Left out, the direction is
    /// `improve`, by the indicator's polarity; one with no polarity must say which way.
    @Test("an ambition with no direction is to improve; an indicator with no polarity must name one")
    func theDirectionDefaultsToImprove() throws {
        let outcomes = try OutcomesFile.parse(Self.outcomes.replacingOccurrences(of: "{ direction: improve, close_gap", with: "{ close_gap"),
                                              file: "outcomes.yaml")
        #expect(outcomes.priorities.first?.metrics.first?.ambition == Ambition(direction: .improve, by: "2027", closeGap: .init(to: "england", percent: 50)))
        let target = try OutcomesFile.parse(Self.outcomes.replacingOccurrences(of: "{ direction: improve, close_gap: { to: england, percent: 50 }, by: 2027 }",
                                                                               with: "{ target: 15, by: 2027 }"), file: "outcomes.yaml")
        #expect(target.priorities.first?.metrics.first?.ambition == Ambition(direction: .improve, target: 15, by: "2027"))
        let report = try ProgressEngine().progress(outcomes, baselines: [baseline("2024", place: [("2022", 20)], england: [("2022", 14)]),
                                                                         baseline("2025", place: [("2024", 17)], england: [("2024", 12)])])
        #expect(report.priorities.first?.metrics.first?.target == 17, "improve, by low_is_good: the gap is closed downwards")
        // A target on the wrong side names the direction the file did not write.
        let wrongSide = try OutcomesFile.parse(Self.outcomes.replacingOccurrences(of: "{ direction: improve, close_gap: { to: england, percent: 50 }, by: 2027 }",
                                                                                  with: "{ target: 25, by: 2027 }"), file: "outcomes.yaml")
        let wrong = #expect(throws: BaselineError.self) {
            try ProgressEngine().progress(wrongSide, baselines: [self.baseline("2024", place: [("2022", 20)], england: [("2022", 14)]),
                                                                 self.baseline("2025", place: [("2024", 17)], england: [("2024", 12)])])
        }
        #expect(wrong?.message.hasSuffix("but the ambition is to improve (the direction when none is written)") == true, "\(String(describing: wrong))")
        let unjudged = #expect(throws: BaselineError.self) {
            try ProgressEngine().progress(target, baselines: [self.baseline("2024", place: [("2022", 20)], england: [("2022", 14)], polarity: "no_judgement"),
                                                              self.baseline("2025", place: [("2024", 17)], england: [("2024", 12)], polarity: "no_judgement")])
        }
        #expect(unjudged?.message == "indicator 'smokers' has no polarity, so its ambition needs a direction", "\(String(describing: unjudged))")
        #expect(unjudged?.hint == "add 'direction: increase' or 'direction: decrease'")
        #expect(unjudged?.line == 10, "at the ambition")
    }

    @Test("England has no figure for the period of the place's: the gap is not measured, and the reason says why")
    func noBenchmarkFigureOfThatPeriod() throws {
        let outcomes = try OutcomesFile.parse(Self.outcomes, file: "outcomes.yaml")
        let base = baseline("2024", place: [("2022", 20)], england: [("2023", 10)])
        let later = baseline("2025", place: [("2024", 17)], england: [("2024", 12)])
        let report = try ProgressEngine().progress(outcomes, baselines: [base, later])
        let metric = try #require(report.priorities.first?.metrics.first)
        #expect(metric.target == nil && metric.status == .notYetMeasurable)
        #expect(metric.reason.hasPrefix("England has no value for 2022, the period of the baseline's figure, so the gap cannot be measured like for like; "),
                "\(metric.reason)")
    }
}
