import BaselineCore
@testable import BaselineDiff
import BaselineSchema
import BaselineStatistics
import Foundation
import Testing

func indicator(_ id: String, area: String = "E07999001", period: String, value: Double?, ci: (Double, Double)? = nil,
               unit: String = "%", polarity: String = "low_is_good", missing: MissingReason? = nil,
               comparisons: [String: String] = [:]) -> IndicatorResult {
    IndicatorResult(id: id, name: id.capitalized, area: area, period: period, value: value, missing: missing, unit: unit, polarity: polarity,
                    ci95: ci.map { Interval(lower: $0.0, upper: $0.1) }, comparisons: comparisons,
                    provenance: Provenance(source: "s", file: "f.xml"))
}

func figures(_ positive: Int, of responses: Int, suppressed: String? = nil) -> SurveyFigures {
    let percent = (10_000 * Double(positive) / Double(responses)).rounded() / 100
    return SurveyFigures(responses: responses, percentPositive: suppressed == nil ? percent : nil, ci95: nil, meanScore: nil,
                         distribution: [:], blank: 0, excluded: [:], suppressed: suppressed)
}

func question(_ id: String, _ text: String = "Question", overall: SurveyFigures, groups: [String: [GroupFigures]] = [:]) -> SurveyQuestionResult {
    SurveyQuestionResult(id: id, source: "staff", text: text, scale: "agree5", reverse: false, overall: overall, groups: groups,
                         provenance: Provenance(source: "staff", file: "s.csv"))
}

@Suite struct IndicatorDiffTests {
    let engine = DiffEngine(codeChanges: ["E07999004": "E07999002"])

    func status(_ before: IndicatorResult, _ after: IndicatorResult) -> IndicatorChange {
        engine.compareIndicators([before], [after])[0]
    }

    /// 10 → 12 with intervals ±0.5: z = 2 / √(0.255² × 2) = 5.5, significant; low is good → worsened.
    @Test func significantRiseOfALowIsGoodIndicatorWorsened() {
        let change = status(indicator("homeless", period: "2023-24", value: 10, ci: (9.5, 10.5)),
                            indicator("homeless", period: "2024-25", value: 12, ci: (11.5, 12.5), comparisons: ["E92000001": "worse"]))
        #expect(change.status == .worsened)
        #expect(change.change == 2)
        #expect(change.periods == ["2023-24", "2024-25"])
        #expect(change.benchmarks == ["E92000001": "— → worse"])
    }

    @Test func largeButNotSignificant() {
        // 20 → 30 with intervals ±12: z = 10 / √(6.12² × 2) = 1.15.
        let change = status(indicator("ready", period: "2024", value: 20, ci: (8, 32), polarity: "high_is_good"),
                            indicator("ready", period: "2025", value: 30, ci: (18, 42), polarity: "high_is_good"))
        #expect(change.status == .noSignificantChange)
        #expect(change.reason.hasPrefix("the change is within what chance would give (from the confidence intervals, as no counts are published for both, z = 1.155"))
    }

    @Test func smallButSignificant() {
        // 70.0 → 70.6 with intervals ±0.1: z = 0.6 / √(0.051² × 2) = 8.3.
        let change = status(indicator("ready", period: "2024", value: 70.0, ci: (69.9, 70.1), polarity: "high_is_good"),
                            indicator("ready", period: "2025", value: 70.6, ci: (70.5, 70.7), polarity: "high_is_good"))
        #expect(change.status == .improved)
        #expect(change.change == 0.6)
    }

    @Test func noPolarityIsHigherOrLower() {
        let change = status(indicator("pop", period: "2024", value: 100, ci: (99, 101), polarity: "no_judgement"),
                            indicator("pop", period: "2025", value: 90, ci: (89, 91), polarity: "no_judgement"))
        #expect(change.status == .decreased)
    }

