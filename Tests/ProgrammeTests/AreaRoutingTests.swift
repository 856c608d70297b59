import BaselineCLI
import BaselineCore
import BaselineSchema
import BaselineTestKit
import Dispatch
import Foundation
import Synchronization
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
        #expect(router.places(keeping: "E") == [0, 1])
        #expect(router.places(keeping: "Z").isEmpty)
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
        let seen = Mutex([Int: (lines: [Int], counted: Int, batches: Int)]())
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
    let lines = Mutex([Int]())

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
