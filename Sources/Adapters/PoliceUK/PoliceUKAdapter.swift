import BaselineCSV
import BaselineCore
import BaselineText
import Foundation

/// `police-uk`: the street-level crime files of data.police.uk (`YYYY-MM-<force>-street.csv`,
/// one row per crime or anti-social behaviour incident), read with libcsv, one file after
/// another, into counts: one observation per LSOA × period × crime type (`crime-<type>`), and
/// `crime-all` for every crime but anti-social behaviour.
///
/// Only the counts are held, never the rows. Counts are given once every file is read (the same
/// crime may come again in a later file): every area, period and indicator seen, zero where no
/// row fell in it, so that `join` can add up a place's LSOAs. A crime with no location (blank
/// LSOA code) and a crime ID met a second time are left out by rule (counted as skipped, each
/// with its reason), said in the notes with how the rows reconcile.
public final class PoliceUKAdapter: InitializedSource {
    public typealias Configuration = PoliceUKConfiguration

    public static let kind = "police-uk"
    public static let records: Set<RecordKind> = [.observation]
    public static let summary = "data.police.uk street-level crime files: crimes counted by LSOA, period and crime type"
    public static let options: [OptionDoc] = [
        OptionDoc("path", "path", "The street-level files, relative to the pipeline file: a folder, read with its sub-folders as the data.police.uk download unpacks (`2024-03/2024-03-essex-street.csv`; its files not named `…-street.csv`, such as outcomes and stop and search, are passed over and named in a note), a glob in the last part of the path (`police/2024-03/*-street.csv`), or one file. A file read that is not a street-level file stops the run, saying what it is."),
        OptionDoc("period", "month | year | financial-year", default: "year",
                  "The period each crime is counted in: the file's month (`2024-03`), the calendar year (`2024`) or the April-to-March financial year (`2023-24`). A year the files hold only some months of is counted from those months and given as them (`2018-01-01/P7M`, Jan–Jul 2018), with a note; each observation's `months` attribute says how many."),
        .onError,
        .maxRejected,
    ]
    public static let sampleConfiguration = """
        id: street-crime
        adapter: police-uk
        path: ../samples/millbrook/police
        period: year
        """

    // MARK: - Runtime

    public let inputs: [InputFile]
    private let configuration: PoliceUKConfiguration
    private let context: SourceContext
    /// Files of the folder that are not street-level files, as written.
    private let passedOverFiles: [String]
    /// Files passed over because a file of the same name (the same force and month) was read:
    /// each with the one read.
    private let repeatedFiles: [(file: String, read: String)]
    /// Files read with a header and no row.
    private var headerOnlyFiles = [String]()
    /// Files whose last row has all its fields and no line break after it, each with that row's
    /// line (`CSVReader.noLineBreakNote`).
    private var unbrokenEnds = [(file: String, line: Int)]()
    /// The file being read: its last row's line, and that row's line and fields when it had
    /// fewer than the header (a file cut off in it, when no line break follows).
    private var lastLine = 0
    private var lastRowShort: (line: Int, fields: Int)?
    /// The rows read before the file being read.
    private var rowsBeforeFile = 0
    private var digests: [InputDigest?]
    private var fileIndex = 0
    /// The number of the force of the file being read (`force(ofFile:)`), worked out once a file, not a row.
    private var force: Int32 = 0
    private var reader: CSVReader?
    private var columns: StreetColumns?
    private var tally = CrimeTally()
    private var rejects = [Reject]()
    /// Rows read, and those left out: bad (rejected), with no location, or a crime already counted.
    private var rows = (read: 0, rejected: 0, noLocation: 0, duplicates: 0)
    /// Once every file is read: the order of the observations, and how many are given.
    private var order: CrimeTally.Order?
    private var given = 0
    /// The period of each month met (`nil`: not a month).
    private var periods = [String: String?]()

    /// Lists the files and opens the first; a folder with no street-level file, or a file that
    /// cannot be read, stops the run here, at set-up.
    public init(configuration: PoliceUKConfiguration, context: SourceContext) throws {
        self.configuration = configuration
        self.context = context
        (inputs, passedOverFiles, repeatedFiles) = try Self.files(configuration)
        digests = Array(repeating: nil, count: inputs.count)
        reader = try open(inputs[0])
    }

