import BaselineCore
import BaselineText

/// The one option of the `workbook` sink: the workbook's name inside the output folder, which
/// ends in `.xlsx` so that spreadsheets open it.
public enum WorkbookFile: OutputNameOption {
    public static let key = "file"
    public static let defaultName = "baseline.xlsx"
    public static let type = "file name"
    public static let help = "The workbook's name inside the output folder, ending in `.xlsx`"

    /// A name that does not end in `.xlsx`.
    public static func problem(with name: String) -> String? {
        name.lowercased().hasSuffix(".xlsx") ? nil
            : "'\(PeopleText.line(name))' does not end in .xlsx — name the workbook e.g. baseline.xlsx, so spreadsheets open it"
    }
}
