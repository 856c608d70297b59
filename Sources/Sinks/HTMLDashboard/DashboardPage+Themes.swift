import BaselineCore
import BaselineFormat
import BaselineSchema

extension DashboardPage {
    /// What we heard: themes ranked by mentions with redacted quotes; a parent theme is one card
    /// holding its sub-themes, each with its own mentions and quotes.
    var themesSection: String {
        guard !document.themes.isEmpty else { return "" }
        var out = "<section aria-labelledby=\"themes\">\n<h2 id=\"themes\">What we heard</h2>\n"
        let ids = Set(document.themes.map(\.id))
        let most = max(1, document.themes.map(\.mentions).max() ?? 1)
        let ranked = { (themes: [ThemeResult]) in themes.sorted { ($1.mentions, $0.id) < ($0.mentions, $1.id) } }
        for theme in ranked(document.themes.filter { $0.parent.map { !ids.contains($0) } ?? true }) {
            let children = ranked(document.themes.filter { $0.parent == theme.id })
            out += "<article class=\"theme\">\n<h3>\(HTML.escape(theme.name)) <small>\(Self.mentions(theme))</small></h3>\n"
            out += themeBody(theme, most: most)
            if !children.isEmpty {
                out += "<p class=\"keys\">Its sub-themes: \(children.map { HTML.escape($0.name) }.joined(separator: ", ")).</p>\n"
            }
            for child in children {
                out += "<div class=\"subtheme\">\n<h4>\(HTML.escape(child.name)) <small>\(Self.mentions(child))</small></h4>\n"
                    + themeBody(child, most: most) + "</div>\n"
            }
            out += "</article>\n"
        }
        return out + "</section>\n"
    }

    /// `5 mentions by 2 sources`, `1 mention by 1 source`.
    static func mentions(_ theme: ThemeResult) -> String {
        "\(Wording.count(theme.mentions, "mention")) by \(Wording.count(theme.sources, "source"))"
    }

    private func themeBody(_ theme: ThemeResult, most: Int) -> String {
        var out = "<svg class=\"themebar\" viewBox=\"0 0 300 12\" width=\"300\" height=\"12\" aria-hidden=\"true\">"
            + "<rect x=\"0\" y=\"1\" width=\"\(HTML.number(300 * Double(theme.mentions) / Double(most)))\" height=\"10\"/></svg>\n"
        for quote in theme.quotes {
            out += "<blockquote title=\"\(HTML.escape(quote.provenance.location))\"><p>\(HTML.escape(quote.text))</p>"
                + "<footer>— \(HTML.escape(quote.attribution))</footer></blockquote>\n"
        }
        return out
    }

    // MARK: - Where they agree, and the workshop's questions

