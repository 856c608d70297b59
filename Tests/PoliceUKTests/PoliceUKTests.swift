import BaselineCore
import BaselineTestKit
import Foundation
@testable import PoliceUK
import Testing

/// `police-uk` on small fixtures in data.police.uk's published layout, against counts worked out
/// by hand from the fixtures (written out in each test).
///
/// `Fixtures/border/`, as a download unpacks: two forces' January files (`ashby` before `vale`),
/// with crime `dup1` in both; February; April; and an outcomes file to pass over.
///
/// | file | line | crime ID | area | type |
/// |---|---|---|---|---|
/// | 2025-01-ashby-street.csv | 2 | a1 | E01999101 | Burglary |
/// | 2025-01-ashby-street.csv | 3 | dup1 | E01999001 | Burglary |
/// | 2025-01-vale-street.csv | 2 | dup1 (again) | E01999001 | Burglary |
/// | 2025-01-vale-street.csv | 3 | v1 | E01999001 | Violence and sexual offences |
/// | 2025-01-vale-street.csv | 4, 5 | (none) | E01999001 | Anti-social behaviour |
/// | 2025-01-vale-street.csv | 6 | v2 | (no location) | Public order |
/// | 2025-01-vale-street.csv | 7 | v3 | E01999002 | Violence and sexual offences |
/// | 2025-02-vale-street.csv | 2, 3 | v4, v5 | E01999002 | Burglary |
/// | 2025-04-vale-street.csv | 2 | v6 | E01999001 | Drugs |
@Suite struct PoliceUKTests {
    static func folder() throws -> String {
        try #require(Bundle.module.resourcePath) + "/Fixtures"
    }

    static func read(_ entry: String) throws -> RecordBatch {
        try readSource(PoliceUKAdapter.self, entry: entry, base: try folder(), id: "crime")
    }

    static func source(_ entry: String) throws -> any RecordSource {
        let base = try folder()
        let context = SourceContext(id: "crime", pipeline: PipelineContext(placeName: "Test", placeCode: "E99999999", period: "test", baseDirectory: base))
        return try PoliceUKAdapter.makeSource(configuration: try decodeConfiguration(PoliceUKAdapter.self, entry: entry, base: base), context: context)
    }

    /// Counts by "indicator period area".
    static func counts(_ batch: RecordBatch) -> [String: Double] {
        var counts = [String: Double]()
        for record in batch.records {
            guard case .observation(let observation) = record else { continue }
            counts["\(observation.indicator) \(observation.period) \(observation.area)"] = observation.value.number
        }
        return counts
    }

    static func observation(_ batch: RecordBatch, _ key: String) -> Observation? {
        for record in batch.records {
            if case .observation(let observation) = record, "\(observation.indicator) \(observation.period) \(observation.area)" == key {
                return observation
            }
        }
        return nil
    }

    @Test("By month: every area × month × indicator seen, zero where no row fell; a duplicate crime counted once; no location in no area")
    func countsByMonth() throws {
        let batch = try Self.read("path: border\nperiod: month")
        let counts = Self.counts(batch)
        // 3 areas (E01999001, E01999002, E01999101) × 3 months × 5 indicators (all, anti-social
        // behaviour, burglary, drugs, violence; public order only had a crime with no location).
        #expect(batch.records.count == 45)
        // Ashby 001A (E01999101) is Ashby's: only Ashby's January file was read, so its February
        // and April are not available, not zero (a review: zero was given from Vale's files).
        #expect(counts.count == 35)
        #expect(!counts.keys.contains { $0.hasSuffix("2025-02 E01999101") || $0.hasSuffix("2025-04 E01999101") })
        let expected: [String: Double] = [
            "crime-burglary 2025-01 E01999001": 1,  // dup1 once, though in two files
            "crime-burglary 2025-01 E01999101": 1,
            "crime-violence-and-sexual-offences 2025-01 E01999001": 1,
            "crime-anti-social-behaviour 2025-01 E01999001": 2,  // no crime ID: never a duplicate
            "crime-all 2025-01 E01999001": 2,  // burglary + violence, not anti-social behaviour
            "crime-violence-and-sexual-offences 2025-01 E01999002": 1,
            "crime-all 2025-01 E01999002": 1,
            "crime-all 2025-01 E01999101": 1,
            "crime-burglary 2025-02 E01999002": 2,
            "crime-all 2025-02 E01999002": 2,
            "crime-drugs 2025-04 E01999001": 1,
            "crime-all 2025-04 E01999001": 1,
        ]
        for (key, value) in counts {
            #expect(value == expected[key] ?? 0, "\(key)")
        }
        #expect(counts.values.reduce(0, +) == expected.values.reduce(0, +))
        #expect(!counts.keys.contains { $0.hasPrefix("crime-public-order") })
    }

