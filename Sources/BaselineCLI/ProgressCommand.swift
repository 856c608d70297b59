import ArgumentParser
import BaselineCore
import BaselineDiff
import BaselineOutcomes
import Foundation

/// `baseline progress OUTCOMES.yaml BASELINE_DIR…`: where the place is on its agreed priorities.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Progress on the agreed priorities of an outcomes file, across two or more baselines of the place.",
        discussion: "Exit 0 when progress was worked out, 1 with --fail-on off-track when a metric is off track (or on a mistake in the outcomes file or a baseline), 2 on bad arguments. See docs/outcomes.md."
    )

    /// What makes `--fail-on` exit 1.
    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case offTrack = "off-track"
    }

    @Argument(help: "The outcomes file the partnership agreed (outcomes.yaml).")
    var outcomes: String

    @Argument(help: "Two or more baselines of the place, in any order: output folders (output/millbrook/2024) or their baseline.json.")
    var baselines: [String] = []

    @Option(help: "Output form: text, markdown, json, or html (a self-contained page with a chart per metric).")
    var format: String = "text"

    @Option(name: .customLong("fail-on"), help: "Exit 1 when any metric is off track.")
    var failOn: FailOn?

    @Option(name: .customLong("code-changes"), help: "A CSV of area code changes (first column old code, second new code), beside those the later baselines record.")
    var codeChanges: String?

    func validate() throws {
        guard ProgressRenderer.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be text, markdown, json or html, not '\(format)'")
        }
        guard baselines.count >= 2 else {
            throw ValidationError("give two or more baselines of the place (the one progress is measured from, and later ones)")
        }
    }

    func run() throws {
        let file = try OutcomesFile.load(outcomes)
        for placeholder in file.unfinished { note(placeholder.warning) }
        let loaded = try baselines.map { LoadedBaseline(path: $0, document: try BaselineFile.load($0)) }
        var engine = ProgressEngine()
        if let codeChanges { engine.codeChanges = try CodeChangeTable.load(codeChanges) }
        let report = try engine.progress(file, baselines: loaded)
        print(try ProgressRenderer.render(report, format: ProgressRenderer.Format(rawValue: format)!), terminator: "")
        if failOn == .offTrack, (report.summary[ProgressStatus.offTrack.rawValue] ?? 0) > 0 {
            throw ExitCode(1)
        }
    }
}
