import BaselineCore
import BaselinePipeline
import BaselineSchema
import BaselineStatistics
import BaselineTestKit
import Foundation
@testable import Join
import Testing

/// The join stage on a small, hand-made geography: three small areas in Testham (E07000001),
/// two in Otherton (E07000002).
@Suite struct JoinStageTests {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("join-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let files = [
            "lookup.csv": """
                LSOA21CD,LSOA21NM,LAD23CD,LAD23NM
                E01000001,Testham 001A,E07000001,Testham
                E01000002,Testham 001B,E07000001,Testham
                E01000003,Testham 002A,E07000001,Testham
                E01000004,Otherton 001A,E07000002,Otherton
                E01000005,Otherton 001B,E07000002,Otherton

                """,
            "aliases.csv": "alias,code\n\"Testham, District of\",E07000001\n",
            "changes.csv": "old,new\nE07000009,E07000002\n",
            "catalogue.yaml": """
                indicators:
                  - { id: ready, name: Ready, unit: "%", value_type: proportion, polarity: high_is_good }
                  - { id: homeless, name: Homeless, unit: per 1000, value_type: rate, multiplier: 1000, polarity: low_is_good }
                  - { id: life, name: Life expectancy, unit: years, value_type: mean, polarity: high_is_good }
                  - { id: people, name: People, unit: people, value_type: count, polarity: no_judgement }
                  - { id: pop, name: Population, unit: people, value_type: count, polarity: no_judgement }

                """,
        ]
        for (name, text) in files {
            try! text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return url
    }()

    func stage(population: String? = nil) throws -> JoinStage {
        var yaml = "lookup: lookup.csv\nfrom: LSOA21CD\nto: LAD23CD\ncatalogue: catalogue.yaml\naliases: aliases.csv\ncode_changes: changes.csv\n"
        if let population { yaml += "population: \(population)\n" }
        let configuration = try decodeConfiguration(JoinStage.self, entry: yaml, base: Self.folder.path)
        return JoinStage(configuration: configuration, placeCode: "E07000001")
    }

    func observation(_ area: String, _ indicator: String, _ value: Value, count: Double? = nil, denominator: Double? = nil,
                     period: String = "2024", line: Int = 1) -> Record {
        .observation(Observation(area: area, period: period, indicator: indicator, value: value, count: count, denominator: denominator,
                                 provenance: Provenance(source: "s", file: "data.xml", line: line)))
    }

    func run(_ stage: JoinStage, _ records: [Record]) throws -> (passed: [Observation], flushed: [Observation], rejects: [Reject], document: BaselineDocument) {
        var document = BaselineDocument(place: Place(name: "Testham", code: "E07000001"), period: "2024")
        // runStage flushes as the runner does: the roll-ups come last, marked as such.
        let out = try runStage(stage, records: records, into: &document)
        let observations = out.records.compactMap { record -> Observation? in
            if case .observation(let o) = record { return o }
            return nil
        }
        let flushed = observations.filter { $0.attributes["rolled_up_from"] != nil }
        let passed = observations.filter { $0.attributes["rolled_up_from"] == nil }
        return (passed, flushed, out.rejects, document)
    }

    @Test func proportionsRollUpBySummingCountsAndDenominators() throws {
        // (10 + 20 + 60) / (100 + 200 + 300) = 15%; the plain mean of 10%, 10% and 20% would be 13.33%.
        let result = try run(stage(), [
            observation("E01000001", "ready", .number(10), count: 10, denominator: 100),
            observation("E01000002", "ready", .number(10), count: 20, denominator: 200),
            observation("E01000003", "ready", .number(20), count: 60, denominator: 300),
        ])
        #expect(result.passed.count == 3)
        let place = try #require(result.flushed.first { $0.area == "E07000001" })
        #expect(place.value == .number(15))
        #expect(place.count == 90 && place.denominator == 600)
        #expect(place.provenance.path == "rolled up from 3 areas by lookup.csv")
        #expect(result.flushed.count == 1)
    }

