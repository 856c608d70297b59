// Fuzzes the CSV reader (BaselineCSV's CSVReader over libcsv: encoding and delimiter sniffing,
// field limits, both the inline and the read-ahead mode) and the csv-survey adapter on top of it.
import BaselineCSV
import FuzzSupport

private let workspace = FuzzWorkspace(name: "csv")

/// Columns by position, so that a mutated header still reaches the rows; a small field limit,
/// so that the limit's error path is reached too; two multi-select questions in one cell, so
/// that the option splitter and its reading of JSON arrays are reached.
private let surveyEntry = """
    path: input.csv
    on_error: quarantine
    max_field_bytes: 512
    respondent_id: { position: 1 }
    groups: [{ position: 3, name: Organisation }, { position: 4, name: Role }]
    questions:
      - { position: 5, id: vision }
      - { position: 6, id: trust, reverse: true }
      - { position: 7, id: voice, scale: agree4 }
      - { position: 8, id: used, multi_select: true, options: [GP, Food bank, "wave; or not"], other: true }
      - { position: 9, id: seen, multi_select: true, separator: ",", options: [Red, "Red, or crimson"] }
    free_text: [{ position: 11, id: difference }]
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = workspace.write(data, size, to: "input.csv")
    for readAhead in [false, true] {
        expectingLocatedErrors {
            let reader = try CSVReader(path: path, displayPath: "input.csv", maxFieldBytes: 256, readAhead: readAhead)
            var total = 0
            while try reader.readPiece({ row in
                for index in 0..<row.count { total &+= row.string(index).utf8.count }
            }) {}
            _ = total
        }
    }
    workspace.readBuiltinSource(kind: "csv-survey", entry: surveyEntry)
    return 0
}
