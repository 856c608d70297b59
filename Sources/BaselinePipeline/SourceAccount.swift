import BaselineCore
import BaselineSchema
import Foundation

/// What one source came to in a run, checked once every record has flowed: a source that passes
/// on nothing, or sets aside more than its `max_rejected:` share, fails the run with its
/// commonest reasons, so a download the adapter misreads is loud rather than a thin baseline.
///
/// Bad records under `on_error: quarantine` or `skip` count as rejected; records an adapter
/// leaves out by a rule the user chose (a filter, `partial: exclude`) are not rejects and do not.
struct SourceAccount {
    /// One kind of reason, with how often it came and its first record.
    struct Reason {
        var count: Int
        var first: Reject
    }

    /// The source's id.
    let id: String
    /// Its threshold.
    let threshold: RejectThreshold
    /// Bad records seen so far.
    private(set) var rejected = 0
    /// The source's own notes once it is exhausted ("120 rows of other areas passed over"):
    /// they often say why nothing came through.
    var notes = [String]()
    /// The rows read, for a source that makes fewer records than it reads rows (`RecordSource.rowsRead`):
    /// its bad rows are a share of these.
    var rowsRead: Int?
    /// By kind of reason (`PipelineRunner.reasonLabel`), in first-seen order for ties.
    private var reasons = [String: Reason]()
    private var order = [String]()
    /// Records left out by a rule the user chose (`partial: exclude`, `test_responses: exclude`),
    /// the same way: not bad, but what a source that passed on nothing must say it left out.
    private var leftOut = [String: Reason]()
    private var leftOutOrder = [String]()
    /// How many records a rule left out.
    private(set) var leftOutCount = 0

    init(id: String, threshold: RejectThreshold) {
        self.id = id
        self.threshold = threshold
    }

    /// Counts one bad record, or one left out by a rule (`leftOutByRule`).
    mutating func note(_ reject: Reject) {
        let kind = PipelineRunner.reasonLabel(reject.reason)
        if reject.leftOutByRule {
            leftOutCount += 1
            Self.tally(kind, reject, in: &leftOut, order: &leftOutOrder)
        } else {
            rejected += 1
            Self.tally(kind, reject, in: &reasons, order: &order)
        }
    }

    private static func tally(_ kind: String, _ reject: Reject, in reasons: inout [String: Reason], order: inout [String]) {
        if reasons[kind] == nil {
            reasons[kind] = Reason(count: 0, first: reject)
            order.append(kind)
        }
        reasons[kind]!.count += 1
    }

    /// The three commonest reasons, most frequent first (first seen first on a tie).
    var commonest: [Reason] {
        Self.commonest(reasons, order)
    }

    private static func commonest(_ reasons: [String: Reason], _ order: [String]) -> [Reason] {
        let ranked = order.enumerated().sorted { a, b in
            let (x, y) = (reasons[a.element]!.count, reasons[b.element]!.count)
            return x != y ? x > y : a.offset < b.offset
        }
        return ranked.prefix(3).map { reasons[$0.element]! }
    }

