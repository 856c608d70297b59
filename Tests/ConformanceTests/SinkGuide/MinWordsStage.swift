import BaselineCore
import BaselineSchema

/// `min-words`: sets aside note excerpts too short to code to a theme ("Yes.", "See above"), as
/// rejects left out by rule: counted as skipped in the run's summary and manifest, never coded.
public final class MinWordsStage: StagePlugin, Stage {
    public typealias Configuration = MinWordsConfiguration

    public static let kind = "min-words"
    public static let summary = "Sets aside note excerpts of fewer than `min_words` words, as left out by rule"
    public static let options: [OptionDoc] = [
        OptionDoc("min_words", "number", default: "3", "The fewest words an excerpt needs to go on to the later stages."),
    ]
    public static let contract = StageContract(records: [.excerpt])
    public static let sampleConfiguration = """
        stage: min-words
        min_words: 3
        """

    public static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage {
        MinWordsStage(minWords: configuration.minWords)
    }

    // MARK: - Runtime

    private let minWords: Int

    /// Makes the stage.
    public init(minWords: Int) {
        self.minWords = minWords
    }

    /// Passes on every record but the short excerpts, which become rejects.
    public func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
        var batch = batch
        let records = batch.records
        batch.records.removeAll(keepingCapacity: true)
        for record in records {
            if case .excerpt(let excerpt) = record, excerpt.text.split(whereSeparator: \.isWhitespace).count < minWords {
                batch.rejects.append(Reject(provenance: excerpt.provenance, reason: "excerpt shorter than \(minWords) words",
                                            content: excerpt.text, leftOutByRule: true))
            } else {
                batch.records.append(record)
            }
        }
        return batch
    }
}
