import BaselineCore
import BaselineFormat
import BaselineSchema
import BaselineStatistics
import BaselineTemplates
import BaselineText
import Foundation

/// The workshop brief's content as template values: every figure already put into words, so
/// that a facilitator's template only arranges and phrases them.
///
/// `shape` is every name a template may use, and where; `docs/report-templates.md` explains
/// each.
enum ReportModel {
    static let shape: TemplateShape = {
        let indicator = TemplateShape.fields(["name", "period", "when", "value", "range", "comparison", "trend", "is_worse", "is_better"])
        let extreme = TemplateShape.fields(["text", "positive", "reverse", "positive_means"])
        let priority = TemplateShape.fields(["rank", "name", "topic", "reason", "raised", "survey_agrees", "agree", "numbers_only",
                                             "voices_only", "worse_than", "evidence"])
        let table: [String: TemplateShape] = ["rows": .list(of: .value)]
        return .fields([
            "period", "has_voices", "has_heard", "has_numbers", "has_both", "has_indicators", "similar_count", "none_compared",
            "not_compared_why", "has_survey", "has_scored", "audience", "has_themes", "silent_themes", "has_priorities", "priorities_staged",
        ], [
            "place": .fields(["name", "code"]),
            "progress": .fields(["vision", "baseline_period", "periods", "summary", "setting_baseline", "progress_note"], [
                "shared_priorities": .list(of: .fields(["name", "why", "owners", "note", "header", "divider"],
                                                       table.merging(["reasons": .list(of: .value)]) { kept, _ in kept })),
            ]),
            "starting_point": .fields(["respondents", "sources", "worse", "indicators", "indicator_count", "compared", "some_not_compared",
                                       "compared_with", "themes", "theme_count", "broader"], ["best": extreme, "worst": extreme]),
            "indicators": .list(of: indicator), "worse": .list(of: indicator), "better": .list(of: indicator),
            "survey": .list(of: .fields(["text", "reverse", "responses", "positive", "range"])),
            "multi_select": .list(of: .fields(["text", "shares"])),
            "groupings": .list(of: .fields(["name", "header", "divider"], table)),
            "themes": .list(of: .fields(["name", "parent", "mentions", "sources", "organisations", "roles"])),
            "quoted_themes": .list(of: .fields(["name"], ["quotes": .list(of: .fields(["text", "attribution"]))])),
            "priorities": .list(of: priority), "agreeing": .list(of: priority), "disagreeing": .list(of: priority),
            "gaps": .list(of: .value),
            "inputs": .list(of: .fields(["path", "source", "bytes", "sha256"])),
        ])
    }()

