import BaselineCore
import BaselineSchema
import BaselineTestKit
import BaselineText
@testable import CodeThemes
import Foundation
import Testing

/// The `code-themes` stage: tallies, breakdowns, co-occurrence, survey answers and quotes.
struct CodeThemesStageTests {
    static let place = Place(name: "Millbrook", code: "E07999001")

    /// An excerpt of `file` at `line`.
    static func excerpt(_ text: String, file: String, line: Int, kind: String = "interview", role: String? = nil,
                        organisation: String? = nil, turn: String? = nil) -> Record {
        var attributes = [String: String]()
        attributes["role"] = role
        attributes["organisation"] = organisation
        attributes["turn"] = turn
        return .excerpt(Excerpt(document: file, kind: kind, attributes: attributes, text: text,
                                provenance: Provenance(source: "notes", file: file, line: line)))
    }

    /// Runs the stage over `records` and returns the records and the baseline.
    static func run(_ records: [Record], options: String = "", batchSize: Int = 1000, names: [String] = [],
                    survey: [SurveyQuestionResult] = []) throws -> ([Record], BaselineDocument) {
        let configuration = try CodebookTests.configuration("codebook: codebooks/good.yaml\n" + options)
        let stage = CodeThemesStage(configuration: configuration, names: names)
        var document = BaselineDocument(place: place, period: "2025")
        document.survey = survey
        let out = try runStage(stage, records: records, batchSize: batchSize, into: &document)
        return (out.records, document)
    }

    static let notes: [Record] = [
        excerpt("Care leavers need a key worker; trust matters.", file: "notes/a.md", line: 3, role: "Chief Executive", organisation: "Council"),
        excerpt("Care leavers again, and data sharing.", file: "notes/a.md", line: 5, role: "Chief Executive", organisation: "Council"),
        excerpt("Rough sleeping in the town centre, mostly care leavers.", file: "notes/b.md", line: 7, role: "Inspector", organisation: "Police"),
        excerpt("What about care leavers?", file: "notes/c.md", line: 2, kind: "focus group", turn: "question"),
        excerpt("Leaving care at eighteen is hard.", file: "notes/c.md", line: 4, kind: "focus group"),
        excerpt("Nothing to code here.", file: "notes/c.md", line: 6, kind: "focus group"),
    ]

