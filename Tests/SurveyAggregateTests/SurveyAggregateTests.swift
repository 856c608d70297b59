import BaselineCore
import BaselinePipeline
import BaselineSchema
import BaselineStatistics
import BaselineTestKit
@testable import SurveyAggregate
import Foundation
import Testing

/// Builds responses to a small survey and runs them through the stage.
struct SurveyCase {
    static let agree5 = Scale(name: "agree5", points: ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
        .enumerated().map { Scale.Point(label: $1, score: Double($0 + 1), positive: $0 >= 3) }, excluded: ["Don't know", "N/A"])
    static let (SD, D, N, A, SA) = (Answer.point(0), Answer.point(1), Answer.point(2), Answer.point(3), Answer.point(4))

    let survey: SurveyDefinition
    var records = [Record]()

    init(questions: [Question] = [Question(id: "q", text: "Q", scale: agree5)], groupings: [String] = ["Team"]) {
        survey = SurveyDefinition(source: "s", questions: questions, groupings: groupings)
    }

    mutating func add(_ answers: [Answer], groups: [String] = ["A"], weight: Double? = nil, count: Int = 1) {
        for _ in 0..<count {
            records.append(.response(Response(survey: survey, groups: groups, answers: answers, weight: weight,
                                              provenance: Provenance(source: "s", file: "x.csv", line: records.count + 2))))
        }
    }

    func run(minGroupSize: Int = 1) throws -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "P", code: "E1"), period: "t")
        let passed = try runStage(SurveyAggregateStage(configuration: .init(minGroupSize: minGroupSize)), records: records, batchSize: 7,
                                  into: &document)
        #expect(passed.records.count == records.count)
        return document
    }
}

@Suite struct SurveyAggregateTests {
    typealias C = SurveyCase

    // MARK: - Scales

    @Test func reverseScoredItemReadsTheScaleFromTheOtherEnd() throws {
        var survey = SurveyCase(questions: [Question(id: "silos", text: "We work in silos", scale: C.agree5, reverse: true)])
        for answer in [C.SA, C.SA, C.A, C.D, C.SD] { survey.add([answer]) }
        let figures = try #require(try survey.run().survey.first).overall
        // Positive when reversed: Disagree and Strongly disagree, 2 of 5. Scores reversed:
        // SA 1, SA 1, A 2, D 4, SD 5 → 13 / 5.
        #expect(figures.percentPositive == 40)
        #expect(figures.meanScore == 2.6)
        #expect(figures.distribution == ["Strongly agree": 2, "Agree": 1, "Disagree": 1, "Strongly disagree": 1])
    }

    @Test func excludedAndBlankAnswersStayOutOfTheDenominator() throws {
        var survey = SurveyCase()
        for answer in [C.A, C.A, C.A, C.D, .excluded(0), .excluded(0), .excluded(1), .blank] { survey.add([answer]) }
        let figures = try #require(try survey.run().survey.first).overall
        #expect(figures.responses == 4)
        #expect(figures.percentPositive == 75)
        #expect(figures.meanScore == 3.5)
        #expect(figures.excluded == ["Don't know": 2, "N/A": 1])
        #expect(figures.blank == 1)
    }

    @Test func wilsonIntervalMatchesPublishedValues() throws {
        // 50 of 100: 40.38–59.62 (Newcombe 1998, table I; PHEindicatormethods phe_proportion).
        var survey = SurveyCase()
        survey.add([C.A], count: 50)
        survey.add([C.D], count: 50)
        let figures = try #require(try survey.run().survey.first).overall
        #expect(figures.ci95 == Interval(lower: 40.38, upper: 59.62))
    }

    // MARK: - Suppression

    /// Groups of the given sizes (all answering Agree) through the stage; the withheld groups.
    func withheld(_ sizes: [String: Int], minimum: Int = 10) throws -> (overall: SurveyFigures, withheld: Set<String>, cells: Int) {
        var survey = SurveyCase()
        for (group, size) in sizes.sorted(by: { $0.key < $1.key }) { survey.add([C.A], groups: [group], count: size) }
        let document = try survey.run(minGroupSize: minimum)
        let result = try #require(document.survey.first)
        let rows = result.groups["Team"] ?? []
        #expect(rows.count == sizes.count)
        return (result.overall, Set(rows.filter { $0.figures.suppressed != nil }.map(\.group)), document.dataQuality.suppressedCells)
    }

