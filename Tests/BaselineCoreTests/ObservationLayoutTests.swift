import BaselineCore
import Foundation
import Testing

/// `Observation` and `Provenance` spell their optional fields `Optional<T>` (so that they are
/// built in place, see `Observation`): what they read, write, compare and encode must be what
/// it was with `T?`.
@Suite struct ObservationLayoutTests {
    private func json(_ provenance: Provenance) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(provenance), as: UTF8.self)
    }

    @Test func provenanceJSONLeavesOutWhatIsUnknown() throws {
        #expect(try json(Provenance(source: "s", file: "f.xml")) == #"{"file":"f.xml","source":"s"}"#)
        #expect(try json(Provenance(source: "s", file: "f.xml", line: 4, column: 2, path: "A.B"))
                    == #"{"column":2,"file":"f.xml","line":4,"path":"A.B","source":"s"}"#)
        #expect(try json(Provenance(source: "s", file: "f.xml", path: "A.B")) == #"{"file":"f.xml","path":"A.B","source":"s"}"#)
    }

    @Test func provenanceDecodesWithOrWithoutItsOptionalFields() throws {
        let decoder = JSONDecoder()
        let bare = try decoder.decode(Provenance.self, from: Data(#"{"file":"f.xml","source":"s"}"#.utf8))
        #expect(bare == Provenance(source: "s", file: "f.xml"))
        #expect(bare.line == nil && bare.column == nil && bare.path == nil)
        let full = try decoder.decode(Provenance.self, from: Data(#"{"column":2,"file":"f","line":4,"path":"K","source":"s"}"#.utf8))
        #expect(full == Provenance(source: "s", file: "f", line: 4, column: 2, path: "K"))
        let null = try decoder.decode(Provenance.self, from: Data(#"{"file":"f","line":null,"source":"s"}"#.utf8))
        #expect(null.line == nil)
    }

    @Test func provenanceEqualityAndHashingSeeEveryField() {
        let one = Provenance(source: "s", file: "f", line: 1, column: 2, path: "p")
        var set: Set<Provenance> = [one]
        for changed in [Provenance(source: "t", file: "f", line: 1, column: 2, path: "p"),
                        Provenance(source: "s", file: "g", line: 1, column: 2, path: "p"),
                        Provenance(source: "s", file: "f", column: 2, path: "p"),
                        Provenance(source: "s", file: "f", line: 1, path: "p"),
                        Provenance(source: "s", file: "f", line: 1, column: 2)] {
            #expect(changed != one)
            set.insert(changed)
        }
        #expect(set.count == 6)
        #expect(set.contains(Provenance(source: "s", file: "f", line: 1, column: 2, path: "p")))
    }

    @Test func settingAFieldOfACopyLeavesTheOriginal() {
        let original = Provenance(source: "s", file: "f", line: 1, path: "p")
        var copy = original
        copy.line = nil
        copy.path = "mean of 3 area values"
        copy.column = 9
        #expect(original == Provenance(source: "s", file: "f", line: 1, path: "p"))
        #expect(copy.location == "f:9" && copy.path == "mean of 3 area values")
    }

    @Test func observationKeepsEveryFieldItIsGiven() {
        let provenance = Provenance(source: "s", file: "f", line: 7, path: "E1.I")
        let full = Observation(area: "E1", areaName: "Millbrook", period: "2024", indicator: "I", value: .number(4.5),
                               unit: "%", count: 9, denominator: 200, lower: 3.5, upper: 5.5,
                               attributes: ["status": "A"], provenance: provenance)
        #expect(full.area == "E1" && full.areaName == "Millbrook" && full.period == "2024" && full.indicator == "I")
        #expect(full.value == .number(4.5) && full.unit == "%")
        #expect(full.count == 9 && full.denominator == 200 && full.lower == 3.5 && full.upper == 5.5)
        #expect(full.attributes == ["status": "A"] && full.provenance == provenance)
        let bare = Observation(area: "E1", period: "2024", indicator: "I", value: .missing(.suppressed), provenance: provenance)
        #expect(bare.areaName == nil && bare.unit == nil && bare.count == nil && bare.denominator == nil)
        #expect(bare.lower == nil && bare.upper == nil && bare.attributes.isEmpty)
        var changed = full
        changed.unit = nil
        changed.count = nil
        #expect(full.unit == "%" && full.count == 9)
        #expect(changed.unit == nil && changed.count == nil)
    }
}