    static func context(for document: BaselineDocument) -> TemplateValue {
        let benchmarkNames = document.areaNames
        let indicators = document.latestIndicators(for: document.place.code).map { indicator(for: $0, names: benchmarkNames) }
        let priorities = document.candidatePriorities.enumerated().map { priority($1, rank: $0 + 1, document: document, names: benchmarkNames) }
        let scored = document.survey.filter { $0.multiSelect != true }
        // What the baseline heard (survey, notes, free text) and what it measured: the brief
        // sets one beside the other only when it has both. Whether a topic "came up" is for
        // notes and free text coded to themes to say; a survey's scored answers raise none.
        let heard = !document.themes.isEmpty
        let voices = !document.survey.isEmpty || document.themes.contains { $0.mentions > 0 }
        return .object([
            "has_voices": .flag(voices), "has_heard": .flag(heard), "has_numbers": .flag(!indicators.isEmpty), "has_both": .flag(voices && !indicators.isEmpty),
            "progress": document.progress.map(progress) ?? .null,
            "place": ["name": .text(document.place.name), "code": .text(document.place.code)],
            "period": .text(document.period),
            "starting_point": startingPoint(document, indicators: indicators),
            "has_indicators": .flag(!indicators.isEmpty),
            "indicators": .list(indicators),
            "worse": .list(indicators.filter { flag($0, "is_worse") }),
            "better": .list(indicators.filter { flag($0, "is_better") }),
            "similar_count": .text(Figure.count(indicators.filter { !flag($0, "is_worse") && !flag($0, "is_better") }.count)),
            // No indicator compared with a benchmark: "0 significantly worse" would read as a finding.
            "none_compared": .flag(!indicators.isEmpty && comparedCount(document) == 0),
            "not_compared_why": .text(notComparedWhy(document)),
            "has_survey": .flag(!document.survey.isEmpty),
            // Questions scored positive or not: a survey of multi-select questions alone has none,
            // and its table of them was a header with no rows (the try-out's Squashville).
            "has_scored": .flag(!scored.isEmpty),
            "audience": .text(document.surveyAudience),
            "survey": .list(scored.map(question)),
            "multi_select": .list(document.survey.filter { $0.multiSelect == true }.map(multiSelect)),
            "groupings": .list(groupings(scored)),
            "has_themes": .flag(document.themes.contains { $0.mentions > 0 }),
            "themes": .list(raisedThemes(document).map { theme($0, document: document) }),
            "quoted_themes": .list(raisedThemes(document).prefix(8).filter { !$0.quotes.isEmpty }.map { theme in
                ["name": .text(theme.name), "quotes": .list(theme.quotes.map { ["text": .text(Self.withoutOwnQuotes($0.text)), "attribution": .text($0.attribution)] })]
            }),
            "silent_themes": .text(document.themes.filter { $0.mentions == 0 }.map(\.name).joined(separator: ", ")),
            "has_priorities": .flag(!priorities.isEmpty),
            // Whether a `priorities` stage ran: without one, no priorities says nothing of the place.
            "priorities_staged": .flag(document.manifest.plugins.contains { $0.role == "stage" && $0.kind == "priorities" }),
            "priorities": .list(priorities),
            "agreeing": .list(priorities.filter { flag($0, "agree") }),
            "disagreeing": .list(priorities.filter { !flag($0, "agree") }),
            "gaps": .list(gaps(document).map { .markup($0) }),
            "inputs": .list(document.manifest.inputs.map {
                ["path": .text($0.path), "source": .text($0.source), "bytes": .text(Figure.count($0.bytes)), "sha256": .text(String($0.sha256.prefix(12)))]
            }),
        ])
    }

    // MARK: - Sections

    private static func startingPoint(_ document: BaselineDocument, indicators: [TemplateValue]) -> TemplateValue {
        let shown = document.survey.filter { $0.overall.percentPositive != nil && $0.multiSelect != true }
        let best = shown.max { $0.overall.percentPositive! < $1.overall.percentPositive! }
        let worst = shown.min { $0.overall.percentPositive! < $1.overall.percentPositive! }
        let narrowest = document.themes.narrowest.filter { $0.mentions > 0 }.count, raised = raisedThemes(document).count
        let latest = document.latestIndicators(for: document.place.code)
        let compared = comparedCount(document)
        return .object([
            "respondents": .text(Figure.count(document.surveyRespondents)),
            "sources": .text(Figure.count(document.manifest.sources.count)),
            "best": best.map(extreme) ?? .null,
            "worst": worst.map(extreme) ?? .null,
            "worse": .text(Figure.count(indicators.filter { flag($0, "is_worse") }.count)),
            "indicators": .text(Figure.count(indicators.count)),
            "indicator_count": .text(Wording.count(indicators.count, "indicator")),
            "compared": .text(Figure.count(compared)),
            "some_not_compared": .flag(compared < indicators.count),
            "compared_with": .text(comparedWith(document.benchmarks, latest)),
            "themes": .text(Figure.count(narrowest)),
            "theme_count": .text(Wording.count(narrowest, "theme")),
            // The broader themes that group some of the raised ones: the themes table lists them too.
            "broader": raised > narrowest ? .text(Wording.count(raised - narrowest, "broader theme") + (raised - narrowest == 1 ? " that groups" : " that group")) : .null,
        ])
    }

    /// How many of the place's latest indicators were compared with at least one benchmark.
    static func comparedCount(_ document: BaselineDocument) -> Int {
        document.latestIndicators(for: document.place.code).filter { $0.comparisons.values.contains { $0 != BenchmarkComparison.notCompared.rawValue } }.count
    }

