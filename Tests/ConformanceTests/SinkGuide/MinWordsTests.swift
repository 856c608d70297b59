import BaselineCore
import BaselineSchema
import BaselineTestKit
import Testing

@Suite struct MinWordsTests {
    static func excerpt(_ text: String, line: Int) -> Record {
        .excerpt(Excerpt(document: "notes.md", kind: "interview", text: text, provenance: Provenance(source: "notes", file: "notes.md", line: line)))
    }

    @Test("Excerpts of fewer than min_words words are set aside by rule, at their line; the rest go on")
    func setsAsideShortExcerpts() throws {
        let configuration = try decodeConfiguration(MinWordsStage.self, entry: "stage: min-words\nmin_words: 3", base: "/")
        let context = StageContext(pipeline: PipelineContext(placeName: "Millbrook", placeCode: "E07999001", period: "2025", baseDirectory: "/"))
        let stage = try MinWordsStage.makeStage(configuration: configuration, context: context)
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let out = try runStage(stage, records: [Self.excerpt("Yes, often.", line: 3), Self.excerpt("We never hear back from housing.", line: 7)],
                               into: &document)
        #expect(out.records.map(\.provenance.line) == [7])
        #expect(out.rejects.map(\.provenance.line) == [3] && out.rejects.allSatisfy(\.leftOutByRule))
    }

    @Test("min_words below 1 is an error at its value")
    func minWordsChecked() {
        let error = #expect(throws: BaselineError.self) {
            try decodeConfiguration(MinWordsStage.self, entry: "stage: min-words\nmin_words: 0", base: "/")
        }
        #expect(error?.line == 2 && error?.column == 12)
    }
}
