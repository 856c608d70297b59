import BaselineCore
import BaselineTemplates
import BaselineText
import Testing

@Suite struct TemplateTests {
    let known: Set<String> = ["place", "name", "code", "questions", "text", "positive", "suppressed", "empty"]

    func render(_ source: String, _ context: TemplateValue) throws -> String {
        try Template(source: source, name: "t.mustache", knownNames: known).render(context, escaping: { $0 })
    }

    @Test func dataTextGoesThroughTheEscapingAndMarkupAndTheTemplateDoNot() throws {
        let template = try Template(source: "# {{name}}\n{{#questions}}- **{{text}}** {{code}}\n{{/questions}}", name: "t.mustache", knownNames: known)
        let context: TemplateValue = ["name": "<b>", "questions": [["text": "a | b", "code": .markup("| x |")]]]
        #expect(template.render(context, escaping: PeopleText.markdown) == "# &lt;b&gt;\n- **a \\| b** | x |\n")
    }

    @Test func variablesAndDottedNames() throws {
        #expect(try render("# {{place.name}} ({{place.code}})\n", ["place": ["name": "Millbrook", "code": "E07999001"]])
                == "# Millbrook (E07999001)\n")
    }

    @Test func sectionsRepeatAndStandaloneTagsTakeTheirLine() throws {
        let source = """
            Questions:
            {{#questions}}
            - {{text}}: {{positive}}
            {{/questions}}
            {{^questions}}
            No survey.
            {{/questions}}
            End

            """
        let context: TemplateValue = ["questions": [["text": "Trust", "positive": "44%"], ["text": "Silos", "positive": "13%"]]]
        #expect(try render(source, context) == "Questions:\n- Trust: 44%\n- Silos: 13%\nEnd\n")
        #expect(try render(source, ["questions": []]) == "Questions:\nNo survey.\nEnd\n")
    }

    @Test func flagsNullsAndComments() throws {
        #expect(try render("{{! note }}a{{#suppressed}}S{{/suppressed}}{{^suppressed}}shown{{/suppressed}}b", ["suppressed": false]) == "ashownb")
        #expect(try render("[{{empty}}]", ["empty": .null]) == "[]")
        #expect(try render("{{#questions}}{{.}} {{/questions}}", ["questions": ["a", "b"]]) == "a b ")
    }

    @Test func unknownTagIsAnErrorAtItsLineAndColumn() {
        #expect(throws: BaselineError(file: "t.mustache", line: 2, column: 5, "unknown tag 'plcae.name'", hint: "did you mean 'place'?")) {
            try render("Title\n    {{plcae.name}}\n", [:])
        }
        #expect(throws: BaselineError(file: "t.mustache", line: 1, column: 1, "unknown tag 'zzzzzzz'",
                                      hint: "the names a report can use are listed in docs/report-templates.md")) {
            try render("{{#zzzzzzz}}x{{/zzzzzzz}}", [:])
        }
    }

    @Test func structuralErrorsAreLocated() {
        #expect(throws: BaselineError(file: "t.mustache", line: 1, column: 1, "section 'questions' is never closed",
                                      hint: "add {{/questions}}")) {
            try render("{{#questions}}\nx\n", [:])
        }
        #expect(throws: BaselineError(file: "t.mustache", line: 3, column: 1, "'{{/place}}' closes 'questions' (opened at line 1)",
                                      hint: "close sections in the order they were opened")) {
            try render("{{#questions}}\nx\n{{/place}}\n", [:])
        }
        #expect(throws: BaselineError(file: "t.mustache", line: 1, column: 3, "a tag is not closed on its line", hint: "end it with }}")) {
            try render("a {{place\n}}", [:])
        }
        #expect(throws: BaselineError.self) { try render("{{{place}}}", [:]) }
    }

    /// The parser finds a tag's line start by bytes and trims a tag's name without Foundation
    /// where it can: a CR LF is not a `\n` there, blanks are Foundation's `.whitespaces`, and a
    /// name's characters are letters, numbers and `_`, non-ASCII ones included.
    @Test func lineStartsBlanksAndNameCharactersAsCharactersHaveThem() throws {
        let questions: TemplateValue = ["questions": [["text": "t"]]]
        // After a CR LF the tag is not alone on its line (the line holds `a\r\n`): it keeps its line break.
        #expect(try render("a\r\n{{#questions}}\nx\n{{/questions}}\nb", questions) == "a\r\n\nx\nb")
        #expect(try render("a\n  {{#questions}}\nx\n{{/questions}}\nb", questions) == "a\nx\nb")
        #expect(try render("\r\n\n\t{{#questions}}\r\nx{{/questions}}", questions) == "\r\n\nx")
        #expect(try render("{{ name }}|{{\tname\u{A0}}}|{{\u{3000}place.code\u{200B}}}", ["name": "n", "place": ["code": "c"]]) == "n|n|c")
        #expect(throws: BaselineError(file: "t.mustache", line: 1, column: 2, "unknown tag 'ñame'", hint: "did you mean 'name'?")) {
            try render("x{{ñame}}", [:])
        }
        #expect(throws: BaselineError(file: "t.mustache", line: 2, column: 2, "unknown tag 'name\u{301}'", hint: "did you mean 'name'?")) {
            try render("é\r\n🇬🇧{{name\u{301}}}", [:])
        }
        for bad in ["na-me", "na me", "name\u{2060}", "1.", "_x.", "\r\n"] {
            #expect(throws: BaselineError.self, "\(bad)") { try render("{{\(bad)}}", ["name": "n"]) }
        }
    }
}
