import Foundation
import Testing

/// `baseline diff` on the two Millbrook years, as a user runs it.
@Suite(.serialized) struct DiffCommandTests {
    func baselines() throws -> (Scratch, String, String) {
        let scratch = try Scratch()
        for year in ["2024", "2025"] {
            let outcome = try baseline("run", "pipelines/millbrook-\(year).yaml", "--output", scratch.path, "-q")
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        return (scratch, scratch.path + "/millbrook/2024", scratch.path + "/millbrook/2025")
    }

    @Test func textSummaryFirstThenDetails() throws {
        let (scratch, before, after) = try baselines()
        let outcome = try baseline("diff", before, after)
        withExtendedLifetime(scratch) {}
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.first == "MILLBROOK: 2024 → 2025")
        #expect(lines.dropFirst().first?.hasPrefix("Summary (Millbrook's indicators and the overall survey results): ") == true)
        #expect(outcome.stdout.contains("▲ improved: Partners here trust each other"))
        // A group's change sits under its own question, named by grouping and group.
        let trust = try #require(lines.firstIndex { $0.contains("▲ improved: Partners here trust each other") })
        #expect(lines[trust + 1].hasPrefix("    ▲ improved: Organisation: "), "\(lines[trust + 1])")
        #expect(outcome.stdout.contains("We work in silos (reverse-scored: % disagreeing): 13.2% → 13.5%"))
        #expect(outcome.stdout.contains("(England, E92000001)"))
        // The place's unchanged indicators show their figures and why they are unchanged, in plain numbers.
        #expect(outcome.stdout.contains("= no significant change: Households owed a homelessness prevention or relief duty: 18.6 → 19.0 per 1,000 households (+0.4) [2023-24 → 2024-25] — the change is within what chance would give"))
        #expect(outcome.stdout.contains("58.9 → 59.3% (+0.3) [") && !outcome.stdout.contains("(+0.344)") && outcome.stdout.contains("moved up: Homelessness (#2 → #1)"))
        // 2024 had no leadership workshop: the themes are compared without it, and the diff says so.
        #expect(outcome.stdout.contains("Compared on what both baselines heard from — community workshop, focus group, interview and survey — leaving out leadership workshop (only in 2025)."))
        #expect(outcome.stdout.contains("▼ worsened: I feel able to cope with the demands of my job"))
        #expect(outcome.stdout.contains("≠ not comparable: Data is shared well between partners"))
        #expect(!outcome.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    /// The diff's theme shares, worked out again from the two baseline.json files: each theme's
    /// mentions of the kinds both years hold, over all the narrowest themes' such mentions.
    @Test("theme shares match the two baselines' mentions of the kinds both hold")
    func themeSharesLikeForLike() throws {
        let (scratch, before, after) = try baselines()
        let outcome = try baseline("diff", before, after, "--format", "json")
        defer { withExtendedLifetime(scratch) {} }
        let diff = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let kinds = try #require((diff["themes_basis"] as? [String: Any])?["kinds"] as? [String])
        #expect(kinds == ["community workshop", "focus group", "interview", "survey"])
        func shares(_ folder: String) throws -> [String: Double] {
            let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json"))) as? [String: Any])
            let themes = try #require(document["themes"] as? [[String: Any]])
            let parents = Set(themes.compactMap { $0["parent"] as? String })
            func mentions(_ theme: [String: Any]) -> Int {
                let byKind = (theme["breakdown"] as? [String: Any])?["kind"] as? [String: Int] ?? [:]
                return byKind.filter { kinds.contains($0.key) }.values.reduce(0, +)
            }
            let total = themes.filter { !parents.contains($0["id"] as? String ?? "") }.map(mentions).reduce(0, +)
            return Dictionary(uniqueKeysWithValues: themes.map { ($0["id"] as? String ?? "", 100 * Double(mentions($0)) / Double(total)) })
        }
        let (earlier, later) = (try shares(before), try shares(after))
        let changes = try #require(diff["themes"] as? [[String: Any]])
        #expect(changes.count == 15)
        for change in changes {
            let id = change["id"] as? String ?? "", share = change["share"] as? [Double] ?? []
            #expect(share.count == 2 && abs(share[0] - (earlier[id] ?? -1)) < 0.01 && abs(share[1] - (later[id] ?? -1)) < 0.01, "\(id): \(share)")
        }
    }

    @Test("years given the wrong way round: the diff runs, with a warning saying which way it reads")
    func wrongOrderWarns() throws {
        let (scratch, before, after) = try baselines()
        let outcome = try baseline("diff", after, before)
        withExtendedLifetime(scratch) {}
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("MILLBROOK: 2025 → 2024\n"))
        #expect(outcome.stderr.hasPrefix("warning: the earlier baseline named first is 2025, later than 2024"), "\(outcome.stderr)")
    }

