import BaselineCore
import BaselineText
import CXlsxWriter
import Foundation

/// An `.xlsx` file being written by libxlsxwriter: the one type that holds a workbook handle,
/// and the one place a libxlsxwriter error code becomes a `BaselineError` with its message.
///
/// Text is only ever written with `worksheet_write_string`, so no cell is a formula. The
/// workbook's creation time is the fixed `created` given, so the same tables give the same bytes
/// (libxlsxwriter dates the zip entries 1980-01-01 itself).
final class XlsxWorkbook {
    /// The name errors are reported against (the file as the pipeline names it).
    private let name: String
    /// The workbook, until `close()` writes and frees it.
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    /// C copies of the path and temporary folder, alive as long as the handle.
    private let cPath: UnsafeMutablePointer<CChar>
    private let cTemporaryFolder: UnsafeMutablePointer<CChar>
    private let headerFormat: UnsafeMutablePointer<lxw_format>
    private let missingFormat: UnsafeMutablePointer<lxw_format>

    /// Starts a workbook that `close()` writes to `path`; libxlsxwriter's own temporary files go
    /// in `temporaryFolder`. Errors name the file `name`.
    init(path: String, temporaryFolder: String, created: Date, name: String) throws {
        self.name = name
        cPath = strdup(path)
        cTemporaryFolder = strdup(temporaryFolder)
        var options = lxw_workbook_options(constant_memory: 0, tmpdir: cTemporaryFolder, use_zip64: 0)
        guard let handle = workbook_new_opt(cPath, &options),
              let header = workbook_add_format(handle), let missing = workbook_add_format(handle) else {
            free(cPath)
            free(cTemporaryFolder)
            throw BaselineError(file: name, "cannot start the workbook: out of memory", hint: "free some memory and run again")
        }
        self.handle = handle
        format_set_bold(header)
        format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
        format_set_bg_color(missing, lxw_color_t(LXW_COLOR_SILVER.rawValue))
        format_set_font_color(missing, lxw_color_t(0x404040))
        format_set_italic(missing)
        headerFormat = header
        missingFormat = missing
        var properties = lxw_doc_properties()
        properties.created = time_t(created.timeIntervalSince1970)
        try check(workbook_set_properties(handle, &properties), "cannot set the workbook's properties")
    }

    deinit {
        if let handle { lxw_workbook_free(handle) }
        free(cPath)
        free(cTemporaryFolder)
    }

    /// Adds `table` as a sheet: a bold header row that stays in view (frozen) with a filter on
    /// it, one row per table row, each column as wide as its longest cell (within limits).
    func add(_ table: WorkbookTable) throws {
        guard let handle else { throw BaselineError(file: name, "the workbook is already written", hint: "add every sheet before closing it") }
        let sheetNameHint = "a sheet name is 1 to 31 characters, without [ ] : * ? / \\, and not used twice"
        // libxlsxwriter lets an empty name through, which Excel refuses to open.
        guard !table.name.isEmpty else { throw BaselineError(file: name, "cannot name a sheet '': a sheet needs a name", hint: sheetNameHint) }
        try check(workbook_validate_sheet_name(handle, table.name), "cannot name a sheet '\(PeopleText.line(table.name))'",
                  hint: sheetNameHint)
        guard let sheet = workbook_add_worksheet(handle, table.name) else {
            throw BaselineError(file: name, "cannot add the sheet '\(PeopleText.line(table.name))'", hint: "free some memory and run again")
        }
        for (column, title) in table.columns.enumerated() {
            try check(worksheet_write_string(sheet, 0, lxw_col_t(column), CSVCell.neutralised(title), headerFormat), "cannot write the header of '\(table.name)'")
        }
        for (index, cells) in table.rows.enumerated() {
            let row = lxw_row_t(index + 1)
            for (column, cell) in cells.enumerated() {
                let status: lxw_error
                switch cell {
                case .text(let text):
                    status = worksheet_write_string(sheet, row, lxw_col_t(column), CSVCell.neutralised(text), nil)
                case .number(let value):
                    status = worksheet_write_number(sheet, row, lxw_col_t(column), value, nil)
                case .missing(let reason):
                    status = worksheet_write_string(sheet, row, lxw_col_t(column), reason, missingFormat)
                case .empty:
                    status = LXW_NO_ERROR
                }
                try check(status, "cannot write row \(index + 2), column \(column + 1) of '\(table.name)'")
            }
        }
        for (column, width) in table.widths.enumerated() {
            try check(worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil), "cannot size the columns of '\(table.name)'")
        }
        worksheet_freeze_panes(sheet, 1, 0)
        if !table.columns.isEmpty {
            try check(worksheet_autofilter(sheet, 0, 0, lxw_row_t(table.rows.count), lxw_col_t(table.columns.count - 1)),
                      "cannot add a filter to '\(table.name)'")
        }
    }

    /// Writes the file and frees the workbook.
    func close() throws {
        guard let handle else { return }
        self.handle = nil
        try check(workbook_close(handle), "cannot write the workbook")
    }

    /// Throws a `BaselineError` carrying libxlsxwriter's own message for a failed call. `what`
    /// is made only then: built for every cell, the messages were a third of writing the sheets.
    private func check(_ status: lxw_error, _ what: @autoclosure () -> String,
                       hint: String = "check the output folder is writable and the disk is not full") throws {
        guard status != LXW_NO_ERROR else { return }
        let message = lxw_strerror(status).map { String(cString: $0) } ?? "error \(status.rawValue)"
        throw BaselineError(file: name, "\(what()): libxlsxwriter says \"\(message)\"", hint: hint)
    }
}

// MARK: - Version

extension XlsxWorkbook {
    /// The libxlsxwriter the tool runs with, as the loaded library reports it (`lxw_version()`).
    static var libraryVersion: LibraryVersion {
        LibraryVersion(name: "libxlsxwriter", version: String(cString: lxw_version()), source: .runTime)
    }
}
