import BaselineCore
import BaselineSchema
import BaselineStatistics
import BaselineTemplates
import BaselineText
import Foundation

/// The workshop brief's content as template values: every figure already put into words, so
/// that a facilitator's template only arranges and phrases them.
///
/// `names` lists every name a template may use; `docs/report-templates.md` explains each.
enum ReportModel {
    static let names: Set<String> = [
        "place", "name", "code", "period",
        "starting_point", "respondents", "best", "worst", "text", "positive", "range", "responses", "broader", "positive_means",
        "compared", "some_not_compared",
        "has_indicators", "indicators", "worse", "better", "similar_count", "value", "comparison", "trend", "is_worse", "is_better",
        "has_survey", "audience", "survey", "reverse", "multi_select", "shares", "groupings", "header", "divider", "rows",
        "has_themes", "themes", "parent", "mentions", "sources", "organisations", "roles", "quoted_themes", "quotes", "attribution",
        "silent_themes",
        "has_priorities", "priorities", "rank", "reason", "agree", "numbers_only", "voices_only", "worse_than", "share",
        "agreeing", "disagreeing",
        "gaps", "inputs", "path", "source", "bytes", "sha256",
        "progress", "vision", "baseline_period", "periods", "summary", "setting_baseline", "progress_note", "shared_priorities",
        "owners", "why", "note", "reasons",
    ]

    static func context(for document: BaselineDocument) -> TemplateValue {
        let benchmarkNames = document.areaNames
        let indicators = document.latestIndicators(for: document.place.code).map { indicator(for: $0, names: benchmarkNames) }
        let priorities = document.candidatePriorities.enumerated().map { priority($1, rank: $0 + 1, document: document, names: benchmarkNames) }
        let scored = document.survey.filter { $0.multiSelect != true }
        return .object([
            "progress": document.progress.map(progress) ?? .null,
            "place": ["name": .text(document.place.name), "code": .text(document.place.code)],
            "period": .text(document.period),
            "starting_point": startingPoint(document, indicators: indicators),
            "has_indicators": .flag(!indicators.isEmpty),
            "indicators": .list(indicators),
            "worse": .list(indicators.filter { flag($0, "is_worse") }),
            "better": .list(indicators.filter { flag($0, "is_better") }),
            "similar_count": .text(String(indicators.filter { !flag($0, "is_worse") && !flag($0, "is_better") }.count)),
            "has_survey": .flag(!document.survey.isEmpty),
            "audience": .text(document.surveyAudience),
            "survey": .list(scored.map(question)),
            "multi_select": .list(document.survey.filter { $0.multiSelect == true }.map(multiSelect)),
            "groupings": .list(groupings(scored)),
            "has_themes": .flag(document.themes.contains { $0.mentions > 0 }),
            "themes": .list(raisedThemes(document).map { theme($0, document: document) }),
            "quoted_themes": .list(raisedThemes(document).prefix(8).filter { !$0.quotes.isEmpty }.map { theme in
                ["name": .text(theme.name), "quotes": .list(theme.quotes.map { ["text": .text($0.text), "attribution": .text($0.attribution)] })]
            }),
            "silent_themes": .text(document.themes.filter { $0.mentions == 0 }.map(\.name).joined(separator: ", ")),
            "has_priorities": .flag(!priorities.isEmpty),
            "priorities": .list(priorities),
            "agreeing": .list(priorities.filter { flag($0, "agree") }),
            "disagreeing": .list(priorities.filter { !flag($0, "agree") }),
            "gaps": .list(gaps(document).map { .markup($0) }),
            "inputs": .list(document.manifest.inputs.map {
                ["path": .text($0.path), "source": .text($0.source), "bytes": .text(String($0.bytes)), "sha256": .text(String($0.sha256.prefix(12)))]
            }),
        ])
    }

    // MARK: - Sections

