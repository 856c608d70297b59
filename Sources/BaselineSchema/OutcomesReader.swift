import BaselineCore

/// Reads a pipeline's `outcomes:` file and works out the progress a run's brief and dashboard
/// open with. It sits with the document it fills in, below both the runner and the outcomes
/// framework (`BaselineOutcomes`), so neither imports the other: the registry carries the reader
/// (`BuiltinPlugins.registry` sets `OutcomesProgressStep`), and a pipeline naming `outcomes:`
/// with no reader is an error.
public protocol OutcomesReader: Sendable {
    /// Reads and checks the outcomes file (`file.resolved`, named `file.path` in messages); a
    /// mistake in it is a `BaselineError` at its line and column.
    func check(_ file: InputFile) throws

    /// Progress on the outcomes file's priorities for `document`, the baseline being written,
    /// from the earlier baselines of the place under `placeFolder` (`<output>/<place>`).
    func progress(_ file: InputFile, for document: BaselineDocument, placeFolder: String) throws -> ProgressSection
}
