import BaselineCore
import BaselineSchema

/// Reads a pipeline's `outcomes:` file and works out the progress a run's brief and dashboard
/// open with. The outcomes framework (`BaselineOutcomes`) is built on this module, so the
/// pipeline cannot name it: the registry carries the reader (`BuiltinPlugins.registry` sets
/// `OutcomesProgressStep`), and a pipeline naming `outcomes:` with no reader is an error.
public protocol OutcomesReader: Sendable {
    /// Reads and checks the outcomes file (`file.resolved`, named `file.path` in messages); a
    /// mistake in it is a `BaselineError` at its line and column.
    func check(_ file: InputFile) throws

    /// Progress on the outcomes file's priorities for `document`, the baseline being written,
    /// from the earlier baselines of the place under `placeFolder` (`<output>/<place>`).
    func progress(_ file: InputFile, for document: BaselineDocument, placeFolder: String) throws -> ProgressSection
}

/// A pipeline's `outcomes:` key: the file and who reads it.
public struct PipelineOutcomes: Sendable {
    /// The outcomes file, relative to the pipeline file as written.
    public let file: InputFile
    /// The reader the registry named.
    public let reader: any OutcomesReader

    /// The progress section for `document`, from the earlier baselines under `placeFolder`.
    func progress(for document: BaselineDocument, placeFolder: String) throws -> ProgressSection {
        try reader.progress(file, for: document, placeFolder: placeFolder)
    }
}