    @Test func oneSmallGroupTakesTheNextSmallestWithIt() throws {
        let result = try withheld(["A": 3, "B": 20, "C": 30])
        #expect(result.withheld == ["A", "B"])
        #expect(result.cells == 2)
    }

    @Test func smallGroupsWhoseSumIsStillSmallTakeAnotherWithThem() throws {
        // 3 + 4 = 7 < 10: total − shown groups = 7 would tell how many the two small groups hold.
        #expect(try withheld(["A": 3, "B": 4, "C": 20, "D": 30]).withheld == ["A", "B", "C"])
        // 6 + 5 = 11 ≥ 10: the two small ones protect each other.
        #expect(try withheld(["A": 6, "B": 5, "C": 20, "D": 30]).withheld == ["A", "B"])
    }

    @Test func nothingIsWithheldWithoutSmallGroups() throws {
        #expect(try withheld(["A": 10, "B": 12]).withheld.isEmpty)
    }

    @Test func aSuppressedTotalNeedsNoSecondarySuppression() throws {
        let result = try withheld(["A": 3, "B": 4])
        #expect(result.overall.suppressed == "fewer than 10 responses")
        #expect(result.withheld == ["A", "B"])
        #expect(result.cells == 3)
    }

    @Test func blankGroupValuesAreAGroupToo() throws {
        var survey = SurveyCase()
        survey.add([C.A], groups: [""], count: 2)
        survey.add([C.A], groups: ["B"], count: 15)
        survey.add([C.A], groups: ["C"], count: 12)
        let rows = try #require(try survey.run(minGroupSize: 10).survey.first?.groups["Team"])
        #expect(rows.map(\.group) == ["(not given)", "B", "C"])
        #expect(rows.map { $0.figures.suppressed != nil } == [true, false, true])
    }

    /// No withheld group can be recovered: whenever the total is shown, the withheld groups of
    /// each question hold at least `minimum` responses between at least two of them.
    @Test func noSuppressedGroupCanBeRecoveredFromTheTotal() throws {
        var generator = SeededGenerator(seed: 42)
        for round in 0..<200 {
            let minimum = Int.random(in: 2...10, using: &generator)
            let count = Int.random(in: 2...7, using: &generator)
            var sizes = [String: Int]()
            for g in 0..<count { sizes["G\(g)"] = Int.random(in: 1...(3 * minimum), using: &generator) }
            let result = try withheld(sizes, minimum: minimum)
            let small = Set(sizes.filter { $0.value < minimum }.keys)
            #expect(result.withheld.isSuperset(of: small), "round \(round): primary")
            guard result.overall.suppressed == nil, !result.withheld.isEmpty else { continue }
            let recoverable = result.withheld.reduce(0) { $0 + sizes[$1]! }
            #expect(result.withheld.count >= 2, "round \(round): \(sizes) withheld \(result.withheld)")
            #expect(recoverable >= minimum || result.withheld.count == sizes.count, "round \(round): \(sizes) withheld \(result.withheld)")
            // Secondary suppression takes no more than it must: without its last (largest) group
            // the rule would not hold.
            let secondary = result.withheld.subtracting(small)
            if let largest = secondary.max(by: { (sizes[$0]!, $0) < (sizes[$1]!, $1) }) {
                let fewer = result.withheld.subtracting([largest])
                #expect(fewer.count < 2 || fewer.reduce(0) { $0 + sizes[$1]! } < minimum, "round \(round): \(sizes) over-suppressed")
            }
        }
    }

    // MARK: - Suppression across groupings

    /// The figures of one single-question survey with the given groupings: per grouping, the
    /// withheld and shown groups.
    func published(_ respondents: [[String]], groupings: [String], minimum: Int = 10) throws
        -> (overall: SurveyFigures, rows: [String: [GroupFigures]]) {
        var survey = SurveyCase(groupings: groupings)
        for groups in respondents { survey.add([C.A], groups: groups) }
        let result = try #require(try survey.run(minGroupSize: minimum).survey.first)
        return (result.overall, result.groups)
    }