    @Test func ratesUseTheirMultiplierAndCountsAreSummed() throws {
        let result = try run(stage(), [
            observation("E01000004", "homeless", .number(5), count: 5, denominator: 1000),
            observation("E01000005", "homeless", .number(15), count: 30, denominator: 2000),
            observation("E01000004", "people", .number(1200)),
            observation("E01000005", "people", .number(800)),
        ])
        let rate = try #require(result.flushed.first { $0.indicator == "homeless" })
        #expect(rate.value == .number(rounded(35.0 / 3000 * 1000, places: 6)))
        #expect(result.flushed.first { $0.indicator == "people" }?.value == .number(2000))
    }

    /// police-uk's counts carry their `count` of events, what `baseline diff` tests a count
    /// with; the roll-up dropped it, so the place's crimes had a value and no count.
    @Test func aCountOfEventsRollsUpWithItsCountWhenEverySmallAreaHasOne() throws {
        let result = try run(stage(), [
            observation("E01000004", "people", .number(12), count: 12),
            observation("E01000005", "people", .number(8), count: 8),
            observation("E01000001", "people", .number(5), count: 5),
            observation("E01000002", "people", .number(1)),
            observation("E01000003", "people", .number(2), count: 2),
        ])
        let otherton = try #require(result.flushed.first { $0.area == "E07000002" })
        #expect(otherton.value == .number(20) && otherton.count == 20 && otherton.denominator == nil)
        // One small area without a count: the sum of values stands, with no count (not one of part of the area).
        let testham = try #require(result.flushed.first { $0.area == "E07000001" })
        #expect(testham.value == .number(8) && testham.count == nil)
    }

    @Test func meansAreWeightedByPopulationNeverAveragedPlainly() throws {
        // (70 × 100 + 80 × 300) / 400 = 77.5, not the plain mean 75.
        let result = try run(stage(population: "pop"), [
            observation("E01000004", "pop", .number(100)), observation("E01000005", "pop", .number(300)),
            observation("E01000004", "life", .number(70)), observation("E01000005", "life", .number(80)),
        ])
        #expect(result.flushed.first { $0.indicator == "life" }?.value == .number(77.5))
        let unweighted = try run(stage(), [observation("E01000004", "life", .number(70)), observation("E01000005", "life", .number(80))])
        #expect(unweighted.flushed.first { $0.indicator == "life" }?.value == .missing(.notAvailable), "no weights: no mean")
    }

