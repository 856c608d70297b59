import BaselineCLI
import BaselineCore
import BaselineHandoff
import BaselineSchema
import BaselineTestKit
import Dispatch
import Foundation
import Testing
@testable import BaselinePipeline

/// Routing a shared source by area: the router's split, a routed `SharedSource` (each place its
/// part, nothing for nothing, every observation counted), and which pipelines are routed.
@Suite(.timeLimit(.minutes(1))) struct AreaRoutingTests {
    static func observation(_ area: String, line: Int) -> Record {
        .observation(Observation(area: area, period: "2024", indicator: "x", value: .number(Double(line)),
                                 provenance: Provenance(source: "national", file: "n.csv", line: line)))
    }

    static func lines(_ batch: RecordBatch) -> [Int] {
        batch.records.map { $0.provenance.line ?? 0 }
    }

    @Test func eachPlaceGetsItsAreasObservationsEveryOtherRecordAndEveryReject() {
        let router = AreaRouter(places: 3, areas: [0: ["A", "E"], 1: ["B", "E"], 2: []])
        let excerpt = Record.excerpt(Excerpt(document: "d", kind: "notes", text: "t", provenance: Provenance(source: "national", file: "n.csv", line: 5)))
        let reject = Reject(provenance: Provenance(source: "national", file: "n.csv", line: 9), reason: "bad", content: "x")
        let batch = RecordBatch(records: [Self.observation("A", line: 1), Self.observation("A", line: 2), Self.observation("B", line: 3),
                                          Self.observation("E", line: 4), excerpt, Self.observation("Z", line: 6), Self.observation("A", line: 7)],
                                rejects: [reject])
        let parts = router.split(batch)
        #expect(parts.map(Self.lines) == [[1, 2, 4, 5, 7], [3, 4, 5], [5]])
        #expect(parts.map(\.observationsElsewhere) == [2, 4, 6])
        #expect(parts.allSatisfy { $0.rejects.count == 1 && $0.rejects[0].reason == "bad" })
    }

    @Test(arguments: [1, 2])
    func aRoutedSourceGivesEachPlaceItsPartsAndCountsTheRest(jobs: Int) {
        // Batch i holds one observation of area "A\(i % 3)"; place p keeps area "A\(p)". Five
        // batches in the middle are of an area no place keeps: they never reach the buffer.
        let batches = (0..<30).map { RecordBatch(records: [Self.observation("A\($0 % 3)", line: $0)]) }
        let nobody = (100..<105).map { RecordBatch(records: [Self.observation("Z", line: $0)]) }
        let pass = Pass()
        let router = AreaRouter(places: 3, areas: [0: ["A0"], 1: ["A1"], 2: ["A2"]])
        let shared = SharedSource(ArraySource(batches: Array(batches[..<10]) + nobody + batches[10...]), places: 3, depth: 2, routing: .init(router: router, passes: [pass]), onRead: { _ in })
        shared.start()
        let turns = DispatchSemaphore(value: jobs)
        let seen = Locked([Int: (lines: [Int], counted: Int, batches: Int)]())
        let group = DispatchGroup()
        for place in 0..<3 {
            group.enter()
            Thread {
                turns.wait()
                let reader = SharedSourceReader(shared, place: place, turns: turns)
                var lines = [Int](), counted = 0, count = 0
                while let batch = try! reader.next() {
                    lines += Self.lines(batch)
                    counted += batch.records.count + batch.observationsElsewhere
                    count += 1
                }
                shared.leave(place)
                turns.signal()
                seen.withLock { $0[place] = (lines, counted, count) }
                group.leave()
            }.start()
        }
        group.wait()
        shared.finish()
        seen.withLock { seen in
            for place in 0..<3 {
                #expect(seen[place]?.lines == Array(stride(from: place, to: 30, by: 3)), "place \(place)")
                #expect(seen[place]?.counted == 35, "place \(place): every observation of the file counted")
                // Parts with nothing for the place are passed over: its ten, and one last count for place 0 and 1.
                #expect(seen[place]?.batches == (place == 2 ? 10 : 11), "place \(place)")
            }
        }
        #expect(pass.lines.withLock { $0 } == Array(0..<10) + Array(100..<105) + Array(10..<30))
    }

    // MARK: - A routed run, in process (so that ThreadSanitizer sees the shared pass)

    /// Ten districts, a region and England; an indicator not in the catalogue; a repeated row
    /// and a row that is not a number.
    static func nationalFile() -> String {
        var rows = ["Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit"]
        let areas = (1...10).map { String(format: "E07000%03d", $0) } + ["E12000001", "E92000001"]
        for (i, indicator) in ["IND1", "IND2", "XTRA"].enumerated() {
            for (a, code) in areas.enumerated() {
                for sex in ["Persons", "Male"] {
                    let value = Double(10 + i * 7 + (a * 13) % 29) + (sex == "Male" ? 1.5 : 0)
                    rows.append("\(indicator),Indicator \(indicator),\(code),Area \(code),,\(sex),All ages,2024,\(value),\(value - 1),\(value + 1)")
                }
            }
        }
        rows.append("IND2,Indicator IND2,E07000004,Area E07000004,,Persons,All ages,2024,99.5,98,101")
        rows.append("IND2,Indicator IND2,E07000005,Area E07000005,,Persons,All ages,2024,not a number,,")
        return rows.joined(separator: "\n") + "\n"
    }

    @Test func aRoutedRunWritesWhatABroadcastRunWrites() throws {
        let scratch = try Scratch()
        let files = [
            "national.csv": Self.nationalFile(),
            "catalogue.yaml": """
                indicators:
                  - { id: IND1, name: First, unit: "%", value_type: proportion, polarity: high_is_good, theme: test }
                  - { id: IND2, name: Second, unit: "%", value_type: proportion, polarity: low_is_good, theme: test }

                """,
        ]
        for (name, text) in files { try Data(text.utf8).write(to: scratch.url.appendingPathComponent(name)) }
        let programme = try Self.programme(sources: Self.national + "\n    max_rejected: 10%", transforms: """
              - stage: indicators
                catalogue: catalogue.yaml
                aggregate: mean_by_indicator_period
              - stage: benchmark
            """, in: scratch.url)
        #expect(programme.routing?.stages == [0])
        var written = [Bool: [String: Data]]()
        for routes in [true, false] {
            let root = scratch.url.appendingPathComponent(routes ? "routed" : "broadcast").path
            let outcomes = ProgrammeRunner(programme: programme, options: .init(outputRoot: root, jobs: 2, routesByArea: routes))
                .run(programme.placesFile.places)
            #expect(outcomes.allSatisfy { $0.error == nil }, "\(outcomes.compactMap { $0.error })")
            var files = [String: Data]()
            let base = URL(fileURLWithPath: root)
            for case let url as URL in FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)! where !url.hasDirectoryPath {
                files[url.path.replacingOccurrences(of: base.path, with: "")] = try Data(contentsOf: url)
            }
            written[routes] = files
        }
        #expect(written[true]?.count == 4)
        #expect(written[true] == written[false])
        let one = String(decoding: written[true]?["/one/2024/baseline.json"] ?? Data(), as: UTF8.self)
        for part in ["\"range_across_areas\"", "\"uncatalogued_indicators\"", "repeated an area already in the mean", "\"quarantined\" : 1"] {
            #expect(one.contains(part), "\(part)")
        }
    }

    // MARK: - Which pipelines are routed

    static func programme(sources: String, transforms: String, in scratch: URL) throws -> Programme {
        try Data("code,name,region\nE07000001,One,E12000001\nE07000002,Two,E12000001\n".utf8).write(to: scratch.appendingPathComponent("places.csv"))
        let file = scratch.appendingPathComponent("programme.yaml").path
        try Data("""
            places: places.csv
            period: "2024"
            benchmarks:
              - { code: E12000001, name: Region, role: region }
            sources:
            \(sources)
            transforms:
            \(transforms)
            sinks:
              - sink: dashboard-json

            """.utf8).write(to: URL(fileURLWithPath: file))
        return try Programme(file: file, registry: BuiltinPlugins.registry)
    }

    static let national = """
          - id: national
            adapter: csv-indicators
            path: national.csv
            layout: fingertips
        """
    static let survey = """
          - id: survey
            adapter: csv-survey
            path: "{slug}.csv"
            questions: [{ column: Q, id: q }]
        """

    @Test func aSharedFileOnlyIndicatorsTakeIsRouted() throws {
        let scratch = try Scratch()
        let programme = try Self.programme(sources: Self.survey + "\n" + Self.national, transforms: """
              - stage: survey-aggregate
              - stage: indicators
                catalogue: catalogue.yaml
              - stage: benchmark
            """, in: scratch.url)
        #expect(programme.routing?.source == 1)
        #expect(programme.routing?.stages == [1])
    }

    @Test func joinAPlaceholderOrASecondSourceOfObservationsKeepsItBroadcast() throws {
        let scratch = try Scratch()
        let join = try Self.programme(sources: Self.national, transforms: """
              - stage: join
                lookup: names.csv
              - stage: indicators
                catalogue: catalogue.yaml
            """, in: scratch.url)
        #expect(join.routing == nil)
        let placeholder = try Self.programme(sources: Self.national, transforms: """
              - stage: indicators
                catalogue: catalogue.yaml
                areas: ["{code}"]
            """, in: scratch.url)
        #expect(placeholder.routing == nil)
        let own = try Self.programme(sources: Self.national + "\n" + """
              - id: local
                adapter: csv-indicators
                path: "{slug}-indicators.csv"
                layout: fingertips
            """, transforms: """
              - stage: indicators
                catalogue: catalogue.yaml
            """, in: scratch.url)
        #expect(own.routing == nil)
    }
}

/// A shared pass that notes the lines it was given.
private final class Pass: SharedAreaPass, @unchecked Sendable {
    let lines = Locked([Int]())

    func add(_ batch: RecordBatch) {
        lines.withLock { $0 += batch.records.map { $0.provenance.line ?? 0 } }
    }
}

/// A folder of its own, removed afterwards.
private final class Scratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-routing-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