    /// Why no indicator was compared with a benchmark, in words to follow "none of them compared
    /// with a benchmark:" — no benchmark areas named, no `benchmark` stage, no interval to compare
    /// with, or no figures of the benchmark areas.
    static func notComparedWhy(_ document: BaselineDocument) -> String {
        let latest = document.latestIndicators(for: document.place.code)
        if document.benchmarks.isEmpty { return "the pipeline names no benchmark areas to compare them with" }
        if !document.manifest.plugins.contains(where: { $0.role == "stage" && $0.kind == "benchmark" }) {
            return "this pipeline has no `benchmark` stage to compare them (add `- stage: benchmark` after `indicators`)"
        }
        if latest.allSatisfy({ $0.value == nil || $0.ci95 == nil }) {
            if latest.contains(where: { $0.value != nil }), latest.allSatisfy({ $0.value == nil || $0.valueType == "count" && $0.count != nil && $0.denominator == nil }) {
                return "they are counts of events with no population to divide them by, and the benchmark areas are of other sizes"
            }
            return "none has a confidence interval (no count and denominator, none published) to compare with"
        }
        return "the benchmark areas have no figures for the same periods"
    }

    /// The benchmark areas the latest indicators were compared with, in words — `England, the
    /// region and our neighbours`, `England and the region`, `England` — in the order of
    /// `benchmarks` (the neighbours where the first of them is): a benchmark no indicator was
    /// compared with (no figures for it, a mistyped code) is left out, so that the brief claims no
    /// comparison that was not made. `our benchmark areas` when none was.
    static func comparedWith(_ benchmarks: [Area], _ latest: [IndicatorResult]) -> String {
        let compared = Set(latest.flatMap { $0.comparisons.filter { $0.value != BenchmarkComparison.notCompared.rawValue }.keys })
        let areas = benchmarks.filter { compared.contains($0.code) }
        let neighbours = areas.filter { $0.role == "neighbour" }.count
        var words = [String]()
        for area in areas {
            let word: String
            switch area.role {
            case "england": word = "England"
            case "region": word = areas.filter { $0.role == "region" }.count == 1 ? "the region" : area.name
            case "neighbour": word = neighbours == 1 ? "our neighbour" : "our neighbours"
            default: word = area.name
            }
            if !words.contains(word) { words.append(word) }
        }
        return words.isEmpty ? "our benchmark areas" : Wording.list(words)
    }

    /// The most or least positive question, with what "positive" means when it is reverse-scored.
    private static func extreme(_ q: SurveyQuestionResult) -> TemplateValue {
        ["text": .text(q.text), "positive": .text(share(q.overall)), "reverse": .flag(q.reverse),
         "positive_means": .text(q.positiveIsDisagreeing ? "disagreeing" : "the low end of the scale")]
    }

    private static func indicator(for result: IndicatorResult, names: [String: String]) -> TemplateValue {
        let worse = result.comparisons.values.contains("worse")
        let better = result.comparisons.values.contains("better")
        // The publisher's flag on the figure (provisional, revised, estimated) goes with it.
        let value = (result.value.map { Figure.value($0, unit: result.unit, valueType: result.valueType) } ?? Wording.missing(result.missing?.rawValue))
            + (result.value != nil ? result.status.map { " (\(Wording.status($0)))" } ?? "" : "")
        let places = Figure.places(unit: result.unit, valueType: result.valueType)
        let period = Figure.period(result.period, label: result.periodLabel)
        // A figure in pounds has its interval in pounds too: "£552.8 per week (likely £496.5–£609.1)".
        let currency = value.hasPrefix("£") ? "£" : ""
        return .object([
            "name": .text(result.name), "period": .text(period), "value": .text(value),
            // "in 2024-25", but "on 30 Apr 2025" for a day (ONS's weekly pay is for one date).
            "when": .text((Period(result.period)?.kind == .day ? "on " : "in ") + period),
            "range": .text(result.ci95.map { currency + Figure.interval($0.lower, $0.upper, places: places).replacingEvery("–", with: "–" + currency) } ?? "—"),
            "comparison": .text(Wording.comparisons(result.comparisons, names: names)),
            "trend": .text(Wording.trend(result.trend, reason: result.trendReason) ?? "—"),
            "is_worse": .flag(worse), "is_better": .flag(!worse && better),
        ])
    }