    /// The candidate priorities: where the numbers and what people said agree and where they
    /// don't, each with its indicators' values beside England's. As the brief's section: the
    /// numbers are set beside what people said only when the baseline has both; with no
    /// indicators for the place it claims no comparison ("the indicators do not single it out"
    /// of a baseline with none was a try-out's finding).
    var agreementSection: String {
        guard !document.candidatePriorities.isEmpty else { return "" }
        // Without notes or free text coded to themes there is nothing people said to agree with.
        let voices = heard || document.candidatePriorities.contains { $0.agreement == "agree" || $0.agreement == "voices_only" }
        let heading = voices && numbers ? "Where the numbers and what people said agree" : numbers ? "Where the numbers point" : "Where the evidence points"
        var out = "<section aria-labelledby=\"agree\">\n<h2 id=\"agree\">\(heading)</h2>\n"
        if !numbers {
            out += "<p>This baseline has no indicators for \(HTML.escape(document.place.name)): there are no figures to set beside what people said.</p>\n"
        }
        out += "<ul class=\"agreement\">\n"
        for p in document.candidatePriorities {
            let words = switch p.agreement {
            case "agree": "the indicators and what people said agree."
            case "numbers_only": heard ? "the indicators point to it, but little was said about it."
                : "the indicators point to it; no notes or free text were in this baseline to set beside them."
            case "voices_only": numbers ? "people raised it, but the indicators do not single it out." : "people raised it."
            default: "a candidate priority."
            }
            out += "<li><strong>\(HTML.escape(p.name))</strong> — \(words) \(HTML.escape(p.reason))\(figures(p))</li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    /// The figures behind a priority: each indicator's value here and England's, in words.
    private func figures(_ p: CandidatePriority) -> String {
        let rows = p.indicators.compactMap { id -> String? in
            guard let here = document.indicators.filter({ $0.id == id && $0.area == document.place.code }).max(by: { Period.isBefore($0.period, $1.period) }),
                  let v = here.value else { return nil }
            let england = englandCode.flatMap { code in document.indicators.first { $0.id == id && $0.area == code && $0.period == here.period } }
            let figure = { (value: Double) in HTML.escape(Figure.short(value, unit: here.unit, places: here.figurePlaces)) }
            return "\(HTML.escape(here.name)): \(figure(v)) here"
                + (england?.value.map { ", England \(figure($0))" } ?? "")
                + (englandCode.flatMap { here.comparisons[$0] }.map { " (\(Self.chip($0)))" } ?? "")
        }
        return rows.isEmpty ? "" : "<br><small>" + rows.joined(separator: "; ") + ".</small>"
    }

    /// Whether the baseline coded notes or free text to themes: only then can a topic have
    /// "hardly come up in what we heard" (a survey's scored answers raise no topic).
    var heard: Bool { !document.themes.isEmpty }

    /// Whether the baseline has indicators for the place: only then can a topic be one "the
    /// indicators do not single out" (as the brief's `has_numbers`).
    var numbers: Bool { !document.latestIndicators(for: document.place.code).isEmpty }

    /// The questions to open the workshop with, one per candidate priority.
    var questionsSection: String {
        var out = "<section aria-labelledby=\"questions\">\n<h2 id=\"questions\">Questions to open the workshop</h2>\n<ol>\n"
        for p in document.candidatePriorities {
            let worse = document.benchmarksWorse(on: p.indicators)
            let name = HTML.escape(p.name), against = HTML.escape(worse.isEmpty ? "its benchmarks" : worse.joinedInWords)
            let question = switch p.agreement {
            case "agree": "\(name) is worse here than in \(against), and people told us so too. What would it take for us to turn it round together?"
            case "numbers_only" where heard: "\(name) is worse here than in \(against), yet it hardly came up in what we heard. Is it missing from how we talk about the place, or from the people we asked?"
            case "numbers_only": "\(name) is worse here than in \(against); this baseline holds no notes or free text to tell us whether people raise it. Who would we need to hear from to understand why?"
            default: voicesQuestion(p, name: name)
            }
            out += "<li>\(question)</li>\n"
        }
        if document.candidatePriorities.isEmpty {
            out += "<li>What would tell us, a year from now, that our shared vision is making a difference?</li>\n"
        }
        return out + "</ol>\n</section>\n"
    }

    /// The question for a priority raised by what people said, in the brief's words: raised in
    /// notes or free text, or singled out by the survey; set beside the indicators only when
    /// there are some.
    private func voicesQuestion(_ p: CandidatePriority, name: String) -> String {
        let raised = p.evidence.map { $0.mentions != nil } ?? true
        let surveyAgrees = p.evidence.map { !$0.concerns.isEmpty } ?? false
        if !raised {
            return "The survey singles out “\(name)”\(numbers ? ", though no indicator does" : ""). What sits behind those answers?"
        }
        if surveyAgrees {
            return "People kept raising “\(name)”, and the survey bears them out\(numbers ? ", though no indicator singles it out" : ""). What would we measure to know it is getting better?"
        }
        return numbers ? "People kept raising “\(name)”, but the indicators do not single it out. What are they seeing that our data does not?"
            : "People kept raising “\(name)”. What are they seeing, and what would tell us it is changing?"
    }
}
