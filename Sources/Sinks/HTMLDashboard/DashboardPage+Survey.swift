import BaselineCore
import BaselineFormat
import BaselineSchema

extension DashboardPage {
    /// What the survey's people told us: per question a stacked bar of its answers in scale
    /// order, the most negative answer on the left and the most positive on the right — for a
    /// reverse-scored question too, whose scale is then drawn from its other end — and the
    /// figures overall and per group in a table.
    var surveySection: String {
        guard !document.survey.isEmpty else { return "" }
        var out = "<section aria-labelledby=\"survey\">\n<h2 id=\"survey\">What \(HTML.escape(document.surveyAudience)) told us</h2>\n"
        out += "<p>How people answered each question, from the most negative answer on the left to the most positive on the right "
            + "(for a reverse-scored question, where agreeing is the negative answer, the scale is drawn from its other end). "
            + "The figure is the share answering positively, with its likely range.</p>\n"
        for question in document.survey {
            let f = question.overall
            out += "<article class=\"question\" title=\"\(HTML.escape(question.provenance.location))\">\n"
            out += "<h3>\(HTML.escape(question.text))\(question.reverse ? " <small>(reverse-scored: drawn from \(question.positiveIsDisagreeing ? "agree" : "the high end") on the left)</small>" : "")</h3>\n"
            if let reason = f.suppressed {
                out += "<p class=\"suppressed\">Suppressed: \(HTML.escape(reason)).</p>\n</article>\n"
                continue
            }
            if question.multiSelect == true {
                out += "<p class=\"figure\">\(f.responses) people; any number of answers.</p>\n" + optionBars(f.options ?? [:], caption: question.text, of: f.responses, weighted: f.effectiveSampleSize != nil)
                out += "</article>\n"
                continue
            }
            let scale = question.points ?? Self.ordered(question.overall.distribution)
            // Shown most negative first: a reverse-scored question's scale runs the other way.
            let labels = question.reverse ? Array(scale.reversed()) : scale
            out += "<p class=\"figure\"><strong>\(f.shownPositive.map(Figure.percent) ?? "—") positive\(question.reverse ? (question.positiveIsDisagreeing ? " (disagreeing)" : " (the low end)") : "")</strong> "
                + "(\(f.shownInterval.map { Figure.interval($0.lower, $0.upper, percent: true) } ?? "—"), \(Wording.count(f.responses, "response")))</p>\n"
            out += likert(f.distribution, labels: labels, caption: question.text)
            out += "<details><summary>Table and groups</summary>\n"
            out += "<table><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Responses</th><th scope=\"col\">% positive</th>"
                + "<th scope=\"col\">95% range</th></tr></thead><tbody>\n"
            out += Self.groupRow("Everyone", f)
            for (grouping, rows) in question.groups.sorted(by: { $0.key < $1.key }) {
                for row in rows { out += Self.groupRow("\(grouping): \(row.group)", row.figures) }
            }
            out += "</tbody></table>\n</details>\n</article>\n"
        }
        return out + "</section>\n"
    }

    /// A stacked bar of answers, most negative first, as HTML boxes (their labels keep the
    /// page's font size at any width); shares under 8% are named only in the key and the label.
    func likert(_ distribution: [String: Int], labels: [String], caption: String) -> String {
        let total = max(1, distribution.values.reduce(0, +))
        var out = "<div class=\"chart likert\" role=\"img\" aria-label=\"\(HTML.escape(caption)): "
            + labels.map { "\(HTML.escape($0)) \(distribution[$0] ?? 0)" }.joined(separator: ", ") + "\">"
        for (index, label) in labels.enumerated() {
            let count = distribution[label] ?? 0
            guard count > 0 else { continue }
            let share = 100 * Double(count) / Double(total)
            out += "<span class=\"l\(Self.shade(index, of: labels.count))\" style=\"width:\(HTML.number(share, places: 2))%\" title=\"\(HTML.escape(label)): \(count)\">"
                + (share >= 8 ? "\(Int(share.rounded()))%" : "") + "</span>"
        }
        return out + "</div>\n<p class=\"keys\">" + labels.enumerated().map {
            "<span class=\"nowrap\"><span class=\"key l\(Self.shade($0.offset, of: labels.count))\"></span>\(HTML.escape($0.element)) "
                + "\(Int((100 * Double(distribution[$0.element] ?? 0) / Double(total)).rounded()))%</span>"
        }.joined(separator: " ") + "</p>\n"
    }

    /// A multi-select question: one bar per option, the share of people who ticked it — shown
    /// rounded once from the exact share of `responses`, as the brief shows it (25 of 31 is
    /// 80.6%, not the stored 80.65 rounded again to 80.7%).
    func optionBars(_ options: [String: OptionShare], caption: String, of responses: Int, weighted: Bool) -> String {
        let sorted = options.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        func shown(_ option: OptionShare) -> String {
            Figure.number(Figure.exactShare(option.percent ?? 0, of: responses, weighted: weighted))
        }
        var out = "<div class=\"chart hbars\" role=\"img\" aria-label=\"\(HTML.escape(caption)): "
            + sorted.map { "\(HTML.escape($0.key)) \(shown($0.value))%" }.joined(separator: ", ") + "\">"
        for option in sorted {
            out += "<div class=\"hrow\"><span class=\"hl\">\(HTML.escape(option.key))</span><span class=\"track\">"
                + "<span class=\"fill\" style=\"width:\(HTML.number(option.value.percent ?? 0))%\"></span></span>"
                + "<span class=\"hv\">\(shown(option.value))%</span></div>"
        }
        return out + "</div>\n"
    }

    static func groupRow(_ name: String, _ f: SurveyFigures) -> String {
        if let reason = f.suppressed {
            return "<tr><th scope=\"row\">\(HTML.escape(name))</th><td colspan=\"3\">suppressed — \(HTML.escape(reason))</td></tr>\n"
        }
        return "<tr><th scope=\"row\">\(HTML.escape(name))</th><td>\(Figure.count(f.responses))</td><td>\(f.shownPositive.map { Figure.number($0) } ?? "—")</td>"
            + "<td>\(f.shownInterval.map { Figure.interval($0.lower, $0.upper) } ?? "—")</td></tr>\n"
    }

    /// For a baseline from before 1.4 (no `points`): scale labels in scale order where the labels
    /// are a known scale, else alphabetical.
    static func ordered(_ distribution: [String: Int]) -> [String] {
        let scales = [["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
                      ["Strongly disagree", "Disagree", "Agree", "Strongly agree"], ["Never", "Rarely", "Sometimes", "Often", "Always"],
                      ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"],
                      ["No", "Yes"], (0...10).map(String.init)]
        if let scale = scales.first(where: { Set(distribution.keys).isSubset(of: Set($0)) }) { return scale }
        return distribution.keys.sorted()
    }

    /// A shade 0…4 from most negative to most positive.
    static func shade(_ index: Int, of count: Int) -> Int {
        count <= 1 ? 2 : Int((4 * Double(index) / Double(count - 1)).rounded())
    }
}