    @Test func notComparableIsAResultNotAnError() {
        #expect(status(indicator("x", period: "2024", value: 1, ci: (0, 2)), indicator("x", period: "2025", value: 5, ci: (4, 6), unit: "per 1,000")).status
                == .notComparable)
        let polarity = status(indicator("x", period: "2024", value: 1, ci: (0, 2)), indicator("x", period: "2025", value: 5, ci: (4, 6), polarity: "high_is_good"))
        #expect(polarity.status == .notComparable)
        #expect(polarity.reason == "the polarity changed from low_is_good to high_is_good")
    }

    @Test func aChangedAreaCodeIsMappedAndFlagged() {
        let changes = engine.compareIndicators([indicator("x", area: "E07999004", period: "2024", value: 1, ci: (0, 2))],
                                               [indicator("x", area: "E07999002", period: "2025", value: 9, ci: (8, 10))])
        #expect(changes.count == 1)
        #expect(changes[0].status == .notComparable)
        #expect(changes[0].previousArea == "E07999004")
        #expect(changes[0].area == "E07999002")
    }

    @Test func theLaterBaselinesRecordedCodeChangesAreUsedAndGivenOnesWin() {
        var earlier = BaselineDocument(place: Place(name: "M", code: "E07999001"), period: "2024")
        earlier.indicators = [indicator("x", area: "E07999004", period: "2024", value: 1, ci: (0, 2)),
                              indicator("y", area: "E07999005", period: "2024", value: 1, ci: (0, 2))]
        var later = BaselineDocument(place: Place(name: "M", code: "E07999001"), period: "2025")
        later.indicators = [indicator("x", area: "E07999002", period: "2025", value: 9, ci: (8, 10)),
                            indicator("y", area: "E07999006", period: "2025", value: 9, ci: (8, 10))]
        later.codeChanges = ["E07999004": "E07999002", "E07999005": "E07999007"]
        let recorded = DiffEngine().diff(from: earlier, to: later).indicators
        #expect(recorded.first { $0.id == "x" }?.previousArea == "E07999004")
        #expect(recorded.filter { $0.id == "y" }.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.added, .removed])
        let given = DiffEngine(codeChanges: ["E07999005": "E07999006"]).diff(from: earlier, to: later).indicators
        #expect(given.map(\.previousArea) == ["E07999004", "E07999005"])
    }

    @Test func aCodeThatChangedTwiceIsFollowedToItsLatestCode() {
        var earlier = BaselineDocument(place: Place(name: "M", code: "E07999001"), period: "2023")
        earlier.indicators = [indicator("x", area: "E07999008", period: "2023", value: 1, ci: (0, 2))]
        var later = BaselineDocument(place: Place(name: "M", code: "E07999001"), period: "2026")
        later.indicators = [indicator("x", area: "E07999010", period: "2026", value: 9, ci: (8, 10))]
        later.codeChanges = ["E07999009": "E07999010"]
        let changes = DiffEngine(codeChanges: ["E07999008": "E07999009"]).diff(from: earlier, to: later).indicators
        #expect(changes.count == 1)
        #expect(changes.first?.previousArea == "E07999008" && changes.first?.area == "E07999010")
    }

    @Test func builtInCodeChangesMatchAnEarlierBaselineUnderTheOldCode() {
        var earlier = BaselineDocument(place: Place(name: "Barnsley", code: "E08000016"), period: "2024")
        earlier.indicators = [indicator("x", area: "E08000016", period: "2023", value: 1, ci: (0, 2))]
        var later = BaselineDocument(place: Place(name: "Barnsley", code: "E08000038"), period: "2025")
        later.indicators = [indicator("x", area: "E08000038", period: "2024", value: 9, ci: (8, 10))]
        #expect(DiffEngine().samePlace(earlier, later))
        let changes = DiffEngine().diff(from: earlier, to: later).indicators
        #expect(changes.count == 1 && changes.first?.previousArea == "E08000016" && changes.first?.area == "E08000038")
        // A one-for-one succession is compared, as the indicators stage takes its figures as the
        // new code's (a try-out's "Employment rate 69.7 → 69.7", the same published row, was "not comparable").
        #expect(changes.first.map { $0.status != .notComparable && $0.status != .notTested } == true,
                "\(String(describing: changes.first))")
        #expect(changes.first?.reason.contains("compared across the code change from E08000016 to E08000038") == true)
        // Another code change (a merger, a user's table) stays not like for like.
        let merged = DiffEngine(codeChanges: ["E08000016": "E08000099"])
        var renamed = later
        renamed.place.code = "E08000099"
        renamed.indicators[0].area = "E08000099"
        #expect(merged.diff(from: earlier, to: renamed).indicators.first?.status == .notComparable)
        // A table given for the diff wins over the built-in one.
        #expect(!DiffEngine(codeChanges: ["E08000016": "E08000016"]).samePlace(earlier, later))
    }

    @Test func chainsOfCodeChangesEndAndCyclesStop() {
        #expect(AreaCodeChanges.resolved(["A": "B", "B": "C", "D": "E"]) == ["A": "C", "B": "C", "D": "E"])
        let cycle = AreaCodeChanges.resolved(["A": "B", "B": "A"])
        #expect(cycle.count == 2 && Set(cycle.values).isSubset(of: ["A", "B"]))
    }

    @Test func newlySuppressedAndMissing() {
        #expect(status(indicator("x", period: "2024", value: 4, ci: (3, 5)), indicator("x", period: "2025", value: nil, missing: .suppressed)).status
                == .newlySuppressed)
        #expect(status(indicator("x", period: "2024", value: 4, ci: (3, 5)), indicator("x", period: "2025", value: nil, missing: .notAvailable)).status
                == .newlyMissing)
    }

    @Test func addedRemovedAndLatestPeriods() {
        let changes = engine.compareIndicators(
            [indicator("old", period: "2024", value: 1), indicator("both", period: "2022", value: 1, ci: (0.9, 1.1)),
             indicator("both", period: "2023", value: 2, ci: (1.9, 2.1))],
            [indicator("both", period: "2024", value: 2.05, ci: (1.95, 2.15)), indicator("new", period: "2025", value: 3)])
        #expect(changes.map(\.id) == ["both", "new", "old"])
        #expect(changes.map(\.status) == [.noSignificantChange, .added, .removed])
        #expect(changes[0].values == [2, 2.05])
    }

    /// A baseline that holds an annual 2023 and a pooled 2020 - 24 of one indicator (two ONS
    /// downloads) is compared at 2020 - 24, which ends later, not at 2023, which is later as text.
    @Test func latestPeriodIsLatestInTime() {
        let changes = engine.compareIndicators(
            [indicator("x", period: "2022", value: 18.4, ci: (16, 20))],
            [indicator("x", period: "2023", value: 10.7, ci: (7.6, 13.7)), indicator("x", period: "2020 - 24", value: 13.2, ci: (11.7, 14.7))])
        #expect(changes.map(\.periods) == [["2022", "2020 - 24"]])
        #expect(changes.map(\.values) == [[18.4, 13.2]])
    }

    @Test func withoutIntervalsAChangeIsNotTested() {
        let change = status(indicator("x", period: "2024", value: 1), indicator("x", period: "2025", value: 50))
        #expect(change.status == .notTested)
        #expect(change.reason == "no counts or confidence intervals, so the change cannot be tested")
        let missing = status(indicator("x", period: "2024", value: nil, missing: .suppressed), indicator("x", period: "2025", value: 50))
        #expect(missing.status == .notTested)
    }
}

@Suite struct SurveyDiffTests {
    let engine = DiffEngine()

