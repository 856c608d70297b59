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

    /// Starts reading, on another thread, what `progress` will read for a baseline of `period`
    /// under `placeFolder`: the runner asks before it reads the sources, so that the earlier
    /// baselines are read meanwhile. The reading stops, and its thread is waited for, when the
    /// object returned is released (the runner keeps it for the run). Default: nothing.
    func readAhead(for period: String, placeFolder: String) -> AnyObject?
}

extension OutcomesReader {
    /// Reads nothing ahead: `progress` reads what it needs when it is asked.
    public func readAhead(for period: String, placeFolder: String) -> AnyObject? { nil }
}