    private static func startingPoint(_ document: BaselineDocument, indicators: [TemplateValue]) -> TemplateValue {
        let shown = document.survey.filter { $0.overall.percentPositive != nil && $0.multiSelect != true }
        let best = shown.max { $0.overall.percentPositive! < $1.overall.percentPositive! }
        let worst = shown.min { $0.overall.percentPositive! < $1.overall.percentPositive! }
        let narrowest = document.themes.narrowest.filter { $0.mentions > 0 }.count, raised = raisedThemes(document).count
        let compared = document.latestIndicators(for: document.place.code).filter { $0.comparisons.values.contains { $0 != "not_compared" } }.count
        return .object([
            "respondents": .text(String(document.surveyRespondents)),
            "sources": .text(String(document.manifest.sources.count)),
            "best": best.map(extreme) ?? .null,
            "worst": worst.map(extreme) ?? .null,
            "worse": .text(String(indicators.filter { flag($0, "is_worse") }.count)),
            "indicators": .text(String(indicators.count)),
            "compared": .text(String(compared)),
            "some_not_compared": .flag(compared < indicators.count),
            "themes": .text(String(narrowest)),
            // The broader themes that group some of the raised ones: the themes table lists them too.
            "broader": raised > narrowest ? .text(raised - narrowest == 1 ? "1 broader theme that groups" : "\(raised - narrowest) broader themes that group") : .null,
        ])
    }

    /// The most or least positive question, with what "positive" means when it is reverse-scored.
    private static func extreme(_ q: SurveyQuestionResult) -> TemplateValue {
        ["text": .text(q.text), "positive": .text(share(q.overall)), "reverse": .flag(q.reverse),
         "positive_means": .text(q.positiveIsDisagreeing ? "disagreeing" : "the low end of the scale")]
    }

    private static func indicator(for result: IndicatorResult, names: [String: String]) -> TemplateValue {
        let worse = result.comparisons.filter { $0.value == "worse" }.keys.sorted().map { names[$0] ?? $0 }
        let better = result.comparisons.filter { $0.value == "better" }.keys.sorted().map { names[$0] ?? $0 }
        let similar = result.comparisons.filter { $0.value == "similar" }.keys.sorted().map { names[$0] ?? $0 }
        // An indicator with no judgement is higher or lower than a benchmark, neither better nor worse.
        let higher = result.comparisons.filter { $0.value == "higher" }.keys.sorted().map { names[$0] ?? $0 }
        let lower = result.comparisons.filter { $0.value == "lower" }.keys.sorted().map { names[$0] ?? $0 }
        var words = [String]()
        if !worse.isEmpty { words.append("worse than " + worse.joinedInWords) }
        if !better.isEmpty { words.append("better than " + better.joinedInWords) }
        if !higher.isEmpty { words.append("higher than " + higher.joinedInWords) }
        if !lower.isEmpty { words.append("lower than " + lower.joinedInWords) }
        if !similar.isEmpty { words.append("similar to " + similar.joinedInWords) }
        // The publisher's flag on the figure (provisional, revised, estimated) goes with it.
        let value = (result.value.map { number($0) + (result.unit.map { $0 == "%" ? "%" : " " + $0 } ?? "") }
            ?? (result.missing?.rawValue.replacingOccurrences(of: "_", with: " ") ?? "missing"))
            + (result.value != nil ? result.status.map { " (\($0))" } ?? "" : "")
        return .object([
            "name": .text(result.name), "period": .text(result.periodLabel ?? result.period), "value": .text(value),
            "range": .text(result.ci95.map { "\(number($0.lower))–\(number($0.upper))" } ?? "—"),
            "comparison": .text(words.isEmpty ? "not compared" : words.joined(separator: "; ")),
            "trend": .text(result.trend ?? "—"),
            "is_worse": .flag(!worse.isEmpty), "is_better": .flag(worse.isEmpty && !better.isEmpty),
        ])
    }