    @Test func aMissingOrAbsentSmallAreaLeavesTheRollUpMissing() throws {
        let result = try run(stage(), [
            observation("E01000001", "ready", .number(10), count: 10, denominator: 100),
            observation("E01000002", "ready", .missing(.suppressed)),
            observation("E01000003", "ready", .number(20), count: 60, denominator: 300),
            observation("E01000004", "ready", .number(20), count: 20, denominator: 100),
        ])
        #expect(result.flushed.first { $0.area == "E07000001" }?.value == .missing(.suppressed))
        #expect(result.flushed.first { $0.area == "E07000002" }?.value == .missing(.notAvailable))
        #expect(result.document.dataQuality.notes.contains { $0.hasPrefix("2 roll-ups left missing") })
        // The absent small area is named, with what to check (a try-out's lookup of 2021 LSOAs
        // against a file of 2011 ones left every figure missing, and the note named nothing).
        #expect(result.document.dataQuality.notes.contains {
            $0.contains("The first, E07000002's ready for 2024, has no figure for 1 small area of the 2 the lookup puts in it (E01000005): check that the lookup's small-area codes are those of the file")
        }, "\(result.document.dataQuality.notes)")
        #expect(!result.document.dataQuality.notes.contains { $0.contains("rolled up from small areas") }, "no roll-up was made")
    }

    /// An indicator named in words, as ONS files name theirs ("Cigarette smokers"), rolls up as its
    /// catalogue id does: the catalogue matches names, so the roll-up must not need the id.
    @Test func anIndicatorNamedInWordsRollsUp() throws {
        let result = try run(stage(), [
            observation("E01000001", "Ready", .number(10), count: 10, denominator: 100),
            observation("E01000002", "Ready", .number(10), count: 20, denominator: 200),
            observation("E01000003", "Ready", .number(20), count: 60, denominator: 300),
        ])
        let place = try #require(result.flushed.first { $0.area == "E07000001" }, "no roll-up of an indicator named in words")
        #expect(place.value == .number(15) && place.indicator == "Ready")
    }

    /// The latest period in time: a pooled 2020 - 24 ends after an annual 2023 (later as text).
    @Test func theLatestPeriodOfSmallAreasIsTheLatestInTime() throws {
        let result = try run(stage(), [
            observation("E01000001", "ready", .number(10), count: 10, denominator: 100, period: "2023", line: 2),
            observation("E01000001", "ready", .number(12), count: 12, denominator: 100, period: "2020 - 24", line: 3),
        ])
        let kept = try #require(result.document.smallAreas)
        #expect(kept.map { "\($0.period) \($0.area) \($0.value ?? 0)" } == ["2020 - 24 E01000001 12.0"])
    }

    @Test func thePlacesOwnSmallAreasAreKeptInTheirLatestPeriod() throws {
        let result = try run(stage(), [
            observation("E01000001", "ready", .number(10), count: 10, denominator: 100, period: "2023", line: 2),
            observation("E01000001", "ready", .number(12), count: 12, denominator: 100, line: 3),
            observation("E01000002", "ready", .missing(.suppressed), line: 4),
            observation("E01000002", "ready", .number(99), line: 5),
            observation("E01000004", "ready", .number(20), count: 20, denominator: 100, line: 6),
            observation("E07000001", "ready", .number(11), line: 7),
            observation("E01000003", "Homeless", .number(4), line: 8),
            observation("E01000003", "not_in_catalogue", .number(1), line: 9),
        ])
        let kept = try #require(result.document.smallAreas)
        // Sorted by indicator, period, area; Otherton's small area, the place itself, earlier
        // periods and uncatalogued indicators are not kept; the first of a repeat is.
        #expect(kept.map { "\($0.indicator) \($0.period) \($0.area)" } == ["homeless 2024 E01000003", "ready 2024 E01000001", "ready 2024 E01000002"])
        #expect(kept[1] == SmallAreaValue(indicator: "ready", area: "E01000001", name: "Testham 001A", period: "2024", value: 12, missing: nil,
                                          count: 12, denominator: 100, provenance: Provenance(source: "s", file: "data.xml", line: 3)))
        #expect(kept[2].value == nil && kept[2].missing == .suppressed && kept[2].provenance.line == 4)
        let none = try run(stage(), [observation("E01000004", "ready", .number(20))])
        #expect(none.document.smallAreas == nil, "no small area of the place: no section")
        // In baseline.json as `small_areas`, read back whole; a file without it (before 1.8) reads as nil.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(result.document)
        #expect(String(decoding: json, as: UTF8.self).contains("\"small_areas\":[{\"area\":\"E01000003\""))
        #expect(try JSONDecoder().decode(BaselineDocument.self, from: json) == result.document)
        #expect(try JSONDecoder().decode(BaselineDocument.self, from: try encoder.encode(none.document)).smallAreas == nil)
    }

    @Test func aRepeatedSmallAreaValueIsCountedNotSilentlyDropped() throws {
        let result = try run(stage(), [
            observation("E01000004", "people", .number(5)), observation("E01000004", "people", .number(7)),
            observation("E01000005", "people", .number(1)),
        ])
        #expect(result.flushed.first?.value == .number(6))
        #expect(result.document.dataQuality.notes.contains(
            "1 small-area observation repeated an indicator and period already seen for the area; the first was rolled up."))
    }

    @Test func publishedValuesWinAndTheRollUpChecksThem() throws {
        let stage = try stage()
        let result = try run(stage, [
            observation("E01000004", "ready", .number(10), count: 10, denominator: 100),
            observation("E01000005", "ready", .number(30), count: 30, denominator: 100),
            observation("E07000002", "ready", .number(20), count: 40, denominator: 200),
        ])
        #expect(result.flushed.isEmpty)
        #expect(result.document.dataQuality.notes.contains("1 published value kept where small areas could also be rolled up; the roll-ups agree with them within 0.0%."))
    }

    /// A published value that is itself missing (suppressed) still wins: the roll-up must not
    /// put a second value for the same area and period beside it.
    @Test func aPublishedMissingValueIsNotReplacedByARollUp() throws {
        let result = try run(stage(), [
            observation("E01000004", "ready", .number(10), count: 10, denominator: 100),
            observation("E01000005", "ready", .number(30), count: 30, denominator: 100),
            observation("E07000002", "ready", .missing(.suppressed)),
        ])
        #expect(result.flushed.isEmpty)
    }

    @Test func namesAliasesCodeChangesAndBadCodes() throws {
        let stage = try stage()
        let result = try run(stage, [
            observation("Testham, District of", "people", .number(1), line: 1),
            observation("testham 001a", "people", .number(2), line: 2),
            observation("Atlantis", "people", .number(3), line: 3),
            observation("E0700001", "people", .number(4), line: 4),
            observation("E07000009", "people", .number(5), line: 5),
        ])
        #expect(result.passed.map(\.area) == ["E07000001", "E01000001", "Atlantis", "E07000002"])
        #expect(result.passed[0].areaName == "Testham, District of")
        #expect(result.passed[3].attributes["previous_code"] == "E07000009")
        #expect(result.rejects.map(\.provenance.line) == [4])
        #expect(result.rejects.first?.reason == "'E0700001' is not a GSS code (a letter E, K, N, S or W and 8 digits)")
        #expect(result.document.dataQuality.unmatchedAreas == ["Atlantis": 1])
    }

    @Test func gssCodes() {
        #expect(AreaCode.isGSS("E07999001") && AreaCode.isGSS("W06000015") && AreaCode.isGSS("S12000033"))
        #expect(!AreaCode.isGSS("E0799900") && !AreaCode.isGSS("X07999001") && !AreaCode.isGSS("e07999001") && !AreaCode.isGSS("E07999001 "))
    }

    @Test func aLookupWithoutTheColumnIsALocatedError() throws {
        let yaml = "lookup: lookup.csv\nfrom: LSOA11CD\nto: LAD23CD\ncatalogue: catalogue.yaml\n"
        #expect(throws: BaselineError(file: "lookup.csv", line: 1, "the lookup has no column 'LSOA11CD'", hint: "did you mean 'LSOA21CD'?")) {
            _ = try decodeConfiguration(JoinStage.self, entry: yaml, base: Self.folder.path)
        }
    }

    // MARK: - A lookup under an area's previous code

    /// A lookup of 2023 gives Barnsley's small areas to E08000016, the code ONS replaced with
    /// E08000038 in 2025 (one for one, after a minor boundary change); Sheffield's to E08000019
    /// (now E08000039). `changes` is the stage's own table.
    static func previousCodes(changes: String = "old,new\n", builtIn: Bool? = nil, barnsley: String = "E08000016") throws -> JoinStage {
        let folder = Self.folder.appendingPathComponent("previous-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            LSOA21CD,LSOA21NM,LAD23CD,LAD23NM
            E01999101,Barnsley 001A,\(barnsley),Barnsley
            E01999102,Barnsley 001B,\(barnsley),Barnsley
            E01999103,Barnsley 002A,\(barnsley),Barnsley
            E01999201,Sheffield 001A,E08000019,Sheffield
            E01999301,Allerdale 001A,E07000026,Allerdale
            E01999401,Carlisle 001A,E07000028,Carlisle
            E01999501,Testham 001A,E07000001,Testham

            """.write(to: folder.appendingPathComponent("lookup.csv"), atomically: true, encoding: .utf8)
        try changes.write(to: folder.appendingPathComponent("changes.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Self.folder.appendingPathComponent("catalogue.yaml"), to: folder.appendingPathComponent("catalogue.yaml"))
        let yaml = "lookup: lookup.csv\nfrom: LSOA21CD\nto: LAD23CD\ncatalogue: catalogue.yaml\ncode_changes: changes.csv\n"
            + (builtIn.map { "built_in_code_changes: \($0)\n" } ?? "")
        let configuration = try decodeConfiguration(JoinStage.self, entry: yaml, base: folder.path)
        return JoinStage(configuration: configuration, placeCode: "E08000038")
    }

    func barnsley(_ stage: JoinStage, _ records: [Record]) throws -> (flushed: [Observation], document: BaselineDocument) {
        var document = BaselineDocument(place: Place(name: "Barnsley", code: "E08000038"), period: "2024")
        let out = try runStage(stage, records: records, into: &document)
        let flushed = out.records.compactMap { record -> Observation? in
            guard case .observation(let o) = record, o.attributes["rolled_up_from"] != nil else { return nil }
            return o
        }
        return (flushed, document)
    }

    @Test("A lookup that gives the place's small areas to its previous code (Barnsley's E08000016) rolls them up to its current code, E08000038, with a note naming both")
    func aLookupUnderThePlacesPreviousCodeRollsUpToItsCurrentCode() throws {
        let result = try barnsley(try Self.previousCodes(), [
            observation("E01999101", "people", .number(100)),
            observation("E01999102", "people", .number(200)),
            observation("E01999103", "people", .number(300)),
            observation("E01999201", "people", .number(50)),
        ])
        #expect(result.flushed.map { "\($0.area) \($0.value)" }.sorted() == ["E08000038 number(600.0)", "E08000039 number(50.0)"])
        // The place's own small areas are kept (they roll up to the place).
        #expect(result.document.smallAreas?.map(\.area) == ["E01999101", "E01999102", "E01999103"])
        #expect(result.document.dataQuality.notes.contains(
            "lookup.csv gives 3 small areas to E08000016 (Barnsley), a code replaced by E08000038 in 2025 after a boundary change "
                + "(the built-in table of 1:1 code changes; `built_in_code_changes: false` leaves it out): they are rolled up to E08000038."),
                "\(result.document.dataQuality.notes)")
        #expect(result.document.dataQuality.notes.contains { $0.contains("E08000019 (Sheffield)") && $0.hasSuffix("rolled up to E08000039.") })

        // Switched off, the lookup's codes are kept: the place gets no roll-up and no small area.
        let off = try barnsley(try Self.previousCodes(builtIn: false), [observation("E01999101", "people", .number(100))])
        #expect(off.flushed.map(\.area) == ["E08000016"] && off.document.smallAreas == nil)
    }

    /// With a lookup of 2025 (Barnsley's small areas given to E08000038), a figure the file
    /// publishes under E08000016 matched no area of the lookup: the roll-up was given beside it.
    @Test("A figure published under the previous code (as ONS files Barnsley's) is the larger area's published value: the roll-up only checks it",
          arguments: ["E08000016", "E08000038"])
    func aFigurePublishedUnderThePreviousCodeIsThePublishedValue(lookupCode: String) throws {
        let result = try barnsley(try Self.previousCodes(barnsley: lookupCode), [
            observation("E08000016", "people", .number(600)),
            observation("E01999101", "people", .number(100)),
            observation("E01999102", "people", .number(200)),
            observation("E01999103", "people", .number(300)),
        ])
        #expect(result.flushed.isEmpty, "\(result.flushed)")
        #expect(result.document.dataQuality.notes.contains("1 published value kept where small areas could also be rolled up; the roll-ups agree with them within 0.0%."),
                "\(result.document.dataQuality.notes)")
    }

    @Test("The stage's own table puts the lookup's codes on their current code when one for one, never through a merger")
    func theTablesOneForOneRowsButNeverAMerger() throws {
        // Allerdale and Carlisle (with Copeland) became Cumberland, E06000063, in 2023: a merger.
        // Testham's code is replaced one for one.
        let changes = "old,new\nE07000026,E06000063\nE07000028,E06000063\nE07000001,E07000301\n"
        let result = try barnsley(try Self.previousCodes(changes: changes), [
            observation("E01999301", "people", .number(10)),
            observation("E01999401", "people", .number(20)),
            observation("E01999501", "people", .number(30)),
        ])
        #expect(result.flushed.map(\.area).sorted() == ["E07000026", "E07000028", "E07000301"])
        #expect(result.document.dataQuality.notes.contains(
            "lookup.csv gives 1 small area to E07000001, a code replaced by E07000301 (the stage's `code_changes` table changes.csv): it is rolled up to E07000301."),
                "\(result.document.dataQuality.notes)")
        #expect(!result.document.dataQuality.notes.contains { $0.contains("E06000063") })
    }
}
