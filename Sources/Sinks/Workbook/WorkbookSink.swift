import BaselineCore
import BaselineFormat
import BaselineSchema
import Foundation
import BaselineText

/// `workbook`: the figures of the baseline as one Excel workbook (`baseline.xlsx`), a sheet per
/// table — indicators with their intervals and benchmark comparisons, the survey overall and by
/// group, themes, candidate priorities, the evidence behind them and its data quality.
///
/// Numbers are numeric cells; a missing figure is its reason (`suppressed`, `not available`) in a
/// grey cell, never a blank or a 0. Written with libxlsxwriter (see `XlsxWorkbook`).
public final class WorkbookSink: InitializedSink {
    public typealias Configuration = OutputNameConfiguration<WorkbookFile>

    public static let kind = "workbook"
    public static let summary = "An Excel workbook of indicators, survey results, themes and data quality, a sheet per table"
    /// The libxlsxwriter this sink writes with, as the loaded library reports it (for
    /// `baseline --version` and the manifest).
    public static var libraryVersion: LibraryVersion { XlsxWorkbook.libraryVersion }
    public static let options: [OptionDoc] = [WorkbookFile.option]

    /// The creation time written into every workbook (1980-01-01, the date libxlsxwriter gives the
    /// zip entries), so that the same inputs give byte-identical files.
    static let created = Date(timeIntervalSince1970: 315_532_800)

    private let configuration: Configuration

    /// Makes the sink.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// The longest of the built-in sinks (libxlsxwriter writes each part, then deflates it:
    /// 4.9 ms of the Millbrook sample's 14 ms of sinks): started first.
    public var startsFirst: Bool { true }

    /// Writes only its own file, from the document alone (each workbook its own libxlsxwriter
    /// handle, temporary file and scratch files): side by side with the other sinks.
    public var writesSideBySide: Bool { true }