    /// Organisation C is Team C1 (45) and Team C2 (5): with C2 withheld, Organisation C and
    /// Team C1 must not both be shown, or C2 is their difference.
    @Test func aNestedGroupingCannotGiveAWithheldTeamAway() throws {
        var respondents = [[String]]()
        respondents += Array(repeating: ["A", "A1"], count: 30) + Array(repeating: ["A", "A2"], count: 25)
        respondents += Array(repeating: ["B", "B1"], count: 40)
        respondents += Array(repeating: ["C", "C1"], count: 45) + Array(repeating: ["C", "C2"], count: 5)
        let result = try published(respondents, groupings: ["Organisation", "Team"])
        let shown = { (grouping: String, group: String) in
            result.rows[grouping]!.first { $0.group == group }!.figures.suppressed == nil
        }
        #expect(!shown("Team", "C2"))
        #expect(!(shown("Organisation", "C") && shown("Team", "C1")))
        // Before: C2 and the next smallest team (A2) withheld; C and C1 shown.
        #expect(result.overall.suppressed == nil)
    }

    /// Where a grouping nests within a shown group, what its withheld groups hold together (the
    /// group minus its shown members) is either nothing or at least the minimum.
    @Test func withheldTeamsInsideAShownOrganisationHoldTheMinimumBetweenThem() throws {
        var respondents = [[String]]()
        respondents += Array(repeating: ["A", "A1"], count: 30) + Array(repeating: ["A", "A2"], count: 3)
            + Array(repeating: ["A", "A3"], count: 4)
        respondents += Array(repeating: ["B", "B1"], count: 40) + Array(repeating: ["B", "B2"], count: 20)
        let result = try published(respondents, groupings: ["Organisation", "Team"])
        let withheld = Set(result.rows["Team"]!.filter { $0.figures.suppressed != nil }.map(\.group))
        let organisationA = result.rows["Organisation"]!.first { $0.group == "A" }!.figures.suppressed == nil
        // A2 + A3 = 7: Organisation A minus Team A1 would tell it.
        #expect(withheld.isSuperset(of: ["A2", "A3"]))
        #expect(!organisationA || withheld.contains("A1"))
    }

    /// On small generated surveys with nested, crossed and overlapping groupings, no withheld
    /// group can be worked out by adding and subtracting shown figures (the overall one and
    /// every shown group). The check is independent of the stage's method: it tries every
    /// combination with coefficients −1, 0 and 1 of the shown figures' respondent sets.
    @Test func noWithheldGroupCanBeWorkedOutFromTheShownFigures() throws {
        var generator = SeededGenerator(seed: 16)
        var tested = 0
        for round in 0..<150 {
            let minimum = Int.random(in: 3...10, using: &generator)
            let shape = round % 3
            var respondents = [[String]]()
            for _ in 0..<Int.random(in: 20...80, using: &generator) {
                let team = Int.random(in: 0..<(shape == 1 ? 3 : 4), using: &generator)
                // Skewed sizes, so that some groups are small.
                let skewed = Int.random(in: 0...9, using: &generator) < 2 ? 3 : team
                switch shape {
                case 0: // Team nested within Organisation.
                    respondents.append(["O\(skewed / 2)", "T\(skewed)"])
                case 1: // Organisation and Role crossed.
                    respondents.append(["O\(team)", "R\(Int.random(in: 0...9, using: &generator) < 3 ? 1 : 0)"])
                default: // Site mostly follows Team, but not always: overlapping.
                    let site = Int.random(in: 0...9, using: &generator) < 2 ? Int.random(in: 0..<3, using: &generator) : skewed % 3
                    respondents.append(["O\(skewed / 2)", "T\(skewed)", "S\(site)"])
                }
            }
            let groupings = ["Organisation", "Team", "Site"].prefix(respondents[0].count).map { $0 }
            let result = try published(respondents, groupings: groupings, minimum: minimum)
            guard result.overall.suppressed == nil else { continue }
            // Each figure as a respondent set, over the distinct combinations of groups.
            let atoms = Array(Set(respondents.map { $0.joined(separator: "|") })).sorted()
            let members = { (grouping: Int, group: String) in
                atoms.map { atom in respondents.filter { $0.joined(separator: "|") == atom && $0[grouping] == group }.count }
            }
            var shown = [atoms.map { atom in respondents.filter { $0.joined(separator: "|") == atom }.count }]
            var hidden = [(String, [Int])]()
            for (g, grouping) in groupings.enumerated() {
                for row in result.rows[grouping]! {
                    if row.figures.suppressed == nil { shown.append(members(g, row.group)) } else { hidden.append((row.group, members(g, row.group))) }
                }
            }
            #expect(shown.count <= 11, "round \(round): too many figures for the check")
            var reachable = Set<[Int]>([Array(repeating: 0, count: atoms.count)])
            for figure in shown {
                var next = reachable
                for vector in reachable {
                    next.insert(zip(vector, figure).map { $0 + $1 })
                    next.insert(zip(vector, figure).map { $0 - $1 })
                }
                reachable = next
            }
            for (group, vector) in hidden where vector.contains(where: { $0 > 0 }) {
                let recovered = reachable.contains(vector)
                #expect(!recovered, "round \(round): \(group) \(vector) can be worked out from the shown figures \(shown)")
            }
            tested += hidden.isEmpty ? 0 : 1
        }
        #expect(tested > 50)
    }

