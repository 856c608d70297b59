import Foundation
import Testing

/// A pipeline naming `outcomes:`: the brief and dashboard open with progress on the agreed
/// priorities, worked out from the earlier baselines under the output root, with the figures
/// `baseline progress` gives on the same baselines.
@Suite(.serialized) struct ProgressInBriefTests {
    /// The sample's 2024 and 2025 baselines in one output root, built once for the suite.
    nonisolated(unsafe) static var built: Scratch?

    func built() throws -> Scratch {
        if let built = Self.built { return built }
        let scratch = try Scratch()
        for year in ["2024", "2025"] {
            let outcome = try baseline("run", "pipelines/millbrook-\(year).yaml", "--output", scratch.path, "-q")
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        Self.built = scratch
        return scratch
    }

    /// The sample 2025 pipeline in `scratch`, with paths made absolute and `old` replaced by `new`.
    func pipeline(_ old: String, _ new: String, in scratch: Scratch) throws -> String {
        var text = try String(contentsOfFile: Package.root.path + "/pipelines/millbrook-2025.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "../samples", with: Package.root.path + "/samples")
        #expect(text.contains(old), "\(old)")
        let path = scratch.path + "/p.yaml"
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A figure as `baseline progress` writes it, as the brief does: one decimal place, kept when
    /// zero, thousands separators (the sample's progress metrics are rates and percentages).
    static func number(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        let parts = text.split(separator: ".")
        var whole = String(parts[0]), grouped = ""
        while whole.count > 3 { grouped = "," + whole.suffix(3) + grouped; whole.removeLast(3) }
        return whole + grouped + "." + parts[1]
    }

    @Test("report.md and dashboard.html open with progress, with the figures of baseline progress --format json")
    func briefOpensWithProgress() throws {
        let scratch = try built()
        let folder = scratch.path + "/millbrook/2025"
        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        let dashboard = try String(contentsOfFile: folder + "/dashboard.html", encoding: .utf8)
        let text = try String(contentsOfFile: folder + "/report.txt", encoding: .utf8)
        // First before the baseline detail, in each.
        #expect(report.split(separator: "\n").first { $0.hasPrefix("## ") } == "## Progress on our shared priorities")
        #expect(dashboard.components(separatedBy: "<h2").dropFirst().first?.contains(">Progress on our shared priorities</h2>") == true)
        #expect(text.contains("Progress on our shared priorities\n") && text.range(of: "Progress on our shared")!.lowerBound < text.range(of: "Our starting point")!.lowerBound)

        let command = try baseline("progress", "samples/millbrook/outcomes.yaml", scratch.path + "/millbrook/2024", folder, "--format", "json")
        #expect(command.status == 0, "\(command.stderr)")
        let expected = try Self.json(command.stdout)
        let document = try Self.json(String(contentsOfFile: folder + "/baseline.json", encoding: .utf8))
        let section = try #require(document["progress"] as? [String: Any])
        #expect(section["periods"] as? [String] == ["2024", "2025"] && section["setting_baseline"] as? Bool == false)
        #expect(section["summary"] as? [String: Int] == expected["summary"] as? [String: Int])
        let summary = try #require(expected["summary"] as? [String: Int])
        let words = ["on_track", "off_track", "not_yet_measurable", "not_comparable"]
            .map { "\(summary[$0] ?? -1) \($0.replacingOccurrences(of: "_", with: " "))" }.joined(separator: ", ")
        #expect(report.contains("measured from the 2024 baseline (2024 → 2025): \(words).\n"), "\(words)")
        #expect(dashboard.contains("<span class=\"big\">\(summary["on_track"] ?? -1)</span> on track</li>"))

        let wanted = try #require(expected["priorities"] as? [[String: Any]]).flatMap { $0["metrics"] as? [[String: Any]] ?? [] }
        let got = try #require(section["priorities"] as? [[String: Any]]).flatMap { $0["metrics"] as? [[String: Any]] ?? [] }
        #expect(got.count == wanted.count && got.count == 10)
        // Since 1.9 each metric says the unit of its values, target and change.
        #expect(got.first { $0["id"] as? String == "homelessness_duty_rate" }?["unit"] as? String == "per 1,000 households")
        #expect(got.filter { $0["kind"] as? String == "question" }.allSatisfy { $0["unit"] as? String == "%" })
        for (metric, want) in zip(got, wanted) {
            #expect(metric["id"] as? String == want["id"] as? String && metric["status"] as? String == want["status"] as? String)
            #expect(metric["reason"] as? String == want["reason"] as? String)
            let series = try #require(metric["series"] as? [[String: Any]]), wantSeries = try #require(want["series"] as? [[String: Any]])
            #expect(series.map { $0["value"] as? Double } == wantSeries.map { $0["value"] as? Double })
            #expect(metric["change"] as? Double == (want["changes"] as? [[String: Any]])?.last?["change"] as? Double)
            // Every value is shown, in the brief and on the dashboard.
            for value in wantSeries.compactMap({ $0["value"] as? Double }) {
                #expect(report.contains("| \(Self.number(value))") && dashboard.contains("\">\(Self.number(value))"), "\(value)")
            }
        }
        #expect(try validateJSON(folder + "/baseline.json", against: "baseline.schema.json").stdout == "valid\n")
    }

    @Test("with no earlier baseline of the framework's period, the section says its baseline is being set this year")
    func noEarlierBaseline() throws {
        let scratch = try Scratch()
        let outcome = try baseline("run", "pipelines/millbrook-2025.yaml", "--output", scratch.path, "-q")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let folder = scratch.path + "/millbrook/2025"
        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        #expect(report.contains("## Progress on our shared priorities\n"))
        #expect(report.contains("No 2024 baseline, the one the outcomes framework measures progress from, was found before this one: the framework's baseline is being set this year"))
        #expect(report.contains("| Metric | 2025 | Ambition | Status |"))
        let document = try Self.json(String(contentsOfFile: folder + "/baseline.json", encoding: .utf8))
        let section = try #require(document["progress"] as? [String: Any])
        #expect(section["setting_baseline"] as? Bool == true && section["periods"] as? [String] == ["2025"] && section["baseline_period"] as? String == "2025")
        #expect((section["summary"] as? [String: Int])?["not_yet_measurable"] == 10)
        #expect(try validateJSON(folder + "/baseline.json", against: "baseline.schema.json").stdout == "valid\n")
    }

    /// The place renamed (`Millbrook` → `Millbrook Town`) writes to a new folder: the framework
    /// starts again there, and the run says where the place's earlier years are, and how to carry on.
    @Test("a renamed place that starts the framework again beside its earlier years is warned about")
    func aRenamedPlaceIsWarnedAbout() throws {
        let scratch = try Scratch()
        let earlier = try baseline("run", "pipelines/millbrook-2024.yaml", "--output", scratch.path, "-q")
        #expect(earlier.status == 0, "\(earlier.stderr)")
        let path = try pipeline("name: Millbrook\n", "name: Millbrook Town\n", in: scratch)
        let outcome = try baseline("run", path, "--output", scratch.path, "-q")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("warning: the output folder holds earlier baselines of E07999001 in millbrook/ (2024), but this run writes to millbrook-town/"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("set `slug: millbrook` under `place:` to carry on in that folder"))
        let report = try String(contentsOfFile: scratch.path + "/millbrook-town/2025/report.md", encoding: .utf8)
        #expect(report.contains("The output folder holds earlier baselines of E07999001 in millbrook/ (2024)"))
        // With the slug, the framework carries on from 2024, and nothing is said.
        let slugged = try pipeline("name: Millbrook\n", "name: Millbrook Town\n  slug: millbrook\n", in: scratch)
        let carried = try baseline("run", slugged, "--output", scratch.path, "-q")
        #expect(carried.status == 0 && !carried.stderr.contains("earlier baselines"), "\(carried.stderr)")
        let document = try Self.json(String(contentsOfFile: scratch.path + "/millbrook/2025/baseline.json", encoding: .utf8))
        #expect((document["progress"] as? [String: Any])?["setting_baseline"] as? Bool == false)
    }

    @Test("a wrong outcomes path is an error at the pipeline's outcomes: key, at validate time")
    func missingOutcomesFile() throws {
        let scratch = try Scratch()
        let path = try pipeline("outcomes: " + Package.root.path + "/samples/millbrook/outcomes.yaml", "outcomes: nowhere/outcomes.yaml", in: scratch)
        let outcome = try baseline("validate", path)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix(path + ":21:11: error: no such file: nowhere/outcomes.yaml"), "\(outcome.stderr)")
    }

    @Test("a mistake in the outcomes file is an error at its own line, at validate time")
    func badOutcomesFile() throws {
        let scratch = try Scratch()
        var outcomes = try String(contentsOfFile: Package.root.path + "/samples/millbrook/outcomes.yaml", encoding: .utf8)
        outcomes = outcomes.replacingOccurrences(of: "direction: improve, target: 64", with: "direction: upwards, target: 64")
        try outcomes.write(toFile: scratch.path + "/outcomes.yaml", atomically: true, encoding: .utf8)
        let path = try pipeline("outcomes: " + Package.root.path + "/samples/millbrook/outcomes.yaml", "outcomes: outcomes.yaml", in: scratch)
        let outcome = try baseline("validate", path)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix(scratch.path + "/outcomes.yaml:32:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("upwards"), "\(outcome.stderr)")
    }

    @Test("a run reads only earlier baselines: a later one under the output root is left out")
    func laterBaselinesAreLeftOut() throws {
        let scratch = try Scratch()
        for year in ["2024", "2026", "2025"] {
            let outcome = try baseline("run", "pipelines/millbrook-\(year).yaml", "--output", scratch.path, "-q")
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        let document = try Self.json(String(contentsOfFile: scratch.path + "/millbrook/2025/baseline.json", encoding: .utf8))
        #expect((document["progress"] as? [String: Any])?["periods"] as? [String] == ["2024", "2025"])
        let later = try Self.json(String(contentsOfFile: scratch.path + "/millbrook/2026/baseline.json", encoding: .utf8))
        #expect((later["progress"] as? [String: Any])?["periods"] as? [String] == ["2024", "2026"])
    }
}
