import BaselineCSV
import BaselineCore
import BaselineDigest
import BaselinePipeline
import Workbook
import XMLDataset

/// The C libraries `baseline` links, each version read by the one file that wraps the library:
/// what `baseline --version` prints and every `baseline.json` manifest records.
enum LinkedLibraries {
    /// libcsv, libxml2, libcrypto and libxlsxwriter, in that order.
    static var all: [LibraryVersion] {
        [CSVReader.libraryVersion, XMLDatasetAdapter.libraryVersion, SHA256.libraryVersion, WorkbookSink.libraryVersion]
    }

    /// `baseline --version`: the tool's version on the first line, then a line per library.
    static var versionText: String {
        (["baseline \(BaselineVersion.current)"] + all.map(\.line)).joined(separator: "\n")
    }
}