    /// Writes the workbook into `folder`: libxlsxwriter writes a file by path, so it writes a
    /// hidden temporary file at the top of the output folder, which is read back, written under
    /// its name through `OutputFolder` and removed. libxlsxwriter's own scratch files (one per
    /// part of the `.xlsx`, made and unlinked at once) go to the first of `scratchFolders` that
    /// works.
    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        try write(document, into: folder, scratch: Self.scratchFolders(besides: folder.path))
    }

    /// Its one file (the hidden temporary file beside it is not written through `OutputFolder`).
    public static func plannedNames(configuration: Configuration) -> [String] {
        [configuration.name]
    }

    /// Writes the workbook with libxlsxwriter's scratch files in `scratch[0]`, or, when writing
    /// it there fails (a full memory file system), in the next one.
    func write(_ document: BaselineDocument, into folder: OutputFolder, scratch: [String]) throws {
        let temporary = folder.path + "/.workbook-\(UUID().uuidString).xlsx"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let tables = Self.tables(document)
        for (index, scratchFolder) in scratch.enumerated() {
            do {
                let workbook = try XlsxWorkbook(path: temporary, temporaryFolder: scratchFolder, created: Self.created, name: configuration.name)
                for table in tables {
                    try workbook.add(table)
                }
                try workbook.close()
                break
            } catch where index < scratch.count - 1 {
                continue
            }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: temporary))
        } catch {
            throw BaselineError(file: configuration.name, "cannot read back the workbook just written: \(error.localizedDescription)",
                                hint: "check the output folder is writable and the disk is not full")
        }
        try folder.write(data, to: configuration.name)
    }

    /// Where libxlsxwriter's scratch files go, in order of preference: the memory file system
    /// (`memory`, `/dev/shm`) when it is a folder this process can write, then the output folder
    /// `output`. libxlsxwriter makes and unlinks a file there for each part of the workbook (16
    /// for the Millbrook sample); on a disk file system that is 16 inodes allocated and freed
    /// each run, in memory a fraction of the cost. Nothing is left behind either way: each file
    /// is unlinked as soon as it is made. The memory file system is used only with `minimumFree`
    /// bytes free (a container's is often 64 MB, shared by every place of a programme):
    /// libxlsxwriter does not check its writes to those files, so a full one would make a
    /// truncated workbook, not an error.
    static func scratchFolders(besides output: String, memory: String = "/dev/shm", minimumFree: Int = 256 << 20) -> [String] {
        var isFolder: ObjCBool = false
        var space = statvfs()
        guard FileManager.default.fileExists(atPath: memory, isDirectory: &isFolder), isFolder.boolValue,
              access(memory, W_OK | X_OK) == 0, statvfs(memory, &space) == 0,
              Int(space.f_bavail).multipliedReportingOverflow(by: Int(space.f_frsize)).partialValue >= minimumFree else { return [output] }
        return [memory, output]
    }

    // MARK: - Sheets

    /// Every sheet, in the order they appear.
    static func tables(_ document: BaselineDocument) -> [WorkbookTable] {
        [indicators(document), survey(document), surveyByGroup(document), themes(document), priorities(document),
         sources(document), inputs(document), dataQuality(document)]
    }

    /// A missing reason as people read it: `not_available` → `not available`.
    static func words(_ reason: MissingReason) -> String {
        reason.rawValue.replacingEvery("_", with: " ")
    }

    static func indicators(_ document: BaselineDocument) -> WorkbookTable {
        let names = document.areaNames
        let benchmarks = document.benchmarks
        var table = WorkbookTable("Indicators", columns: ["Indicator id", "Indicator", "Area", "Area name", "Period", "Value", "Unit",
                                                          "Lower 95%", "Upper 95%", "Polarity"]
                                  + benchmarks.map { "Compared with \($0.name)" }
                                  + ["Trend", "Count", "Denominator", "Status", "Source", "File", "Line"])
        for i in document.indicators {
            let value: WorkbookCell = i.value.map { .number($0) } ?? .missing(words(i.missing ?? .notAvailable))
            table.add([.text(i.id), .text(i.name), .text(i.area), .label(names[i.area]), .text(i.periodLabel ?? i.period), value,
                       .label(i.unit), .value(i.ci95?.lower), .value(i.ci95?.upper), .label(i.polarity)]
                      + benchmarks.map { .label(i.comparisons[$0.code]) }
                      + [.label(i.trend), .value(i.count), .value(i.denominator), .label(i.status), .text(i.provenance.source),
                         .text(i.provenance.file), .count(i.provenance.line)])
        }
        return table
    }

    static let figureColumns = ["Responses", "% positive", "Lower 95%", "Upper 95%", "Mean score", "Blank", "Excluded", "Suppressed because"]

    /// A question's figures; a suppressed group shows `suppressed` in each figure, grey.
    static func figures(_ f: SurveyFigures) -> [WorkbookCell] {
        if let reason = f.suppressed {
            return Array(repeating: .missing("suppressed"), count: 7) + [.text(reason)]
        }
        return [.count(f.responses), .value(f.percentPositive), .value(f.ci95?.lower), .value(f.ci95?.upper), .value(f.meanScore),
                .count(f.blank), .count(f.excluded.values.reduce(0, +)), .empty]
    }

    static func survey(_ document: BaselineDocument) -> WorkbookTable {
        var table = WorkbookTable("Survey", columns: ["Question id", "Question"] + figureColumns + ["Scale", "Reverse", "Source"])
        for q in document.survey {
            table.add([.text(q.id), .text(q.text)] + figures(q.overall) + [.text(q.scale), .text(q.reverse ? "yes" : "no"), .text(q.source)])
        }
        return table
    }

    static func surveyByGroup(_ document: BaselineDocument) -> WorkbookTable {
        var table = WorkbookTable("Survey by group", columns: ["Question id", "Question", "Grouping", "Group"] + figureColumns)
        for q in document.survey {
            for (grouping, rows) in q.groups.sorted(by: { $0.key < $1.key }) {
                for row in rows {
                    table.add([.text(q.id), .text(q.text), .text(grouping), .text(row.group)] + figures(row.figures))
                }
            }
        }
        return table
    }

    static func themes(_ document: BaselineDocument) -> WorkbookTable {
        var table = WorkbookTable("Themes", columns: ["Theme id", "Theme", "Parent", "Mentions", "Sources", "Documents", "Respondents",
                                                      "Indicators", "Questions"])
        for t in document.themes {
            table.add([.text(t.id), .text(t.name), .label(t.parent), .count(t.mentions), .count(t.sources), .count(t.documents),
                       .count(t.respondents), .label(t.indicators.joined(separator: ", ")), .label(t.questions.joined(separator: ", "))])
        }
        return table
    }

    static func priorities(_ document: BaselineDocument) -> WorkbookTable {
        var table = WorkbookTable("Priorities", columns: ["Priority id", "Priority", "Agreement", "Reason", "Indicators", "Questions", "Themes"])
        let names = document.areaNames
        for p in document.candidatePriorities {
            table.add([.text(p.id), .text(p.name), .label(p.agreement.map(Wording.plain)), .text(PriorityWording.reason(p, names: names)),
                       .label(p.indicators.joined(separator: ", ")), .label(p.questions.joined(separator: ", ")),
                       .label(p.themes.joined(separator: ", "))])
        }
        return table
    }

    static func sources(_ document: BaselineDocument) -> WorkbookTable {
        // A source that counts rows into figures (crimes by area) is counted in rows, with the figures made.
        var table = WorkbookTable("Sources", columns: ["Source", "Adapter", "Version", "On error", "Counted in", "Read", "Passed on", "Quarantined",
                                                       "Skipped", "Reconciles", "Figures made", "Figures set aside"])
        for s in document.manifest.sources {
            table.add([.text(s.id), .text(s.adapter), .text(s.version), .text(s.onError.rawValue), .text(s.unit), .count(s.read), .count(s.passedOn),
                       .count(s.quarantined), .count(s.skipped), .text(s.reconciles ? "yes" : "no"), .count(s.figures), .count(s.figuresSetAside)])
        }
        return table
    }

    static func inputs(_ document: BaselineDocument) -> WorkbookTable {
        var table = WorkbookTable("Inputs", columns: ["File", "Source", "Bytes", "SHA-256"])
        for i in document.manifest.inputs {
            table.add([.text(i.path), .text(i.source), .count(i.bytes), .text(i.sha256)])
        }
        return table
    }

    /// What was rejected, missing, suppressed, redacted or unmatched: one row per kind and item.
    static func dataQuality(_ document: BaselineDocument) -> WorkbookTable {
        let q = document.dataQuality
        var table = WorkbookTable("Data quality", columns: ["What", "Source or item", "Reason", "Count"])
        for (source, reasons) in q.rejects.sorted(by: { $0.key < $1.key }) {
            for (reason, count) in reasons.sorted(by: { $0.key < $1.key }) {
                table.add([.text("rejected"), .text(source), .text(reason), .count(count)])
            }
        }
        for (reason, count) in q.missing.sorted(by: { $0.key < $1.key }) {
            table.add([.text("missing value"), .empty, .text(Wording.missing(reason)), .count(count)])
        }
        table.add([.text("suppressed survey cells"), .empty, .text("withheld for small numbers"), .count(q.suppressedCells)])
        for (kind, count) in (q.redactions ?? [:]).sorted(by: { $0.key < $1.key }) {
            table.add([.text("redacted"), .text(kind), .empty, .count(count)])
        }
        for (name, count) in (q.unmatchedAreas ?? [:]).sorted(by: { $0.key < $1.key }) {
            table.add([.text("unmatched area"), .text(name), .empty, .count(count)])
        }
        for (id, count) in (q.uncataloguedIndicators ?? [:]).sorted(by: { $0.key < $1.key }) {
            table.add([.text("uncatalogued indicator"), .text(id), .empty, .count(count)])
        }
        for note in q.notes {
            table.add([.text("note"), .empty, .text(note), .empty])
        }
        return table
    }
}
