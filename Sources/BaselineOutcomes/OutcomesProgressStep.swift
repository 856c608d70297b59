import BaselineConfig
import BaselineCore
import BaselineDiff
import BaselineHandoff
import BaselineSchema
import Foundation

/// The outcomes reader of the built-in registry: for a run whose pipeline names `outcomes:`, the
/// progress section of the baseline being written, worked out by `ProgressEngine` (as
/// `baseline progress` does) from the earlier baselines of the place under the output root and
/// this one.
///
/// Earlier baselines are `<output>/<place>/<period>/baseline.json` for periods before this one
/// (by the year a period starts with, then by name). When none of them is of the framework's
/// `baseline:` period (this is that period's baseline, or it has not been run), the framework's
/// baseline is being set this year: progress is measured from this baseline alone, every metric
/// not yet measurable, and the section says so.
public struct OutcomesProgressStep: OutcomesReader {
    /// Makes one.
    public init() {}

    /// Reads the outcomes file; a mistake in it is an error at its line.
    public func check(_ file: InputFile) throws {
        _ = try Self.load(file)
    }

    /// The progress section for `document`.
    public func progress(_ file: InputFile, for document: BaselineDocument, placeFolder: String) throws -> ProgressSection {
        var outcomes = try Self.load(file)
        let current = LoadedBaseline(path: placeFolder + "/" + document.period + "/baseline.json", document: document)
        let earlier = try Self.earlier(before: document.period, in: placeFolder)
        let framework = outcomes.baseline
        let found = earlier.contains { $0.document.period == framework }
        var note: String?
        if !found {
            note = framework == document.period
                ? "This is the \(framework) baseline the outcomes framework measures progress from: these are the starting values, and nothing is judged yet"
                : "No \(framework) baseline, the one the outcomes framework measures progress from, was found before this one: "
                    + "the framework's baseline is being set this year, so these are the starting values and nothing is judged yet"
            outcomes.baseline = document.period
            for p in outcomes.priorities.indices {
                for m in outcomes.priorities[p].metrics.indices { outcomes.priorities[p].metrics[m].baseline = nil }
            }
        }
        let report = try ProgressEngine().progress(outcomes, baselines: found ? earlier + [current] : [current])
        return Self.section(report, outcomes: file.path, baselinePeriod: outcomes.baseline, settingBaseline: !found, note: note)
    }

    static func load(_ file: InputFile) throws -> OutcomesFile {
        let text = try TextFile.read(file.resolved, path: file.path, what: "the outcomes file",
                                     missingHint: "check the path; `baseline outcomes init BASELINE_DIR` writes a draft")
        return try recent.value(file: file.path, text: text) { try OutcomesFile.parse(text, file: file.path) }
    }

    /// The outcomes files read last: each is read when the pipeline is checked and again when
    /// its baseline is written.
    private static let recent = RecentlyRead<OutcomesFile>()

    /// The baselines under `placeFolder` of periods before `period`, skipping staging folders
    /// (`.<period>.partial-…`) and folders with no `baseline.json`: those read ahead for this
    /// place folder and period when a run asked (`readAhead`), else read now.
    static func earlier(before period: String, in placeFolder: String) throws -> [LoadedBaseline] {
        let key = placeFolder + "\u{0}" + period
        let reading = readingAhead.withLock { readings in readings.removeValue(forKey: key)?.reading }
        if let reading { return try reading.wait() }
        return try candidates(before: period, in: placeFolder).compactMap { try load($0, before: period) }
    }

    /// The `baseline.json` files under `placeFolder` that may hold a period before `period`
    /// (by the folder's name), in order.
    private static func candidates(before period: String, in placeFolder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: placeFolder)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") && periodKey($0) < periodKey(period) }
            .map { placeFolder + "/" + $0 + "/baseline.json" }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// The baseline at `path` when it is of a period before `period`.
    private static func load(_ path: String, before period: String) throws -> LoadedBaseline? {
        let loaded = try BaselineFile.load(path)
        return periodKey(loaded.period) < periodKey(period) ? LoadedBaseline(path: path, document: loaded) : nil
    }

    private static func periodKey(_ period: String) -> (Int, String) { PlaceFolder.periodOrder(period) }

    /// Starts reading the earlier baselines of `period` under `placeFolder` on another thread
    /// (a Millbrook run's 2024 baseline takes a tenth of the run to decode); `progress` takes
    /// them. Releasing the object returned stops the reading and waits for its thread.
    public func readAhead(for period: String, placeFolder: String) -> AnyObject? {
        let paths = Self.candidates(before: period, in: placeFolder)
        guard !paths.isEmpty else { return nil }
        let reading = EarlierReading(paths: paths, before: period)
        Self.readingAhead.withLock { $0[placeFolder + "\u{0}" + period] = WeakReading(reading: reading) }
        return reading
    }

    /// The readings started, by place folder and period; each is taken by the first `earlier`
    /// that asks for it, and forgotten when the run that started it lets it go.
    private static let readingAhead = Locked([String: WeakReading]())

    private struct WeakReading {
        weak var reading: EarlierReading?
    }

    /// Earlier baselines being read on a thread of their own, in order.
    final class EarlierReading: @unchecked Sendable {
        private let handoff: Handoff<LoadedBaseline>

        init(paths: [String], before period: String) {
            handoff = Handoff(name: "earlier baselines", capacity: paths.count) { producer in
                for path in paths {
                    guard let loaded = try OutcomesProgressStep.load(path, before: period) else { continue }
                    guard producer.put(loaded) else { return }
                }
            }
        }

        /// The baselines read, waiting for the thread; throws what reading one threw, as reading
        /// them here would have.
        func wait() throws -> [LoadedBaseline] {
            var found = [LoadedBaseline]()
            while let next = try handoff.next() { found.append(next) }
            return found
        }
    }

    /// The report as the baseline document carries it: the same numbers, and the words
    /// `baseline progress` shows them in.
    static func section(_ report: ProgressReport, outcomes: String, baselinePeriod: String, settingBaseline: Bool, note: String?) -> ProgressSection {
        ProgressSection(
            outcomes: outcomes, vision: report.vision, baselinePeriod: baselinePeriod, periods: report.periods,
            settingBaseline: settingBaseline, note: note, summary: report.summary,
            priorities: report.priorities.map { priority in
                ProgressSection.Priority(
                    id: priority.id, name: priority.name, why: priority.why, owners: priority.owners,
                    note: settingBaseline && !priority.metrics.isEmpty ? nil : priority.note,
                    metrics: priority.metrics.map { metric in
                        ProgressSection.Metric(
                            kind: metric.kind, id: metric.id, name: ProgressRenderer.title(metric), breakdown: metric.breakdown,
                            ambition: ProgressRenderer.ambition(metric), target: metric.target, unit: metric.unit,
                            series: metric.series.map {
                                ProgressSection.Point(period: $0.period, value: $0.value, ci95: $0.ci95, missing: $0.missing,
                                                      figure: ProgressRenderer.figure($0, unit: metric.unit, valueType: metric.valueType))
                            },
                            change: metric.changes.last?.change, changeStatus: metric.changes.last?.status,
                            status: metric.status.rawValue, reason: metric.reason)
                    })
            })
    }
}
