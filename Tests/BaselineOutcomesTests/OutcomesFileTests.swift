import BaselineCore
import BaselineOutcomes
import BaselineSchema
import Testing

/// Every mistake in an outcomes file is reported at its line and column, with what to do.
@Suite struct OutcomesFileTests {
    /// A valid file; each test breaks one line of it.
    static let valid = """
        vision: One Millbrook.
        baseline: 2024
        priorities:
          - id: homelessness
            name: Fewer households homeless
            why: Worse than England.
            owners: [Council]
            metrics:
              - indicator: homelessness_duty_rate
                ambition: { direction: improve, close_gap: { to: england, percent: 50 }, by: 2027 }
              - question: partners_trust
                group: Organisation=Council
                ambition:
                  direction: increase
                  target: 50
                  by: 2027
            themes: [homelessness]
        """

    func error(_ text: String) throws -> BaselineError {
        do {
            _ = try OutcomesFile.parse(text, file: "outcomes.yaml")
        } catch let error as BaselineError {
            return error
        }
        Issue.record("no error for:\n\(text)")
        return BaselineError("none")
    }

    func replacing(_ old: String, _ new: String) -> String {
        #expect(Self.valid.contains(old), "\(old)")
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test func theValidFileReads() throws {
        let file = try OutcomesFile.parse(Self.valid, file: "outcomes.yaml")
        #expect(file.baseline == "2024" && file.vision == "One Millbrook.")
        let priority = try #require(file.priorities.first)
        #expect(priority.metrics.count == 2 && priority.owners == ["Council"] && priority.themes.map(\.value) == ["homelessness"])
        #expect(priority.metrics[0].ambition == Ambition(direction: .improve, by: "2027", closeGap: .init(to: "england", percent: 50)))
        #expect(priority.metrics[1].ambition == Ambition(direction: .increase, target: 50, by: "2027"))
        #expect(priority.metrics[1].group?.value == "Organisation=Council")
        #expect(priority.metrics[0].subject.id.position == .init(line: 9, column: 20))
    }

    @Test("an unknown key, at its line, with the key meant")
    func unknownKey() throws {
        let e = try error(replacing("    why: Worse", "    wyh: Worse"))
        #expect(e.description == "outcomes.yaml:6:5: error: unknown key 'wyh' in priorities[0] — did you mean 'why'?")
        let nested = try error(replacing("target: 50", "traget: 50"))
        #expect(nested.line == 15 && nested.column == 11 && nested.hint == "did you mean 'target'?", "\(nested)")
    }

    @Test("a wrong type, at the value")
    func wrongType() throws {
        let e = try error(replacing("target: 50", "target: fifty"))
        #expect(e.line == 15 && e.column == 19 && e.message == "expected a number, found 'fifty'", "\(e)")
        let owners = try error(replacing("owners: [Council]", "owners: { a: b }"))
        #expect(owners.line == 7 && owners.message.hasPrefix("expected a list here"), "\(owners)")
    }

    @Test("a missing key, at the mapping that lacks it")
    func missingKey() throws {
        let e = try error(replacing("    owners: [Council]\n", ""))
        #expect(e.line == 4 && e.column == 5 && e.message == "missing key 'owners' in priorities[0]", "\(e)")
    }

    @Test("ambitions that make no sense, each at its line")
    func ambitions() throws {
        let direction = try error(replacing("direction: increase", "direction: increse"))
        #expect(direction.line == 14 && direction.column == 22 && direction.hint == "did you mean 'increase'?", "\(direction)")
        let both = try error(replacing("target: 50\n", "target: 50\n          close_gap: { to: england, percent: 50 }\n"))
        #expect(both.line == 16 && both.message == "an ambition has both 'target:' and 'close_gap:'", "\(both)")
        let noBy = try error(replacing("          by: 2027\n", ""))
        #expect(noBy.line == 14 && noBy.message == "a target needs the period it is due by", "\(noBy)")
        let byAlone = try error(replacing("          target: 50\n", ""))
        #expect(byAlone.line == 15 && byAlone.message == "'by:' without a target or a gap to close", "\(byAlone)")
        let gapForQuestion = try error(replacing("target: 50\n", "close_gap: { to: england, percent: 50 }\n"))
        #expect(gapForQuestion.line == 15 && gapForQuestion.message == "a survey question has no benchmark area to close a gap to", "\(gapForQuestion)")
        let percent = try error(replacing("percent: 50 }", "percent: 150 }"))
        #expect(percent.line == 10 && percent.column == 76 && percent.message.hasPrefix("close_gap percent must be more than 0 and at most 100"), "\(percent)")
        let maintain = try error(replacing("direction: increase", "direction: maintain"))
        #expect(maintain.line == 15 && maintain.message == "'maintain' takes no target or gap", "\(maintain)")
    }

    @Test("metrics that name too little or too much, each at its line")
    func metrics() throws {
        let neither = try error(replacing("      - indicator: homelessness_duty_rate\n        ambition", "      - ambition"))
        #expect(neither.line == 9 && neither.message == "a metric names neither 'indicator:' nor 'question:'", "\(neither)")
        let both = try error(replacing("      - indicator: homelessness_duty_rate\n", "      - indicator: homelessness_duty_rate\n        question: coping\n"))
        #expect(both.line == 10 && both.message == "a metric names both 'indicator:' and 'question:'", "\(both)")
        let group = try error(replacing("group: Organisation=Council", "group: Council"))
        #expect(group.line == 12 && group.column == 16 && group.message == "group 'Council' should be Grouping=value", "\(group)")
        let indicatorGroup = try error(replacing("      - indicator: homelessness_duty_rate\n", "      - indicator: homelessness_duty_rate\n        group: Organisation=Council\n"))
        #expect(indicatorGroup.line == 10 && indicatorGroup.message.hasPrefix("'group:' is for survey questions"), "\(indicatorGroup)")
    }

    @Test("priorities: none, twice the same id, no owners")
    func priorities() throws {
        let none = try error("vision: x\nbaseline: 2024\npriorities: []\n")
        #expect(none.line == 3 && none.message == "no priorities", "\(none)")
        let twice = try error(Self.valid + "\n  - id: homelessness\n    name: x\n    why: y\n    owners: [z]\n")
        #expect(twice.line == 18 && twice.column == 9 && twice.message == "priority id 'homelessness' is used twice", "\(twice)")
        let owners = try error(replacing("owners: [Council]", "owners: []"))
        #expect(owners.line == 7 && owners.message.hasPrefix("priority 'homelessness' has no owners"), "\(owners)")
        let empty = try error("# nothing yet\n")
        #expect(empty.line == 1 && empty.message == "the outcomes file is empty")
        let syntax = try error(replacing("why: Worse than England.", "why: \"unclosed"))
        #expect(syntax.file == "outcomes.yaml" && syntax.line != nil && syntax.message.hasPrefix("the outcomes file is not valid YAML"), "\(syntax)")
    }
}