    private static func question(_ q: SurveyQuestionResult) -> TemplateValue {
        let f = q.overall
        return .object([
            "text": .text(q.text), "reverse": .flag(q.reverse),
            "responses": .text(f.suppressed == nil ? String(f.responses) : "suppressed"),
            "positive": .text(share(f)),
            "range": .text(range(f).map { "\(number($0.lower))–\(number($0.upper))%" } ?? "—"),
        ])
    }

    private static func multiSelect(_ q: SurveyQuestionResult) -> TemplateValue {
        let options = (q.overall.options ?? [:]).sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        let shares = q.overall.suppressed == nil
            ? "\(q.overall.responses) people: " + options.map { "\($0.key) \(percent($0.value.percent.map { exact(q.overall, $0) ?? $0 }))" }.joined(separator: "; ")
            : "suppressed"
        return ["text": .text(q.text), "shares": .text(shares)]
    }

    /// One table per grouping, its header and rows already laid out as Markdown table lines
    /// (markup made of escaped cells).
    private static func groupings(_ questions: [SurveyQuestionResult]) -> [TemplateValue] {
        Set(questions.flatMap { $0.groups.keys }).sorted().map { grouping in
            let values = Set(questions.flatMap { $0.groups[grouping]?.map(\.group) ?? [] }).sorted()
            let rows = questions.map { question in
                ([question.text + (question.reverse ? " (reverse-scored)" : "")] + values.map { value in
                    guard let group = question.groups[grouping]?.first(where: { $0.group == value }) else { return "—" }
                    return group.figures.suppressed == nil ? share(group.figures) : "suppressed"
                }).map(cell).joined(separator: " | ")
            }
            return .object([
                "name": .text(grouping.lowercased()),
                "header": .markup("| " + (["Question"] + values).map(cell).joined(separator: " | ") + " |"),
                "divider": .markup("|" + String(repeating: " --- |", count: values.count + 1)),
                "rows": .list(rows.map { .markup("| " + $0 + " |") }),
            ])
        }
    }

    private static func raisedThemes(_ document: BaselineDocument) -> [ThemeResult] {
        document.themes.filter { $0.mentions > 0 }.sorted { ($0.mentions, $0.sources, $1.id) > ($1.mentions, $1.sources, $0.id) }
    }

    private static func theme(_ theme: ThemeResult, document: BaselineDocument) -> TemplateValue {
        func top(_ counts: [String: Int]?) -> String {
            let known = (counts ?? [:]).filter { $0.key != "not recorded" }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            return known.isEmpty ? "—" : known.prefix(3).map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
        }
        let parent = theme.parent.flatMap { id in document.themes.first { $0.id == id }?.name }
        return .object([
            "name": .text(theme.name), "parent": parent.map(TemplateValue.text) ?? .null,
            "mentions": .text(String(theme.mentions)), "sources": .text(String(theme.sources)),
            "organisations": .text(top(theme.breakdown["organisation"])), "roles": .text(top(theme.breakdown["role"])),
        ])
    }

    private static func priority(_ p: CandidatePriority, rank: Int, document: BaselineDocument, names: [String: String]) -> TemplateValue {
        let worse = Set(document.indicators.filter { $0.area == document.place.code && p.indicators.contains($0.id) }
            .flatMap { $0.comparisons.filter { $0.value == "worse" }.keys }).sorted().map { names[$0] ?? $0 }
        return .object([
            "rank": .text(String(rank)), "name": .text(p.name), "reason": .text(p.reason),
            "agree": .flag(p.agreement == "agree"), "numbers_only": .flag(p.agreement == "numbers_only"),
            "voices_only": .flag(p.agreement == "voices_only"),
            "worse_than": .text(worse.joinedInWords),
        ])
    }

