extension OptionDoc {
    /// `on_error`, the option every source has (the pipeline reads it, not the adapter's
    /// configuration): list it last in a source's `options` so that `baseline adapters` and the
    /// README show it.
    public static let onError = OptionDoc(
        "on_error", "quarantine | skip | fail", default: "quarantine",
        "What to do with a bad record: write it to rejects/<id>.csv with its reason and location, count and skip it, or stop the run.")

    /// The keys of a pipeline entry that the pipeline itself reads and never hands to a
    /// plugin's configuration.
    public static let pipelineKeys: Set<String> = ["id", "adapter", "on_error", "stage", "sink"]
}
