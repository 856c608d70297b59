import BaselineCore
import Testing

@Suite struct ResponseBlockTests {
    static let agree = Scale(name: "agree3", points: ["Disagree", "Neither", "Agree"].enumerated()
        .map { Scale.Point(label: $1, score: Double($0 + 1), positive: $0 == 2) }, excluded: ["Don't know", "N/A"])
    static let options = Scale(name: "multi_select", points: ["GP", "Housing", "Food bank"].map { Scale.Point(label: $0, score: 0, positive: false) })
    let survey = SurveyDefinition(source: "staff", questions: [
        Question(id: "trust", text: "Trust", scale: agree),
        Question(id: "used", text: "Used", scale: options, multiSelect: true),
        Question(id: "said", text: "Said", scale: nil),
    ], groupings: ["Organisation", "Role"])

    /// Responses with every kind of answer, blank groups, and weights on some rows only.
    var materialized: [Response] {
        let rows: [(groups: [String], answers: [Answer], weight: Double?)] = [
            (["Council", "Manager"], [.point(2), .selected([0, 2]), .text("more time")], nil),
            (["NHS", ""], [.excluded(1), .blank, .blank], 0.5),
            (["Council", "Officer"], [.blank, .selected([1]), .text("")], nil),
            (["", ""], [.point(0), .blank, .text("less paperwork")], 2),
            (["NHS", "Manager"], [.excluded(0), .selected([0, 1, 2]), .blank], 0),
        ]
        return rows.enumerated().map { index, row in
            Response(survey: survey, groups: row.groups, answers: row.answers, weight: row.weight,
                     provenance: Provenance(source: "staff", file: "data/staff.csv", line: 10 + 3 * index))
        }
    }

    func block(of responses: [Response]) throws -> ResponseBlock {
        var builder = ResponseBlock.Builder(survey: survey, source: "staff", file: "data/staff.csv")
        for response in responses {
            builder.append(line: response.provenance.line!, groups: response.groups, answers: response.answers, weight: response.weight)
        }
        let built = builder.build()
        return try #require(built)
    }

    func expectSame(_ view: Response, _ response: Response) {
        #expect(view.survey === response.survey)
        #expect(view.respondent == nil)
        #expect(view.groups == response.groups)
        #expect(view.answers == response.answers)
        #expect(view.weight == response.weight)
        #expect(view.provenance == response.provenance)
    }

    @Test func aRowReadsBackWhatAMaterializedResponseHolds() throws {
        let responses = materialized
        let block = try block(of: responses)
        #expect(block.count == responses.count)
        for (row, response) in responses.enumerated() {
            let view = Response(block: block, row: row)
            #expect(view.blockRow?.block === block && view.blockRow?.row == row)
            expectSame(view, response)
            let record = Record.response(view)
            #expect(record.provenance == response.provenance)
            #expect(record.responseRow?.row == row)
            #expect(record.tallied?.answers == response.answers)
        }
        #expect(block.groupValues == [["Council", "NHS", ""], ["Manager", "", "Officer"]])
        #expect(Record.response(responses[0]).responseRow == nil)
    }

    @Test func settingAFieldOfARowGivesItFieldsOfItsOwn() throws {
        let responses = materialized
        let block = try block(of: responses)
        var changed = Response(block: block, row: 0)
        changed.answers[2] = .text("[name] said more time")
        #expect(changed.blockRow == nil)
        #expect(changed.answers == [.point(2), .selected([0, 2]), .text("[name] said more time")])
        #expect(changed.groups == responses[0].groups)
        #expect(changed.provenance == responses[0].provenance)
        #expect(changed.survey === survey)
        changed.groups[1] = "Director"
        changed.weight = 3
        changed.respondent = "R1"
        changed.provenance.path = "said"
        #expect(changed.groups == ["Council", "Director"])
        #expect(changed.weight == 3 && changed.respondent == "R1" && changed.provenance.path == "said")
        #expect(changed.answers[2] == .text("[name] said more time"))
        // The block and its other rows are as they were.
        for (row, response) in responses.enumerated() { expectSame(Response(block: block, row: row), response) }

        var record = Record.response(Response(block: block, row: 3))
        record.modifyResponse { $0.weight = nil }
        #expect(record.responseRow == nil)
        #expect(record.tallied?.weight == nil)
        #expect(record.provenance == responses[3].provenance)
        #expect(Response(block: block, row: 3).weight == 2)
    }

    @Test func aBlockWithoutWeightsKeepsNone() throws {
        var builder = ResponseBlock.Builder(survey: survey, source: "staff", file: "f.csv")
        builder.append(line: 2, groups: ["A", "B"], answers: [.point(1), .blank, .blank], weight: nil)
        let built = builder.build()
        let block = try #require(built)
        #expect(block.weights.isEmpty)
        #expect(Response(block: block, row: 0).weight == nil)
        let none = builder.build()
        #expect(none == nil)
    }