    /// Throws when the source passed on nothing or set aside more than its threshold.
    /// `entry` locates the source in the pipeline file, where `max_rejected:` would go.
    func check(_ counts: SourceCounts, pipeline file: String, entry: (line: Int?, column: Int?)) throws {
        let read = counts.read
        // A source that counts rows into fewer records is measured in its rows: 3 bad rows of
        // 100 crimes counted into 2 figures were "3 of 5 records", over 5%.
        let base = rowsRead ?? read, unit = rowsRead == nil ? "records" : "rows"
        if counts.passedOn <= 0 {
            if read == 0 {
                throw BaselineError(file: file, line: entry.line, column: entry.column,
                                    "source '\(id)' gave no records: its input holds none" + (notes.isEmpty ? "" : " (\(notes.joined(separator: " ")))"),
                                    hint: "check that the path names the file you meant and that the export holds data, not only a header")
            }
            // Records a rule of the source left out (Qualtrics' test responses under
            // `test_responses: exclude`) are said apart, with the option that would count them:
            // a file of nothing else is not misread.
            let misread = "the adapter is probably misreading this file — check its options (layout, delimiter, columns) against the file"
            guard leftOutCount > 0 else {
                throw BaselineError(file: file, line: entry.line, column: entry.column,
                                    "source '\(id)' passed on none of its \(base) \(unit): \(summary)", hint: misread)
            }
            let skipped = "\(leftOutCount == base ? "all " : "")\(leftOutCount) skipped by the source's own rules: \(leftOutSummary)"
            let include = Self.includeOptions(leftOutOrder.map { leftOut[$0]!.first.reason })
            let counting = include.isEmpty ? "" : "to count the \(leftOutCount) skipped, set " + include.map { "`\($0)`" }.joinedInWords + " on the source"
            throw BaselineError(file: file, line: entry.line, column: entry.column,
                                "source '\(id)' passed on none of its \(base) \(unit): "
                                    + (rejected > 0 ? "\(summary); \(skipped)" : skipped),
                                hint: rejected > 0 ? misread + (counting.isEmpty ? "" : "; \(counting)")
                                    : counting.isEmpty ? "check that the rules named are the ones you meant" : counting + ", if they are responses you mean to use")
        }
        if threshold.isExceeded(rejected: rejected, of: base) {
            // Answers off their scale are seldom bad rows: the file's scale is another (Microsoft
            // Forms' "Neutral" where agree5 has "Neither agree nor disagree"), and raising the
            // threshold would leave those respondents out.
            let offScale = commonest.first.map { $0.first.reason.hasPrefix("unknown answer ") && $0.first.reason.contains("(scale ") } ?? false
            throw BaselineError(file: file, line: entry.line, column: entry.column,
                                "source '\(id)' set aside \(rejected) of its \(base) \(unit) (\(Self.percent(Double(rejected) / Double(base)))), "
                                    + "more than its max_rejected of \(threshold): \(summary)",
                                hint: offScale
                                    ? "the answers are on another scale than the one named: declare the file's own under `scales:` (its `points:` as the file writes them, lowest first) "
                                        + "and name it with `scale:` — raising `max_rejected:` would leave these respondents out"
                                    : "check the adapter's options against the file (the file may not be the layout it expects), "
                                        + "or, if these records are bad in the file itself, raise `max_rejected:` on the source")
        }
    }

    /// For `baseline validate`: the source's first batch (`sampled` records read) passed on
    /// nothing, every record of it bad, as `run` would stop on such a file — its commonest reasons,
    /// located at the source's entry. `nil` when some were left out by a rule (a file of test
    /// responses under `test_responses: exclude` is not misread) or none was read.
    func sampleError(of sampled: Int, pipeline file: String, entry: (line: Int?, column: Int?)) -> BaselineError? {
        guard sampled > 0, rejected == sampled else { return nil }
        return BaselineError(file: file, line: entry.line, column: entry.column,
                             "source '\(id)' passes on none of the first \(sampled) records read: \(summary)",
                             hint: "the adapter is probably misreading this file — check its options (layout, delimiter, columns) against the file; "
                                 + "`run` stops on a source that passes on none of its records")
    }

    /// A source read statistics, but no stage turned them into the baseline's indicators: what
    /// it read is shown nowhere.
    /// `because` is what the stages noted on the way (an indicator left out as not in the catalogue);
    /// `staged`: the pipeline has an indicators stage, whose catalogue then names none of them.
    /// `others`: more sources whose statistics are shown nowhere, named with `id` (the one the
    /// error is located at), since the notes that say why cover them all.
    static func statisticsShownNowhere(_ id: String, others: [String] = [], pipeline file: String? = nil, entry: (line: Int?, column: Int?) = (nil, nil),
                                       because notes: [String] = [], staged: Bool = false) -> BaselineError {
        let named = others.isEmpty ? "source '\(id)' reads"
            : "sources " + ([id] + others).map { "'\($0)'" }.joinedInWords + " read"
        return BaselineError(file: file, line: entry.line, column: entry.column,
                      "\(named) statistics, but the baseline holds none of them as indicators"
                          + (notes.isEmpty ? "" : " (\(notes.joined(separator: " ")))"),
                      hint: !staged ? "add `- stage: indicators` with a `catalogue:` that names them"
                          : saysColumnsLookSwapped(notes)
                          ? "on the source, name the file's column of the names the catalogue knows (the one read as `indicator_name`: "
                              + "ONS's `Variable Name`) as its indicator, e.g. `columns: {indicator: Variable Name}`"
                          : "set each catalogue entry's `name:` (or `id:`) to the indicator as the file writes it"
                              + (notes.contains(where: { $0.contains("(did you mean") }) ? "; the did-you-mean pairs say which entry is near which" : ""))
    }

