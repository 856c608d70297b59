/// The built-in workshop brief template; `templates/report.md.mustache` is the same text, for
/// facilitators to copy and edit (a test keeps the two the same).
enum DefaultReportTemplate {
    static let text = #"""
{{! The workshop brief. Edit freely: the names you can use are listed in docs/report-templates.md.
    Point a text-report sink at your copy with `template: path/to/report.md.mustache`. }}
# {{place.name}} baseline, {{period}}

Where {{place.name}} ({{place.code}}) starts from; the appendix for analysts follows.

{{#progress}}
## Progress on our shared priorities

{{#setting_baseline}}
{{progress_note}}.
{{/setting_baseline}}
{{^setting_baseline}}
Where we are on the priorities we agreed, measured from the {{baseline_period}} baseline ({{periods}}): {{summary}}.
{{/setting_baseline}}

{{/progress}}
## Questions to open the workshop

{{#priorities}}
{{#agree}}
{{rank}}. On {{topic}}, the numbers here are worse, and people told us so too. What would it take for us to turn it round together?
{{/agree}}
{{#numbers_only}}
{{#has_heard}}
{{rank}}. On {{topic}}, the numbers here are worse, yet it hardly came up in what we heard. Is it missing from how we talk about the place, or from the people we asked?
{{/has_heard}}
{{^has_heard}}
{{#has_voices}}
{{rank}}. On {{topic}}, the numbers here are worse; this baseline holds no notes or free text to tell us whether people raise it. Who would we need to hear from to understand why?
{{/has_voices}}
{{^has_voices}}
{{rank}}. On {{topic}}, the numbers here are worse. Who would we need to hear from to understand why?
{{/has_voices}}
{{/has_heard}}
{{/numbers_only}}
{{#voices_only}}
{{#raised}}
{{#survey_agrees}}
{{rank}}. People kept raising {{topic}}, and the survey bears them out{{#has_numbers}}, though no indicator singles it out{{/has_numbers}}. What would we measure to know it is getting better?
{{/survey_agrees}}
{{^survey_agrees}}
{{#has_numbers}}
{{rank}}. People kept raising {{topic}}, but the indicators do not single it out. What are they seeing that our data does not?
{{/has_numbers}}
{{^has_numbers}}
{{rank}}. People kept raising {{topic}}. What are they seeing, and what would tell us it is changing?
{{/has_numbers}}
{{/survey_agrees}}
{{/raised}}
{{^raised}}
{{rank}}. The survey singles out {{topic}}{{#has_numbers}}, though no indicator does{{/has_numbers}}. What sits behind those answers?
{{/raised}}
{{/voices_only}}
{{#evidence}}
   - {{evidence}}
{{/evidence}}
{{/priorities}}
{{^has_priorities}}
1. What would tell us, a year from now, that our shared vision is making a difference?
{{/has_priorities}}

## Our starting point

{{#starting_point}}
{{#has_indicators}}
{{#none_compared}}
- {{indicator_count}}, none of them compared with a benchmark: {{not_compared_why}}.
{{/none_compared}}
{{^none_compared}}
- {{indicator_count}}{{#some_not_compared}}, {{compared}} of them{{/some_not_compared}} compared with {{compared_with}}: **{{worse}} significantly worse** than at least one of them.
{{/none_compared}}
{{/has_indicators}}
{{#has_survey}}
- About {{respondents}} {{audience}} answered the survey.
{{/has_survey}}
{{#best}}
- Most positive: **{{text}}** — {{positive}} positive{{#reverse}} (reverse-scored: positive is {{positive_means}}){{/reverse}}.
{{/best}}
{{#worst}}
- Least positive: **{{text}}** — {{positive}} positive{{#reverse}} (reverse-scored: positive is {{positive_means}}){{/reverse}}.
{{/worst}}
{{#has_themes}}
- {{theme_count}} came up in interviews, workshops and free-text answers{{#broader}}; the table below also shows the {{broader}} some of them{{/broader}}.
{{/has_themes}}
{{/starting_point}}

# Appendix for analysts

Figures marked *suppressed* come from too few people to show safely, or would let a small group's answers be worked out from the others.

{{#progress}}
## Progress on each shared priority

> {{vision}}
{{#shared_priorities}}

### {{name}}

*Owners: {{owners}}.* {{why}}
{{#note}}

*{{note}}.*
{{/note}}
{{#header}}

{{header}}
{{divider}}
{{#rows}}
{{.}}
{{/rows}}

{{#reasons}}
- {{.}}
{{/reasons}}
{{/header}}
{{/shared_priorities}}

{{/progress}}
{{#has_both}}
## Where they agree and where they don't
{{/has_both}}
{{^has_both}}
## Where the evidence points
{{/has_both}}

{{#has_priorities}}
{{#agreeing}}
- **{{name}}** — the indicators and what people said agree. {{reason}}
{{/agreeing}}
{{#disagreeing}}
{{#numbers_only}}
- **{{name}}** — the indicators point to it{{#has_heard}}, but little was said about it{{/has_heard}}{{^has_heard}}{{#has_voices}}; no notes or free text were in this baseline to set beside them{{/has_voices}}{{/has_heard}}. {{reason}}
{{/numbers_only}}
{{#voices_only}}
- **{{name}}** — people raised it{{#has_numbers}}, but the indicators do not single it out{{/has_numbers}}. {{reason}}
{{/voices_only}}
{{/disagreeing}}
{{/has_priorities}}
{{^has_priorities}}
{{#priorities_staged}}
{{#none_compared}}
No candidate priorities: no indicator could be compared with a benchmark ({{not_compared_why}}){{#has_themes}}, and no theme stands out{{/has_themes}}.
{{/none_compared}}
{{^none_compared}}
No candidate priorities: nothing is significantly worse than the benchmarks{{#has_themes}}, and no theme stands out{{/has_themes}}.
{{/none_compared}}
{{/priorities_staged}}
{{^priorities_staged}}
No candidate priorities: this pipeline has no `priorities` stage to pick them (add `- stage: priorities` after `benchmark`).
{{/priorities_staged}}
{{/has_priorities}}

{{#has_indicators}}
## What the numbers say

{{#none_compared}}
Each indicator's latest value, with the range it is likely to lie in (95% confidence) where it has one; none could be compared with a benchmark.
{{/none_compared}}
{{^none_compared}}
Each indicator's latest value, with the range it is likely to lie in (95% confidence), compared with our benchmarks the way OHID Fingertips compares areas.
{{/none_compared}}

{{#worse}}
- **{{name}}** is {{comparison}}: {{value}} {{when}} (likely {{range}}); recent trend: {{trend}}.
{{/worse}}
{{#better}}
- **{{name}}** is {{comparison}}: {{value}} {{when}}; recent trend: {{trend}}.
{{/better}}

| Indicator | Latest | Value | Likely range | Compared with benchmarks | Recent trend |
| --- | --- | --- | --- | --- | --- |
{{#indicators}}
| {{name}} | {{period}} | {{value}} | {{range}} | {{comparison}} | {{trend}} |
{{/indicators}}

{{/has_indicators}}
{{#has_survey}}
## What {{audience}} told us

{{#has_scored}}
Share of people answering positively, with the range the true figure is likely to lie in (95% confidence).

| Question | Responses | Positive | Likely range |
| --- | --- | --- | --- |
{{#survey}}
| {{text}}{{#reverse}} (reverse-scored){{/reverse}} | {{responses}} | {{positive}} | {{range}} |
{{/survey}}
{{/has_scored}}
{{#multi_select}}

**{{text}}** (any number of answers; {{shares}}).
{{/multi_select}}
{{#groupings}}

### By {{name}}

{{header}}
{{divider}}
{{#rows}}
{{.}}
{{/rows}}
{{/groupings}}

{{/has_survey}}
{{#has_themes}}
## What we heard

Themes in interview and workshop notes and free-text survey answers, most mentioned first. A mention is one passage or answer; sources are the distinct notes and respondents.

| Theme | Mentions | Sources | Organisations | Roles |
| --- | --- | --- | --- | --- |
{{#themes}}
| {{name}}{{#parent}} ({{parent}}){{/parent}} | {{mentions}} | {{sources}} | {{organisations}} | {{roles}} |
{{/themes}}
{{#quoted_themes}}

### {{name}}

{{#quotes}}
- “{{text}}” — {{attribution}}
{{/quotes}}
{{/quoted_themes}}
{{#silent_themes}}

Not raised in the notes or free text: {{silent_themes}}.
{{/silent_themes}}

{{/has_themes}}
## Gaps in the evidence

{{#gaps}}
- {{.}}
{{/gaps}}

## Evidence used

| File | Source | Bytes | SHA-256 |
| --- | --- | --- | --- |
{{#inputs}}
| {{path}} | {{source}} | {{bytes}} | {{sha256}} |
{{/inputs}}
"""#
}