    private static func question(_ q: SurveyQuestionResult) -> TemplateValue {
        let f = q.overall
        return .object([
            "text": .text(q.text), "reverse": .flag(q.reverse),
            "responses": .text(f.suppressed == nil ? Figure.count(f.responses) : "suppressed"),
            "positive": .text(share(f)),
            "range": .text(f.shownInterval.map { Figure.interval($0.lower, $0.upper, percent: true) } ?? "—"),
        ])
    }

    private static func multiSelect(_ q: SurveyQuestionResult) -> TemplateValue {
        let options = (q.overall.options ?? [:]).sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        let shares = q.overall.suppressed == nil
            ? Wording.count(q.overall.responses, "person", "people") + ": "
                + options.map { "\($0.key) \(percent($0.value.percent.map { Figure.exactShare($0, of: q.overall.responses, weighted: q.overall.effectiveSampleSize != nil) }))" }.joined(separator: "; ")
            : "suppressed"
        return ["text": .text(q.text), "shares": .text(shares)]
    }

    /// One table per grouping, its header and rows already laid out as Markdown table lines
    /// (markup made of escaped cells).
    private static func groupings(_ questions: [SurveyQuestionResult]) -> [TemplateValue] {
        Set(questions.flatMap { $0.groups.keys }).sorted().map { grouping in
            // In the order the stage gives them (bands by their numbers), each value once.
            var values = [String](), seen = Set<String>()
            for value in questions.flatMap({ $0.groups[grouping]?.map(\.group) ?? [] }) where seen.insert(value).inserted { values.append(value) }
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
            return known.isEmpty ? "—" : known.prefix(3).map { "\($0.key) (\(Figure.count($0.value)))" }.joined(separator: ", ")
        }
        let parent = theme.parent.flatMap { id in document.themes.first { $0.id == id }?.name }
        return .object([
            "name": .text(theme.name), "parent": parent.map(TemplateValue.text) ?? .null,
            "mentions": .text(Figure.count(theme.mentions)), "sources": .text(Figure.count(theme.sources)),
            "organisations": .text(top(theme.breakdown["organisation"])), "roles": .text(top(theme.breakdown["role"])),
        ])
    }

    private static func priority(_ p: CandidatePriority, rank: Int, document: BaselineDocument, names: [String: String]) -> TemplateValue {
        let worse = document.benchmarksWorse(on: p.indicators)
        return .object([
            "rank": .text(String(rank)), "name": .text(p.name), "topic": .text(Wording.midSentence(p.name)),
            "reason": .text(PriorityWording.reason(p, names: names)),
            // What people said that makes it a candidate: its share of the mentions, its survey answers.
            "raised": .flag(p.evidence.map { $0.mentions != nil } ?? (p.agreement != "numbers_only")),
            "survey_agrees": .flag(p.evidence.map { !$0.concerns.isEmpty } ?? false),
            "agree": .flag(p.agreement == "agree"), "numbers_only": .flag(p.agreement == "numbers_only"),
            "voices_only": .flag(p.agreement == "voices_only"),
            "worse_than": .text(Wording.list(worse)),
            "evidence": .text(evidenceLine(p, document: document, names: names)),
        ])
    }

    /// The widest evidence line the summary adds more to: `   - ` and the line fit in 80 columns.
    static let evidenceWidth = 74