    /// Whether the stages' notes say a file's indicator and name columns look swapped (the
    /// `indicators` stage's note of indicators not in its catalogue, when the rows' names are).
    static func saysColumnsLookSwapped(_ notes: [String]) -> Bool {
        notes.contains { $0.contains("columns look swapped") }
    }

    /// The sources of `statistics` (those whose first records were statistics) that the
    /// baseline shows in no indicator: all of them when there are no indicators; else those
    /// of `here` (that passed observations on to this place: in a routed programme a shared
    /// file may hold none of a place's areas) that no indicator came from.
    static func shownNowhere(in document: BaselineDocument, statistics: [String], here: Set<String>) -> [String] {
        guard !document.indicators.isEmpty else { return statistics }
        let shown = Set(document.indicators.map(\.provenance.source))
        return statistics.filter { here.contains($0) && !shown.contains($0) }
    }

    /// What `run` stops with once the stages have finished into `document`, when a source's
    /// statistics are shown nowhere: with no indicator at all, or beside others when the
    /// catalogue left ids out (its statistics are then in no indicator for want of a name); a
    /// source whose values were all repeats of another's is only a warning. The error is at the
    /// source's entry, with what the stages said since note `start` that names an indicator left
    /// out (`because`, which the error carries); `nil` when the run goes on. `run` checks this,
    /// and `validate` on each source's first batch (`Pipeline.sampleProblems`).
    static func statisticsError(in document: BaselineDocument, notesFrom start: Int, statistics: [String], here: Set<String>,
                                pipeline: Pipeline) -> (error: BaselineError, because: [String])? {
        let left = (document.dataQuality.uncataloguedIndicators ?? [:]).keys
        let ids = shownNowhere(in: document, statistics: statistics, here: here)
        guard document.indicators.isEmpty || !left.isEmpty, let id = ids.first,
              let source = pipeline.sources.first(where: { $0.id == id }) else { return nil }
        // Only the notes that name an indicator left out say why (not, say, another
        // indicator's missing interval).
        let because = document.dataQuality.notes[start...].filter { note in left.isEmpty || left.contains { note.contains("'\($0)'") } }
        return (statisticsShownNowhere(id, others: Array(ids.dropFirst()), pipeline: pipeline.file, entry: (source.line, source.column), because: because,
                                       staged: pipeline.stages.contains { $0.kind == "indicators" }), because)
    }

    /// The commonest reasons: `267 × unknown option (first at survey.csv:3: unknown option 'Television')`.
    var summary: String {
        Self.summary(reasons, order)
    }

    /// The commonest reasons records were left out by a rule, as `summary` gives bad ones.
    var leftOutSummary: String {
        Self.summary(leftOut, leftOutOrder)
    }

    private static func summary(_ reasons: [String: Reason], _ order: [String]) -> String {
        var parts = commonest(reasons, order).map { reason in
            "\(reason.count) × \(PipelineRunner.reasonLabel(reason.first.reason)) (first at \(reason.first.provenance.location): \(reason.first.reason))"
        }
        if reasons.count > 3 { parts.append("\(reasons.count - 3) more kind(s)") }
        return parts.isEmpty ? "no reason given" : parts.joined(separator: "; ")
    }

    /// The options that would count records these reasons say were left out: an adapter names
    /// its rule as "left out by `test_responses: exclude`", so `test_responses: include`.
    static func includeOptions(_ reasons: [String]) -> [String] {
        var options = [String]()
        for reason in reasons {
            guard let start = reason.range(of: "left out by `")?.upperBound,
                  let end = reason[start...].firstIndex(of: "`") else { continue }
            let rule = reason[start..<end]
            guard rule.hasSuffix(": exclude") else { continue }
            let option = String(rule.dropLast("exclude".count)) + "include"
            if !options.contains(option) { options.append(option) }
        }
        return options
    }

    /// A share as a percentage with at most one decimal (`5%`, `2.5%`, `84.8%`).
    static func percent(_ share: Double) -> String {
        let value = (share * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
    }
}