    /// 50% → 53% of 4,000 each: pooled p = 0.515, SE = √(0.515 × 0.485 × 2/4000) = 0.01117,
    /// z = 0.03 / 0.01117 = 2.68, p = 0.0073: a small change, significant.
    @Test func smallChangeOnManyResponsesIsSignificant() throws {
        let change = try #require(engine.compareSurvey([question("trust", overall: figures(2000, of: 4000))],
                                                       [question("trust", overall: figures(2120, of: 4000))]).first)
        #expect(change.status == .improved)
        #expect(change.change == 3)
        #expect(change.pValue == 0.0073)
    }

    /// 40% → 60% of 20 each: pooled 0.5, SE = √(0.25 × 0.1) = 0.158, z = 1.26, p = 0.206.
    @Test func largeChangeOnFewResponsesIsNot() throws {
        let change = try #require(engine.compareSurvey([question("trust", overall: figures(8, of: 20))],
                                                       [question("trust", overall: figures(12, of: 20))]).first)
        #expect(change.status == .noSignificantChange)
        #expect(change.change == 20)
        #expect(change.pValue == 0.2059)
    }

    @Test func wordingChangedIsNotComparable() throws {
        let change = try #require(engine.compareSurvey([question("trust", "Partners trust each other", overall: figures(10, of: 100))],
                                                       [question("trust", "Partners here trust each other", overall: figures(90, of: 100))]).first)
        #expect(change.status == .notComparable)
        #expect(change.reason == "the wording changed (was: “Partners trust each other”)")
    }

    @Test func groupsPresentInBothAreCompared() {
        let before = question("trust", overall: figures(500, of: 1000), groups: ["Org": [
            GroupFigures(group: "Council", figures: figures(100, of: 400)), GroupFigures(group: "Police", figures: figures(5, of: 8, suppressed: "few")),
        ]])
        let after = question("trust", overall: figures(520, of: 1000), groups: ["Org": [
            GroupFigures(group: "Council", figures: figures(200, of: 400)), GroupFigures(group: "NHS", figures: figures(50, of: 100)),
            GroupFigures(group: "Police", figures: figures(50, of: 90)),
        ]])
        let changes = engine.compareSurvey([before], [after])
        #expect(changes.map(\.breakdown) == ["overall", "Org=Council", "Org=Police"])
        #expect(changes[1].status == .improved)
        #expect(changes[2].reason == "suppressed before, so no change can be measured")
    }
}

@Suite struct ThemesAndPrioritiesDiffTests {
    func theme(_ id: String, _ mentions: Int, quotes: [String] = []) -> ThemeResult {
        ThemeResult(id: id, name: id, mentions: mentions, sources: 1, breakdown: [:],
                    quotes: quotes.map { Quote(text: $0, attribution: "", provenance: Provenance(source: "n", file: "n.md")) })
    }

    @Test func emergingFadingNewAndGone() {
        let changes = DiffEngine().compareThemes(
            [theme("housing", 20), theme("trust", 80), theme("silos", 10)],
            [theme("housing", 60, quotes: ["We need homes"]), theme("trust", 40), theme("data", 10)])
        let status = Dictionary(uniqueKeysWithValues: changes.map { ($0.id, $0.status) })
        #expect(status == ["housing": "emerging", "trust": "fading", "silos": "gone", "data": "new"])
        // In both codebooks, but no mention before: new, whatever the test on shares would say.
        let raised = DiffEngine().compareThemes([theme("housing", 100), theme("voice", 0)], [theme("housing", 100), theme("voice", 1)])
        #expect(raised.first { $0.id == "voice" }?.status == "new")
        #expect(changes.first { $0.id == "housing" }?.newQuotes == ["We need homes"])
    }

    @Test("when one year adds a kind of source, themes are compared on the kinds both hold")
    func likeForLike() throws {
        func t(_ id: String, _ kinds: [String: Int]) -> ThemeResult {
            ThemeResult(id: id, name: id, mentions: kinds.values.reduce(0, +), sources: 1, breakdown: ["kind": kinds], quotes: [])
        }
        var before = BaselineDocument(place: Place(name: "T", code: "E07000001"), period: "2024")
        before.themes = [t("housing", ["survey": 20]), t("trust", ["survey": 80])]
        var after = BaselineDocument(place: Place(name: "T", code: "E07000001"), period: "2025")
        after.themes = [t("housing", ["survey": 20, "interview": 60]), t("trust", ["survey": 80])]
        let diff = DiffEngine().diff(from: before, to: after)
        #expect(diff.themesBasis?.kinds == ["survey"] && diff.themesBasis?.onlyBefore == [] && diff.themesBasis?.onlyAfter == ["interview"])
        #expect(diff.themes.map(\.status) == ["steady", "steady"])
        #expect(diff.themes.first { $0.id == "housing" }?.share == [20, 20])
        // Counted whole, the interviews alone would make housing "emerging".
        #expect(DiffEngine().compareThemes(before.themes, after.themes).first { $0.id == "housing" }?.status == "emerging")
        // The same kinds on both sides: no basis, whole counts.
        #expect(DiffEngine().diff(from: after, to: after).themesBasis == nil)
        // A theme heard only in a kind left out is not compared; one heard in the shared kinds
        // only in the later year is new, though the earlier codebook had it.
        after.themes += [t("vision", ["interview": 5]), t("voice", ["survey": 30])]
        before.themes += [t("voice", [:])]
        let more = DiffEngine().diff(from: before, to: after)
        #expect(more.themes.map(\.id) == ["housing", "trust", "voice"])
        #expect(more.themes.first { $0.id == "voice" }?.status == "new")
        // No kind in common: nothing is compared.
        var notes = BaselineDocument(place: Place(name: "T", code: "E07000001"), period: "2026")
        notes.themes = [t("housing", ["interview": 3])]
        let apart = DiffEngine().diff(from: before, to: notes)
        #expect(apart.themesBasis?.kinds == [] && apart.themes.isEmpty)
        #expect(try DiffReport.render(apart, format: .text).contains("Not compared: the two baselines heard from different kinds of source — survey (only in 2024); interview (only in 2026)."))
    }

    @Test func prioritiesEnterLeaveAndMove() {
        func p(_ id: String) -> CandidatePriority { CandidatePriority(id: id, name: id, reason: "", indicators: [], questions: [], themes: []) }
        let changes = DiffEngine().comparePriorities([p("a"), p("b"), p("c")], [p("b"), p("a"), p("d")])
        #expect(changes.map { "\($0.id):\($0.status)" } == ["b:moved up", "a:moved down", "d:entered", "c:left"])
    }

