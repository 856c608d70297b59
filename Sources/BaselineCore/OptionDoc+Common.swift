extension OptionDoc {
    /// `on_error`, the option every source has (the pipeline reads it, not the adapter's
    /// configuration): list it last in a source's `options` so that `baseline adapters` and the
    /// README show it.
    public static let onError = OptionDoc(
        "on_error", "quarantine | skip | fail", default: "quarantine",
        "What to do with a bad record: write it to rejects/<id>.csv with its reason and location, count and skip it, or stop the run.")

    /// `max_rejected`, the other option every source has (read by the pipeline): list it right
    /// after `onError`.
    public static let maxRejected = OptionDoc(
        "max_rejected", "percentage or fraction", default: "5%",
        "The largest share of the source's records that may be bad (quarantined or skipped) before the run fails with the commonest reasons; "
            + "a source that passes on no records always fails. `10%` or `0.1`; `100%` turns the check off.")

    /// `audience`, read by the pipeline for a source of survey responses: a survey adapter lists
    /// it in its `options` to accept it (the pipeline refuses it on any other source).
    public static let audience = OptionDoc(
        "audience", "staff | residents | words", default: "staff",
        "Who answered, in the brief's words: \"About 120 residents answered the survey\", \"What residents told us\". Any plural noun (`young people`).")

    /// The common options of every source, in the order to list them last in `options`.
    public static let sourceCommon: [OptionDoc] = [onError, maxRejected]

    /// The keys of a pipeline entry that the pipeline itself reads and never hands to a
    /// plugin's configuration.
    public static let pipelineKeys: Set<String> = ["id", "adapter", "on_error", "max_rejected", "audience", "stage", "sink"]
}
