import Foundation

/// The inputs an adapter is checked with: a folder of small files, named by what they hold.
///
/// ```
/// Fixtures/<kind>/
///   configuration.yaml   optional: the source entry to use, with {input} where the input goes;
///                        without it the plugin's sampleConfiguration is used with its `path` replaced
///   good.csv             a good input: records, no bad ones
///   bad-records.csv      some good records and at least one bad one (a ragged row, a bad number…)
///   broken.csv           an input that cannot be read at all (an unclosed quote, bad XML…);
///                        more than one is fine: broken-empty.csv, broken-utf16.csv…
/// ```
///
/// Files are matched by the start of their name (`good`, `bad-records`, `broken`), so a fixture
/// may be a folder too (`good/` for an adapter that reads folders). Other files are copied along
/// and may be named by `configuration.yaml` (a codebook, a lookup table).
public struct ConformanceFixtures: Sendable {
    /// The folder that holds the fixtures.
    public var folder: String
    /// The source entry (YAML, without `- `) with `{input}` where the input's path goes, or
    /// `nil` to use the plugin's `sampleConfiguration` with its `path` key replaced.
    public var configuration: String?
    /// Good inputs, by name inside `folder`.
    public var good: [String]
    /// Inputs with at least one bad record among good ones.
    public var badRecords: [String]
    /// Broken inputs: each must stop the run with a located `BaselineError`.
    public var broken: [String]

    /// Fixtures named explicitly.
    public init(folder: String, configuration: String? = nil, good: [String], badRecords: [String], broken: [String]) {
        self.folder = folder
        self.configuration = configuration
        self.good = good
        self.badRecords = badRecords
        self.broken = broken
    }

    /// Fixtures found in `folder` by the naming convention above.
    public init(folder: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let template = (folder as NSString).appendingPathComponent("configuration.yaml")
        self.init(folder: folder,
                  configuration: FileManager.default.fileExists(atPath: template) ? try String(contentsOfFile: template, encoding: .utf8) : nil,
                  good: names.filter { $0.hasPrefix("good") },
                  badRecords: names.filter { $0.hasPrefix("bad-records") },
                  broken: names.filter { $0.hasPrefix("broken") })
    }

    /// Every input, good first.
    var all: [String] { good + badRecords + broken }
}
