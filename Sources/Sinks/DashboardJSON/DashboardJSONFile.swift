import BaselineCore

/// The one option of the `dashboard-json` sink: the file it writes inside the output folder.
public enum DashboardJSONFile: OutputNameOption {
    public static let key = "file"
    public static let defaultName = "baseline.json"
    public static let type = "file name"
    public static let help = "The file name inside the output folder"
}