    /// An earlier baseline made without a priorities stage has none: the report says so once,
    /// not that each of the later one's "entered" (try-out).
    @Test func prioritiesOfOneBaselineOnly() throws {
        func p(_ id: String) -> CandidatePriority { CandidatePriority(id: id, name: id, reason: "", indicators: [], questions: [], themes: []) }
        var before = BaselineDocument(place: Place(name: "T", code: "E07000001"), period: "2024")
        var after = before
        after.period = "2025"
        after.candidatePriorities = [p("housing"), p("obesity")]
        let text = try DiffReport.render(DiffEngine().diff(from: before, to: after), format: .text)
        #expect(text.contains("Only the later baseline has candidate priorities (2); the earlier one has none to compare them with."), "\(text)")
        #expect(!text.contains("entered"))
        before.candidatePriorities = [p("housing")]
        #expect(try DiffReport.render(DiffEngine().diff(from: before, to: after), format: .text).contains("entered: obesity"))
    }
}

@Suite struct BaselineFileTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func unknownMajorVersionIsAClearError() throws {
        let path = try write(#"{"schema_version": "2.0"}"#)
        #expect(throws: BaselineError(file: path, "unknown schema_version 2.0: this build reads 1.x",
                                      hint: "use the `baseline` version that wrote it, or re-run the pipeline with this one")) {
            try BaselineFile.load(path)
        }
    }

    /// Version and document are read in one pass: a document of a version this build reads that
    /// does not decode is still reported where it goes wrong, with the version it claims.
    @Test func aDocumentThatDoesNotMatchItsVersionSaysWhere() throws {
        let incomplete = try write(#"{"schema_version": "1.3", "period": "2025"}"#)
        let missing = try #require(throws: BaselineError.self) { try BaselineFile.load(incomplete) }
        #expect(missing.message.hasPrefix("baseline.json is incomplete: no '") && missing.message.hasSuffix("' at the top"), "\(missing)")
        let wrong = try write(#"{"schema_version": "1.3", "place": 3}"#)
        let mismatch = try #require(throws: BaselineError.self) { try BaselineFile.load(wrong) }
        #expect(mismatch.message.hasPrefix("baseline.json does not match schema 1.3 at .place: "), "\(mismatch)")
        #expect(mismatch.hint == "re-run the pipeline to write it again")
        let noVersion = try write(#"{"schema_version": 1}"#)
        let notOne = try #require(throws: BaselineError.self) { try BaselineFile.load(noVersion) }
        #expect(notOne.message == "this is not a baseline.json (no schema_version)")
    }

    @Test func readableVersionsAreThoseOfMajorOne() {
        #expect(["1", "1.0", "1.3", "1.3.2"].allSatisfy(BaselineFile.isReadable))
        #expect(!["2.0", "0.9", "10.1", "", "x", "v1"].contains(where: BaselineFile.isReadable))
    }

    @Test func notABaseline() throws {
        let path = try write("[1, 2]")
        #expect(throws: BaselineError.self) { try BaselineFile.load(path) }
        #expect(throws: BaselineError.self) { try BaselineFile.load("/nonexistent/folder") }
    }

    /// A place's folder named where one period's is meant (`baseline diff out/coventry out/bromley`):
    /// the error lists the periods it holds and names one, with the path as typed.
    @Test func aPlacesFolderIsNotAPeriodsFolder() throws {
        let place = FileManager.default.temporaryDirectory.appendingPathComponent("diff-place-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: place) }
        for period in ["2025", "2024", "2026", ".staging"] {
            try FileManager.default.createDirectory(atPath: place + "/" + period, withIntermediateDirectories: true)
            try "{}".write(toFile: place + "/" + period + "/baseline.json", atomically: true, encoding: .utf8)
        }
        let error = try #require(throws: BaselineError.self) { try BaselineFile.load(place + "/") }
        #expect(error.file == place + "/")
        #expect(error.message == "this is a place's folder, not one period's: it holds the baselines of 2024, 2025 and 2026", "\(error)")
        #expect(error.hint == "name one period's folder, such as \(place)/2026")
        // A folder with no baselines at all keeps the plain message, naming the file looked for.
        try FileManager.default.createDirectory(atPath: place + "/empty", withIntermediateDirectories: true)
        let empty = try #require(throws: BaselineError.self) { try BaselineFile.load(place + "/empty") }
        #expect(empty.file == place + "/empty/baseline.json" && empty.message == "cannot read the baseline")
    }

    /// A baseline.json of 300 MB (sparse here) was read whole, 1.6 GB of memory, before it was
    /// found not to be JSON (a try-out): refused by its size, before reading.
    @Test func aBaselineTooLargeIsRefusedUnread() throws {
        let path = try write("")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(truncate(path, 300 << 20) == 0)
        let error = try #require(throws: BaselineError.self) { try BaselineFile.load(path) }
        #expect(error.file == path)
        #expect(error.message.hasPrefix("baseline.json is 300 MB, more than the 256 MB a baseline is read up to"), "\(error)")
    }

    /// A FIFO named baseline.json waited for a writer, and a device was "cannot read the baseline
    /// — run `baseline run` for this period first" (a try-out): each is said to be no regular file.
    @Test func aBaselineThatIsNoRegularFileIsSaid() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diff-fifo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(mkfifo(folder + "/baseline.json", 0o644) == 0)
        let fifo = try #require(throws: BaselineError.self) { try BaselineFile.load(folder) }
        #expect(fifo.file == folder + "/baseline.json" && fifo.message == "baseline.json is a FIFO (named pipe), not a regular file", "\(fifo)")
        let device = try #require(throws: BaselineError.self) { try BaselineFile.load("/dev/null") }
        #expect(device.message == "baseline.json is a character device, not a regular file", "\(device)")
    }

    /// Each case: the file's text, and where the error must point and what it must say.
    @Test("a baseline.json that is not JSON is an error at its line and column", arguments: [
        ("{\n  \"schema_version\": \"1.3\",\n  \"place\": tru\n}", 3, 15, "Invalid value here"),  // where the parser gives up
        ("{\n  \"schema_version\": \"1.3\",\n  \"place\": {\"name\": \"Millbrook", 3, 31, "Unexpected end of file"),
        ("{\"schema_version\": \"1.3\", \"x\": \"a\u{01}b\"}", 1, 34, "Unescaped control character here"),  // in a key the decoder skips
        // Foundation names no place for a number out of range (the end of the file was given), and says it in its words.
        ("{\n  \"schema_version\": \"1.3\",\n  \"x\": [1, 1e309],\n  \"y\": 2\n}\n", 3, 12, "a number too large (1e309)"),
    ])
    func notJSON(text: String, line: Int, column: Int, words: String) throws {
        let path = try write(text)
        do {
            _ = try BaselineFile.load(path)
            Issue.record("loaded")
        } catch let error as BaselineError {
            #expect(error.file == path && error.line == line && error.column == column, "\(error)")
            #expect(error.message.hasPrefix("baseline.json is not valid JSON: ") && error.message.contains(words), "\(error)")
            #expect(error.hint == "it may have been cut short or edited by hand; re-run the pipeline to write it again")
        }
    }

    @Test func roundTripsADocument() throws {
        var document = BaselineDocument(place: Place(name: "T", code: "E07000001"), period: "2025")
        document.indicators = [indicator("x", period: "2025", value: 1, ci: (0.5, 1.5))]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let path = try write(String(decoding: try encoder.encode(document), as: UTF8.self))
        #expect(try BaselineFile.load(path) == document)
    }
}

/// Two baselines holding the same period of an indicator (nothing newer published between
/// them): not tested, with the reason; a revised value is called a revision, not a change.
@Suite struct SamePeriodTests {
    @Test func theSamePeriodIsNotTestedAgainstItself() throws {
        let old = try BaselineFile.load(OlderSchemaTests.fixture)
        var new = old
        new.period = "2026"
        let latest = try #require(new.latestIndicators(for: new.place.code).first { $0.value != nil })
        let index = try #require(new.indicators.firstIndex { $0.id == latest.id && $0.area == latest.area && $0.period == latest.period })
        new.indicators[index].value! += 1
        let diff = DiffEngine().diff(from: old, to: new)
        let revised = try #require(diff.indicators.first { $0.id == new.indicators[index].id && $0.area == new.indicators[index].area })
        #expect(revised.status == .notTested)
        #expect(revised.change == 1)
        #expect(revised.reason.contains("revised by its publisher: a revision, not a change over time"), "\(revised.reason)")
        #expect(!diff.indicators.contains { $0.status == .noSignificantChange })
    }
}

/// A baseline written by schema 1.0 (before the indicator, theme, data-quality and priority
/// fields of 1.1 and 1.2, and the code changes of 1.3) still reads, and diffs against a current one.
@Suite struct OlderSchemaTests {
    static let fixture = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/baseline-1.0/baseline.json").path

    @Test func aVersionOneZeroBaselineStillDiffs() throws {
        let old = try BaselineFile.load(Self.fixture)
        #expect(old.schemaVersion == "1.0")
        #expect(!old.indicators.isEmpty && !old.themes.isEmpty && !old.survey.isEmpty)
        #expect(old.indicators.allSatisfy { $0.trend == nil && $0.valueType == nil })
        #expect(old.dataQuality.redactions == nil)
        #expect(old.smallAreas == nil, "small_areas (1.8) is optional")
        var new = old
        new.schemaVersion = BaselineDocument.currentSchemaVersion
        new.period = "2026"
        let diff = DiffEngine().diff(from: old, to: new)
        // The same periods: nothing newer was published, so nothing is tested — never "no
        // significant change" from a value tested against itself.
        #expect(diff.indicators.allSatisfy { $0.status == .notTested && $0.reason.hasPrefix("the same period") }, "\(diff.indicators.map(\.reason))")
        #expect(diff.survey.filter { $0.breakdown == "overall" }.count == old.survey.count)
    }
}

/// Figures no run writes, in a hand-edited baseline.json: the diff tested them ("two-proportion
/// test on 32/63 and -5/64, z = -8.071", a try-out); now the load refuses the first, naming the
/// file and its place in the document.
@Suite struct ImpossibleFiguresTests {
    static let care = "\"unit\": \"%\",\n      \"value\": 46.2"

    @Test("an impossible figure is refused at its place in the document", arguments: [
        (care, care + ", \"value_type\": \"proportion\", \"count\": -5, \"denominator\": 64",
         ".indicators[0] ('care_leavers_eet').count: -5, and a count is never negative"),
        (care, care + ", \"value_type\": \"proportion\", \"count\": 70, \"denominator\": 64",
         ".indicators[0] ('care_leavers_eet').count: 70 of 64, and a proportion's count is at most its denominator"),
        (care, care + ", \"count\": 5, \"denominator\": 0", ".indicators[0] ('care_leavers_eet').denominator: 0, and a denominator is more than 0"),
        (care, care + ", \"count\": 1e30, \"denominator\": 1e31", ".indicators[0] ('care_leavers_eet').count: 1e+30, and every count a run writes is at most 2^53"),
        ("\"lower\": 34.5903,\n        \"upper\": 58.1466", "\"lower\": 58.1466,\n        \"upper\": 34.5903",
         ".indicators[0] ('care_leavers_eet').ci95: the lower limit 58.1466 is above the upper 34.5903"),
        ("\"responses\": 444", "\"responses\": -1", ".overall.responses: -1, and a number of responses is 0 or more"),
        ("\"responses\": 444", "\"responses\": 9223372036854775807", ".overall.responses: 9223372036854775807"),
        ("\"percent_positive\": 56.76", "\"percent_positive\": 1e300", ".overall.percent_positive: "),
    ])
    func impossibleFigure(old: String, new: String, words: String) throws {
        var text = try String(contentsOfFile: OlderSchemaTests.fixture, encoding: .utf8)
        let range = try #require(text.range(of: old))
        text.replaceSubrange(range, with: new)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: BaselineError.self) { try BaselineFile.load(path) }
        #expect(error.file == path)
        #expect(error.message.hasPrefix("baseline.json has an impossible figure at ") && error.message.contains(words), "\(error)")
        #expect(error.hint?.contains("re-run the pipeline") == true, "\(error)")
    }
}

/// Indicators tested from their counts, like for like where the later baseline restates the
/// earlier period, and a multiplier-only change in words. Expected values worked out in Python
/// (scipy for the normal tail) from the sample's published counts.
@Suite struct IndicatorCountsDiffTests {
    func counted(_ id: String, area: String = "E07999001", period: String, _ count: Double, _ denominator: Double, multiplier: Double = 100,
                 type: String = "proportion", name: String? = nil, ci: (Double, Double)? = nil) -> IndicatorResult {
        var result = indicator(id, area: area, period: period, value: count / denominator * multiplier, ci: ci,
                               unit: type == "rate" ? "per population" : "%")
        result.name = name ?? id.capitalized
        result.count = count
        result.denominator = denominator
        result.multiplier = multiplier
        result.valueType = type
        return result
    }

    /// Care leavers in EET, 32/63 → 33/64: the pooled two-proportion test gives z = 0.086666,
    /// p = 0.930937; the intervals, rounded to four decimals, would give z = 0.0929, p = 0.926.
    @Test func aProportionIsTestedFromItsCounts() {
        let change = DiffEngine().compareIndicators(
            [counted("care", period: "2023-24", 32, 63, ci: (38.7629, 62.7332))],
            [counted("care", period: "2024-25", 33, 64, ci: (39.5816, 63.3664))])[0]
        #expect(change.status == .noSignificantChange)
        #expect(change.reason == "the change is within what chance would give (two-proportion test on 32/63 and 33/64, z = 0.087, p = 0.931)")
    }

    /// Homelessness duties 984 in 53,029 → 1,012 in 53,239 per 1,000: z = 0.538440, p = 0.590273.
    @Test func aRateIsTestedFromItsCountsAsTwoPoissonRates() {
        let change = DiffEngine().compareIndicators(
            [counted("homeless", period: "2023-24", 984, 53029, multiplier: 1000, type: "rate", ci: (17.4144, 19.7525))],
            [counted("homeless", period: "2024-25", 1012, 53239, multiplier: 1000, type: "rate", ci: (17.8554, 20.2168))])[0]
        #expect(change.reason == "the change is within what chance would give (two-rate Poisson test on 984 in 53,029 and 1,012 in 53,239, z = 0.538, p = 0.590)")
    }

    /// 400/1,000 → 450/1,000: z = 2.2568, p = 0.0240 by the counts; with counts in one year
    /// only, the intervals are used and the reason says so.
    @Test func withoutCountsBothYearsTheIntervalsAreUsedAndNamed() {
        var before = counted("ready", period: "2024", 400, 1000, ci: (36.9, 43.1))
        before.count = nil
        let change = DiffEngine().compareIndicators([before], [counted("ready", period: "2025", 450, 1000, ci: (41.9, 48.1))])[0]
        #expect(change.reason.contains("from the confidence intervals, as no counts are published for both"), "\(change.reason)")
    }

    /// Child poverty changed definition; the 2025 baseline restates 2023-24 under the new one:
    /// 6,650/21,859 = 30.42% → 6,636/21,945 = 30.24%, z = −0.416636, p = 0.676945.
    @Test func aRestatedEarlierPeriodIsComparedLikeForLike() {
        let old = counted("child_poverty", period: "2023-24", 5652, 21859, name: "Children in absolute low-income families")
        let restated = counted("child_poverty", period: "2023-24", 6650, 21859, name: "Children in relative low-income families")
        let latest = counted("child_poverty", period: "2024-25", 6636, 21945, name: "Children in relative low-income families")
        let change = DiffEngine().compareIndicators([old], [restated, latest])[0]
        #expect(change.status == .noSignificantChange)
        #expect(change.values == [restated.value, latest.value])
        #expect(change.reason == "the definition changed (was: “Children in absolute low-income families”); compared like for like with 2023-24 "
                + "as the later baseline restates it under the new definition (30.4 where the earlier baseline had 25.9): the change is within "
                + "what chance would give (two-proportion test on 6,650/21,859 and 6,636/21,945, z = -0.417, p = 0.677)")
        // Without the restated period it stays not comparable.
        #expect(DiffEngine().compareIndicators([old], [latest])[0].status == .notComparable)
    }

    @Test func aMultiplierOnlyChangeSaysSo() {
        let change = DiffEngine().compareIndicators([counted("rate", period: "2024", 10, 1000, multiplier: 100, type: "rate")],
                                                    [counted("rate", period: "2025", 10, 1000, multiplier: 1000, type: "rate")])[0]
        #expect(change.status == .notComparable)
        #expect(change.reason == "the multiplier changed (100 → 1,000)")
    }
}