    @Test("the same place under a new code, and periods that are not years, give no warning; another place is refused")
    func noFalseWarnings() throws {
        let (scratch, before, after) = try baselines()
        defer { withExtendedLifetime(scratch) {} }
        func edit(_ folder: String, into name: String, _ change: (inout [String: Any]) -> Void) throws -> String {
            var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json"))) as? [String: Any])
            change(&document)
            let edited = scratch.path + "/" + name
            try FileManager.default.createDirectory(atPath: edited, withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: URL(fileURLWithPath: edited + "/baseline.json"))
            return edited
        }
        let recoded = try edit(after, into: "recoded") { document in
            document["place"] = ["name": "Millbrook", "code": "E07999009"]
            document["code_changes"] = ["E07999004": "E07999002", "E07999001": "E07999009"]
        }
        #expect(try baseline("diff", before, recoded).stderr == "")
        let elsewhere = try edit(after, into: "elsewhere") { $0["place"] = ["name": "Elsewhere", "code": "E07999009"] }
        let refused = try baseline("diff", before, elsewhere)
        #expect(refused.status == 1 && refused.stderr.hasPrefix("\(elsewhere): error: the baselines are of different places: "), "\(refused.stderr)")
        let wave9 = try edit(before, into: "wave9") { $0["period"] = "wave9" }
        let wave10 = try edit(after, into: "wave10") { $0["period"] = "wave10" }
        #expect(try baseline("diff", wave9, wave10).stderr == "")
    }