    /// The files to read, those of a folder passed over (not named `…-street.csv`), as written,
    /// and those passed over as repeats: a file named like one already listed (data.police.uk
    /// names each force's month once, `2018-02-essex-street.csv`, so two downloads that overlap
    /// hold it twice). Read twice, its anti-social behaviour, which has no crime ID to find the
    /// repeat by, was counted twice. Throws when there is none to read.
    static func files(_ configuration: PoliceUKConfiguration) throws
        -> (read: [InputFile], passedOver: [String], repeated: [(file: String, read: String)]) {
        let listed = try configuration.path.files()
        var isFolder: ObjCBool = false
        let inFolder = configuration.path.pattern == nil
            && FileManager.default.fileExists(atPath: configuration.path.resolved, isDirectory: &isFolder) && isFolder.boolValue
        if !inFolder, listed.isEmpty {
            throw BaselineError(file: configuration.path.path, "no file matches the pattern",
                                hint: "check the pattern against the files' names (YYYY-MM-<force>-street.csv)")
        }
        let street = inFolder ? listed.filter { $0.path.lowercased().hasSuffix("-street.csv") } : listed
        guard !street.isEmpty else {
            throw BaselineError(file: configuration.path.path, "the folder holds no street-level crime file (named YYYY-MM-<force>-street.csv)",
                                hint: "download the street-level crime data from data.police.uk/data, unzip it, and name the folder it unpacks to")
        }
        var firstByName = [String: String](), read = [InputFile](), repeated = [(file: String, read: String)]()
        for file in street {
            let name = URL(fileURLWithPath: file.path).lastPathComponent.lowercased()
            if let first = firstByName[name] {
                repeated.append((file.path, first))
            } else {
                firstByName[name] = file.path
                read.append(file)
            }
        }
        return (read, inFolder ? listed.filter { !$0.path.lowercased().hasSuffix("-street.csv") }.map(\.path) : [], repeated)
    }

    /// Each file is hashed as it is read: a folder of monthly files is read once, not twice.
    public var hashesInputs: Bool { true }
    /// The rows read (crimes, with those left out and set aside): `max_rejected:` is a share of
    /// these, not of the counts made of them.
    public var rowsRead: Int? { rows.read }
    /// The files' digests, each once the file is read to the end.
    public var inputDigests: [InputDigest?] { digests }

    public var notes: [String] {
        let path = configuration.path.path
        var notes = [String]()
        // Figures grouped in threes (`10,013 crimes`), as every output shows them.
        let number: (Int) -> String = ThousandsSeparators.grouped
        let files = inputs.count == 1 ? "1 file" : "\(number(inputs.count)) files"
        var parts = ["\(number(tally.counted)) counted in an area"]
        if rows.noLocation > 0 { parts.append("\(number(rows.noLocation)) with no location (no LSOA code), counted in no area") }
        if rows.duplicates > 0 { parts.append("\(number(rows.duplicates)) repeating a crime ID already counted, counted once") }
        if rows.rejected > 0 { parts.append("\(number(rows.rejected)) rejected") }
        notes.append("\(path): \(number(rows.read)) crimes read from \(files): " + parts.joined(separator: ", ") + ".")
        for (period, shown, months) in tally.partialPeriods(configuration.period) {
            let span = months.count == 1 ? months[0] : "\(months.first!) to \(months.last!)"
            let gaps = Self.monthsBetween(months).filter { !months.contains($0) }
            let without = gaps.isEmpty ? "" : ", without \(gaps.joined(separator: ", "))"
            notes.append("\(path): \(period) holds \(months.count == 1 ? "1 month" : "\(months.count) months") (\(span)\(without)) of 12: its counts are for those months only, given as the period \(shown).")
        }
        let uncovered = tally.uncovered(grain: configuration.period)
        if uncovered.count > 0, let first = uncovered.first {
            notes.append("\(path): \(number(uncovered.count)) area and period \(uncovered.count == 1 ? "pair is" : "pairs are") given as not available, not counted from part of the period: its force's files do not cover every month the period is made of (the first, \(first)).")
        }
        for (file, line) in unbrokenEnds { notes.append(CSVReader.noLineBreakNote(file: file, line: line)) }
        if !headerOnlyFiles.isEmpty {
            notes.append("\(path): warning: \(headerOnlyFiles.joined(separator: ", ")) \(headerOnlyFiles.count == 1 ? "holds" : "hold") a header and no crimes: \(headerOnlyFiles.count == 1 ? "its month is" : "their months are") not counted (a download cut short? data.police.uk publishes every force's month with crimes in it).")
        }
        if let (file, read) = repeatedFiles.first {
            let more = repeatedFiles.count > 1 ? " (and \(number(repeatedFiles.count - 1)) more of the same kind)" : ""
            notes.append("\(path): \(repeatedFiles.count == 1 ? "1 file" : "\(number(repeatedFiles.count)) files") passed over as repeats of a file already read, the same force and month: \(file) repeats \(read)\(more). Each month is counted once.")
        }
        var readFirst = [String: String]()
        for (index, digest) in digests.enumerated() {
            guard let digest else { continue }
            if let first = readFirst[digest.sha256] {
                notes.append("\(path): warning: \(inputs[index].path) has the same content as \(first): its anti-social behaviour (no crime ID) is counted twice — take one of them out.")
            } else {
                readFirst[digest.sha256] = inputs[index].path
            }
        }
        if !passedOverFiles.isEmpty {
            let shown = passedOverFiles.prefix(3).joined(separator: ", ") + (passedOverFiles.count > 3 ? " and \(number(passedOverFiles.count - 3)) more" : "")
            notes.append("\(path): \(passedOverFiles.count == 1 ? "1 file" : "\(number(passedOverFiles.count)) files") not named …-street.csv passed over: \(shown).")
        }
        return notes
    }

