import BaselineCore
@testable import CSVSurvey
import Testing

/// How `SurveyHeader.columns(named:)` finds a column: by id, then question text, then option
/// (or "text - option"), every name compared with its runs of whitespace collapsed to one space,
/// the header's side made once when the header is read.
struct SurveyHeaderTests {
    @Test("SurveyMonkey: text and option are found whatever runs of whitespace either side has")
    func surveyMonkeyNamesCollapseWhitespace() {
        let header = SurveyHeader(rows: [(line: 1, fields: ["Respondent ID", "How  do\tyou feel?", ""]),
                                         (line: 2, fields: ["", "Very   good", "Poor"])],
                                  layout: .surveymonkey, file: "s.csv")
        #expect(header.columns(named: "How do you feel?") == [1, 2])
        #expect(header.columns(named: "How do\t\tyou  feel?") == [1, 2])
        #expect(header.columns(named: "Very good") == [1])
        #expect(header.columns(named: "How do you feel? - Very good") == [1])
        #expect(header.columns(named: "How  do you feel? -  Poor") == [2])
        #expect(header.columns(named: "Respondent  ID") == [0])
        #expect(header.columns(named: "Very good - How do you feel?") == [])
        #expect(header.columns(named: "Poorly") == [])
    }

    /// SurveyMonkey puts "Other (please specify)" beside a single-choice question's "Response": a
    /// try-out's `groups: [Which organisation do you work for?]` stopped `run` as naming two columns
    /// (after `validate` said ok), and "… - Response" was not found.
    @Test("SurveyMonkey: a question with an Other column is named by its text or 'text - Response'; a matrix stays ambiguous")
    func surveyMonkeyResponseBesideOther() throws {
        let header = SurveyHeader(rows: [(line: 1, fields: ["Respondent ID", "Which organisation?", "", "Rate these", ""]),
                                         (line: 2, fields: ["", "Response", "Other (please specify)", "Trust", "Voice"])],
                                  layout: .surveymonkey, file: "s.csv")
        #expect(try header.column(named: "Which organisation?", position: nil, what: "a group") == 1)
        #expect(header.columns(named: "Which organisation? - Response") == [1])
        #expect(header.columns(named: "Which organisation? - Other (please specify)") == [2])
        #expect(throws: BaselineError.self) { try header.column(named: "Rate these", position: nil, what: "a question") }
    }

    /// A Google Forms grid writes `Question [Statement]`: a try-out's statement alone was not found.
    @Test("Google Forms: a grid column is found by its statement, alone or with its question")
    func googleFormsGridStatements() throws {
        let header = SurveyHeader(rows: [(line: 1, fields: ["Timestamp", "Rate these statements [Partners here trust each other]",
                                                            "Rate these statements [We work in silos]", "[draft] notes", "Any comments?"])],
                                  layout: .googleforms, file: "g.csv")
        #expect(header.columns(named: "Partners here trust each other") == [1])
        #expect(header.columns(named: "Rate these statements [We work in silos]") == [2])
        #expect(header.columns(named: "draft") == [], "a header that is only a bracket is no grid")
        #expect(SurveyHeader.bracketed("How often? [Weekly ]")?.statement == "Weekly" && SurveyHeader.bracketed("Comments") == nil)
    }

    @Test("Qualtrics: the id comes before the text, the text before the option")
    func qualtricsIdThenTextThenOption() throws {
        let header = SurveyHeader(rows: [(line: 1, fields: ["ResponseId", "Q2_1", "Q2_2", "Speed of service"]),
                                         (line: 2, fields: ["Response ID", "Rate  us - Speed  of service", "Rate us - Price", "Other"])],
                                  layout: .qualtrics, file: "q.csv")
        #expect(header.columns(named: "Q2_1") == [1])
        #expect(header.columns(named: "Rate us - Speed of service") == [1])
        #expect(header.columns(named: "Speed of service") == [3])
        #expect(header.columns(named: "Price") == [2])
        #expect(header.columns(named: "Response  ID") == [0])
        #expect(try header.column(named: "Q2_2", position: nil, what: "a question") == 2)
    }
}

/// `collapsingWhitespace` gives what splitting at white space `Character`s and joining with one
/// space gives, for text that takes its ASCII shortcut and for text that does not.
struct CollapsingWhitespaceTests {
    private func reference(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("every string of up to three of these characters collapses as the reference does")
    func shortStrings() {
        let pieces = ["a", "Z", " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1F}", "-", "\u{85}", "\u{A0}", "é", "\u{2028}", "\u{3000}"]
        var texts = [""]
        for _ in 0..<3 {
            texts += texts.flatMap { text in pieces.map { text + $0 } }
        }
        for text in Set(texts) {
            #expect(text.collapsingWhitespace == reference(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("header-like text: kept as it is when already collapsed, collapsed otherwise")
    func headers() {
        for text in ["I understand the shared vision for Millbrook", "Q2_1", " leading", "trailing ", "two  spaces",
                     "line\nbreak", "What one thing would make the biggest difference?", "Café  au lait", "x"] {
            #expect(text.collapsingWhitespace == reference(text), "\(text)")
        }
        #expect("two  spaces ".collapsingWhitespace == "two spaces")
    }
}
