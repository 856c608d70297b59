import BaselineCore
import BaselineText

/// The options of the `workbook` sink.
public struct WorkbookConfiguration: Decodable, Sendable {
    /// The workbook's file name inside the output folder (checked to stay inside it).
    public var file: String = "baseline.xlsx"

    enum CodingKeys: String, OptionKey { case file }

    /// Decodes the options, with defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decodeOutputName(forKey: .file) ?? "baseline.xlsx"
        guard file.lowercased().hasSuffix(".xlsx") else {
            throw DecodingError.dataCorruptedError(forKey: .file, in: c,
                                                   debugDescription: "'\(PeopleText.line(file))' does not end in .xlsx — name the workbook e.g. baseline.xlsx, so spreadsheets open it")
        }
    }

    /// The defaults.
    public init() {}
}
