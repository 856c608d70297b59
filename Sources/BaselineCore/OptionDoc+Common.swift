extension OptionDoc {
    /// `on_error`, the option every source has (the pipeline reads it, not the adapter's
    /// configuration): list it last in a source's `options` so that `baseline adapters` and the
    /// README show it.
    public static let onError = OptionDoc(
        "on_error", "quarantine | skip | fail", default: "quarantine",
        "What to do with a bad record (common to every source): write it to `rejects/<id>.csv` with its reason and location, count and skip it, or stop the run.")

    /// `max_rejected`, the other option every source has (read by the pipeline): list it right
    /// after `onError`.
    public static let maxRejected = OptionDoc(
        "max_rejected", "percentage or fraction", default: "5%",
        "The largest share of the source's records that may be bad (quarantined, or skipped under `on_error: skip`) before the run fails "
            + "with exit 1, giving the count and the three commonest reasons with a first location (common to every source). A source that "
            + "passes on no records always fails. `10%` or `0.1`; `100%` turns the check off. Records left out by a rule you chose "
            + "(a filter, `partial: exclude`) are not bad and do not count.")

    /// `audience`, read by the pipeline for a source of survey responses: a survey adapter lists
    /// it in its `options` to accept it (the pipeline refuses it on any other source).
    public static let audience = OptionDoc(
        "audience", "staff | residents | words", default: "staff",
        "Who answered, for the brief's wording: \"About 120 residents answered the survey\", \"What residents told us\". Any plural noun "
            + "(`young people`). Read by the pipeline and recorded in `baseline.json`'s manifest beside the source's counts; only survey sources take it.")

    /// An option naming a file or folder inside the output folder, which a sink writes: `help`
    /// says what it names, and the rule every such name follows (read by `decodeOutputName`) is added.
    public static func outputName(_ name: String, _ type: String, default defaultValue: String, _ help: String) -> OptionDoc {
        OptionDoc(name, type, default: defaultValue, help + ": letters, digits, `-`, `_`, `.`, with `/` between folders; "
                  + "a name that would leave the output folder (`..`, absolute) is an error at its line.")
    }

    /// Whether `text` — a default, or one of the alternatives of a type (`a | b`) — is a value
    /// as a user writes it (`baseline.json`, `5%`, `[]`), not words about one (`none`,
    /// `built-in`, `the layout's`, `<place> baseline`, `one character`).
    public static func isValue(_ text: String) -> Bool {
        !text.isEmpty && !text.contains(where: { $0 == " " || $0 == "<" || $0 == "`" }) && !["none", "built-in"].contains(text)
    }

    /// The common options of every source, in the order to list them last in `options`.
    public static let sourceCommon: [OptionDoc] = [onError, maxRejected]

    /// The keys of a pipeline entry that the pipeline itself reads and never hands to a
    /// plugin's configuration.
    public static let pipelineKeys: Set<String> = ["id", "adapter", "on_error", "max_rejected", "audience", "stage", "sink"]
}