    /// A figure is a count of events, and says so: its `count` is its value (what `baseline diff`
    /// tests two periods' counts with); a figure not available has neither.
    @Test("Every figure's count is its value, zeros included; a period not covered has no count")
    func countsCarryTheirCount() throws {
        let batch = try Self.read("path: border\nperiod: month")
        var counted = 0, notAvailable = 0
        for record in batch.records {
            guard case .observation(let o) = record else { continue }
            if let value = o.value.number {
                #expect(o.count == value && o.denominator == nil, "\(o.indicator) \(o.period) \(o.area)")
                counted += 1
            } else {
                #expect(o.count == nil)
                notAvailable += 1
            }
        }
        #expect(counted == 35 && notAvailable == 10)
        #expect(Self.observation(batch, "crime-burglary 2025-02 E01999002")?.count == 2)
    }

    @Test("Observations sorted by indicator, period and area, each with its first row's provenance, or its period's first file for a zero")
    func orderAndProvenance() throws {
        let batch = try Self.read("path: border\nperiod: month")
        let keys = batch.records.compactMap { record -> [String]? in
            guard case .observation(let o) = record else { return nil }
            return [o.indicator, o.period, o.area]
        }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(keys.first == ["crime-all", "2025-01", "E01999001"])

        let burglary = try #require(Self.observation(batch, "crime-burglary 2025-01 E01999001"))
        #expect(burglary.provenance == Provenance(source: "crime", file: "border/2025-01/2025-01-ashby-street.csv", line: 3, path: "1 row"))
        #expect(burglary.areaName == "Millbrook 001A")
        #expect(burglary.attributes["indicator_name"] == "Burglary")
        let all = try #require(Self.observation(batch, "crime-all 2025-01 E01999001"))
        #expect(all.provenance.path == "2 rows")
        #expect(all.attributes["indicator_name"] == "All crime (excluding anti-social behaviour)")
        let zero = try #require(Self.observation(batch, "crime-drugs 2025-02 E01999002"))
        #expect(zero.value == .number(0))
        #expect(zero.provenance == Provenance(source: "crime", file: "border/2025-02/2025-02-vale-street.csv", line: 1, path: "no row: none recorded"))
        let unread = try #require(Self.observation(batch, "crime-all 2025-02 E01999101"))
        #expect(unread.value == .missing(.notAvailable))
        #expect(unread.provenance.path == "no file of ashby read for 2025-02")
        #expect(unread.areaName == "Ashby 001A")
    }