/// What was not tested is said so, and kept out of the tested counts; the group comparisons
/// of a diff are adjusted together for their number.
@Suite struct NotTestedAndAdjustedDiffTests {
    func document(indicators: [IndicatorResult], survey: [SurveyQuestionResult]) -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        document.indicators = indicators
        document.survey = survey
        return document
    }

    @Test func untestedIndicatorsAndGroupsHaveTheirOwnStatus() throws {
        let before = document(indicators: [indicator("le", period: "2023", value: 77.7, unit: "years")], survey: [
            question("q", overall: figures(50, of: 100), groups: ["Role": [GroupFigures(group: "Lead", figures: figures(3, of: 5, suppressed: "fewer than 10"))]]),
        ])
        let after = document(indicators: [indicator("le", period: "2024", value: 77.8, unit: "years")], survey: [
            question("q", overall: figures(52, of: 100), groups: ["Role": [GroupFigures(group: "Lead", figures: figures(4, of: 6, suppressed: "fewer than 10"))]]),
        ])
        let diff = DiffEngine().diff(from: before, to: after)
        #expect(diff.indicators[0].status == .notTested)
        #expect(diff.survey[1].status == .notTested)
        #expect(diff.survey[1].reason == "suppressed both times, so no change can be measured")
        #expect(diff.summary == ["not_tested": 1, "no_significant_change": 1])
        let text = try DiffReport.render(diff, format: .text)
        #expect(text.contains("Summary (Millbrook's indicators and the overall survey results): 1 no significant change; 1 not tested"), "\(text)")
        #expect(text.contains("○ not tested: Le: 77.7 → 77.8 years (+0.1) [2023 → 2024] — no counts or confidence intervals, so the change cannot be tested"))
        let markdown = try DiffReport.render(diff, format: .markdown)
        #expect(markdown.contains("- **○ not tested**: Le:"))
        // A count is whole in the diff, as in the brief (a try-out's "5,466.0 → 9,878.0 crimes").
        var crimes = [indicator("crime", period: "2018-01-01/P4M", value: 5466, unit: "crimes"), indicator("crime", period: "2018-01-01/P7M", value: 9878, unit: "crimes")]
        for index in crimes.indices { crimes[index].valueType = "count" }
        let counted = try DiffReport.render(DiffEngine().diff(from: document(indicators: [crimes[0]], survey: []), to: document(indicators: [crimes[1]], survey: [])), format: .text)
        #expect(counted.contains("Crime: 5,466 → 9,878 crimes"), "\(counted)")
        let json = try DiffReport.render(diff, format: .json)
        #expect(json.contains("\"status\" : \"not_tested\""))
    }

    /// Three groups, raw p 0.0073 (2,000 → 2,120 of 4,000), 0.0455 and 0.2059; Benjamini–Hochberg
    /// over the three (3·p/rank, the running minimum from the top) gives 0.0218, 0.0683, 0.2059,
    /// so only the first counts; Holm ((3 − rank + 1)·p, the running maximum) gives 0.0218,
    /// 0.0911, 0.2059; none leaves two significant. Raw p: 120/4000 from the pooled z-test; 50/100 → 64/100 and
    /// 8/20 → 12/20 in the same way (Python, scipy).
    @Test(arguments: [(PValueAdjustment.benjaminiHochberg, [0.0218, 0.0683, 0.2059], 1), (.holm, [0.0218, 0.0911, 0.2059], 1),
                      (.none, [0.0073, 0.0455, 0.2059], 2)])
    func groupComparisonsAreAdjustedTogether(adjustment: PValueAdjustment, adjusted: [Double], significant: Int) throws {
        let before = question("q", overall: figures(2058, of: 4120), groups: ["Org": [
            GroupFigures(group: "A", figures: figures(2000, of: 4000)), GroupFigures(group: "B", figures: figures(50, of: 100)),
            GroupFigures(group: "C", figures: figures(8, of: 20)),
        ]])
        let after = question("q", overall: figures(2196, of: 4120), groups: ["Org": [
            GroupFigures(group: "A", figures: figures(2120, of: 4000)), GroupFigures(group: "B", figures: figures(64, of: 100)),
            GroupFigures(group: "C", figures: figures(12, of: 20)),
        ]])
        let diff = DiffEngine(adjustment: adjustment).diff(from: document(indicators: [], survey: [before]), to: document(indicators: [], survey: [after]))
        let groups = diff.survey.filter { $0.breakdown != "overall" }
        #expect(groups.map(\.pValue) == [0.0073, 0.0455, 0.2059])
        #expect(groups.map(\.adjustedPValue) == (adjustment == .none ? [nil, nil, nil] : adjusted))
        #expect(groups.filter { $0.status == .improved }.count == significant)
        #expect(diff.adjustment == .init(method: adjustment.rawValue, comparisons: 3))
        #expect(diff.survey[0].adjustedPValue == nil, "the overall result is not adjusted")
        let text = try DiffReport.render(diff, format: .text)
        #expect(text.contains("Org: A: 50.0% → 53.0% (4,000 → 4,000 answers; p = 0.007" + (adjustment == .none ? ")" : ", adjusted p = 0.022)")), "\(text)")
        #expect(text.contains(adjustment == .none ? "without adjustment" : "adjusted by \(adjustment.name)"))
    }

    /// A benchmark comparison that moved is named as the benchmarks are everywhere else, with
    /// its code (a try-out read "against E12000005: worse → similar").
    @Test func aMovedComparisonNamesItsBenchmark() throws {
        func baseline(_ period: String, _ value: Double, _ verdict: String) -> BaselineDocument {
            var document = document(indicators: [indicator("smoking", period: period, value: value, ci: (value - 1, value + 1),
                                                           comparisons: ["E12000005": verdict])], survey: [])
            document.benchmarks = [Area(code: "E12000005", name: "West Midlands", role: "region")]
            return document
        }
        let diff = DiffEngine().diff(from: baseline("2023", 18, "worse"), to: baseline("2024", 12, "similar"))
        let text = try DiffReport.render(diff, format: .text)
        #expect(text.contains("against West Midlands (E12000005): worse → similar"), "\(text)")
    }

    /// 12 of 26 (46.153846…%, stored 46.15) is shown 46.2%, and the change from 7 of 39
    /// (17.948718…%, stored 17.95) is 28.205128 points, stored 28.21, not 46.15 − 17.95 = 28.20.
    @Test func sharesAreRoundedOnce() throws {
        let before = document(indicators: [], survey: [question("q", overall: figures(7, of: 39))])
        let after = document(indicators: [], survey: [question("q", overall: figures(12, of: 26))])
        let diff = DiffEngine().diff(from: before, to: after)
        #expect(diff.survey[0].change == 28.21)
        let text = try DiffReport.render(diff, format: .text)
        #expect(text.contains("Question: 17.9% → 46.2% (+28.2 points)"), "\(text)")
    }
}

