import BaselineCore
import BaselineSchema
import Testing

@Suite struct RecordTests {
    let provenance = Provenance(source: "s", file: "data/x.csv", line: 12, column: 3)

    @Test func provenanceTravelsWithEveryKind() {
        let survey = SurveyDefinition(source: "s", questions: [], groupings: [])
        let records: [Record] = [
            .observation(Observation(area: "E07999001", period: "2024", indicator: "I", value: .missing(.suppressed), provenance: provenance)),
            .response(Response(survey: survey, groups: [], answers: [], provenance: provenance)),
            .excerpt(Excerpt(document: "d", kind: "interview", text: "t", provenance: provenance)),
        ]
        #expect(records.map(\.provenance) == Array(repeating: provenance, count: 3))
        #expect(records.map(\.kind) == ["observation", "response", "excerpt"])
    }

    @Test func missingIsNotZero() {
        let value = Value.missing(.suppressed)
        #expect(value.number == nil)
        #expect(Value.number(0).number == 0)
    }

    @Test func locationReadsFileLineColumn() {
        #expect(provenance.location == "data/x.csv:12:3")
        #expect(Provenance(source: "s", file: "f.xml").location == "f.xml")
    }

    @Test func errorMessageShape() {
        let error = BaselineError(file: "p.yaml", line: 4, column: 7, "unknown key 'pathh'", hint: "did you mean 'path'?")
        #expect(error.description == "p.yaml:4:7: error: unknown key 'pathh' — did you mean 'path'?")
        #expect(BaselineError("no file").description == "error: no file")
    }

    @Test func countsReconcile() {
        var counts = SourceCounts(id: "s", adapter: "a", version: "1", onError: .quarantine, read: 10, passedOn: 7, quarantined: 2, skipped: 1)
        #expect(counts.reconciles)
        counts.passedOn = 8
        #expect(!counts.reconciles)
    }
}

@Suite struct SharedStorageTests {
    @Test func copiesShareStorageUntilOneChanges() {
        let attributes = ["role": "Housing officer", "organisation": "Millbrook Council"]
        var copy = attributes
        #expect(attributes.sharesStorage(with: copy))
        #expect(attributes.equalsFast(copy))
        copy["speaker"] = "A"
        #expect(!attributes.sharesStorage(with: copy))
        #expect(!attributes.equalsFast(copy))
    }

    @Test func equalDictionariesBuiltApartAreEqualWithoutSharing() {
        let one = ["role": "Housing officer", "organisation": "Millbrook Council"]
        var other = [String: String]()
        other["organisation"] = "Millbrook Council"
        other["role"] = "Housing officer"
        #expect(!one.sharesStorage(with: other))
        #expect(one.equalsFast(other))
        #expect([String: String]().equalsFast([:]))
    }
}
