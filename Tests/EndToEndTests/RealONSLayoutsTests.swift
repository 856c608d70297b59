import Foundation
import Testing

/// The real binary on extracts of the cigarette smokers file as ONS published it in the layouts it
/// used before today's (`Fixtures/real/ons/cigarette-smokers-20*.csv`, listed with their commits in
/// `Fixtures/real/SOURCES.md`): what a user who keeps last year's download runs into.
@Suite(.serialized) struct RealONSLayoutsTests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures/real/ons")

    static func run(_ pipeline: String, in scratch: Scratch) throws -> Outcome {
        try baseline("run", fixtures.appendingPathComponent(pipeline).path, "--output", scratch.path)
    }

    static func document(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Coventry's entry for the cigarette smokers of `period`.
    static func coventry(_ document: [String: Any], period: String) -> [String: Any]? {
        (document["indicators"] as? [[String: Any]] ?? []).first {
            $0["id"] as? String == "cigarette_smokers" && $0["area"] as? String == "E08000026" && $0["period"] as? String == period
        }
    }

    @Test("The 2023–2025 layout keeps its published intervals: Coventry's 10.7% (7.6–13.7) in 2023, compared with England, and the diff from the year before tested")
    func intervalsOfTheOlderLayout() throws {
        let scratch = try Scratch()
        for pipeline in ["coventry-2024.yaml", "coventry-2025.yaml"] {
            let outcome = try Self.run(pipeline, in: scratch)
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        let later = try Self.document(scratch.path + "/coventry/2025")
        let entry = Self.coventry(later, period: "2023")
        #expect(entry?["value"] as? Double == 10.7)
        #expect((entry?["ci95"] as? [String: Double]) == ["lower": 7.6, "upper": 13.7])
        // England's 11.9 is inside Coventry's interval: similar.
        #expect((entry?["comparisons"] as? [String: String])?["E92000001"] == "similar")
        let report = try String(contentsOfFile: scratch.path + "/coventry/2025/report.md", encoding: .utf8)
        #expect(!report.contains("none published"), "\(report)")
        #expect(report.contains("| Cigarette smokers | 2023 | 10.7% | 7.6–13.7 |"), "\(report)")

        let earlier = try Self.document(scratch.path + "/coventry/2024")
        #expect((Self.coventry(earlier, period: "2022")?["ci95"] as? [String: Double]) == ["lower": 13.7, "upper": 23.1])
        let diff = try baseline("diff", scratch.path + "/coventry/2024", scratch.path + "/coventry/2025", "--format", "json")
        #expect(diff.status == 0, "\(diff.stderr)")
        let changes = try #require((try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])?["indicators"] as? [[String: Any]])
        let smokers = try #require(changes.first { $0["id"] as? String == "cigarette_smokers" && $0["area"] as? String == "E08000026" })
        // 18.4% (13.7–23.1) in 2022 to 10.7% (7.6–13.7) in 2023: the intervals do not overlap.
        #expect(smokers["status"] as? String == "improved", "\(smokers)")
    }

    @Test("ONS's wellbeing file has four measures and no indicator column: one `indicator:` for every row stops at the first row that repeats another's area and period with another value; `Measure` as the indicator reads each")
    func severalMeasuresUnderOneID() throws {
        let scratch = try Scratch()
        let wrong = try Self.run("wellbeing-one-id.yaml", in: scratch)
        // Before: exit 0, with Mansfield's anxiety (3.06, the file's first measure) shown as its happiness.
        #expect(wrong.status == 1, "\(wrong.stderr)")
        // By hand from the file: line 4 is Mansfield's anxiety in 2021-2022 (3.06), line 8 its worthwhile score (7.64).
        #expect(wrong.stderr.contains("wellbeing-mansfield.csv:8: error: this row repeats indicator 'happiness' for E07000174 in 2021-22 with another value: 7.64 here, 3.06 at line 4"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("`columns: {indicator: …}`"), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/mansfield/2024/baseline.json"))

        let right = try Self.run("wellbeing-measure.yaml", in: scratch)
        #expect(right.status == 0, "\(right.stderr)")
        let entries = (try Self.document(scratch.path + "/mansfield/2024")["indicators"] as? [[String: Any]] ?? [])
            .filter { $0["area"] as? String == "E07000174" && $0["period"] as? String == "2022-23" }
        let values = Dictionary(uniqueKeysWithValues: entries.compactMap { e in (e["id"] as? String).map { ($0, e["value"] as? Double) } })
        // By hand: the file's 2022-2023 rows for E07000174 (lines 5, 9, 13, 17).
        #expect(values == ["anxiety": 2.65, "worthwhile": 8.0, "happiness": 7.4, "life_satisfaction": 7.18], "\(values)")
    }

    @Test("ONS renamed the wellbeing scores in January 2026 (`Anxiety mean score (where 10 is 'completely anxious')` → `Anxiety`): with the old names as `also_named`, both files read into the same indicators and `diff` compares them")
    func renamedIndicatorsAlsoNamed() throws {
        let scratch = try Scratch()
        for pipeline in ["wellbeing-2024-renamed.yaml", "wellbeing-2025-renamed.yaml"] {
            let outcome = try Self.run(pipeline, in: scratch)
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        for year in ["2024", "2025"] {
            let entries = (try Self.document(scratch.path + "/mansfield/\(year)")["indicators"] as? [[String: Any]] ?? [])
                .filter { $0["area"] as? String == "E07000174" && $0["period"] as? String == "2022-23" }
            let named = Dictionary(uniqueKeysWithValues: entries.compactMap { e in (e["id"] as? String).map { ($0, e["name"] as? String ?? "") } })
            #expect(named == ["anxiety": "Anxiety", "happiness": "Happiness", "life_satisfaction": "Satisfaction", "worthwhile": "Worthwhile"], "\(year): \(named)")
            // By hand: 2022-2023's anxiety in the 2025 file and 2022-04-01/P1Y's in the 2026 file are both 2.65.
            #expect(entries.first { $0["id"] as? String == "anxiety" }?["value"] as? Double == 2.65)
        }
        let diff = try baseline("diff", scratch.path + "/mansfield/2024", scratch.path + "/mansfield/2025", "--format", "json")
        #expect(diff.status == 0, "\(diff.stderr)")
        let changes = try #require((try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])?["indicators"] as? [[String: Any]])
        // Before: "not comparable: the definition changed", once the catalogue's name followed ONS's.
        #expect(changes.count == 8 && changes.allSatisfy { ($0["reason"] as? String)?.hasPrefix("the same period (2022-23) in both baselines") == true }, "\(changes)")
    }

    @Test("A catalogue entry without a unit shows the unit ONS publishes with the figures (`£ million`), not the kind of figure's default (`count`)")
    func publishedUnit() throws {
        let scratch = try Scratch()
        let outcome = try Self.run("greater-manchester-fdi.yaml", in: scratch)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try Self.document(scratch.path + "/greater-manchester/2025")
        let entries = (document["indicators"] as? [[String: Any]] ?? []).filter { $0["id"] as? String == "inward_fdi" }
        // By hand from the file: Greater Manchester's 2024 row, `…,2024-01-01/P1Y,48159,Pounds,£ million,…`.
        let latest = try #require(entries.first { $0["period"] as? String == "2024" })
        #expect(latest["value"] as? Double == 48159 && latest["unit"] as? String == "£ million", "\(latest)")
        #expect(entries.count == 10 && entries.allSatisfy { $0["unit"] as? String == "£ million" })
        let report = try String(contentsOfFile: scratch.path + "/greater-manchester/2025/report.md", encoding: .utf8)
        #expect(report.contains("| Inward foreign direct investment | 2024 | £48,159 million |"), "\(report)")
        #expect(!report.contains(" count"), "\(report)")

        // The mean over the file's areas: the catalogue's id (it carried the file's name of the
        // indicator, so a diff took it for another indicator) and the unit of the place's figures.
        let pipeline = try String(contentsOf: Self.fixtures.appendingPathComponent("greater-manchester-fdi.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "    catalogue: catalogue.yaml", with: "    catalogue: catalogue.yaml\n    aggregate: mean_by_indicator_period")
            .replacingOccurrences(of: "path: foreign-direct-investment.csv", with: "path: \(Self.fixtures.path)/foreign-direct-investment.csv")
            .replacingOccurrences(of: "catalogue: catalogue.yaml", with: "catalogue: \(Self.fixtures.path)/catalogue.yaml")
        try pipeline.write(toFile: scratch.path + "/mean.yaml", atomically: true, encoding: .utf8)
        let means = try baseline("run", scratch.path + "/mean.yaml", "--output", scratch.path + "/means", "-q")
        #expect(means.status == 0, "\(means.stderr)")
        let meanDocument = try Self.document(scratch.path + "/means/greater-manchester/2025")
        let mean = (meanDocument["indicators"] as? [[String: Any]] ?? []).first { $0["area"] as? String == "*" && $0["period"] as? String == "2024" }
        // (48,159 + Liverpool City Region's 10,962) / 2, from the file's two 2024 rows.
        #expect(mean?["id"] as? String == "inward_fdi" && mean?["value"] as? Double == 29560.5 && mean?["unit"] as? String == "£ million", "\(String(describing: mean))")

        // One unit per indicator, whatever order the figures come in: with the unit cell of one
        // row empty, every figure and mean is still in £ million (a review found 2024 "count"
        // beside 2023 "£ million", and the means' unit changing from run to run); and a unit
        // written as the word `Percentage` is shown as `%`.
        let csv = try String(contentsOf: Self.fixtures.appendingPathComponent("foreign-direct-investment.csv"), encoding: .utf8)
        try csv.replacingOccurrences(of: "2024-01-01/P1Y,48159,Pounds,£ million", with: "2024-01-01/P1Y,48159,Pounds,")
            .write(toFile: scratch.path + "/gap.csv", atomically: true, encoding: .utf8)
        try pipeline.replacingOccurrences(of: "\(Self.fixtures.path)/foreign-direct-investment.csv", with: scratch.path + "/gap.csv")
            .write(toFile: scratch.path + "/gap.yaml", atomically: true, encoding: .utf8)
        for round in 0..<3 {
            let gap = try baseline("run", scratch.path + "/gap.yaml", "--output", scratch.path + "/gap\(round)", "-q")
            #expect(gap.status == 0, "\(gap.stderr)")
            let units = try (Self.document(scratch.path + "/gap\(round)/greater-manchester/2025")["indicators"] as? [[String: Any]] ?? [])
                .map { $0["unit"] as? String ?? "" }
            #expect(units.count == 20 && Set(units) == ["£ million"], "\(units)")
        }
    }

    @Test("An index of a place whose periods have labels (`2014-04-01/P3Y`, read `2014-15 to 2016-17`) keeps its own schema: `period_label`")
    func indexOfLabelledPeriods() throws {
        let scratch = try Scratch()
        let outcome = try Self.run("greater-manchester-homicide.yaml", in: scratch)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let index = try baseline("index", scratch.path, "-q")
        #expect(index.status == 0, "\(index.stderr)")
        let json = try String(contentsOfFile: scratch.path + "/index.json", encoding: .utf8)
        #expect(json.contains("\"period_label\" : \"") && !json.contains("periodLabel"), "\(json.prefix(800))")
        // index.json had `periodLabel`, which its schema (no other keys allowed) refused.
        let valid = try validateJSON(scratch.path + "/index.json", against: "index.schema.json")
        #expect(valid.status == 0, "\(valid.stderr)")
    }

    @Test("ONS's October 2025 file swapped `Variable Name` and `Indicator`: the run says so and what to set, with no unrelated note in the error")
    func swappedNameColumns() throws {
        let scratch = try Scratch()
        let outcome = try Self.run("coventry-swapped.yaml", in: scratch)
        #expect(outcome.status == 1)
        let error = try #require(outcome.stderr.split(separator: "\n").first { $0.contains(": error: ") }.map(String.init))
        #expect(error.contains("coventry-swapped.yaml:12:"), "\(error)")
        #expect(error.contains("'Adults that currently smoke cigarettes' (its rows' indicator_name 'Cigarette smokers' is 'cigarette_smokers' in the catalogue: the file's indicator and name columns look swapped)"), "\(error)")
        #expect(error.contains("`columns: {indicator: Variable Name}`"), "\(error)")
        #expect(!error.contains("did-you-mean pairs"), "no pairs are shown, so none are promised: \(error)")
        #expect(!error.contains("No confidence interval"), "the broadband file's missing intervals are another matter: \(error)")

        // `validate` says it as `run` does, at the same line, before a run (it said "ok").
        let validated = try baseline("validate", Self.fixtures.appendingPathComponent("coventry-swapped.yaml").path)
        #expect(validated.status == 1)
        #expect(validated.stderr == error + "\n", "\(validated.stderr)")
        // The same file read with the column that holds the catalogue's names as the indicator is fine.
        let pipeline = try String(contentsOf: Self.fixtures.appendingPathComponent("coventry-swapped.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "    path: cigarette-smokers-2025-10.csv\n",
                                  with: "    path: \(Self.fixtures.path)/cigarette-smokers-2025-10.csv\n    columns: {indicator: Variable Name}\n")
            .replacingOccurrences(of: "path: gigabit-capable-broadband.csv", with: "path: \(Self.fixtures.path)/gigabit-capable-broadband.csv")
            .replacingOccurrences(of: "catalogue: catalogue.yaml", with: "catalogue: \(Self.fixtures.path)/catalogue.yaml")
        try pipeline.write(toFile: scratch.path + "/fixed.yaml", atomically: true, encoding: .utf8)
        let fixed = try baseline("validate", scratch.path + "/fixed.yaml")
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let ran = try baseline("run", scratch.path + "/fixed.yaml", "--output", scratch.path + "/fixed", "-q")
        #expect(ran.status == 0, "\(ran.stderr)")

        // In a programme that shares the file, once (with the first place), not once a place.
        try "code,name,slug\nE08000026,Coventry,coventry\nE08000025,Birmingham,birmingham\n"
            .write(toFile: scratch.path + "/places.csv", atomically: true, encoding: .utf8)
        let programme = try String(contentsOf: Self.fixtures.appendingPathComponent("coventry-swapped.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "place:\n  name: Coventry\n  code: E08000026\n", with: "places: places.csv\n")
            .replacingOccurrences(of: "path: cigarette-smokers-2025-10.csv", with: "path: \(Self.fixtures.path)/cigarette-smokers-2025-10.csv")
            .replacingOccurrences(of: "path: gigabit-capable-broadband.csv", with: "path: \(Self.fixtures.path)/gigabit-capable-broadband.csv")
            .replacingOccurrences(of: "catalogue: catalogue.yaml", with: "catalogue: \(Self.fixtures.path)/catalogue.yaml")
        try programme.write(toFile: scratch.path + "/programme.yaml", atomically: true, encoding: .utf8)
        let places = try baseline("validate", scratch.path + "/programme.yaml")
        #expect(places.status == 1)
        let errors = places.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1 && errors[0].contains("programme.yaml:10:5: error: place coventry: source 'cigarette-smokers' reads statistics")
                    && errors[0].contains("look swapped"), "\(places.stderr)")
    }

    @Test("`indicators:` in the catalogue id's words keeps the file's indicator; one the file does not hold stops at its line, naming what the file holds")
    func indicatorsFilter() throws {
        let scratch = try Scratch()
        let kept = try Self.run("coventry-filter.yaml", in: scratch)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stderr.contains("cigarette-smokers (csv-indicators): read 36, passed on 36, quarantined 0"), "\(kept.stderr)")

        let missed = try Self.run("coventry-filter-miss.yaml", in: scratch)
        #expect(missed.status == 1)
        #expect(missed.stderr.contains("coventry-filter-miss.yaml:14:18: error: none of the indicators listed in `indicators:` is in cigarette-smokers-2024-10.csv, which holds 'Cigarette smokers' — "), "\(missed.stderr)")
        #expect(missed.stderr.contains("did you mean 'Cigarette smokers' for 'cigarette_smoking'?"), "\(missed.stderr)")

        // `validate` says it as `run` does, before a run.
        let error = missed.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(error.count == 1, "\(missed.stderr)")
        let validated = try baseline("validate", Self.fixtures.appendingPathComponent("coventry-filter-miss.yaml").path)
        #expect(validated.status == 1)
        #expect(validated.stderr == error.joined() + "\n", "\(validated.stderr)")
        let valid = try baseline("validate", Self.fixtures.appendingPathComponent("coventry-filter.yaml").path)
        #expect(valid.status == 0, "\(valid.stderr)")
    }
}
