import ArgumentParser
import BaselineCore
import BaselineDiff
import BaselineIndex
import BaselineSchema
import BaselineStatistics
import Foundation

/// `baseline diff EARLIER LATER`: what got better, worse, or stayed the same.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two baselines of a place: what improved, worsened, or did not change significantly.",
        discussion: "Exit 0 when the diff was computed, 1 with --fail-on worsened when something significantly worsened (or on an unreadable baseline), 2 on bad arguments."
    )

    /// What makes `--fail-on` exit 1.
    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case worsened
    }

    @Argument(help: "The earlier baseline: an output folder (output/millbrook/2024) or its baseline.json; or an index (a folder with index.json, or the file) to compare every place of two indexes.")
    var earlier: String

    @Argument(help: "The later baseline.")
    var later: String

    @Option(help: "Output form: text, markdown or json.")
    var format: String = "text"

    @Option(name: .customLong("fail-on"), help: "Exit 1 when anything significantly worsened.")
    var failOn: FailOn?

    @Option(help: "How the survey's group comparisons are adjusted for their number: bh (Benjamini–Hochberg, the default), holm or none.")
    var adjust: String = PValueAdjustment.benjaminiHochberg.rawValue

    @Option(name: .customLong("code-changes"), help: "A CSV of area code changes (first column old code, second new code), beside those the later baseline records.")
    var codeChanges: String?

    func validate() throws {
        guard DiffReport.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be text, markdown or json, not '\(format)'")
        }
        guard PValueAdjustment(rawValue: adjust) != nil else {
            throw ValidationError("--adjust must be bh, holm or none, not '\(adjust)'")
        }
    }

    func run() throws {
        if IndexDiff.isIndex(earlier) || IndexDiff.isIndex(later) {
            return try runOverIndexes()
        }
        let from = try BaselineFile.load(earlier)
        let to = try BaselineFile.load(later)
        if let a = PlaceFolder.year(from.period), let b = PlaceFolder.year(to.period), a > b {
            note("warning: the earlier baseline named first is \(from.period), later than \(to.period): improved and worsened read from "
                 + "\(from.period) to \(to.period) — give the earlier year first (`baseline diff output/…/\(to.period) output/…/\(from.period)`)")
        }
        var engine = DiffEngine(adjustment: PValueAdjustment(rawValue: adjust)!)
        if let codeChanges { engine.codeChanges = try CodeChangeTable.load(codeChanges) }
        // The same place under a new code (a boundary change the later baseline records) is not two places.
        try engine.requireSamePlace(from, at: earlier, to, at: later)
        let diff = engine.diff(from: from, to: to)
        let colour = format == "text" && isatty(1) == 1
        print(try DiffReport.render(diff, format: DiffReport.Format(rawValue: format)!, colour: colour), terminator: "")
        if failOn == .worsened, diff.indicators.contains(where: { $0.status == .worsened }) || diff.survey.contains(where: { $0.status == .worsened }) {
            throw ExitCode(1)
        }
    }

    /// Every place of two indexes (`baseline index` folders), compared place by place.
    private func runOverIndexes() throws {
        var engine = DiffEngine(adjustment: PValueAdjustment(rawValue: adjust)!)
        if let codeChanges { engine.codeChanges = try CodeChangeTable.load(codeChanges) }
        let diff = try IndexDiff.compare(earlier: earlier, later: later, engine: engine)
        // As for two baselines: an earlier index named second reads every change backwards.
        let backwards = diff.places.filter { change in
            guard let a = PlaceFolder.year(change.diff.from.period), let b = PlaceFolder.year(change.diff.to.period) else { return false }
            return a > b
        }
        if let first = backwards.first {
            note("warning: the earlier index named first holds later baselines than the second (\(backwards.count) of \(diff.places.count) places, e.g. "
                 + "\(first.diff.from.period) against \(first.diff.to.period)): improved and worsened read backwards — give the earlier index first")
        }
        let colour = format == "text" && isatty(1) == 1
        print(try diff.render(format: DiffReport.Format(rawValue: format)!, colour: colour), terminator: "")
        if failOn == .worsened, diff.places.contains(where: { change in
            change.diff.indicators.contains { $0.status == .worsened } || change.diff.survey.contains { $0.status == .worsened }
        }) {
            throw ExitCode(1)
        }
    }
}
