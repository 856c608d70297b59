import BaselineCore
import BaselineIndicators
import Testing
@testable import XMLDataset

/// The SDMX reader's way for plain observations (a period, a value and a status code, the rest
/// from the series): the components it clears for each, and the builder's fields checked once a
/// series, which must make the observation the full way makes.
@Suite struct SDMXPlainObservationTests {
    func builder() -> ObservationBuilder {
        ObservationBuilder(source: "s", file: "in.xml", values: ValueReader(), statusCodes: ["P": .flag(.provisional)],
                           confidentialityCodes: [:], periodStyle: .iso)
    }

    /// Every field of an observation, its attributes in order of name (a dictionary's own
    /// description lists them in an order of its own).
    func described(_ record: Record) -> String {
        guard case .observation(var observation) = record else { return "not an observation" }
        let attributes = observation.attributes.sorted { $0.key < $1.key }
        observation.attributes = [:]
        return "\(observation) \(attributes)"
    }

    @Test("`reset` clears every field set, and only a period, a measure and a status make an observation plain")
    func resetAndPlain() {
        typealias Role = SDMXReader.Role
        let name = XMLName.none
        var components = SDMXReader.Components()
        #expect(components.isPlain)
        for role in [Role.period, .measure, .status] { components.set(role, name, "x") }
        #expect(components.isPlain)
        let others: [Role] = [.area, .unit, .count, .denominator, .lower, .upper, .confidentiality, .dimension, .attribute]
        for role in others {
            var one = components
            one.set(role, name, "x")
            #expect(!one.isPlain, "\(role)")
        }
        for role in others { components.set(role, name, "x") }
        components.reading = ValueReader.Reading(value: .number(1))
        components.reset()
        #expect(components.period == nil && components.area == nil && components.measure == nil && components.unit == nil)
        #expect(components.count == nil && components.denominator == nil && components.lower == nil && components.upper == nil)
        #expect(components.status == nil && components.confidentiality == nil && components.reading == nil)
        #expect(components.dimensions.isEmpty && components.attributes.isEmpty && components.held == 0 && components.isPlain)
        components.set(.unit, name, "PC")
        #expect(components.unit == "PC")
    }

    @Test("A plain observation made from its series' fields is the one `add(area:…)` makes")
    func plainIsTheSame() throws {
        let full = builder(), plain = builder()
        let reading = ValueReader.Reading(value: .number(2.5))
        for status in [nil, "P", "A"] as [String?] {
            full.add(area: "E06000001", period: "2022", indicator: "POP", reading: reading, value: nil, unit: "PC", count: "3",
                     denominator: "4", lower: "1", upper: "x", status: status, confidentiality: nil, attributes: ["NOTE": "n"],
                     line: 7, element: 3, path: "E06000001.POP", content: "")
            let fields = try #require(plain.seriesFields(area: "E06000001", indicator: "POP", unit: "PC", count: "3", denominator: "4",
                                                         lower: "1", upper: "x", path: "E06000001.POP"))
            #expect(plain.add(fields, period: "2022", reading: reading, status: status, confidentiality: nil, attributes: ["NOTE": "n"],
                              line: 7))
        }
        #expect(full.records.count == 3 && full.rejects.isEmpty)
        #expect(full.records.map(described) == plain.records.map(described))
        let flagged = try #require(plain.records.dropFirst().first)
        guard case .observation(let observation) = flagged else { Issue.record("not an observation"); return }
        #expect(observation.attributes["status"] == "provisional" && observation.provenance.path == "E06000001.POP")
    }

    @Test("Series fields `add(area:…)` would set aside are none, and a period that is not one adds nothing")
    func checksFail() throws {
        let builder = builder()
        #expect(builder.seriesFields(area: "", indicator: "POP", unit: nil, count: nil, denominator: nil, lower: nil, upper: nil,
                                     path: nil) == nil)
        #expect(builder.seriesFields(area: "E06000001", indicator: nil, unit: nil, count: nil, denominator: nil, lower: nil,
                                     upper: nil, path: nil) == nil)
        #expect(builder.seriesFields(area: "E06000001", indicator: "POP", unit: nil, count: nil, denominator: "many", lower: nil,
                                     upper: nil, path: nil) == nil)
        let fields = try #require(builder.seriesFields(area: "E06000001", indicator: "POP", unit: nil, count: nil, denominator: nil,
                                                       lower: nil, upper: nil, path: nil))
        let reading = ValueReader.Reading(value: .number(1))
        #expect(!builder.add(fields, period: "last year", reading: reading, status: nil, confidentiality: nil, attributes: [:], line: 1))
        #expect(!builder.add(fields, period: "", reading: reading, status: nil, confidentiality: nil, attributes: [:], line: 1))
        #expect(builder.records.isEmpty && builder.rejects.isEmpty)
    }

    @Test("An attribute's bytes are compared with the text read last at its place")
    func memoComparesBytes() {
        func equal(_ text: String, _ bytes: String) -> Bool {
            Array(bytes.utf8).withUnsafeBufferPointer { SDMXReader.RoleMemo.equal(text, $0) }
        }
        #expect(equal("2022", "2022") && equal("", "") && equal(String(repeating: "é", count: 20), String(repeating: "é", count: 20)))
        #expect(!equal("2022", "2023") && !equal("2022", "202") && !equal("", "A") && !equal("A", ""))
        #expect(!equal(String(repeating: "a", count: 30), String(repeating: "a", count: 29) + "b"))
    }
}
