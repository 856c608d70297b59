import Foundation

/// The folder a sink writes into: a temporary folder that the runner renames into place once
/// every sink has succeeded.
public struct OutputFolder: Sendable {
    /// The folder's absolute path.
    public let path: String

    /// Wraps a folder path.
    public init(path: String) {
        self.path = path
    }

    /// Writes `data` to `name` (which may contain sub-folders) inside the folder.
    public func write(_ data: Data, to name: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw BaselineError(file: url.path, "cannot write output: \(error.localizedDescription)",
                                hint: "check the output folder is writable and the disk is not full")
        }
    }

    /// Writes UTF-8 text to `name` inside the folder.
    public func write(_ text: String, to name: String) throws {
        try write(Data(text.utf8), to: name)
    }
}
