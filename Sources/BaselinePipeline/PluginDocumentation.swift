import BaselineCore
import Foundation
import BaselineText

/// The parts of a plugin folder's `README.md` and `sample.yaml` that are made from the plugin's
/// declarations, so that each option is documented once (its `OptionDoc`) and the sample is
/// written once (`sampleConfiguration`).
///
/// In the README, the options table stands between two marker lines, and only it is replaced:
///
/// ```
/// ## Options
///
/// <!-- generated: options -->
/// | option | type | default | what it does |
/// …
/// <!-- end generated -->
/// ```
///
/// `sample.yaml` is the sample configuration itself. `baseline adapters <kind> --markdown`
/// prints the table with its markers.
public enum PluginDocumentation {
    /// The line that starts the generated options table.
    public static let startMarker = "<!-- generated: options -->"
    /// The line that ends it.
    public static let endMarker = "<!-- end generated -->"

    /// The options table with its markers, as `baseline adapters <kind> --markdown` prints it.
    public static func markdown(of plugin: any Plugin.Type) -> String {
        startMarker + "\n" + optionsTable(plugin.options) + endMarker + "\n"
    }

    /// The options as a Markdown table: name, type (alternatives `a | b` that are values in
    /// backticks), default (`required` when there is none; a value in backticks) and help; for a
    /// plugin without options, a sentence that says so.
    public static func optionsTable(_ options: [OptionDoc]) -> String {
        guard !options.isEmpty else { return "None of its own.\n" }
        var table = "| option | type | default | what it does |\n|---|---|---|---|\n"
        for option in options {
            let alternatives = option.type.components(separatedBy: " | ")
            let type = alternatives.count > 1 ? alternatives.map { OptionDoc.isValue($0) ? "`\($0)`" : $0 }.joined(separator: " | ") : option.type
            let defaultValue = option.defaultValue.map { OptionDoc.isValue($0) ? "`\($0)`" : $0 } ?? "required"
            let cells = ["`\(option.name)`", type, defaultValue, option.help].map { $0.replacingEvery("|", with: "\\|") }
            table += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return table
    }

    /// The content of `sample.yaml`: the sample configuration and a final newline.
    public static func sampleFile(of plugin: any Plugin.Type) -> String {
        plugin.sampleConfiguration.trimmingCharacters(in: .newlines) + "\n"
    }

    /// `readme` with its options table made again from `plugin`; `nil` when it has no markers.
    public static func refreshed(readme: String, of plugin: any Plugin.Type) -> String? {
        guard let start = readme.range(of: startMarker + "\n"),
              let end = readme.range(of: endMarker, range: start.upperBound..<readme.endIndex) else { return nil }
        var text = readme
        text.replaceSubrange(start.upperBound..<end.lowerBound, with: optionsTable(plugin.options))
        return text
    }

    /// What differs between the plugin folder's README.md and sample.yaml and what the
    /// declarations make, each with what to do (`refresh` names the command that rewrites them);
    /// empty when they agree. With `write`, the options table and sample.yaml are written
    /// instead, so only what cannot be made (no README, no markers, a file not written) is left
    /// to report.
    public static func problems(of plugin: any Plugin.Type, folder: String, refresh: String, write: Bool = false) -> [String] {
        var problems = [String]()
        let readmePath = folder + "/README.md"
        if let readme = try? String(contentsOfFile: readmePath, encoding: .utf8) {
            if !readme.hasPrefix("# \(plugin.kind)\n") {
                problems.append("README.md should start with the heading '# \(plugin.kind)', the kind users write")
            }
            if let refreshed = refreshed(readme: readme, of: plugin) {
                if refreshed != readme {
                    if write {
                        if (try? refreshed.write(toFile: readmePath, atomically: true, encoding: .utf8)) == nil {
                            problems.append("cannot write \(readmePath)")
                        }
                    } else {
                        problems.append("README.md's options table differs from `options`: edit `options` (the one place options are documented), then \(refresh)")
                    }
                }
            } else {
                problems.append("README.md has no options table to generate: under its `## Options` heading put the lines `\(startMarker)` and `\(endMarker)`, then \(refresh)")
            }
        } else {
            problems.append("no README.md in \(folder)")
        }
        let samplePath = folder + "/sample.yaml"
        let sample = sampleFile(of: plugin)
        if (try? String(contentsOfFile: samplePath, encoding: .utf8)) != sample {
            if write {
                if (try? sample.write(toFile: samplePath, atomically: true, encoding: .utf8)) == nil {
                    problems.append("cannot write \(samplePath)")
                }
            } else {
                problems.append("sample.yaml differs from `sampleConfiguration` (or is missing): \(refresh)")
            }
        }
        return problems
    }
}