    public func next() throws -> RecordBatch? {
        while order == nil, rejects.count < RecordBatch.preferredSize {
            try readPiece()
        }
        if !rejects.isEmpty {
            defer { rejects.removeAll(keepingCapacity: true) }
            return RecordBatch(rejects: rejects)
        }
        guard let order, given < tally.observationCount else { return nil }
        let records = tally.observations(from: given, count: RecordBatch.preferredSize, order: order,
                                         files: inputs.map(\.path), source: context.id, grain: configuration.period)
        given += records.count
        return RecordBatch(records: records)
    }

    /// The force a street-level file is of, by its name (`2025-01-essex-street.csv` → `essex`;
    /// the name less `-street.csv` for another name).
    static func force(ofFile path: String) -> String {
        var name = Substring(URL(fileURLWithPath: path).lastPathComponent.lowercased())
        if name.hasSuffix("-street.csv") { name = name.dropLast("-street.csv".count) }
        let parts = name.split(separator: "-", maxSplits: 2)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[0].allSatisfy(\.isNumber), parts[1].allSatisfy(\.isNumber) {
            return String(parts[2])
        }
        return String(name)
    }

    /// Every month from the first of `months` (sorted `YYYY-MM`) to the last.
    static func monthsBetween(_ months: [String]) -> [String] {
        guard let first = months.first.flatMap(CrimeTally.monthNumber), let last = months.last.flatMap(CrimeTally.monthNumber), first <= last else { return months }
        return (first...last).map { String(format: "%04d-%02d", $0 / 12, $0 % 12 + 1) }
    }

    /// Reads the next piece of the current file, going on to the next file at its end.
    private func readPiece() throws {
        guard let reader else { return }
        if try reader.readPiece({ row in try take(row) }) { return }
        let file = inputs[fileIndex].path
        guard let columns else { throw Self.emptyFile(file) }
        if rows.read == rowsBeforeFile { headerOnlyFiles.append(file) }
        // A file with no line break after its last row was cut off in it (an interrupted
        // download) when that row is short: the crimes after it are lost, and counting the rest
        // would give a month too few without a word. A whole last row is read, with a note.
        if rows.read > rowsBeforeFile, CSVReader.endsWithLineBreak(path: inputs[fileIndex].resolved) == false {
            if let short = lastRowShort {
                throw CSVReader.cutShort(file: file, line: short.line, fields: short.fields, width: columns.width)
            }
            unbrokenEnds.append((file, lastLine))
        }
        lastRowShort = nil
        rowsBeforeFile = rows.read
        digests[fileIndex] = reader.inputDigest
        self.columns = nil
        fileIndex += 1
        if fileIndex < inputs.count {
            self.reader = try open(inputs[fileIndex])
        } else {
            self.reader = nil
            tally.close(grain: configuration.period)
            order = tally.order
        }
    }

