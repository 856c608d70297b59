import BaselineCore

/// Where the columns the adapter reads are in a data.police.uk street-level file, found by name
/// in its header row; a header of another data.police.uk file (outcomes, stop and search) or of
/// no such file stops the run, saying what the file is.
struct StreetColumns {
    /// The published header of a street-level file, in order.
    static let published = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
                            "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"]

    let crimeID: Int
    let month: Int
    let lsoaCode: Int
    let lsoaName: Int
    let crimeType: Int
    /// How many fields the header has: a row with another number is ragged.
    let width: Int

    /// Finds the columns in `header` (names trimmed; matched ignoring case), or throws at `line`
    /// of `file` naming what the file is instead.
    init(header: [String], line: Int, file: String) throws {
        let lowered = header.map { $0.lowercased() }
        func index(_ name: String) -> Int? { lowered.firstIndex(of: name.lowercased()) }
        if let kind = Self.otherKind(lowered) {
            throw BaselineError(file: file, line: line, column: 1, "this is a data.police.uk \(kind), not a street-level crime file",
                                hint: "read the …-street.csv files of the download: name its folder, and the other files are passed over")
        }
        let needed = ["Crime ID", "Month", "LSOA code", "LSOA name", "Crime type"]
        let missing = needed.filter { index($0) == nil }
        guard missing.isEmpty, let crimeID = index("Crime ID"), let month = index("Month"), let lsoaCode = index("LSOA code"),
              let lsoaName = index("LSOA name"), let crimeType = index("Crime type") else {
            throw BaselineError(file: file, line: line, column: 1,
                                "this is not a data.police.uk street-level crime file: its header lacks " + missing.map { "'\($0)'" }.joined(separator: ", "),
                                hint: "download the street-level crime data from data.police.uk/data (files named YYYY-MM-<force>-street.csv, header: \(Self.published.joined(separator: ",")))")
        }
        self.crimeID = crimeID
        self.month = month
        self.lsoaCode = lsoaCode
        self.lsoaName = lsoaName
        self.crimeType = crimeType
        width = header.count
    }

    /// The other files of a data.police.uk download, told by their own columns.
    private static func otherKind(_ lowered: [String]) -> String? {
        if lowered.contains("outcome type"), !lowered.contains("crime type") { return "outcomes file (YYYY-MM-<force>-outcomes.csv)" }
        if lowered.contains("object of search") || lowered.contains("officer-defined ethnicity") { return "stop and search file (YYYY-MM-<force>-stop-and-search.csv)" }
        return nil
    }
}