/// Figures for periods that are not like for like are not compared, and a diff of two places is refused.
@Suite struct PeriodsAndPlacesDiffTests {
    let engine = DiffEngine()

    /// Bromley's cigarette smokers as ONS published them: the 2023 figure (one year), then the
    /// 2020–24 pooled average the next download held instead.
    @Test func anAnnualFigureAgainstAFiveYearAverageIsNotComparable() {
        let change = engine.compareIndicators([indicator("smokers", period: "2023", value: 14.1, ci: (8.2, 20))],
                                              [indicator("smokers", period: "2020 - 24", value: 8.8, ci: (7.1, 10.5))])[0]
        #expect(change.status == .notComparable)
        #expect(change.reason == "periods of different lengths: 2023 (one year) against 2020 - 24 (a five-year average)")
        #expect(change.change == nil)
    }

    @Test func overlappingPeriodsAreNotComparable() {
        let change = engine.compareIndicators([indicator("smokers", period: "2019 - 23", value: 9.4, ci: (7.7, 11.1))],
                                              [indicator("smokers", period: "2020 - 24", value: 8.8, ci: (7.1, 10.5))])[0]
        #expect(change.status == .notComparable)
        #expect(change.reason == "the periods overlap: 2019 - 23 and 2020 - 24 both cover 2020 to 2023, so their figures share data; figures pooled over five years are compared with ones at least five years apart")
    }

