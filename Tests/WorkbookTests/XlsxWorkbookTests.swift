import BaselineCore
import Foundation
import Testing
@testable import Workbook

/// The libxlsxwriter wrapper: its errors carry libxlsxwriter's message, and what it writes.
@Suite struct XlsxWorkbookTests {
    /// A temporary folder removed when the value goes away.
    final class Scratch {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID().uuidString)").path
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static func table(_ name: String = "Sheet") -> WorkbookTable {
        var table = WorkbookTable(name, columns: ["Name", "@Value"])
        table.add([.text("=HYPERLINK(\"http://x\")"), .number(-3.5)])
        table.add([.text("-2+3"), .missing("suppressed")])
        return table
    }

    @Test func aFileThatCannotBeCreatedIsAnErrorWithLibxlsxwritersMessage() throws {
        let scratch = try Scratch()
        let workbook = try XlsxWorkbook(path: scratch.path + "/no-such-folder/out.xlsx", temporaryFolder: scratch.path,
                                        created: WorkbookSink.created, name: "baseline.xlsx")
        try workbook.add(Self.table())
        let error = try #require(throws: BaselineError.self) { try workbook.close() }
        #expect(error.file == "baseline.xlsx")
        #expect(error.description.hasPrefix("baseline.xlsx: error: cannot write the workbook: libxlsxwriter says \"Error creating output xlsx file"),
                "\(error.description)")
        #expect(error.description.hasSuffix("— check the output folder is writable and the disk is not full"), "\(error.description)")
    }

    @Test(arguments: ["a/b", "", String(repeating: "x", count: 32), "[x]"])
    func aSheetNameExcelRefusesIsAnError(name: String) throws {
        let scratch = try Scratch()
        let workbook = try XlsxWorkbook(path: scratch.path + "/out.xlsx", temporaryFolder: scratch.path, created: WorkbookSink.created,
                                        name: "baseline.xlsx")
        let error = try #require(throws: BaselineError.self) { try workbook.add(Self.table(name)) }
        #expect(error.description.contains("error: cannot name a sheet '\(name)': " + (name.isEmpty ? "a sheet needs a name" : "libxlsxwriter says \"")),
                "\(error.description)")
        #expect(error.description.hasSuffix("— a sheet name is 1 to 31 characters, without [ ] : * ? / \\, and not used twice"))
    }

    @Test func aSheetNameUsedTwiceIsAnError() throws {
        let scratch = try Scratch()
        let workbook = try XlsxWorkbook(path: scratch.path + "/out.xlsx", temporaryFolder: scratch.path, created: WorkbookSink.created,
                                        name: "baseline.xlsx")
        try workbook.add(Self.table())
        let error = try #require(throws: BaselineError.self) { try workbook.add(Self.table()) }
        #expect(error.description.contains("cannot name a sheet 'Sheet': libxlsxwriter says \"Worksheet name is already in use"), "\(error.description)")
    }

    @Test func addingAfterClosingIsAnError() throws {
        let scratch = try Scratch()
        let workbook = try XlsxWorkbook(path: scratch.path + "/out.xlsx", temporaryFolder: scratch.path, created: WorkbookSink.created,
                                        name: "baseline.xlsx")
        try workbook.close()
        #expect(throws: BaselineError.self) { try workbook.add(Self.table()) }
    }

    /// Text that looks like a formula is a string with a `'` in front, never a formula; numbers
    /// are numbers; a missing value is its reason; nothing is left in the folder but the file.
    @Test func textIsNeverAFormulaAndNumbersAreNumbers() throws {
        let scratch = try Scratch()
        let workbook = try XlsxWorkbook(path: scratch.path + "/out.xlsx", temporaryFolder: scratch.path, created: WorkbookSink.created,
                                        name: "baseline.xlsx")
        try workbook.add(Self.table())
        try workbook.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["out.xlsx"])
        let sheet = try Self.unzip(scratch.path + "/out.xlsx", "xl/worksheets/sheet1.xml")
        let strings = try Self.unzip(scratch.path + "/out.xlsx", "xl/sharedStrings.xml")
        #expect(!sheet.contains("<f>"))
        #expect(sheet.contains("<v>-3.5</v>"))
        #expect(strings.contains("<t>'=HYPERLINK(&quot;http://x&quot;)</t>") || strings.contains("<t>'=HYPERLINK(\"http://x\")</t>"), "\(strings)")
        #expect(strings.contains("<t>'-2+3</t>") && strings.contains("<t>suppressed</t>") && strings.contains("<t>'@Value</t>"), "\(strings)")
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"), "\(sheet)")
    }

    @Test func columnsAreAsWideAsTheirLongestCellWithinLimits() {
        var table = WorkbookTable("T", columns: ["Id", "A much longer title", "Notes"])
        table.add([.text("x"), .number(12345.678), .text(String(repeating: "n", count: 200))])
        #expect(table.widths == [8, 21, 60])
    }

    /// One member of a zip file, as text (with Python's zipfile: no unzip tool needed).
    static func unzip(_ file: String, _ member: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", file, member]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
