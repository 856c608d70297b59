import BaselineCore
import BaselineSchema
import BaselineText

/// `code-themes`: codes note excerpts and free-text survey answers to the themes of a codebook,
/// and adds the themes section of the baseline: per theme, mentions, distinct documents and
/// respondents, breakdowns by role, organisation and kind, co-occurring themes, and a few
/// representative quotes chosen deterministically.
///
/// Phrases match whole words, ignoring case, with plurals and inflections (see `Stemmer`);
/// exclusion phrases cancel the matches inside them; inline codes (`#care-leavers`) count as a
/// mention. A passage coded to a narrower theme counts for the broader one too.
///
/// Excerpts pass on with their `themes` set. Responses pass on unchanged: the stage keeps the
/// tallies of their free-text answers itself, attributed by the survey's groups — never by the
/// respondent id. Interviewers' and facilitators' turns (`turn: question`) are not coded.
///
/// Every quote kept goes through the redactor first, whatever the order of the stages, so no
/// quote can carry an identifier the redactor knows even if `redact` comes later or not at all.
public final class CodeThemesStage: StagePlugin, Stage {
    public typealias Configuration = CodeThemesConfiguration

    public static let kind = "code-themes"
    public static let summary = "Codes notes and free-text answers to a codebook's themes: mentions, who raised them, redacted quotes"
    public static let options: [OptionDoc] = [
        OptionDoc("codebook", "path", default: "none", "The codebook (YAML): themes with phrases, synonyms, exclusions, indicators and questions; see the README. One of codebook and phrases_file is required."),
        OptionDoc("phrases_file", "path", default: "none", "A plain file of phrases, one theme a line: each line names a theme and is its one phrase; the id is the line in lower case with `-` between words (`key worker` → `key-worker`). Blank lines and `#` lines are skipped. Added after the codebook's themes; an id the codebook has is an error at that line."),
        OptionDoc("quotes_per_theme", "integer", default: "3", "Representative quotes kept per theme (0 for none)."),
        OptionDoc("max_quote_length", "integer", default: "300", "The longest quote, in characters (at least 40); a longer passage is cut at a word and ends in `…`."),
    ]
    public static let contract = StageContract(records: [.excerpt, .response], uses: [.survey], provides: [.themes])
    public static let sampleConfiguration = """
        stage: code-themes
        codebook: ../samples/millbrook/codebook.yaml
        quotes_per_theme: 3
        max_quote_length: 300
        """
    /// `redact:` (names to redact) moved to the pipeline's `privacy:`; the configuration says so.
    public static let refusedKeys: Set<String> = ["redact"]

    public static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage {
        let privacy = context.pipeline.privacy
        return CodeThemesStage(configuration: configuration, names: privacy.allNames, nameParts: privacy.nameParts, namePartsKept: privacy.namePartsKept)
    }

    // MARK: - Runtime

    private let configuration: Configuration
    private let themes: [Codebook.Theme]
    private let matcher: ThemeMatcher
    private let redactor: Redactor
    // The state below is touched for every excerpt by this stage alone, on one thread: the
    // dynamic exclusivity checks Swift would add to each access are left out.
    @exclusivity(unchecked) private var tallies: [ThemeTally]
    private let candidateLimit: Int
    @exclusivity(unchecked) private var documentIDs = [String: Int32]()
    @exclusivity(unchecked) private var lastDocument: (name: String, id: Int32)?
    private var survey: (definition: SurveyDefinition, role: Int?, organisation: Int?)?
    private var pairs = BreakdownPairs()
    /// The attributes and kind of the last excerpt, whether it is a question turn, and its
    /// speaker once known: the excerpts of a notes file share them.
    @exclusivity(unchecked) private var lastExcerpt: (attributes: [String: String], kind: String, question: Bool, speaker: Speaker?)?
    /// The speaker of each combination of group values met in the current survey (its pairs
    /// and survey groups are noted when it is first met): a survey has few combinations and
    /// many answers, which were each made a speaker again (a third of coding a survey).
    private var responseSpeakers = [[String]: Speaker]()
    /// The survey groups behind each breakdown pair of survey answers.
    private var surveyGroups = [Int32: Set<SurveyGroup>]()
    @exclusivity(unchecked) private var unknownCodes = [String: Int]()
    /// The theme ids, by index: reading `themes[i].id` would copy the whole theme.
    private let themeIDList: [String]
    /// Whether the codebook pins or vetoes any quote (else no passage is checked against them).
    private let hasChoices: Bool
    private let singleThemeIDs: [[String]]
    @exclusivity(unchecked) private var counts = (excerpts: 0, codedExcerpts: 0, questions: 0, answers: 0, codedAnswers: 0)