    /// A try-out's diff of a baseline made from ONS's June 2025 file (`2023-11-16T00:00:00/P1Y`)
    /// and one from its October 2025 file (`2023-11-16/P1Y`, the same figures) said the periods
    /// overlap; they are one period, written two ways.
    @Test("a period written with a time of midnight is the same period as the date alone: nothing newer was published")
    func midnightIsTheSamePeriod() {
        let same = engine.compareIndicators([indicator("obesity", period: "2023-11-16T00:00:00/P1Y", value: 33.0, ci: (29.6, 36.4))],
                                            [indicator("obesity", period: "2023-11-16/P1Y", value: 33.0, ci: (29.6, 36.4))])[0]
        #expect(same.status == .notTested, "\(same.reason)")
        #expect(same.reason == "the same period (2023-11-16/P1Y) in both baselines: nothing newer was published")
        let revised = engine.compareIndicators([indicator("obesity", period: "2023-11-16T00:00:00/P1Y", value: 33.0, ci: (29.6, 36.4))],
                                               [indicator("obesity", period: "2023-11-16/P1Y", value: 32.5, ci: (29.1, 35.9))])[0]
        #expect(revised.reason.hasSuffix("revised by its publisher: a revision, not a change over time"), "\(revised.reason)")
        let later = engine.compareIndicators([indicator("obesity", period: "2022-11-16T00:00:00/P1Y", value: 27.4, ci: (23.2, 31.9))],
                                             [indicator("obesity", period: "2023-11-16/P1Y", value: 33.0, ci: (29.6, 36.4))])[0]
        #expect(later.status != .notComparable && later.status != .notTested, "\(later.reason)")
        #expect(DiffEngine.unlikePeriods("2023-11-16T00:00:00/P1Y", "2023-11-16/P1Y", total: false) == nil)
    }