    /// A priority's strongest evidence in one short line for the summary, made from its
    /// `evidence`: the worse indicator furthest from its benchmark, as its figure here against
    /// the benchmark's (England's when it is worse than England); else the survey question
    /// answered least positively; else its share of the theme mentions. What else the evidence
    /// holds follows while the line stays within `evidenceWidth` (the benchmarks it is worse
    /// than, then the mentions, then the survey). Empty for a baseline written before 1.7.
    static func evidenceLine(_ p: CandidatePriority, document: BaselineDocument, names: [String: String]) -> String {
        guard let evidence = p.evidence else { return "" }
        let england = document.benchmarks.first { $0.role == "england" }?.code
        // Each worse indicator's figure and the benchmark it is compared with here, with how far
        // apart they are, and how many benchmark areas it was compared with (a benchmark with no
        // figure for it, or none of that period, was not).
        let figures = evidence.worse.compactMap { worse -> (text: String, gap: Double, than: Int, of: Int)? in
            guard let value = worse.value else { return nil }
            let compared = document.indicators.first { $0.id == worse.indicator && $0.area == document.place.code && $0.period == worse.period }
                .map { $0.comparisons.values.filter { $0 != BenchmarkComparison.notCompared.rawValue }.count } ?? document.benchmarks.count
            let codes = worse.than.contains { $0 == england } ? [england!] : worse.than
            let benchmarks = codes.compactMap { code in
                document.indicators.first { $0.id == worse.indicator && $0.area == code && $0.period == worse.period }?.value.map { (code, $0) }
            }
            guard let (code, other) = benchmarks.max(by: { abs(value - $0.1) < abs(value - $1.1) }) else {
                return ("\(Figure.value(value, unit: worse.unit)) here, worse than \(Wording.list(worse.than.map { names[$0] ?? $0 }))", 0, 1, compared)
            }
            let shown = Figure.short(other, unit: worse.unit)
            return ("\(Figure.value(value, unit: worse.unit)) here, \(shown) in \(names[code] ?? code)",
                    abs(value - other) / max(abs(other), .leastNonzeroMagnitude), worse.than.count, compared)
        }
        let strongest = figures.max { $0.gap < $1.gap }
        let than = strongest.flatMap { figure -> String? in
            guard figure.than > 1 else { return nil }
            // Out of the benchmark areas compared ("2 of 3 benchmark areas compared") when a
            // benchmark had no figure to compare: the line stays within `evidenceWidth`.
            let of = max(figure.of, figure.than), some = of < document.benchmarks.count
            return "worse than " + (figure.than == of ? "all \(figure.than)" : "\(figure.than) of \(some ? "" : "the ")\(of)")
                + " benchmark areas" + (some ? " compared" : "")
        }
        let concern = evidence.concerns.min { $0.percentPositive < $1.percentPositive }.map { concern in
            let positive = Figure.percent(Figure.exactShare(concern.percentPositive, of: concern.responses, weighted: concern.weighted))
            return concern.positiveIsDisagreeing ? "only \(positive) disagreed with “\(concern.text)”" : "only \(positive) answered “\(concern.text)” positively"
        }
        let mentions = evidence.mentions.map { share in
            share.total == 1 ? "the one theme mention heard" : "\(Figure.count(share.mentions)) of \(Figure.count(share.total)) theme mentions"
        }
        var parts = [String]()
        for part in [strongest?.text, than, concern, mentions].compactMap({ $0 })
        where parts.isEmpty || (parts + [part]).joined(separator: "; ").count <= evidenceWidth {
            parts.append(part)
        }
        let line = parts.joined(separator: "; ")
        return line.prefix(1).uppercased() + line.dropFirst()
    }

