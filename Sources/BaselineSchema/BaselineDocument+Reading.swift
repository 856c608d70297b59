import BaselineCore

/// Readings of a baseline that several stages and sinks need, written once.
extension BaselineDocument {
    /// The latest period's value of each indicator for `area` (latest in time, `Period.Position`:
    /// `2020 - 24` after `2023`), in the order the indicators first appear in the baseline.
    public func latestIndicators(for area: String) -> [IndicatorResult] {
        var latest = [String: IndicatorResult](), order = [String](), time = Period.Ordering()
        for result in indicators where result.area == area {
            if latest[result.id] == nil { order.append(result.id) }
            if let seen = latest[result.id], !time.isBefore(seen.period, result.period) { continue }
            latest[result.id] = result
        }
        return order.map { latest[$0]! }
    }

    /// The benchmarks the place is worse than on the latest period of any of `indicatorIDs`, by
    /// name, in order of their codes: what "worse here than in …" may say of a candidate priority. (An
    /// earlier period's comparisons are history: a benchmark the place was worse than in 2015
    /// and is similar to now is not one to name.)
    public func benchmarksWorse(on indicatorIDs: [String]) -> [String] {
        let names = areaNames
        let latest = latestIndicators(for: place.code).filter { indicatorIDs.contains($0.id) }
        return Set(latest.flatMap { $0.comparisons.filter { $0.value == "worse" }.keys }).sorted().map { names[$0] ?? $0 }
    }

    /// The names of the place and its benchmark areas by code, for showing an area by its name.
    public var areaNames: [String: String] {
        var names = Dictionary(benchmarks.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        names[place.code] = place.name
        return names
    }

    /// The most people who answered any one survey question, counting blanks and answers kept
    /// out of the denominator.
    public var surveyRespondents: Int {
        let answered = survey.map { $0.overall.responses + $0.overall.blank + $0.overall.excluded.values.reduce(0, +) }.max() ?? 0
        guard answered == 0 else { return answered }
        // Every question's figures suppressed (too few answered): they hide their counts, but the
        // manifest says how many respondents the survey's sources passed on — not "about 0".
        let ids = Set(survey.map(\.source))
        return manifest.sources.filter { ids.contains($0.id) }.map(\.passedOn).reduce(0, +)
    }

    /// Who answered the survey, in words: the `audience:` of each source the survey's questions
    /// come from, `staff` where a source does not say ("staff", "staff and residents").
    public var surveyAudience: String {
        let ids = Set(survey.map(\.source))
        var words = [String]()
        for source in manifest.sources where ids.contains(source.id) {
            let audience = source.audience ?? "staff"
            if !words.contains(audience) { words.append(audience) }
        }
        return words.isEmpty ? "staff" : words.joinedInWords
    }
}

extension SurveyQuestionResult {
    /// Whether a reverse-scored statement's positive answer is to disagree ("We work in silos"):
    /// on an agree/disagree scale. On another scale it is the low end.
    public var positiveIsDisagreeing: Bool { reverse && Self.isAgreement(scale: scale) }

    /// Whether `scale` (`agree5`, `agree4`…) runs from disagree to agree.
    public static func isAgreement(scale: String) -> Bool { scale.hasPrefix("agree") }
}

extension Array where Element == ThemeResult {
    /// The themes with no narrower theme under them. A broader theme also holds its narrower
    /// themes' mentions, so shares of all mentions are taken over these alone.
    public var narrowest: [ThemeResult] {
        let parents = Set(compactMap(\.parent))
        return filter { !parents.contains($0.id) }
    }
}

extension Array where Element == String {
    /// The names as a list in words: `a`, `a and b`, `a, b and c`.
    public var joinedInWords: String {
        count <= 1 ? joined() : dropLast().joined(separator: ", ") + " and " + last!
    }
}