    @Test("Two downloads that overlap: a file named like one already read is passed over, so anti-social behaviour (no crime ID) counts once; a renamed copy is warned about")
    func overlappingDownloads() throws {
        let fm = FileManager.default
        let base = NSTemporaryDirectory() + "police-overlap-\(UUID().uuidString)"
        defer { try? fm.removeItem(atPath: base) }
        let vale = try Self.folder() + "/border/2025-01/2025-01-vale-street.csv"
        for download in ["a", "b"] {
            try fm.createDirectory(atPath: "\(base)/\(download)/2025-01", withIntermediateDirectories: true)
            try fm.copyItem(atPath: vale, toPath: "\(base)/\(download)/2025-01/2025-01-vale-street.csv")
        }
        func source() throws -> any RecordSource {
            let context = SourceContext(id: "crime", pipeline: PipelineContext(placeName: "Test", placeCode: "E99999999", period: "test", baseDirectory: base))
            return try PoliceUKAdapter.makeSource(configuration: try decodeConfiguration(PoliceUKAdapter.self, entry: "path: .\nperiod: month", base: base),
                                                  context: context)
        }
        let once = try source()
        // The file's two anti-social behaviour rows (lines 4 and 5), not four.
        #expect(Self.counts(try drain(once))["crime-anti-social-behaviour 2025-01 E01999001"] == 2)
        #expect(once.inputs.map(\.path) == ["./a/2025-01/2025-01-vale-street.csv"] || once.inputs.count == 1, "\(once.inputs.map(\.path))")
        #expect(once.notes.contains { $0.contains("1 file passed over as repeats of a file already read, the same force and month") }, "\(once.notes)")

        // The same content under another name cannot be told by its name: said, not silent.
        try fm.copyItem(atPath: vale, toPath: "\(base)/b/2025-01/2025-01-vale-copy-street.csv")
        let renamed = try source()
        _ = try drain(renamed)
        #expect(renamed.notes.contains { $0.contains("has the same content as") && $0.contains("counted twice — take one of them out") }, "\(renamed.notes)")

        // A month's file with its header and no crime (a download cut short) is named, not silent.
        try fm.removeItem(atPath: "\(base)/b/2025-01/2025-01-vale-copy-street.csv")
        try fm.createDirectory(atPath: "\(base)/a/2025-03", withIntermediateDirectories: true)
        let header = try String(contentsOfFile: vale, encoding: .utf8).components(separatedBy: .newlines)[0]
        try (header + "\n").write(toFile: "\(base)/a/2025-03/2025-03-vale-street.csv", atomically: true, encoding: .utf8)
        let empty = try source()
        _ = try drain(empty)
        #expect(empty.notes.contains { $0.contains("warning: ./a/2025-03/2025-03-vale-street.csv holds a header and no crimes: its month is not counted") },
                "\(empty.notes)")
    }

    @Test("The duplicate and the crime with no location are left out by rule, located, with reasons; notes reconcile the rows")
    func leftOutByRule() throws {
        let source = try Self.source("path: border\nperiod: month")
        let batch = try drain(source)
        #expect(batch.rejects.count == 2)
        #expect(batch.rejects.allSatisfy { $0.leftOutByRule })
        let duplicate = try #require(batch.rejects.first { $0.reason.hasPrefix("crime ID 'dup1' already counted") })
        #expect(duplicate.provenance == Provenance(source: "crime", file: "border/2025-01/2025-01-vale-street.csv", line: 2, column: 1))
        let nowhere = try #require(batch.rejects.first { $0.reason.hasPrefix("no location") })
        #expect(nowhere.provenance == Provenance(source: "crime", file: "border/2025-01/2025-01-vale-street.csv", line: 6, column: 8))
        #expect(nowhere.content.contains("Public order"))
        // 11 rows = 9 counted + 1 with no location + 1 duplicate.
        #expect(source.notes.contains("border: 11 crimes read from 4 files: 9 counted in an area, 1 with no location (no LSOA code), counted in no area, 1 repeating a crime ID already counted, counted once."),
                "\(source.notes)")
        #expect(source.notes.contains("border: 1 file not named …-street.csv passed over: border/2025-01/2025-01-vale-outcomes.csv."), "\(source.notes)")
        #expect(source.inputs.map(\.path) == ["border/2025-01/2025-01-ashby-street.csv", "border/2025-01/2025-01-vale-street.csv",
                                              "border/2025-02/2025-02-vale-street.csv", "border/2025-04/2025-04-vale-street.csv"])
        #expect(source.hashesInputs)
        #expect(source.inputDigests.count == 4 && source.inputDigests.allSatisfy { $0 != nil })
    }

    @Test("By year: the months added up, with how many months each year holds and a note for a year read in part")
    func countsByYear() throws {
        let source = try Self.source("path: border\nperiod: year")
        let batch = try drain(source)
        let counts = Self.counts(batch)
        #expect(batch.records.count == 15)  // 3 areas × 1 year × 5 indicators
        // Only January, February and April of 2025 are read: named January to April (the count
        // was called "2025", a year's), the period has a gap, March, so no count is given for it
        // (three months under the name of four would be compared with four by `diff`: a review).
        #expect(counts.isEmpty, "\(counts)")
        let all = try #require(Self.observation(batch, "crime-all 2025-01-01/P4M E01999001"))
        #expect(all.value == .missing(.notAvailable) && all.provenance.path == "months missing inside 2025: not the whole span")
        #expect(all.attributes["months"] == "3")
        #expect(source.notes.contains("border: 2025 holds 3 months (2025-01 to 2025-04, without 2025-03) of 12: its counts are for those months only, given as the period 2025-01-01/P4M."),
                "\(source.notes)")
        #expect(source.notes.contains { $0.hasPrefix("border: 3 area and period pairs are given as not available, not counted from part of the period") }, "\(source.notes)")
    }

    @Test("By financial year: January and February 2025 in 2024-25, April in 2025-26")
    func countsByFinancialYear() throws {
        let counts = Self.counts(try Self.read("path: border\nperiod: financial-year"))
        // 2024-25 holds January and February 2025 only, 2025-26 April alone: given as those months.
        #expect(counts["crime-all 2025-01-01/P2M E01999001"] == 2)
        #expect(counts["crime-all 2025-04 E01999001"] == 1)
        #expect(counts["crime-burglary 2025-01-01/P2M E01999002"] == 2)
        // Ashby 001A's force, Ashby, has January only: neither of its periods is counted.
        #expect(counts.count == 20 && !counts.keys.contains { $0.hasSuffix("E01999101") })
    }

    @Test("Months to periods")
    func periods() {
        #expect(PoliceUKAdapter.period(ofMonth: "2024-03", grain: .month) == "2024-03")
        #expect(PoliceUKAdapter.period(ofMonth: "2024-03", grain: .year) == "2024")
        #expect(PoliceUKAdapter.period(ofMonth: "2024-03", grain: .financialYear) == "2023-24")
        #expect(PoliceUKAdapter.period(ofMonth: "2024-04", grain: .financialYear) == "2024-25")
        #expect(PoliceUKAdapter.period(ofMonth: "2000-03", grain: .financialYear) == "1999-00")
        #expect(PoliceUKAdapter.period(ofMonth: "2009-12", grain: .financialYear) == "2009-10")
        for bad in ["2024-13", "2024-00", "2024-3", "24-03", "+202-03", "2024/03", "2024-03-01", "", "March 2024", "２０２４-03"] {
            #expect(PoliceUKAdapter.period(ofMonth: bad, grain: .month) == nil, "\(bad)")
        }
    }

    @Test("GSS codes")
    func areaCodes() {
        #expect(AreaCode.isGSS("E01021237"))
        #expect(AreaCode.isGSS("W01000001"))
        #expect(!AreaCode.isGSS("E0102123"))
        #expect(!AreaCode.isGSS("X01021237"))
        #expect(!AreaCode.isGSS("e01021237"))
        #expect(!AreaCode.isGSS("E0102123A"))
    }

    @Test("Indicator ids from crime types")
    func indicatorIds() {
        #expect(CrimeTally.indicator(forCrimeType: "Violence and sexual offences") == "crime-violence-and-sexual-offences")
        #expect(CrimeTally.indicator(forCrimeType: "Anti-social behaviour") == "crime-anti-social-behaviour")
        #expect(CrimeTally.indicator(forCrimeType: "Criminal damage and arson") == "crime-criminal-damage-and-arson")
    }

    @Test("A glob reads only the files it matches")
    func glob() throws {
        let source = try Self.source("path: border/2025-01/*-street.csv\nperiod: month")
        let counts = Self.counts(try drain(source))
        #expect(source.inputs.map(\.path) == ["border/2025-01/2025-01-ashby-street.csv", "border/2025-01/2025-01-vale-street.csv"])
        #expect(counts["crime-all 2025-01 E01999001"] == 2)
        #expect(!counts.keys.contains { $0.contains("2025-02") })
    }

    @Test("Bad rows are rejected at their column with their reason; the good rows counted")
    func badRows() throws {
        let batch = try Self.read("path: broken/bad-records.csv")
        let reasons = batch.rejects.map { "\($0.provenance.line!):\($0.provenance.column.map(String.init) ?? "-") \($0.reason)" }
        #expect(reasons == [
            "3:2 month '2025-13' is not a month written YYYY-MM (2024-03)",
            "4:8 LSOA code 'E0199900' is not a GSS code (a letter E, W, S, N or K and 8 digits)",
            "5:- ragged row: 10 fields where the header has 12",
            "6:10 no crime type",
        ])
        #expect(batch.rejects.allSatisfy { !$0.leftOutByRule })
        let counts = Self.counts(batch)
        #expect(counts == ["crime-all 2025-01 E01999001": 1, "crime-burglary 2025-01 E01999001": 1, "crime-drugs 2025-01 E01999001": 0,
                           "crime-all 2025-01 E01999003": 1, "crime-burglary 2025-01 E01999003": 0, "crime-drugs 2025-01 E01999003": 1])
    }

    @Test("A file that is not a street-level file stops the run, saying what it is", arguments: [
        ("broken/2025-01-vale-outcomes.csv", "this is a data.police.uk outcomes file (YYYY-MM-<force>-outcomes.csv), not a street-level crime file"),
        ("broken/2025-01-vale-stop-and-search.csv", "this is a data.police.uk stop and search file (YYYY-MM-<force>-stop-and-search.csv), not a street-level crime file"),
        ("broken/not-police.csv", "this is not a data.police.uk street-level crime file: its header lacks 'Crime ID', 'LSOA code', 'LSOA name', 'Crime type'"),
        ("broken/2025-01-empty-street.csv", "the file is empty: there is no header row"),
    ])
    func notAStreetFile(file: String, message: String) throws {
        let error = try #require(throws: BaselineError.self) { try Self.read("path: \(file)") }
        #expect(error.message == message)
        #expect(error.file == file)
        #expect(error.line == 1)
        #expect(error.hint != nil)
    }

    @Test("`validate` reads each file's header: an outcomes file a glob matches is said as `run` says it; street files pass")
    func validateReadsHeaders() throws {
        let base = try Self.folder()
        let context = SourceContext(id: "crime", pipeline: PipelineContext(placeName: "Test", placeCode: "E99999999", period: "test", baseDirectory: base))
        let street = try decodeConfiguration(PoliceUKAdapter.self, entry: "path: border", base: base)
        #expect(try PoliceUKAdapter.checkInputs(configuration: street, context: context).isEmpty)
        let outcomes = try decodeConfiguration(PoliceUKAdapter.self, entry: "path: broken/*-outcomes.csv", base: base)
        let error = try #require(throws: BaselineError.self) { try PoliceUKAdapter.checkInputs(configuration: outcomes, context: context) }
        #expect(error.message == "this is a data.police.uk outcomes file (YYYY-MM-<force>-outcomes.csv), not a street-level crime file")
        #expect(error.file == "broken/2025-01-vale-outcomes.csv" && error.line == 1)
        let empty = try decodeConfiguration(PoliceUKAdapter.self, entry: "path: broken/*-empty-street.csv", base: base)
        #expect(throws: PoliceUKAdapter.emptyFile("broken/2025-01-empty-street.csv")) { try PoliceUKAdapter.checkInputs(configuration: empty, context: context) }
    }

    @Test("A real file cut off in its last row (no line break, too few fields) stops the run as the other CSV adapters do; a whole last row with no line break is read, with a note")
    func cutShort() throws {
        // Essex Police's January 2018 file as data.police.uk published it (cut to Basildon's
        // LSOAs: Tests/EndToEndTests/Fixtures/real/SOURCES.md): 170 crimes, ending with a line break.
        let real = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../EndToEndTests/Fixtures/real/police-uk/download/2018-01/2018-01-essex-street.csv").standardizedFileURL.path
        let text = try String(contentsOfFile: real, encoding: .utf8)
        // Its lines end with CRLF ("\r\n" is one Character: cut with .newlines).
        let rows = text.trimmingCharacters(in: .newlines)
        #expect(text.count == rows.count + 1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("police-uk-cut-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("2018-01-essex-street.csv")
        func source() throws -> any RecordSource {
            let context = SourceContext(id: "crime", pipeline: PipelineContext(placeName: "Test", placeCode: "E99999999", period: "test", baseDirectory: folder.path))
            return try PoliceUKAdapter.makeSource(configuration: try decodeConfiguration(PoliceUKAdapter.self, entry: "path: .\nperiod: month", base: folder.path),
                                                  context: context)
        }
        // Cut in the middle of the last row's 'Location' ("No Loc"), as an interrupted download leaves it:
        // it was counted as 169 crimes and a ragged row, a month short of its lost rows without a word.
        let lastRow = rows.components(separatedBy: .newlines).last!
        let cut = String(rows.dropLast(lastRow.count)) + lastRow.prefix(upTo: lastRow.range(of: "No Loc")!.upperBound)
        try cut.write(toFile: file.path, atomically: true, encoding: .utf8)
        let error = try #require(throws: BaselineError.self) { try drain(try source()) }
        #expect(error.file == "./2018-01-essex-street.csv" && error.line == 171, "\(error)")
        #expect(error.message.hasPrefix("the file ends in the middle of this row (7 of the header's 12 fields, and no line break after it): it looks cut short"), "\(error)")
        #expect(error.hint == "download or copy the file again and check it ends where the publisher's does")
        // Cut just before the last line break: every row whole, read, and said.
        try rows.write(toFile: file.path, atomically: true, encoding: .utf8)
        let whole = try source()
        let batch = try drain(whole)
        #expect(batch.rejects.filter { !$0.leftOutByRule }.isEmpty)
        #expect(whole.notes.contains { $0.hasPrefix("./2018-01-essex-street.csv does not end with a line break: its last row (line 171) was read whole") }, "\(whole.notes)")
    }

    @Test("A folder with no street-level file stops the run at set-up")
    func noStreetFiles() throws {
        let error = try #require(throws: BaselineError.self) { try Self.source("path: no-street-files") }
        #expect(error.message == "the folder holds no street-level crime file (named YYYY-MM-<force>-street.csv)")
        #expect(error.file == "no-street-files")
    }

    @Test("An unknown period is an error at its line")
    func unknownPeriod() throws {
        let error = try #require(throws: BaselineError.self) {
            try decodeConfiguration(PoliceUKAdapter.self, entry: "path: border\nperiod: monthly", base: try Self.folder())
        }
        #expect(error.line == 2)
        #expect(error.description.contains("unknown period 'monthly' — use one of: month, year, financial-year"), "\(error)")
    }

    @Test("More observations than a batch holds come in several batches, each no larger than the preferred size, all given once")
    func manyAreas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("police-uk-many-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = StreetColumns.published.joined(separator: ",") + "\n"
        for area in 0..<3000 {
            text += "id\(area),2025-01,Vale,Vale,,,On or near X,E01\(String(format: "%06d", area)),Area \(area),Burglary,,\n"
        }
        try text.write(to: folder.appendingPathComponent("2025-01-vale-street.csv"), atomically: true, encoding: .utf8)
        let context = SourceContext(id: "crime", pipeline: PipelineContext(placeName: "Test", placeCode: "E99999999", period: "test", baseDirectory: folder.path))
        let source = try PoliceUKAdapter.makeSource(configuration: try decodeConfiguration(PoliceUKAdapter.self, entry: "path: .", base: folder.path), context: context)
        var sizes = [Int](), all = [String]()
        while let batch = try source.next() {
            sizes.append(batch.records.count)
            for case .observation(let o) in batch.records { all.append("\(o.indicator) \(o.area) \(o.value.number!)") }
        }
        #expect(sizes == [RecordBatch.preferredSize, 6000 - RecordBatch.preferredSize])
        #expect(Set(all).count == 6000)
        #expect(all.allSatisfy { $0.hasSuffix(" 1.0") })
        // Grouped in threes, as the brief and the dashboard show figures (it said "3000 crimes").
        #expect(source.notes.first == ".: 3,000 crimes read from 1 file: 3,000 counted in an area.", "\(source.notes)")
    }
}