    @Test("mentions, documents and breakdowns, counted by hand")
    func tallies() throws {
        let (records, document) = try Self.run(Self.notes)
        let careLeavers = try #require(document.themes.first { $0.id == "care-leavers" })
        #expect(careLeavers.mentions == 4)
        #expect(careLeavers.documents == 3)
        #expect(careLeavers.respondents == 0)
        #expect(careLeavers.sources == 3)
        #expect(careLeavers.breakdown == [
            "role": ["Chief Executive": 2, "Inspector": 1, "not recorded": 1],
            "organisation": ["Council": 2, "Police": 1, "not recorded": 1],
            "kind": ["interview": 3, "focus group": 1],
        ])
        #expect(careLeavers.indicators == ["CARE_LEAVERS_NEET"])
        #expect(careLeavers.parent == nil)
        let homelessness = try #require(document.themes.first { $0.id == "homelessness" })
        #expect(homelessness.parent == "housing")
        #expect(homelessness.mentions == 1)
        #expect(document.themes.first { $0.id == "housing" }?.mentions == 1)

        let themes = records.map { record -> [String] in
            if case .excerpt(let excerpt) = record { return excerpt.themes }
            return []
        }
        #expect(themes == [["care-leavers", "trust"], ["care-leavers", "data-sharing"], ["housing", "homelessness", "care-leavers"],
                           [], ["care-leavers"], []])
        #expect(document.dataQuality.notes.contains("Theme coding: 4 of 5 note excerpts matched a theme (1 interviewer or facilitator turn was not coded)."))
    }

    @Test("themes are ranked by mentions, then codebook order; unmentioned themes stay with zero")
    func ranking() throws {
        let (_, document) = try Self.run(Self.notes)
        #expect(document.themes.map(\.id) == ["care-leavers", "housing", "homelessness", "trust", "data-sharing", "co-location"])
        #expect(document.themes.map(\.mentions) == [4, 1, 1, 1, 1, 0])
    }

    @Test("co-occurring themes, but not a theme and the one it sits under")
    func coOccurrence() throws {
        let (_, document) = try Self.run(Self.notes)
        let theme = { (id: String) in document.themes.first { $0.id == id }! }
        #expect(theme("care-leavers").coOccurring == ["trust": 1, "data-sharing": 1, "housing": 1, "homelessness": 1])
        #expect(theme("homelessness").coOccurring == ["care-leavers": 1])
        #expect(theme("housing").coOccurring == ["care-leavers": 1])
        #expect(theme("co-location").coOccurring == [:])
    }

    /// A survey result for one question whose groups are shown (nil) or suppressed (a reason).
    static func surveyResult(source: String, groups: [String: [String: String?]]) -> SurveyQuestionResult {
        let figures = { (reason: String?) in
            SurveyFigures(responses: reason == nil ? 12 : 0, percentPositive: nil, ci95: nil, meanScore: nil, distribution: [:], blank: 0,
                          excluded: [:], suppressed: reason)
        }
        return SurveyQuestionResult(id: "q", source: source, text: "Q", scale: "agree5", reverse: false, overall: figures(nil),
                                    groups: groups.mapValues { $0.sorted { $0.key < $1.key }.map { GroupFigures(group: $0.key, figures: figures($0.value)) } },
                                    provenance: Provenance(source: source, file: "staff.csv"))
    }

    /// Issue 16: theme counts drawn from survey answers follow the survey's suppression — a
    /// group the survey withholds (Vale Fire and Rescue, 7 people; Riverside Housing, withheld
    /// with it) has its survey mentions left out of the breakdowns, while what named interviews
    /// said keeps its counts.
    @Test func surveyMentionsOfSuppressedGroupsAreLeftOut() throws {
        let survey = SurveyDefinition(source: "staff", questions: [
            Question(id: "difference", text: "What one thing would make the biggest difference?", scale: nil),
        ], groupings: ["Organisation"])
        var records = [Record]()
        for (line, organisation) in ["Vale Fire and Rescue", "Vale Fire and Rescue", "Riverside Housing", "Council", "Council"].enumerated() {
            records.append(.response(Response(survey: survey, groups: [organisation], answers: [.text("We need to trust each other")],
                                              provenance: Provenance(source: "staff", file: "staff.csv", line: line + 2))))
        }
        records.append(Self.excerpt("Trust between partners is low.", file: "notes/fire.md", line: 3, role: "Chief Fire Officer",
                                    organisation: "Vale Fire and Rescue"))
        let results = Self.surveyResult(source: "staff", groups: ["Organisation": [
            "Vale Fire and Rescue": "fewer than 10 responses",
            "Riverside Housing": "withheld so that a smaller group cannot be worked out from the total",
            "Council": nil,
        ]])
        let (_, document) = try Self.run(records, survey: [results])
        let trust = try #require(document.themes.first { $0.id == "trust" })
        #expect(trust.breakdown["organisation"] == ["Council": 2, "Vale Fire and Rescue": 1])
        #expect(trust.breakdown["kind"] == ["survey": 5, "interview": 1])
        #expect(document.dataQuality.notes.contains(
            "Theme breakdowns leave out the survey answers of groups whose survey figures are suppressed: "
            + "Organisation: Riverside Housing; Organisation: Vale Fire and Rescue."))
        // Without survey results (no survey-aggregate before code-themes) no survey group is shown.
        let (_, bare) = try Self.run(records)
        #expect(try #require(bare.themes.first { $0.id == "trust" }).breakdown["organisation"] == ["Vale Fire and Rescue": 1])
    }

    @Test("free-text answers are coded by the survey's groups; a respondent counts once; the respondent id never appears")
    func surveyAnswers() throws {
        let survey = SurveyDefinition(source: "staff", questions: [
            Question(id: "difference", text: "What one thing would make the biggest difference?", scale: nil),
            Question(id: "anything_else", text: "Anything else?", scale: nil),
        ], groupings: ["Organisation", "Role", "Team"])
        let responses: [Record] = [
            .response(Response(survey: survey, respondent: "RESP-SECRET-1", groups: ["Vale Police", "Frontline", "East"],
                               answers: [.text("Trust each other"), .text("and trust the frontline")],
                               provenance: Provenance(source: "staff", file: "staff.csv", line: 2))),
            .response(Response(survey: survey, respondent: "RESP-SECRET-2", groups: ["Council", "", "West"],
                               answers: [.text("Share data about care leavers"), .blank],
                               provenance: Provenance(source: "staff", file: "staff.csv", line: 3))),
        ]
        let everyGroupShown = Self.surveyResult(source: "staff", groups: [
            "Organisation": ["Vale Police": nil, "Council": nil], "Role": ["Frontline": nil, "(not given)": nil], "Team": ["East": nil, "West": nil],
        ])
        let (_, document) = try Self.run(responses, survey: [everyGroupShown])
        let trust = try #require(document.themes.first { $0.id == "trust" })
        #expect(trust.mentions == 2)
        #expect(trust.respondents == 1)
        #expect(trust.documents == 0)
        #expect(trust.breakdown == ["organisation": ["Vale Police": 2], "role": ["Frontline": 2], "kind": ["survey": 2], "team": ["East": 2]])
        let careLeavers = try #require(document.themes.first { $0.id == "care-leavers" })
        #expect(careLeavers.breakdown["role"] == ["not recorded": 1])
        #expect(careLeavers.quotes.first?.attribution == "Council (survey)")
        #expect(careLeavers.quotes.first?.provenance == Provenance(source: "staff", file: "staff.csv", line: 3, path: "difference"))
        #expect(trust.quotes.first?.attribution == "Frontline, Vale Police (survey)")
        #expect(document.dataQuality.notes.contains("Theme coding: 3 of 3 free-text survey answers matched a theme."))
        let json = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        #expect(!json.contains("RESP-SECRET"))
    }

    @Test("quotes are redacted, tidied and cut to length")
    func quoteText() throws {
        let long = "Care leavers told us, again and again, that " + String(repeating: "the waiting is the worst part ", count: 20)
        let records = [
            Self.excerpt("Sarah Okafor said care leavers can ring 07700 900461 #care-leavers", file: "notes/a.md", line: 1, role: "PA to Sarah Okafor"),
            Self.excerpt(long, file: "notes/b.md", line: 1),
        ]
        let (_, document) = try Self.run(records, options: "max_quote_length: 80", names: ["Sarah Okafor"])
        let quotes = try #require(document.themes.first { $0.id == "care-leavers" }?.quotes)
        #expect(quotes.count == 2)
        #expect(quotes.contains { $0.text == "[name] said care leavers can ring [phone]" && $0.attribution == "PA to [name] (interview)" })
        let cut = try #require(quotes.first { $0.provenance.file == "notes/b.md" })
        #expect(cut.text.hasSuffix("…"))
        #expect(cut.text.count <= 80)
        #expect(long.hasPrefix(String(cut.text.dropLast())))
    }

    @Test("a quote is cut from the first words of a passage of any length, as when every word was split")
    func quoteTextOfLongPassages() throws {
        /// The quote as it was made by splitting every word of the passage first.
        func splittingEveryWord(_ redacted: String, maxLength: Int) -> String {
            var words: [Substring] = redacted.split(whereSeparator: \.isWhitespace).filter { (found: Substring) -> Bool in
                var word = found
                while let first = word.first, first == "(" || first == "[" { word.removeFirst() }
                while let last = word.last, last.isPunctuation { word.removeLast() }
                guard word.first == "#", word.count > 1, word.dropFirst().first!.isLetter else { return true }
                return !word.dropFirst().allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            }
            var length = words.reduce(-1) { $0 + $1.count + 1 }
            guard length > maxLength else { return words.joined(separator: " ") }
            while length > maxLength - 1, words.count > 1 { length -= words.removeLast().count + 1 }
            var quote = words.joined(separator: " ")
            if quote.count > maxLength - 1 { quote = String(quote.prefix(maxLength - 1)) }
            while let last = quote.last, last.isPunctuation, last != ")" && last != "]" { quote.removeLast() }
            return quote + "…"
        }
        let redactor = Redactor()
        let texts = [
            "", "   ", "One.", "#care-leavers", "  (#trust) we  trust\tthem, #care-leavers and\nall.  ",
            String(repeating: "x", count: 100), "short " + String(repeating: "y", count: 100),
            String(repeating: "word ", count: 16), String(repeating: "word ", count: 17) + "#code",
            String(repeating: "The waiting is the worst part, they said. #trust ", count: 3),
        ]
        for text in texts {
            for maxLength in [20, 80, 81, 84] {
                #expect(QuoteText.make(text, redactor: redactor, maxLength: maxLength) == splittingEveryWord(text, maxLength: maxLength),
                        "\(text.prefix(40)) at \(maxLength)")
            }
        }
        let huge = String(repeating: "The NHS Trust said we trust the homeless health team. ", count: 40_000)
        let clock = ContinuousClock()
        var quote = ""
        let elapsed = clock.measure { quote = QuoteText.make(huge, redactor: redactor, maxLength: 200) }
        #expect(quote == splittingEveryWord(String(huge.prefix(1000)), maxLength: 200))
        #expect(elapsed < .seconds(2), "a quote from 2 MB took \(elapsed)")
    }

    @Test("an ASCII passage's words are found from its bytes exactly as from its characters")
    func asciiWordsAreTheCharacterWords() {
        // Every ASCII byte in play: the six whitespace bytes, CR LF (one character), the
        // separators 0x1C–0x1F and NUL (not whitespace), brackets, punctuation and inline codes.
        let pieces = ["a", "word", "#care-leavers", "(#trust)", "[#x1].", "#", "#9", "Q#1", "\r\n", "\r", "\n", "\t", "\u{0B}", "\u{0C}",
                      " ", "  ", "\u{1C}", "\u{1F}", "\u{00}", "end.", "-", "it's", "\u{7F}"]
        var generator = SystemRandomNumberGenerator()
        var texts = ["", " ", "\r\n", "\r\n\r\nx\r\n", "x\u{1C}y z", String(repeating: "ab ", count: 60)]
        for _ in 0..<400 {
            texts.append((0..<Int.random(in: 1...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            for maxLength in [0, 3, 20, 80] {
                let bytes = QuoteText.asciiWords(of: text, upTo: maxLength)
                let characters = QuoteText.words(of: text, upTo: maxLength)
                #expect(bytes.words == characters.words && bytes.length == characters.length, "\(text.debugDescription) at \(maxLength)")
            }
        }
        // Past ASCII the characters decide: a space then a combining accent is one character, a
        // space, so the accent goes with it.
        let redactor = Redactor()
        #expect(QuoteText.make("caf\u{E9} au lait", redactor: redactor, maxLength: 80) == "caf\u{E9} au lait")
        #expect(QuoteText.make("a \u{301}b c", redactor: redactor, maxLength: 80) == "a b c")
    }

    @Test("quotes are spread over documents and chosen the same whatever the batches or the order")
    func quoteChoice() throws {
        var records = [Record]()
        for file in ["notes/a.md", "notes/b.md", "notes/c.md"] {
            for line in 1...5 {
                records.append(Self.excerpt("Data sharing matters for everyone here, line \(line) of \(file), with enough words to read well.",
                                            file: file, line: line, organisation: file))
            }
        }
        let (_, inOrder) = try Self.run(records, batchSize: 1000)
        let (_, oneByOne) = try Self.run(records.reversed(), batchSize: 1)
        #expect(inOrder.themes == oneByOne.themes)
        let quotes = try #require(inOrder.themes.first { $0.id == "data-sharing" }?.quotes)
        #expect(quotes.map { "\($0.provenance.file):\($0.provenance.line!)" } == ["notes/a.md:1", "notes/b.md:1", "notes/c.md:1"])
    }

    @Test("the same words said in several places are quoted once, at the earliest place, whatever the batches or the order")
    func quotesDoNotRepeat() throws {
        var records = [Record]()
        for (index, organisation) in ["Council", "Police", "NHS", "CVS", "Fire"].enumerated() {
            records.append(Self.excerpt("Data sharing between partners would change everything for families.", file: "notes/\(index).md",
                                        line: 2, organisation: organisation))
        }
        records.append(Self.excerpt("Data sharing is slow.", file: "notes/z.md", line: 8, organisation: "Police"))
        let (_, inOrder) = try Self.run(records)
        let (_, oneByOne) = try Self.run(records.reversed(), batchSize: 1)
        #expect(inOrder.themes == oneByOne.themes)
        let quotes = try #require(inOrder.themes.first { $0.id == "data-sharing" }?.quotes)
        #expect(quotes.map(\.text) == ["Data sharing between partners would change everything for families.", "Data sharing is slow."])
        #expect(quotes.first?.provenance.file == "notes/0.md")
    }

    @Test("a passage matching a theme more often ranks first as its quote")
    func quoteScore() throws {
        let records = [
            Self.excerpt("Trust is mentioned once in this fairly ordinary sentence about partners.", file: "notes/a.md", line: 1),
            Self.excerpt("Trust, trust and trust again: the whole conversation was about trust.", file: "notes/z.md", line: 9),
        ]
        let (_, document) = try Self.run(records)
        #expect(document.themes.first { $0.id == "trust" }?.quotes.first?.provenance.file == "notes/z.md")
    }

    @Test("unknown inline codes are listed in data quality")
    func unknownCodes() throws {
        let (_, document) = try Self.run([Self.excerpt("Joined-up working #joined-up #joined-up #other", file: "a.md", line: 1)])
        #expect(document.dataQuality.notes.contains("Inline codes not in the codebook: #joined-up (2), #other (1)."))
    }

    @Test("quotes_per_theme: 0 keeps counts but no quotes")
    func noQuotes() throws {
        let (_, document) = try Self.run(Self.notes, options: "quotes_per_theme: 0")
        #expect(document.themes.allSatisfy { $0.quotes.isEmpty })
        #expect(document.themes.first?.mentions == 4)
    }
}

/// The themes section of `baseline.json` as JSON.
struct ThemeResultJSONTests {
    @Test("a theme round-trips through JSON with snake_case keys, and one written before theme coding still reads")
    func json() throws {
        let theme = ThemeResult(id: "trust", name: "Trust", mentions: 2, sources: 1, breakdown: ["role": ["Frontline": 2]], quotes: [],
                                parent: "ways-of-working", documents: 0, respondents: 1, coOccurring: ["silos": 1],
                                indicators: [], questions: ["partners_trust"])
        let data = try JSONEncoder().encode(theme)
        let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys.sorted()
        #expect(keys == ["breakdown", "co_occurring", "documents", "id", "indicators", "mentions", "name", "parent", "questions",
                         "quotes", "respondents", "sources"])
        #expect(try JSONDecoder().decode(ThemeResult.self, from: data) == theme)
        let old = #"{"id":"trust","name":"Trust","mentions":2,"sources":1,"breakdown":{},"quotes":[]}"#
        let decoded = try JSONDecoder().decode(ThemeResult.self, from: Data(old.utf8))
        #expect(decoded == ThemeResult(id: "trust", name: "Trust", mentions: 2, sources: 1, breakdown: [:], quotes: []))
    }
}