    // MARK: - Multi-select and weights

    @Test func multiSelectGivesCountsAndSharesPerOption() throws {
        let options = Scale(name: "multi_select", points: ["GP", "Housing", "Food bank"].map { Scale.Point(label: $0, score: 0, positive: false) })
        var survey = SurveyCase(questions: [Question(id: "used", text: "Used", scale: options, multiSelect: true)])
        survey.add([.selected([0, 1])], count: 3)
        survey.add([.selected([0])], count: 5)
        survey.add([.blank], count: 2)
        let result = try #require(try survey.run().survey.first)
        #expect(result.multiSelect == true)
        let figures = result.overall
        #expect(figures.responses == 8)
        #expect(figures.blank == 2)
        #expect(figures.percentPositive == nil && figures.meanScore == nil)
        #expect(figures.distribution == ["GP": 8, "Housing": 3])
        #expect(figures.options?["GP"] == OptionShare(count: 8, percent: 100, ci95: Interval(lower: 67.56, upper: 100)))
        #expect(figures.options?["Housing"]?.percent == 37.5)
        #expect(figures.options?["Food bank"] == OptionShare(count: 0, percent: 0, ci95: Interval(lower: 0, upper: 32.44)))
    }

    @Test func weightsGiveWeightedSharesAndKishEffectiveSize() throws {
        var survey = SurveyCase()
        survey.add([C.A], weight: 1)
        survey.add([C.SA], weight: 2)
        survey.add([C.D], weight: 1)
        survey.add([.excluded(0)], weight: 5)
        let figures = try #require(try survey.run().survey.first).overall
        // Σw = 4 on the scale, 3 of it positive; Σw² = 1 + 4 + 1 = 6, n = 16 / 6.
        #expect(figures.responses == 3)
        #expect(figures.percentPositive == 75)
        #expect(figures.meanScore == 4)   // (4·1 + 5·2 + 2·1) / 4
        #expect(figures.effectiveSampleSize == 2.7)
        let n = 16.0 / 6
        let ci = try #require(Proportion.wilson(successes: 0.75 * n, trials: n))
        #expect(figures.ci95 == Interval(lower: rounded(100 * ci.lower, places: 2), upper: rounded(100 * ci.upper, places: 2)))
    }

    @Test func responsesBeforeTheFirstWeightWeighOne() throws {
        var survey = SurveyCase()
        survey.add([C.A])
        survey.add([C.D])
        survey.add([C.A], weight: 2)
        let figures = try #require(try survey.run().survey.first).overall
        #expect(figures.percentPositive == 75)          // (1 + 2) / 4
        #expect(figures.effectiveSampleSize == 2.7)     // 16 / 6
    }

    @Test func manyGroupValuesAllCount() throws {
        var survey = SurveyCase()
        for team in 0..<40 { survey.add([C.A], groups: ["Team \(team)"], count: team % 3 + 1) }
        let rows = try #require(try survey.run().survey.first?.groups["Team"])
        #expect(rows.count == 40)
        let counted: Int = rows.map(\.figures.responses).reduce(0, +)
        let added: Int = (0..<40).map { $0 % 3 + 1 }.reduce(0, +)
        #expect(counted == added)
        #expect(rows.first { $0.group == "Team 31" }?.figures.responses == 2)
    }

    @Test func freeTextQuestionsHaveNoFigures() throws {
        var survey = SurveyCase(questions: [Question(id: "q", text: "Q", scale: C.agree5), Question(id: "said", text: "Said", scale: nil)])
        survey.add([C.A, .text("more time")])
        survey.add([C.A, .blank])
        #expect(try survey.run().survey.map(\.id) == ["q"])
    }

    // MARK: - Rows of a block

