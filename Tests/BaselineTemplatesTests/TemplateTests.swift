import BaselineCore
import BaselineTemplates
import BaselineText
import Testing

@Suite struct TemplateTests {
    let shape: TemplateShape = .fields(["name", "suppressed", "empty"], [
        "place": .fields(["name", "code"]),
        "questions": .list(of: .fields(["text", "positive", "code"])),
    ])

    func render(_ source: String, _ context: TemplateValue) throws -> String {
        try Template(source: source, name: "t.mustache", shape: shape).render(context, escaping: { $0 })
    }

    @Test func dataTextGoesThroughTheEscapingAndMarkupAndTheTemplateDoNot() throws {
        let template = try Template(source: "# {{name}}\n{{#questions}}- **{{text}}** {{code}}\n{{/questions}}", name: "t.mustache", shape: shape)
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
        #expect(throws: BaselineError(file: "t.mustache", line: 2, column: 5, "unknown tag 'plcae.name'", hint: "did you mean 'place.name'?")) {
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
        #expect(throws: BaselineError(file: "t.mustache", line: 1, column: 1, "'{{{place}}}' is not a tag this report understands",
                                      hint: "use {{name}}, {{#name}}…{{/name}}, {{^name}}…{{/name}} or {{! comment }}")) {
            try render("{{{place}}}", [:])
        }
    }

    /// A name is checked where it stands, as it will be looked up: each part of a dotted name
    /// under the one before it, a list's item names only inside a section over the list (a
    /// try-out's `{{place.rank}}` and `{{starting_point.name}}` printed nothing, each part
    /// being some name of the report's).
    @Test func namesAreCheckedWhereTheyStand() throws {
        func error(_ source: String) -> String? {
            do { _ = try render(source, [:]); return nil } catch { return "\(error)" }
        }
        #expect(error("x {{place.text}}") == "t.mustache:1:3: error: unknown tag 'place.text' — 'place' holds only code and name")
        #expect(error("{{text}}") == "t.mustache:1:1: error: unknown tag 'text' — 'text' is in reach only inside {{#questions}}")
        #expect(error("{{questions.text}}")
                == "t.mustache:1:1: error: unknown tag 'questions.text' — 'questions' is a list: name 'text' inside {{#questions}}…{{/questions}}")
        #expect(error("{{name.code}}") == "t.mustache:1:1: error: unknown tag 'name.code' — 'name' is a text or a flag, with no names under it")
        // A name under objects only is reached by its dotted name; under a list, by a section.
        #expect(error("{{^questions}}{{code}}{{/questions}}") == "t.mustache:1:15: error: unknown tag 'code' — did you mean 'place.code'?")
        // Inside a section, the item's names and every outer name are in reach.
        let context: TemplateValue = ["place": ["name": "P"], "questions": [["text": "T", "code": "c"]]]
        #expect(try render("{{#questions}}{{text}} {{code}} {{place.name}}{{/questions}}{{#place}}{{name}}{{/place}}", context) == "T c PP")
    }

    /// A guess puts right every part of a dotted name, not only the last one.
    @Test func aGuessIsTheWholeDottedName() {
        #expect(throws: BaselineError(file: "t.mustache", line: 1, column: 1, "unknown tag 'place.nmae'", hint: "did you mean 'place.name'?")) {
            try render("{{place.nmae}}", [:])
        }
        #expect(throws: BaselineError(file: "t.mustache", line: 1, column: 15, "unknown tag 'txet'", hint: "did you mean 'text'?")) {
            try render("{{#questions}}{{txet}}{{/questions}}", [:])
        }
        #expect(throws: BaselineError(file: "t.mustache", line: 1, column: 1, "unknown tag 'plcae.cdoe'", hint: "did you mean 'place.code'?")) {
            try render("{{plcae.cdoe}}", [:])
        }
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