    /// The gaps as Markdown list items: the source ids (letters, digits, `-`, `_`, as the
    /// pipeline checks) in code, every other piece from the data escaped.
    private static func gaps(_ document: BaselineDocument) -> [String] {
        let md = PeopleText.markdown
        var items = [String]()
        let rejects = document.dataQuality.rejects
        for source in document.manifest.sources {
            // A source that counts rows into figures (crimes by area) says its rows, and the figures made of them.
            var line = "`\(source.id)`: \(Wording.count(source.read, source.figures == nil ? "record" : "row")) read, \(Figure.count(source.passedOn)) used"
            if let figures = source.figures {
                line += " (counted into \(Wording.count(figures, "figure"))"
                    + (source.figuresSetAside.map { ", \(Figure.count($0)) of them set aside by a stage" } ?? "") + ")"
            }
            if source.quarantined > 0 { line += ", \(Figure.count(source.quarantined)) set aside (see rejects/\(source.id).csv)" }
            if source.skipped > 0 { line += ", \(Figure.count(source.skipped)) skipped" }
            items.append(line + why(rejects[source.id]) + ".")
        }
        // Rejects of a source the manifest does not list (a baseline written by hand).
        let listed = Set(document.manifest.sources.map(\.id))
        for (source, reasons) in rejects.sorted(by: { $0.key < $1.key }) where !listed.contains(source) {
            items.append("`\(source)`: \(Wording.count(reasons.values.reduce(0, +), "record")) set aside" + why(reasons) + ".")
        }
        let suppressed = document.dataQuality.suppressedCells
        if suppressed > 0 {
            items.append("\(Wording.count(suppressed, "survey figure")) withheld because " + (suppressed == 1 ? "the group is" : "the groups are") + " small.")
        }
        for (reason, count) in document.dataQuality.missing.sorted(by: { $0.key < $1.key }) {
            let counted = reason == MissingReason.roundsToZero.rawValue ? Wording.belowTheRounding(count, "indicator value")
                : "\(Wording.count(count, "indicator value")) missing (\(md(Wording.missing(reason))))"
            items.append(counted + md(missingValues(document, reason: reason)) + ".")
        }
        // Kinds the redactor looked for and did not find are left out: a kind added to it later
        // (street addresses) would otherwise open the list with "0 addresses".
        if let redactions = document.dataQuality.redactions?.filter({ $0.value > 0 }), !redactions.isEmpty {
            items.append("Redacted from quotes and answers: " + md(Wording.list(redactions.sorted { $0.key < $1.key }.map(redacted))) + ".")
        }
        if document.latestIndicators(for: document.place.code).isEmpty { items.append("No indicators for \(md(document.place.name)) in this baseline.") }
        if document.survey.isEmpty { items.append("No survey in this baseline.") }
        if !document.themes.contains(where: { $0.mentions > 0 }) { items.append("No notes or free-text answers were coded to themes in this baseline.") }
        return items + document.dataQuality.notes.map(PeopleText.markdownNote)
    }

    /// Why records were set aside, by kind: ` — why: ragged row (1), unknown answer (1)`; nothing
    /// when none were.
    private static func why(_ reasons: [String: Int]?) -> String {
        guard let reasons, !reasons.isEmpty else { return "" }
        return " — why: " + PeopleText.markdown(reasons.sorted { $0.key < $1.key }.map { "\($0.key) (\(Figure.count($0.value)))" }.joined(separator: ", "))
    }

    /// What was redacted, in words: `2 email addresses`, `1 NHS number`; a kind the brief has no
    /// words for as `kind (count)`.
    private static func redacted(_ kind: String, _ count: Int) -> String {
        let words: [String: (String, String)] = [
            "address": ("street address", "street addresses"), "email": ("email address", "email addresses"), "name": ("name", "names"), "nhs-number": ("NHS number", "NHS numbers"),
            "phone": ("phone number", "phone numbers"), "postcode": ("postcode", "postcodes"),
        ]
        guard let (one, many) = words[kind] else { return "\(kind) (\(Figure.count(count)))" }
        return Wording.count(count, one, many)
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

    /// % positive as shown (rounded once, `SurveyFigures.shownPositive`), or `suppressed`.
    static func share(_ f: SurveyFigures) -> String {
        percent(f.shownPositive)
    }

    static func percent(_ value: Double?) -> String {
        value.map(Figure.percent) ?? "suppressed"
    }

    private static func cell(_ text: String) -> String {
        PeopleText.markdown(text)
    }
}

extension ReportModel {
    /// A quote without the quotation marks it came in, when they enclose all of it (a note that
    /// quotes someone: “Honestly, nobody calls back.”): the report puts its own around every
    /// quote, and “““ would show.
    static func withoutOwnQuotes(_ text: String) -> String {
        let pairs: [(Character, Character)] = [("“", "”"), ("\"", "\""), ("‘", "’"), ("'", "'")]
        guard text.count > 2, let first = text.first, let last = text.last,
              pairs.contains(where: { $0.0 == first && $0.1 == last }) else { return text }
        let inner = text.dropFirst().dropLast()
        // Not a quote that closes inside and opens again (“Yes,” she said, “no.”).
        guard !inner.contains(last == "”" ? "”" : last), !inner.contains(first == "“" ? "“" : first) else { return text }
        return inner.trimmingCharacters(in: .whitespaces)
    }
}
