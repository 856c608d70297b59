import BaselineCore

/// The one option of the `csv-tables` sink: the folder inside the output folder the tables go in.
public enum CSVTablesFolder: OutputNameOption {
    public static let key = "folder"
    public static let defaultName = "tables"
    public static let type = "folder name"
    public static let help = "The folder inside the output folder the tables go in"
}