    @Test func valueNumbersKeepTheirMeaningFromBlockToBlock() throws {
        let survey = SurveyDefinition(source: "s", questions: [Question(id: "q", text: "Q", scale: Self.agree)], groupings: ["Team"])
        var builder = ResponseBlock.Builder(survey: survey, source: "s", file: "f.csv")
        var asked = [Int]()
        let names = ["Red", "Blue", "Green"]
        func add(line: Int, value: Int) {
            var group = builder.code(grouping: 0, value: value) { asked.append(value); return names[value] }
            var answer = AnswerCode.point(value)
            withUnsafePointer(to: &group) { groups in
                withUnsafePointer(to: &answer) {
                    builder.append(line: line, groups: UnsafeBufferPointer(start: groups, count: 1), answers: UnsafeBufferPointer(start: $0, count: 1),
                                   weight: nil)
                }
            }
        }
        add(line: 2, value: 2)
        add(line: 3, value: 0)
        add(line: 4, value: 2)
        let built = builder.build()
        let first = try #require(built)
        add(line: 5, value: 1)
        add(line: 6, value: 2)
        let builtAgain = builder.build()
        let second = try #require(builtAgain)
        #expect(asked == [2, 0, 1, 2])
        #expect(first.groupValues == [["Green", "Red"]] && first.groupCodes == [0, 1, 0])
        #expect(second.groupValues == [["Blue", "Green"]] && second.groupCodes == [0, 1])
        #expect((0..<2).map { Response(block: second, row: $0).groups } == [["Blue"], ["Green"]])
        #expect((0..<2).map { Response(block: second, row: $0).provenance.line } == [5, 6])
    }

    @Test func answerCodesKeepTheirKindAndIndex() {
        #expect(AnswerCode.blank.kind == .blank)
        #expect(AnswerCode.point(7).kind == .point && AnswerCode.point(7).index == 7)
        #expect(AnswerCode.excluded(1).kind == .excluded && AnswerCode.excluded(1).index == 1)
        #expect(AnswerCode.point(0) != AnswerCode.blank && AnswerCode.point(0) != AnswerCode.excluded(0))
    }

    @Test func aResponseIsSmall() {
        // A row of a block is the block and a number; a response of its own is one boxed reference.
        #expect(MemoryLayout<Response>.size <= 17)
    }

    // MARK: - A batch of a block's rows

    @Test func aBatchOfABlockListsItsRowsAfterTheRecordsItHolds() throws {
        let responses = materialized
        let block = try block(of: responses)
        var batch = RecordBatch(responses: block, rejects: [Reject(provenance: Provenance(source: "staff", file: "data/staff.csv", line: 4), reason: "ragged row")])
        #expect(!batch.isEmpty)
        #expect(batch.recordCount == responses.count)
        #expect(batch.heldRecords.isEmpty)
        #expect(!batch.hasObservations)
        #expect(batch.lastRecordLine == responses.last?.provenance.line)
        // Read as records, each row is the response it was made from; reading twice makes them twice, the batch keeps its block.
        for _ in 0..<2 {
            let records = batch.records
            #expect(records.count == responses.count)
            for (record, response) in zip(records, responses) {
                guard case .response(let view) = record else { Issue.record("not a response: \(record)"); continue }
                expectSame(view, response)
            }
            #expect(batch.responseBlock === block)
        }
        // Made into records once: the same records, held, and no block.
        batch.makeRecords()
        batch.makeRecords()
        #expect(batch.responseBlock == nil)
        #expect(batch.recordCount == responses.count && batch.heldRecords.count == responses.count)
        #expect(batch.records.map(\.provenance) == responses.map(\.provenance))
        #expect(batch.rejects.count == 1)
    }

    @Test func changingTheRecordsOfABatchOfABlockChangesOnlyThatRow() throws {
        let responses = materialized
        let block = try block(of: responses)
        var batch = RecordBatch(records: [.response(responses[0])], responses: block)
        #expect(batch.recordCount == responses.count + 1)
        batch.records[2].modifyResponse { $0.weight = 9 }
        #expect(batch.responseBlock == nil)
        #expect(batch.recordCount == responses.count + 1)
        let weights = batch.records.map { record -> Double? in
            guard case .response(let response) = record else { return -1 }
            return response.weight
        }
        #expect(weights == [nil] + responses.map(\.weight).enumerated().map { $0 == 1 ? 9 : $1 })
        // The block itself is unchanged.
        #expect(Response(block: block, row: 1).weight == responses[1].weight)
        // Setting the records drops the rows as rows too.
        var replaced = RecordBatch(responses: block)
        replaced.records = []
        #expect(replaced.isEmpty && replaced.recordCount == 0 && replaced.responseBlock == nil)
    }
}
