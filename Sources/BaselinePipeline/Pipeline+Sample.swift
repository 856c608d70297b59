import BaselineCore
import BaselineSchema

extension Pipeline {
    /// What `run` would stop on once its stages have finished that each source's first batch
    /// already shows, found by sending those batches through the pipeline's stages as `run`
    /// does and asking the run's own check (`SourceAccount.statisticsError`): what
    /// `baseline validate` reports, after the header checks, unless `--no-inputs`.
    ///
    /// A source whose first batch is all bad records (a period the adapter cannot read on every
    /// row, a value column that holds names) is reported as `run` would stop on it: passing on
    /// none of those, with its commonest reasons (`SourceAccount.sampleError`). Of the rest, only
    /// a file whose indicator and name columns look swapped (ONS's October 2025 files: the
    /// catalogue's names are in the column read as `indicator_name`) is reported, with the
    /// located message and what to set that `run` gives: the first rows of a file show that.
    /// Whether the catalogue names any of a file's indicators at all is not judged from its
    /// first rows (a national file's may all be of indicators the catalogue leaves out).
    ///
    /// Sources whose adapter gives a first batch without reading all of its input are read
    /// (`SourcePlugin.sampleBatch`), and of those only the sources `ids` when given (a programme
    /// samples a shared file once, not once a place). A source that cannot be read, or a stage
    /// that throws on the sample, gives nothing here: `run` says it.
    public func sampleProblems(of ids: Set<String>? = nil) -> [BaselineError] {
        var batches = [(id: String, batch: RecordBatch)]()
        var passedNothing = [BaselineError]()
        for source in sources where ids?.contains(source.id) ?? true {
            guard let batch = try? source.sample() else { continue }
            guard batch.recordCount > 0 else {
                var account = SourceAccount(id: source.id, threshold: source.maxRejected)
                for reject in batch.rejects { account.note(reject) }
                if let error = account.sampleError(of: batch.rejects.count, pipeline: file, entry: (source.line, source.column)) {
                    passedNothing.append(error)
                }
                continue
            }
            batches.append((source.id, batch))
        }
        guard passedNothing.isEmpty else { return passedNothing }
        guard !batches.isEmpty, !sinks.isEmpty else { return [] }
        do {
            let stages = try self.stages.map { try $0.make() }
            let recordStages = stages.compactMap(\.recordStage)
            var document = BaselineDocument(place: Place(name: context.placeName, code: context.placeCode), period: context.period)
            document.benchmarks = benchmarks
            var statistics = [String]()
            for (id, batch) in batches {
                if batch.hasObservations { statistics.append(id) }
                var flowing = batch
                flowing.rejects = []
                for stage in recordStages {
                    flowing = try stage.processing(flowing.take())
                    flowing.rejects = []
                }
            }
            for stage in stages { try stage.finish(into: &document) }
            guard let (error, because) = SourceAccount.statisticsError(in: document, notesFrom: 0, statistics: statistics,
                                                                       here: Set(statistics), pipeline: self),
                  SourceAccount.saysColumnsLookSwapped(because) else { return [] }
            return [error]
        } catch {
            return []
        }
    }
}