    /// Makes the stage; quotes are redacted with `names` (the pipeline's `privacy:` list) and
    /// the structural kinds (each word of a name alone too with `nameParts`, but for
    /// `namePartsKept`).
    public init(configuration: Configuration, names: [String] = [], nameParts: Bool = true, namePartsKept: [String] = []) {
        self.configuration = configuration
        themes = configuration.codebook.themes
        matcher = ThemeMatcher(codebook: configuration.codebook)
        themeIDList = themes.map(\.id)
        singleThemeIDs = themeIDList.map { [$0] }
        redactor = Redactor(names: names, nameParts: nameParts, keptNameParts: namePartsKept)
        tallies = Array(repeating: ThemeTally(themes: themes.count), count: themes.count)
        candidateLimit = max(configuration.quotesPerTheme * 4, 8)
        hasChoices = themes.contains { !$0.pinned.isEmpty || !$0.vetoed.isEmpty }
    }

    public func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
        var batch = batch
        for index in batch.records.indices {
            batch.records[index].modify(excerpt: code, response: code)
        }
        return batch
    }

    /// Codes one excerpt and sets its themes.
    private func code(_ excerpt: inout Excerpt) {
        if lastExcerpt?.attributes.equalsFast(excerpt.attributes) != true || lastExcerpt?.kind != excerpt.kind {
            lastExcerpt = (excerpt.attributes, excerpt.kind, excerpt.attributes["turn"] == "question", nil)
        }
        guard !lastExcerpt!.question else {
            counts.questions += 1
            return
        }
        counts.excerpts += 1
        let coding = matcher.code(excerpt.text)
        note(coding.unknownCodes)
        guard !coding.themes.isEmpty else { return }
        counts.codedExcerpts += 1
        let document = documentID(excerpt.document)
        for theme in coding.themes { tallies[Int(theme)].count(document: document) }
        record(coding, speaker: speaker(of: excerpt), text: excerpt.text, provenance: excerpt.provenance, origin: excerpt.document)
        excerpt.themes = themeIDs(coding.themes)
    }

    /// Codes the free-text answers of one response (which passes on unchanged).
    private func code(_ response: inout Response) {
        var speaker: Speaker?
        var raised = Set<Int32>()
        for (question, answer) in response.answers.enumerated() {
            guard case .text(let text) = answer else { continue }
            counts.answers += 1
            let coding = matcher.code(text)
            note(coding.unknownCodes)
            guard !coding.themes.isEmpty else { continue }
            counts.codedAnswers += 1
            if speaker == nil { speaker = self.speaker(of: response) }
            var provenance = response.provenance
            provenance.path = response.survey.questions[question].id
            record(coding, speaker: speaker!, text: text, provenance: provenance,
                   origin: "\(provenance.file):\(provenance.line ?? 0)")
            raised.formUnion(coding.themes)
        }
        for theme in raised { tallies[Int(theme)].respondents += 1 }
    }

    /// Who spoke, from the excerpt's `role` and `organisation` attributes and its kind; the
    /// excerpts of one file share them.
    private func speaker(of excerpt: Excerpt) -> Speaker {
        if let speaker = lastExcerpt?.speaker { return speaker }
        let speaker = pairs.speaker(role: excerpt.attributes["role"], organisation: excerpt.attributes["organisation"], kind: excerpt.kind)
        lastExcerpt?.speaker = speaker
        return speaker
    }

    /// Who answered, from the survey's groups: `Role` and `Organisation` (or `Organization`)
    /// by name, any other group under its own name.
    private func speaker(of response: Response) -> Speaker {
        if survey?.definition === response.survey, let known = responseSpeakers[response.groups] {
            return known
        }
        if survey?.definition !== response.survey {
            let names = response.survey.groupings.map { $0.lowercased() }
            survey = (response.survey, names.firstIndex(of: "role"),
                      names.firstIndex { $0 == "organisation" || $0 == "organization" })
            responseSpeakers = [:]
        }
        func group(_ index: Int?) -> String? {
            guard let index, index < response.groups.count else { return nil }
            return response.groups[index]
        }
        let others = response.survey.groupings.enumerated().filter { $0.offset != survey!.role && $0.offset != survey!.organisation }
            .map { ($0.element.lowercased(), group($0.offset).flatMap { $0.isEmpty ? nil : $0 } ?? Speaker.notRecorded) }
        var speaker = pairs.speaker(role: group(survey!.role), organisation: group(survey!.organisation), kind: "survey", otherGroups: others)
        speaker.fromSurvey = true
        // Which survey group each breakdown pair is, to follow the survey's suppression.
        for (index, grouping) in response.survey.groupings.enumerated() {
            let value = group(index) ?? ""
            let name = index == survey!.role ? "role" : index == survey!.organisation ? "organisation" : grouping.lowercased()
            let pair = pairs.id(name, value.isEmpty ? Speaker.notRecorded : value)
            surveyGroups[pair, default: []].insert(SurveyGroup(source: response.survey.source, grouping: grouping,
                                                                group: value.isEmpty ? "(not given)" : value))
        }
        responseSpeakers[response.groups] = speaker
        return speaker
    }

    /// Counts a coded passage for each of its themes and offers it as a quote (`origin` is made
    /// only for a passage that may be kept).
    private func record(_ coding: ThemeMatcher.Coding, speaker: Speaker, text: String, provenance: Provenance,
                        origin: @autoclosure () -> String) {
        let length = text.utf8.count
        for (position, theme) in coding.themes.enumerated() {
            tallies[Int(theme)].count(speaker)
            if coding.themes.count > 1 {
                for other in coding.themes where other != theme && !matcher.related(theme, other) {
                    tallies[Int(theme)].coOccurring[Int(other)] += 1
                }
            }
            if hasChoices, configuration.quotesPerTheme > 0, !themes[Int(theme)].pinned.isEmpty || !themes[Int(theme)].vetoed.isEmpty {
                if themes[Int(theme)].vetoed.contains(where: { $0.matches(provenance) }) { continue }
                if themes[Int(theme)].pinned.contains(where: { $0.matches(provenance) }) {
                    tallies[Int(theme)].pinned.append(QuoteCandidate(text: text, attribution: speaker.attribution, provenance: provenance, score: 0,
                                                                     origin: origin(), organisation: speaker.organisation))
                    continue
                }
            }
            let score = QuoteCandidate.score(hits: coding.hits[position], length: length)
            guard configuration.quotesPerTheme > 0, coding.hits[position] > 0,
                  tallies[Int(theme)].wants(score: score, provenance: provenance, limit: candidateLimit) else { continue }
            tallies[Int(theme)].offer(QuoteCandidate(text: text, attribution: speaker.attribution, provenance: provenance,
                                                     score: score, origin: origin(), organisation: speaker.organisation),
                                      limit: candidateLimit)
        }
    }

    /// The ids of a set of themes; a single theme's list is made once and shared.
    private func themeIDs(_ indices: [Int32]) -> [String] {
        indices.count == 1 ? singleThemeIDs[Int(indices[0])] : indices.map { themeIDList[Int($0)] }
    }

    private func documentID(_ name: String) -> Int32 {
        if let last = lastDocument, last.name == name { return last.id }
        let id = documentIDs[name] ?? Int32(documentIDs.count)
        documentIDs[name] = id
        lastDocument = (name, id)
        return id
    }

    private func note(_ codes: [String]) {
        for code in codes { unknownCodes[code, default: 0] += 1 }
    }

    // MARK: - Results

    public func finish(into document: inout BaselineDocument) throws {
        var results = [ThemeResult]()
        let shown = Self.shownGroups(document.survey)
        var withheld = Set<String>()
        // A passage is quoted under one theme only: the most mentioned theme that has it picks
        // first (the order the brief and dashboard show themes in).
        var chosen = [[QuoteCandidate]](repeating: [], count: themes.count), taken = Set<String>()
        // The codebook's pins come first, ahead of any theme's choice; what it pins for one theme
        // is not quoted under another.
        var unfound = [String]()
        for (index, theme) in themes.enumerated() {
            for reference in theme.pinned where !tallies[index].pinned.contains(where: { reference.matches($0.provenance) }) {
                unfound.append("\(reference.text) (\(theme.id))")
            }
            chosen[index] = Array(tallies[index].pinned.prefix(configuration.quotesPerTheme))
            taken.formUnion(chosen[index].map(\.text))
        }
        for index in themes.indices.sorted(by: { (tallies[$1].mentions, $0) < (tallies[$0].mentions, $1) }) {
            chosen[index] += tallies[index].quotes(configuration.quotesPerTheme - chosen[index].count, excluding: taken)
            taken.formUnion(chosen[index].map(\.text))
        }
        for (index, theme) in themes.enumerated() {
            let tally = tallies[index]
            let quotes = chosen[index].map { candidate in
                var provenance = candidate.provenance
                provenance.path = provenance.path.map { redactor.redact($0) }
                // A passage too long for a quote starts at the sentence with the theme's phrase.
                let text = QuoteText.focused(candidate.text, maxLength: configuration.maxQuoteLength) {
                    matcher.code($0).themes.contains(Int32(index))
                }
                return Quote(text: QuoteText.make(text, redactor: redactor, maxLength: configuration.maxQuoteLength),
                             attribution: redactor.redact(candidate.attribution), provenance: provenance)
            }
            var coOccurring = [String: Int]()
            for (other, count) in tally.coOccurring.enumerated() where count > 0 {
                coOccurring[themes[other].id] = count
            }
            var breakdown = [String: [String: Int]]()
            for (pair, count) in tally.pairCounts.enumerated() where count > 0 {
                breakdown[pairs.pairs[pair].name, default: [:]][pairs.pairs[pair].value] = count
            }
            for (pair, count) in tally.surveyPairCounts.enumerated() where count > 0 {
                if let groups = surveyGroups[Int32(pair)], let hidden = groups.first(where: { !shown.contains($0) }) {
                    withheld.insert("\(hidden.grouping): \(hidden.group)")
                    continue
                }
                breakdown[pairs.pairs[pair].name, default: [:]][pairs.pairs[pair].value, default: 0] += count
            }
            results.append(ThemeResult(id: theme.id, name: theme.name, mentions: tally.mentions,
                                       sources: tally.documents + tally.respondents, breakdown: breakdown, quotes: quotes,
                                       parent: theme.parent, documents: tally.documents, respondents: tally.respondents,
                                       coOccurring: coOccurring, indicators: theme.indicators, questions: theme.questions))
        }
        let order = Dictionary(uniqueKeysWithValues: themes.enumerated().map { ($1.id, $0) })
        results.sort { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : order[$0.id]! < order[$1.id]! }
        document.themes += results
        document.dataQuality.notes += notes().map { redactor.redact($0) }
        if !unfound.isEmpty {
            document.dataQuality.notes.append(redactor.redact("Quotes the codebook pins but no passage coded to their theme starts at: "
                                                              + unfound.joined(separator: ", ") + "."))
        }
        if !withheld.isEmpty {
            document.dataQuality.notes.append(redactor.redact(
                "Theme breakdowns leave out the survey answers of groups whose survey figures are suppressed: "
                + withheld.sorted().joined(separator: "; ") + "."))
        }
    }

    // MARK: - Suppression

    /// One group of one survey's grouping, as the survey results name it.
    struct SurveyGroup: Hashable {
        var source: String
        var grouping: String
        var group: String
    }

    /// The survey groups whose figures the `survey` section shows for every question: theme
    /// counts from their answers may be shown; any other group's are left out, so they follow
    /// the survey's minimum group size and secondary suppression without this stage knowing
    /// either. A survey with no results (no `survey-aggregate` before this stage) shows none.
    static func shownGroups(_ results: [SurveyQuestionResult]) -> Set<SurveyGroup> {
        var shown = Set<SurveyGroup>(), hidden = Set<SurveyGroup>()
        for result in results {
            for (grouping, rows) in result.groups {
                for row in rows {
                    let group = SurveyGroup(source: result.source, grouping: grouping, group: row.group)
                    if row.figures.suppressed == nil { shown.insert(group) } else { hidden.insert(group) }
                }
            }
        }
        return shown.subtracting(hidden)
    }

    /// Sentences on how much of the material the codebook reached, for data quality.
    private func notes() -> [String] {
        var notes = [String]()
        if counts.excerpts > 0 {
            notes.append("Theme coding: \(counts.codedExcerpts) of \(counts.excerpts) note excerpts matched a theme"
                         + (counts.questions == 1 ? " (1 interviewer or facilitator turn was not coded)."
                            : counts.questions > 1 ? " (\(counts.questions) interviewer or facilitator turns were not coded)." : "."))
        }
        if counts.answers > 0 {
            notes.append("Theme coding: \(counts.codedAnswers) of \(counts.answers) free-text survey answers matched a theme.")
        }
        if !unknownCodes.isEmpty {
            let listed = unknownCodes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let shown = listed.prefix(10).map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            notes.append("Inline codes not in the codebook: \(shown)\(listed.count > 10 ? " and \(listed.count - 10) more" : "").")
        }
        return notes
    }
}
