import BaselineCore

/// The one option of the `summary-line` sink: the file it writes inside the output folder.
public enum SummaryLineFile: OutputNameOption {
    public static let key = "file"
    public static let defaultName = "summary.txt"
    public static let type = "file name"
    public static let help = "The file name inside the output folder"
}
