import BaselineCore
import BaselineSchema

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

    /// Starts reading the earlier baselines `progress` will need on another thread; kept for the
    /// run (released, it stops). See `OutcomesReader.readAhead(for:placeFolder:)`.
    func readAhead(for period: String, placeFolder: String) -> AnyObject? {
        reader.readAhead(for: period, placeFolder: placeFolder)
    }
}