    /// The gaps as Markdown list items: the source ids (letters, digits, `-`, `_`, as the
    /// pipeline checks) in code, every other piece from the data escaped.
    private static func gaps(_ document: BaselineDocument) -> [String] {
        let md = PeopleText.markdown
        var items = [String]()
        for source in document.manifest.sources {
            var line = "`\(source.id)`: \(source.read) records read, \(source.passedOn) used"
            if source.quarantined > 0 { line += ", \(source.quarantined) set aside (see rejects/\(source.id).csv)" }
            if source.skipped > 0 { line += ", \(source.skipped) skipped" }
            items.append(line + ".")
        }
        if document.dataQuality.suppressedCells > 0 {
            items.append("\(document.dataQuality.suppressedCells) survey figures withheld because the groups are small.")
        }
        for (reason, count) in document.dataQuality.missing.sorted(by: { $0.key < $1.key }) {
            items.append("\(count) indicator value(s) missing (\(md(reason.replacingOccurrences(of: "_", with: " "))))"
                         + md(missingValues(document, reason: reason)) + ".")
        }
        for (source, reasons) in document.dataQuality.rejects.sorted(by: { $0.key < $1.key }) {
            for (reason, count) in reasons.sorted(by: { $0.key < $1.key }) {
                items.append("`\(source)`: \(count) × \(md(reason)).")
            }
        }
        if let redactions = document.dataQuality.redactions, !redactions.isEmpty {
            items.append("Redacted from quotes and answers: " + md(redactions.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")) + ".")
        }
        if document.latestIndicators(for: document.place.code).isEmpty { items.append("No indicators for \(md(document.place.name)) in this baseline.") }
        if document.survey.isEmpty { items.append("No survey in this baseline.") }
        if !document.themes.contains(where: { $0.mentions > 0 }) { items.append("No notes or free-text answers were coded to themes in this baseline.") }
        return items + document.dataQuality.notes.map(md)
    }

    /// Which values are missing for `reason`: `: Name in period (area, area); …`, or nothing when
    /// the indicators do not say (a baseline without them).
    private static func missingValues(_ document: BaselineDocument, reason: String) -> String {
        let areaNames = document.areaNames
        var order = [String](), areas = [String: [String]]()
        for result in document.indicators where result.missing?.rawValue == reason {
            let key = "\(result.name) in \(result.period)"
            if areas[key] == nil { order.append(key) }
            areas[key, default: []].append(areaNames[result.area] ?? result.area)
        }
        guard !order.isEmpty else { return "" }
        return ": " + order.map { key in
            let names = areas[key]!
            return key + " (" + (names.count > 3 ? "\(names.count) areas" : names.joined(separator: ", ")) + ")"
        }.joined(separator: "; ")
    }

    // MARK: - Words and numbers

    private static func flag(_ value: TemplateValue, _ key: String) -> Bool {
        if case .object(let fields) = value, case .flag(let flag)? = fields[key] { return flag }
        return false
    }

    /// % positive, rounded once: from the exact share of whole answers behind the stored
    /// two-decimal figure (12 of 26, stored 46.15, is 46.2%, not 46.1%); weighted shares as stored.
    static func share(_ f: SurveyFigures) -> String {
        percent(f.percentPositive.map { exact(f, $0) ?? $0 })
    }

    /// The Wilson interval of % positive, recomputed from the whole answers behind it so that it
    /// too is rounded once; the stored interval where the share is weighted or does not match.
    static func range(_ f: SurveyFigures) -> (lower: Double, upper: Double)? {
        guard let stored = f.ci95 else { return nil }
        guard let positive = f.percentPositive, let share = exact(f, positive),
              let ci = Proportion.wilson(successes: (share * Double(f.responses) / 100).rounded(), trials: Double(f.responses)),
              rounded(100 * ci.lower, places: 2) == stored.lower, rounded(100 * ci.upper, places: 2) == stored.upper
        else { return (stored.lower, stored.upper) }
        return (100 * ci.lower, 100 * ci.upper)
    }

    private static func exact(_ f: SurveyFigures, _ percent: Double) -> Double? {
        f.effectiveSampleSize == nil ? Proportion.exactPercent(percent, of: f.responses) : nil
    }

    static func percent(_ value: Double?) -> String {
        value.map { number($0) + "%" } ?? "suppressed"
    }

    static func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }


    private static func cell(_ text: String) -> String {
        PeopleText.markdown(text)
    }
}