    /// A file with no rows at all.
    static func emptyFile(_ file: String) -> BaselineError {
        BaselineError(file: file, line: 1, "the file is empty: there is no header row",
                      hint: "download the file from data.police.uk/data again, or take it out of the folder")
    }

    private func open(_ file: InputFile) throws -> CSVReader {
        force = tally.force(Self.force(ofFile: file.path))
        return try CSVReader(path: file.resolved, displayPath: file.path, delimiter: .byte(UInt8(ascii: ",")), readAhead: true, hashing: true)
    }

    private func take(_ row: CSVReader.Row) throws {
        let file = inputs[fileIndex].path
        guard let columns else {
            columns = try StreetColumns(header: (0..<row.count).map { String(row.string($0).trimmingSpaces()) }, line: row.line, file: file)
            return
        }
        rows.read += 1
        lastLine = row.line
        lastRowShort = row.count < columns.width ? (row.line, row.count) : nil
        let provenance = Provenance(source: context.id, file: file, line: row.line)
        let content = { (0..<row.count).map { row.string($0) }.joined(separator: ",") }
        func reject(_ index: Int?, _ reason: String, byRule: Bool = false) {
            var located = provenance
            located.column = index.map { $0 + 1 }
            rejects.append(Reject(provenance: located, reason: reason, content: content(), leftOutByRule: byRule))
        }
        guard row.count == columns.width else {
            rows.rejected += 1
            return reject(nil, "ragged row: \(row.count) fields where the header has \(columns.width)")
        }
        let month = String(row.string(columns.month).trimmingSpaces())
        guard let period = period(ofMonth: month) else {
            rows.rejected += 1
            return reject(columns.month, "month '\(month)' is not a month written YYYY-MM (2024-03)")
        }
        let type = String(row.string(columns.crimeType).trimmingSpaces())
        guard !type.isEmpty else {
            rows.rejected += 1
            return reject(columns.crimeType, "no crime type")
        }
        let area = String(row.string(columns.lsoaCode).trimmingSpaces())
        guard area.isEmpty || AreaCode.isGSS(area) else {
            rows.rejected += 1
            return reject(columns.lsoaCode, "LSOA code '\(area)' is not a GSS code (a letter E, W, S, N or K and 8 digits)")
        }
        let id = row.bytes(columns.crimeID).trimmingSpaces()
        if !id.isEmpty, !tally.isNew(crimeID: id) {
            rows.duplicates += 1
            return reject(columns.crimeID, "crime ID '\(row.string(columns.crimeID).trimmingSpaces())' already counted (the same crime in two files, or twice in one): counted once", byRule: true)
        }
        guard !area.isEmpty else {
            rows.noLocation += 1
            return reject(columns.lsoaCode, "no location (no LSOA code): counted in no area", byRule: true)
        }
        tally.count(area: area, name: String(row.string(columns.lsoaName).trimmingSpaces()), period: period, month: month,
                    type: type, force: force, file: fileIndex, line: row.line)
    }

    /// `period(ofMonth:grain:)` for this source's grain, remembered per month.
    private func period(ofMonth month: String) -> String? {
        if let known = periods[month] { return known }
        let period = Self.period(ofMonth: month, grain: configuration.period)
        periods[month] = period
        return period
    }

    /// The period `month` (`2024-03`) is counted in, or `nil` when it is not a month so written.
    static func period(ofMonth month: String, grain: PoliceUKConfiguration.Grain) -> String? {
        let parts = month.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let number = Int(parts[1]), (1...12).contains(number) else { return nil }
        switch grain {
        case .month: return month
        case .year: return String(parts[0])
        case .financialYear:
            let start = number >= 4 ? year : year - 1
            let end = (start + 1) % 100
            return "\(start)-\(end < 10 ? "0" : "")\(end)"
        }
    }
}
