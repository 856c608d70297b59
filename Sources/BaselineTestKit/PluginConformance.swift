import BaselineCore
import BaselinePipeline
import BaselineSchema
import Foundation
import Yams

/// The checks every plugin passes, adapter, stage or sink: its sample decodes, its documented
/// options are exactly the keys its configuration reads, and its README's options table and
/// `sample.yaml` are the ones its declarations make. `AdapterConformance` runs these for a
/// source, with the checks that read fixtures.
///
/// ```swift
/// let conformance = PluginConformance(MyStage.self, sampleBase: pipelinesFolder, pluginFolder: myStageFolder)
/// #expect(conformance.run().isEmpty)
/// ```
///
/// With the environment variable `BASELINE_UPDATE_DOCS=1`, `documentation` writes the README's
/// options table and `sample.yaml` instead of reporting that they differ: the command in its
/// message (`BASELINE_UPDATE_DOCS=1 swift test --filter …`) refreshes them.
public struct PluginConformance {
    /// One thing every plugin must get right.
    public enum Check: String, CaseIterable, Sendable, CustomStringConvertible {
        /// The sample configuration decodes as a pipeline entry (its paths relative to `sampleBase`) and names the plugin.
        case sampleDecodes
        /// The documented options are exactly the keys the configuration type reads (its
        /// `CodingKeys`), less the `refusedKeys` it reads only to refuse.
        case optionsMatchConfiguration
        /// README.md starts with `# <kind>`, its options table is made from `options`, and `sample.yaml` is the sample.
        case documentation

        /// The check's name.
        public var description: String { rawValue }
    }

    /// The plugin under test.
    public let plugin: any Plugin.Type
    /// The folder the sample configuration's paths are relative to (the repository's `pipelines/`).
    public let sampleBase: String
    /// The plugin's folder, holding `README.md` and `sample.yaml`.
    public let pluginFolder: String?
    /// The command that refreshes the README's options table and `sample.yaml`, for messages.
    public var refreshCommand = "BASELINE_UPDATE_DOCS=1 swift test --filter <the test that runs this check>"

    /// Checks `plugin`.
    public init(_ plugin: any Plugin.Type, sampleBase: String, pluginFolder: String?) {
        self.plugin = plugin
        self.sampleBase = sampleBase
        self.pluginFolder = pluginFolder
    }

    /// Runs every check and returns every problem found, each as `check: what to fix`.
    public func run() -> [String] {
        Check.allCases.flatMap { check in run(check).map { "\(check): \($0)" } }
    }

    /// Runs one check and returns the problems it found, each saying what to fix.
    public func run(_ check: Check) -> [String] {
        do {
            switch check {
            case .sampleDecodes: return try checkSample()
            case .optionsMatchConfiguration: return try checkOptionsMatchConfiguration()
            case .documentation: return checkDocumentation()
            }
        } catch {
            return ["stopped by an unexpected error: \(error)"]
        }
    }

    /// The key that names the plugin in a pipeline entry (`adapter`, `stage`, `sink`).
    var roleKey: String {
        switch plugin {
        case is any SourcePlugin.Type: "adapter"
        case is any SinkPlugin.Type: "sink"
        default: "stage"
        }
    }

    private func checkSample() throws -> [String] {
        var issues = [String]()
        do {
            try Pipeline.decodeSample(of: plugin, base: sampleBase)
        } catch {
            issues.append("the sample configuration does not decode: \(error)")
        }
        let node = try Yams.compose(yaml: plugin.sampleConfiguration)
        if node?.mapping?[roleKey]?.string != plugin.kind {
            issues.append("the sample should say `\(roleKey): \(plugin.kind)`, so it can be pasted into a pipeline")
        }
        if roleKey == "adapter", node?.mapping?["id"]?.string == nil {
            issues.append("the sample should have an `id:`, so it can be pasted into a pipeline")
        }
        return issues
    }

    private func checkOptionsMatchConfiguration() throws -> [String] {
        let read = try Pipeline.configurationKeys(of: plugin, entry: plugin.sampleConfiguration, base: sampleBase,
                                                  file: "\(plugin.kind) sample")
        let documented = Set(plugin.options.map(\.name)).subtracting(OptionDoc.pipelineKeys)
        var issues = [String]()
        for key in read.subtracting(documented).subtracting(plugin.refusedKeys).sorted() {
            issues.append("the configuration reads '\(key)' but `options` does not document it")
        }
        for key in documented.subtracting(read).sorted() {
            issues.append("`options` documents '\(key)' but the configuration never reads it (read every key with decodeIfPresent, then validate)")
        }
        return issues
    }

    private func checkDocumentation() -> [String] {
        guard let pluginFolder else { return ["no plugin folder given: pass the folder that holds README.md and sample.yaml"] }
        let update = ProcessInfo.processInfo.environment["BASELINE_UPDATE_DOCS"] == "1"
        return PluginDocumentation.problems(of: plugin, folder: pluginFolder,
                                            refresh: "run `\(refreshCommand)`",
                                            write: update)
    }
}
