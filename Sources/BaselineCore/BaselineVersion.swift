/// The version of the `baseline` tool: what `baseline --version` prints and `baseline.json`'s
/// manifest records as `tool_version` (since 1.6). Plugins keep their own versions; this one
/// names the build as a whole.
public enum BaselineVersion {
    /// The tool's version, `MAJOR.MINOR.PATCH`.
    public static let current = "1.0.0"
}
