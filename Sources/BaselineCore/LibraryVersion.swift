/// A C library the tool links and the version it runs with, as `baseline --version` prints it
/// and `baseline.json`'s manifest records it (since 1.6), so a baseline says what made it.
///
/// Each library's version is read by the one file that wraps it (`libraryVersion` on
/// `CSVReader`, `SHA256`, the XML reader and the workbook writer); the CLI gathers them.
public struct LibraryVersion: Sendable, Codable, Equatable {
    /// When the version was read.
    public enum Source: String, Sendable, Codable {
        /// Asked of the library itself while the tool runs: the library actually loaded.
        case runTime = "run_time"
        /// Taken from the library's header when the tool was built: the library has no call
        /// that reports its version, so a different shared library loaded later is not seen.
        case buildTime = "build_time"
    }

    /// The library's name (`libcsv`, `libxml2`, `libcrypto`, `libxlsxwriter`).
    public var name: String
    /// Its version, as the library writes it (e.g. `2.9.14`, `OpenSSL 3.0.19 27 Jan 2026`).
    public var version: String
    /// Whether `version` was read at run time or is the header's, fixed at build time.
    public var source: Source

    /// Makes an entry.
    public init(name: String, version: String, source: Source) {
        self.name = name
        self.version = version
        self.source = source
    }

    /// The line `baseline --version` prints for the library.
    public var line: String {
        switch source {
        case .runTime: return "\(name) \(version)"
        case .buildTime: return "\(name) \(version) (from its header at build time; it reports no version at run time)"
        }
    }
}