    @Test("years from 16 November, one with a 29 February, are compared as ever; so is the same period, as before")
    func likeForLikePeriodsAreStillCompared() {
        let change = engine.compareIndicators([indicator("obesity", period: "2023-11-16/P1Y", value: 21.4, ci: (18.2, 24.7))],
                                              [indicator("obesity", period: "2024-11-16/P1Y", value: 22.8, ci: (19.7, 26))])[0]
        #expect(change.status == .noSignificantChange)
        let same = engine.compareIndicators([indicator("obesity", period: "2024-11-16/P1Y", value: 22.8, ci: (19.7, 26))],
                                            [indicator("obesity", period: "2024-11-16/P1Y", value: 22.8, ci: (19.7, 26))])[0]
        #expect(same.status == .notTested && same.reason.hasSuffix("nothing newer was published"))
        // `2010-11` is read as a month beside another month, as a financial year beside another one.
        #expect(DiffEngine.unlikePeriods("2010-11", "2010-12", total: false) == nil)
        #expect(DiffEngine.unlikePeriods("2010-11", "2011-12", total: false) == nil)
        // A reference date beside a month is read as its month: ONS's April pay survey, `2024-04`
        // one year and `2025-04-30` the next (a programme try-out found every place's pay not comparable).
        #expect(DiffEngine.unlikePeriods("2024-04", "2025-04-30", total: false) == nil)
        #expect(DiffEngine.unlikePeriods("2025-04-30", "2026-04", total: false) == nil)
        #expect(DiffEngine.unlikePeriods("2025-03", "2025-03-31", total: false) == nil, "the same month's snapshot")
        // Not for a total (a day's count is not a month's), nor beside a quarter.
        #expect(DiffEngine.unlikePeriods("2024-04", "2025-04-30", total: true)?.hasPrefix("periods of different lengths") == true)
        #expect(DiffEngine.unlikePeriods("2024-Q2", "2025-04-30", total: false)?.hasPrefix("periods of different lengths") == true)
        // `Period` itself keeps a day and a month apart: the reading belongs to the comparison.
        #expect(Period("2024-04")!.unlike(Period("2025-04-30")!) != nil)
    }

    @Test("a restated earlier period is compared only when it is like for like with the later one")
    func restatedPeriodMustBeLikeForLike() {
        var earlier = indicator("poverty", period: "2019", value: 25.9, ci: (25, 26.8))
        earlier.name = "Absolute"
        let restated = indicator("poverty", period: "2019", value: 30.4, ci: (29.5, 31.3))
        let later = indicator("poverty", period: "2020 - 24", value: 30.2, ci: (29.3, 31.1))
        let change = engine.compareIndicators([earlier], [restated, later])[0]
        #expect(change.status == .notComparable)
        #expect(change.reason == "the definition changed (was: “Absolute”)")
    }

    @Test func twoPlacesAreRefusedUnlessACodeChangeMakesThemOne() throws {
        let coventry = BaselineDocument(place: Place(name: "Coventry", code: "E08000026"), period: "2024")
        let bromley = BaselineDocument(place: Place(name: "Bromley", code: "E09000006"), period: "2025")
        #expect(throws: BaselineError(file: "out/bromley/2025",
                                      "the baselines are of different places: out/coventry/2024 is of Coventry (E08000026), this one of Bromley (E09000006), "
                                          + "and a diff reads the differences between two places as changes over time",
                                      hint: "give two periods of one place (`baseline diff output/<place>/2024 output/<place>/2025`); if the place's code "
                                          + "changed, give the change in --code-changes; to set places side by side, use `baseline index`")) {
            try engine.requireSamePlace(coventry, at: "out/coventry/2024", bromley, at: "out/bromley/2025")
        }
        try DiffEngine(codeChanges: ["E08000026": "E09000006"]).requireSamePlace(coventry, at: "a", bromley, at: "b")
        try engine.requireSamePlace(coventry, at: "a", coventry, at: "b")
    }
}