    @Test func definitionAndAreaCodeChangesAreNotComparable() throws {
        let (scratch, before, after) = try baselines()
        let outcome = try baseline("diff", before, after, "--code-changes", "samples/millbrook/code-changes.csv", "--format", "json")
        defer { withExtendedLifetime(scratch) {} }
        let diff = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let indicators = try #require(diff["indicators"] as? [[String: Any]])
        let poverty = try #require(indicators.first { $0["id"] as? String == "child_poverty" && $0["area"] as? String == "E07999001" })
        // The definition changed, but the 2025 baseline restates 2023-24 under the new one:
        // 6,650/21,859 = 30.42% → 6,636/21,945 = 30.24%, p = 0.677 (two-proportion test, scipy).
        #expect(poverty["status"] as? String == "no_significant_change")
        #expect((poverty["reason"] as? String)?.hasPrefix("the definition changed") == true)
        #expect((poverty["reason"] as? String)?.contains("compared like for like with 2023-24") == true)
        #expect((poverty["reason"] as? String)?.hasSuffix("6,650/21,859 and 6,636/21,945, z = -0.417, p = 0.677)") == true, "\(poverty["reason"] ?? "")")
        #expect(poverty["values"] as? [Double] == [30.4, 30.2])
        let moved = indicators.filter { $0["previous_area"] as? String == "E07999004" }
        #expect(!moved.isEmpty && moved.allSatisfy { $0["status"] as? String == "not_comparable" && $0["area"] as? String == "E07999002" })
        // The 2025 baseline records the code changes its join stage applied: the same diff
        // without being told.
        let recorded = try baseline("diff", before, after, "--format", "json")
        #expect(recorded.stdout == outcome.stdout)
        // A baseline without them (written before 1.3, or by a pipeline without the table):
        // the old and new codes are different areas.
        let later = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: after + "/baseline.json"))) as? [String: Any])
        #expect(later["code_changes"] as? [String: String] == ["E07999004": "E07999002"])
        var stripped = later
        stripped["code_changes"] = nil
        let strippedFolder = scratch.path + "/stripped"
        try FileManager.default.createDirectory(atPath: strippedFolder, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: stripped, options: [.sortedKeys]).write(to: URL(fileURLWithPath: strippedFolder + "/baseline.json"))
        let without = try baseline("diff", before, strippedFolder, "--format", "json")
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(without.stdout.utf8)) as? [String: Any])
        let statuses = (plain["indicators"] as? [[String: Any]] ?? []).filter { ($0["area"] as? String)?.hasPrefix("E07999") == true && $0["area"] as? String != "E07999001" && $0["area"] as? String != "E07999003" }
            .compactMap { $0["status"] as? String }
        #expect(Set(statuses) == ["added", "removed"], "without the table, the old and new codes are different areas")
    }

    @Test func failOnWorsenedExitsOne() throws {
        let (scratch, before, after) = try baselines()
        #expect(try baseline("diff", before, after, "--fail-on", "worsened", "--format", "markdown").status == 1)
        #expect(try baseline("diff", after, after, "--fail-on", "worsened").status == 0)
        withExtendedLifetime(scratch) {}
    }

    @Test func bothSampleYearsValidateAgainstTheBaselineSchema() throws {
        let (scratch, before, after) = try baselines()
        for folder in [before, after] {
            let outcome = try validateJSON(folder + "/baseline.json", against: "baseline.schema.json")
            #expect(outcome.stdout == "valid\n", "\(folder): \(outcome.stderr)")
        }
        withExtendedLifetime(scratch) {}
    }

    @Test func jsonValidatesAgainstItsSchema() throws {
        let (scratch, before, after) = try baselines()
        let outcome = try baseline("diff", before + "/baseline.json", after, "--format", "json")
        #expect(outcome.status == 0)
        try outcome.stdout.write(toFile: scratch.path + "/diff.json", atomically: true, encoding: .utf8)
        let validation = try validateJSON(scratch.path + "/diff.json", against: "diff.schema.json")
        #expect(validation.stdout == "valid\n", "\(validation.stderr)")
    }

    @Test func badArgumentsAndUnreadableFiles() throws {
        let (scratch, before, _) = try baselines()
        #expect(try baseline("diff", before).status == 2)
        #expect(try baseline("diff", before, before, "--format", "pdf").status == 2)
        let adjust = try baseline("diff", before, before, "--adjust", "bonferroni")
        #expect(adjust.status == 2 && adjust.stderr.contains("--adjust must be bh, holm or none, not 'bonferroni'"))
        let missing = try baseline("diff", before, scratch.path + "/nowhere")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file or folder"))
        try #"{"schema_version": "9.1"}"#.write(toFile: scratch.path + "/future.json", atomically: true, encoding: .utf8)
        let future = try baseline("diff", before, scratch.path + "/future.json")
        #expect(future.status == 1)
        #expect(future.stderr.contains("unknown schema_version 9.1"))
    }

    /// The sample's 40 group comparisons: 9 have p < 0.05 unadjusted; 4 survive Benjamini–Hochberg
    /// and 2 Holm (worked out from the diff's raw p-values with both procedures written out in
    /// Python, as R's `p.adjust` does them). The raw p stays beside the adjusted one.
    @Test(arguments: [("bh", 4), ("holm", 2), ("none", 9)])
    func groupComparisonsAreAdjustedForTheirNumber(method: String, significant: Int) throws {
        let (scratch, before, after) = try baselines()
        defer { withExtendedLifetime(scratch) {} }
        let outcome = try baseline("diff", before, after, "--format", "json", "--adjust", method)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let diff = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let adjustment = try #require(diff["adjustment"] as? [String: Any])
        #expect(adjustment["method"] as? String == method && adjustment["comparisons"] as? Int == 40)
        let groups = (diff["survey"] as? [[String: Any]] ?? []).filter { $0["breakdown"] as? String != "overall" && $0["p_value"] != nil }
        #expect(groups.count == 40)
        #expect(groups.filter { ($0["p_value"] as! Double) < 0.05 }.count == 9, "raw p kept")
        #expect(groups.filter { ["improved", "worsened"].contains($0["status"] as? String) }.count == significant)
        #expect(groups.allSatisfy { ($0["adjusted_p_value"] == nil) == (method == "none") })
        let python = """
        import json, sys
        d = json.load(open(sys.argv[2])); m = sys.argv[1]
        rows = [s for s in d["survey"] if s["breakdown"] != "overall" and "p_value" in s]
        p = [s["p_value"] for s in rows]; n = len(p); order = sorted(range(n), key=lambda i: p[i]); rank = {i: r + 1 for r, i in enumerate(order)}
        if m == "bh": adj = [min(min(n * p[j] / rank[j] for j in range(n) if p[j] >= p[i]), 1) for i in range(n)]
        elif m == "holm": adj = [min(1, max((n - rank[j] + 1) * p[j] for j in range(n) if p[j] <= p[i])) for i in range(n)]
        else: adj = p
        print(sum(a < 0.05 for a in adj))
        """
        try outcome.stdout.write(toFile: scratch.path + "/diff-\(method).json", atomically: true, encoding: .utf8)
        let check = try run("python3", ["-c", python, method, scratch.path + "/diff-\(method).json"])
        #expect(check.stdout == "\(significant)\n", "\(check.stderr)")
        // The text says which adjustment was used.
        let text = try baseline("diff", before, after, "--adjust", method).stdout
        #expect(text.contains(method == "none" ? "without adjustment" : method == "bh" ? "adjusted by Benjamini–Hochberg" : "adjusted by Holm"))
    }

    /// Life expectancy has no interval or counts: not tested, and not counted as "no significant change".
    @Test func untestedRowsAreSaidSoAndKeptOutOfTheTestedCounts() throws {
        let (scratch, before, after) = try baselines()
        defer { withExtendedLifetime(scratch) {} }
        let json = try baseline("diff", before, after, "--format", "json").stdout
        let diff = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let indicators = try #require(diff["indicators"] as? [[String: Any]])
        let life = indicators.filter { ($0["id"] as? String)?.hasPrefix("life_expectancy") == true && $0["area"] as? String == "E07999001" }
        #expect(life.count == 2 && life.allSatisfy { $0["status"] as? String == "not_tested" })
        #expect(diff["summary"] as? [String: Int] == ["improved": 1, "worsened": 1, "no_significant_change": 8, "not_comparable": 1, "not_tested": 2])
        let survey = try #require(diff["survey"] as? [[String: Any]])
        let suppressedBoth = survey.filter { $0["reason"] as? String == "suppressed both times, so no change can be measured" }
        #expect(!suppressedBoth.isEmpty && suppressedBoth.allSatisfy { $0["status"] as? String == "not_tested" })
        let text = try baseline("diff", before, after).stdout
        #expect(text.contains("; 2 not tested (no newer period, no interval or counts, or missing or suppressed both times)."))
        #expect(text.contains("○ not tested: Life expectancy at birth, males: 77.7 → 77.8 years (+0.1) [2023 → 2024] — no counts or confidence intervals"))
        let markdown = try baseline("diff", before, after, "--format", "markdown").stdout
        #expect(markdown.contains("- **○ not tested**: Life expectancy at birth, females"))
    }

    /// The sample's indicators publish counts and denominators: tested from them, not from the
    /// rounded intervals (z and p from Python with scipy: care leavers 32/63 → 33/64 z = 0.0867,
    /// p = 0.9309; homelessness 984 in 53,029 → 1,012 in 53,239 z = 0.5384, p = 0.5903).
    /// Without adjustment the senior leaders' trust shows: 7 of 39 (17.95) → 12 of 26 (46.15)
    /// is 17.9% → 46.2%, rounded once.
    @Test func indicatorsAreTestedFromCountsAndSharesRoundedOnce() throws {
        let (scratch, before, after) = try baselines()
        defer { withExtendedLifetime(scratch) {} }
        let text = try baseline("diff", before, after, "--adjust", "none").stdout
        #expect(text.contains("(two-proportion test on 32/63 and 33/64, z = 0.087, p = 0.931)"))
        #expect(text.contains("(two-rate Poisson test on 984 in 53,029 and 1,012 in 53,239, z = 0.538, p = 0.590)"))
        #expect(text.contains("▲ improved: Role: Senior leader: 17.9% → 46.2% (39 → 26 answers; p = "), "\(text)")
        #expect(text.contains("were each tested at 95% without adjustment"))
    }
}