    /// Responses to a generated survey — a reversed scale with excluded labels, a multi-select
    /// and a free-text question, three groupings with blank values and small teams, and if
    /// `weighted`, weights from the 40th response to the 1500th (not on every row) — each
    /// materialized, and the same as rows of blocks.
    static func generatedSurvey(weighted: Bool) -> (materialized: [Record], blocks: [Record]) {
        let options = Scale(name: "multi_select", points: ["GP", "Housing", "Food bank", "Other"].map { Scale.Point(label: $0, score: 0, positive: false) })
        let survey = SurveyDefinition(source: "s", questions: [
            Question(id: "trust", text: "Trust", scale: C.agree5),
            Question(id: "silos", text: "Silos", scale: C.agree5, reverse: true),
            Question(id: "used", text: "Used", scale: options, multiSelect: true),
            Question(id: "said", text: "Said", scale: nil),
        ], groupings: ["Organisation", "Role", "Team"])
        var random = SeededGenerator(seed: 19)
        var materialized = [Record](), blocks = [Record]()
        var builder = ResponseBlock.Builder(survey: survey, source: "s", file: "x.csv")
        func flush() {
            guard let block = builder.build() else { return }
            blocks += (0..<block.count).map { .response(Response(block: block, row: $0)) }
        }
        for index in 0..<3000 {
            let groups = [["Council", "NHS", "Police", ""].randomElement(using: &random)!,
                          ["Manager", "Officer", ""].randomElement(using: &random)!,
                          "Team \(Int.random(in: 0..<50, using: &random) == 0 ? Int.random(in: 20..<35, using: &random) : Int.random(in: 0..<20, using: &random))"]
            func scaled() -> Answer {
                switch Int.random(in: 0..<10, using: &random) {
                case 0: .blank
                case 1: .excluded(Int.random(in: 0..<2, using: &random))
                default: .point(Int.random(in: 0..<5, using: &random))
                }
            }
            let ticked = (0..<4).filter { _ in Bool.random(using: &random) }
            let answers: [Answer] = [scaled(), scaled(), ticked.isEmpty ? .blank : .selected(ticked),
                                     Bool.random(using: &random) ? .text("comment \(index)") : .blank]
            let weight = weighted && (40..<1500).contains(index) && index % 7 != 0 ? Double(Int.random(in: 1...8, using: &random)) / 4 : nil
            let line = index + 2
            materialized.append(.response(Response(survey: survey, groups: groups, answers: answers, weight: weight,
                                                   provenance: Provenance(source: "s", file: "x.csv", line: line))))
            builder.append(line: line, groups: groups, answers: answers, weight: weight)
            if builder.count == 1000 || index == 1234 { flush() }
        }
        flush()
        return (materialized, blocks)
    }

    func aggregate(_ records: [Record], batchSize: Int) throws -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "P", code: "E1"), period: "t")
        let passed = try runStage(SurveyAggregateStage(configuration: .init(minGroupSize: 5)), records: records, batchSize: batchSize,
                                  into: &document)
        #expect(passed.records.count == records.count)
        return document
    }

    @Test(arguments: [false, true])
    func rowsOfABlockCountAsTheSameResponsesMaterialized(weighted: Bool) throws {
        let (materialized, blocks) = Self.generatedSurvey(weighted: weighted)
        #expect(blocks.allSatisfy { $0.responseRow != nil } && materialized.allSatisfy { $0.responseRow == nil })
        let expected = try aggregate(materialized, batchSize: 4096)
        #expect(expected.survey.count == 3)
        #expect(expected.dataQuality.suppressedCells > 0)
        #expect((expected.survey[0].overall.effectiveSampleSize != nil) == weighted)
        // Whole blocks, blocks cut by small batches, and rows mixed with materialized responses.
        let mixed = blocks.indices.map { $0 % 3 == 0 ? materialized[$0] : blocks[$0] }
        for (records, batchSize) in [(blocks, 4096), (blocks, 7), (mixed, 500)] {
            let document = try aggregate(records, batchSize: batchSize)
            #expect(document.survey == expected.survey)
            #expect(document.dataQuality.suppressedCells == expected.dataQuality.suppressedCells)
        }
    }

    // MARK: - Documentation

    @Test func sampleConfigurationDecodesAndMatchesTheFile() throws {
        try Pipeline.decodeSample(of: SurveyAggregateStage.self, base: FileManager.default.temporaryDirectory.path)
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/Stages/SurveyAggregate")
        let sample = try String(contentsOf: folder.appendingPathComponent("sample.yaml"), encoding: .utf8)
        #expect(sample.trimmingCharacters(in: .whitespacesAndNewlines) == SurveyAggregateStage.sampleConfiguration)
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        for option in SurveyAggregateStage.options { #expect(readme.contains("`\(option.name)`")) }
    }
}
