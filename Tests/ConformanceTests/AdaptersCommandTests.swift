import BaselineCLI
import BaselineCore
import BaselinePipeline
import Foundation
import Testing

/// `baseline adapters`, run as the real binary: its whole output must say what the plugins'
/// declarations say (kind, summary, version, options, sample configuration).
@Suite struct AdaptersCommandTests {
    /// One plugin as `baseline adapters --json` prints it.
    struct PluginJSON: Decodable, Equatable {
        var kind: String
        var role: String
        var summary: String
        var version: String
        var sample: String
        var options: [OptionJSON]
        var records: [String]?
        var contract: ContractJSON?
    }

    /// A stage's contract as `baseline adapters --json` prints it.
    struct ContractJSON: Decodable, Equatable {
        var records: [String]
        var requires: [String]
        var uses: [String]
        var provides: [String]
    }

    /// One option as `baseline adapters --json` prints it.
    struct OptionJSON: Decodable, Equatable {
        var name: String
        var type: String
        var required: Bool
        var `default`: String?
        var help: String
    }

    /// Every built-in plugin in listing order (sources, stages, sinks; by kind within each), from the declarations.
    static let plugins: [PluginDescription] = PluginRole.allCases.flatMap { role in
        BuiltinPlugins.registry.all.filter { $0.role == role }.sorted { $0.kind < $1.kind }
    }

    static func expectedJSON(_ plugin: PluginDescription) -> PluginJSON {
        PluginJSON(kind: plugin.kind, role: plugin.role.rawValue, summary: plugin.summary, version: plugin.version,
                   sample: plugin.sampleConfiguration,
                   options: plugin.options.map { OptionJSON(name: $0.name, type: $0.type, required: $0.defaultValue == nil,
                                                            default: $0.defaultValue, help: $0.help) },
                   records: plugin.records.map { set in RecordKind.allCases.filter(set.contains).map(\.rawValue) },
                   contract: plugin.contract.map { contract in
                       ContractJSON(records: RecordKind.allCases.filter(contract.records.contains).map(\.rawValue),
                                    requires: contract.requires.map(\.name), uses: contract.uses.map(\.name), provides: contract.provides.map(\.name))
                   })
    }

    @Test("`baseline adapters --json` lists every plugin's declarations")
    func listAsJSON() throws {
        let run = try Binary.run(["adapters", "--json"])
        #expect(run.status == 0)
        #expect(run.output.hasSuffix("\n") && run.output.filter { $0 == "\n" }.count == 1, "one line of JSON")
        let listed = try JSONDecoder().decode([PluginJSON].self, from: Data(run.output.utf8))
        #expect(listed == Self.plugins.map(Self.expectedJSON))
        #expect(listed.contains { $0.kind == "csv-survey" && $0.role == "source" })
    }

    @Test("`baseline adapters` lists every plugin by role with its summary")
    func listAsText() throws {
        var expected = ""
        for role in PluginRole.allCases {
            expected += "\(role.section):\n"
            let inRole = Self.plugins.filter { $0.role == role }
            let width = inRole.map(\.kind.count).max() ?? 0
            for plugin in inRole {
                expected += "  \(plugin.kind)\(String(repeating: " ", count: width - plugin.kind.count))  \(plugin.summary)\n"
            }
        }
        let run = try Binary.run(["adapters"])
        #expect(run.status == 0)
        #expect(run.output == expected)
    }

    @Test("`baseline adapters KIND` prints the options and the sample", arguments: plugins.map(\.kind))
    func manual(kind: String) throws {
        let plugin = try #require(Self.plugins.first { $0.kind == kind })
        var expected = "\(kind) (\(plugin.role.rawValue), version \(plugin.version))\n  \(plugin.summary)\n\nOptions:\n"
        for option in plugin.options {
            expected += "  \(option.name) (\(option.type); \(option.defaultValue.map { "default: \($0)" } ?? "required"))\n"
            expected += "      \(option.help)\n"
        }
        expected += Self.expectedContract(kind)
        expected += "\nSample (an entry of `\(plugin.role.section):`):\n"
        let lines = plugin.sampleConfiguration.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() {
            expected += (line.isEmpty ? "" : (index == 0 ? "  - " : "    ") + line) + "\n"
        }
        let run = try Binary.run(["adapters", kind])
        #expect(run.status == 0)
        #expect(run.output == expected, """
            \(kind): `baseline adapters \(kind)` printed the above; for a new stage, or a source that declares `records`, \
            write what it prints under "Contract:" or "Yields:" into `expectedContract` in Tests/ConformanceTests/AdaptersCommandTests.swift
            """)
    }

    /// What each built-in source yields and each built-in stage declares, written out by hand:
    /// the contracts `validate` checks the order of `transforms:` against (issue 17).
    static func expectedContract(_ kind: String) -> String {
        let contracts = [
            "csv-indicators": "\nYields: statistics (observations)\n",
            "csv-survey": "\nYields: survey responses\n",
            "interview-notes": "\nYields: note excerpts\n",
            "police-uk": "\nYields: statistics (observations)\n",
            "xml-dataset": "\nYields: statistics (observations)\n",
            "benchmark": "\nContract:\n  works on: the baseline alone (a document stage)\n  requires: indicators\n  provides: comparisons\n",
            "code-themes": "\nContract:\n  works on: survey responses, note excerpts\n  uses: survey\n  provides: themes\n",
            "indicators": "\nContract:\n  works on: statistics (observations)\n  uses: placed-observations\n  provides: indicators\n",
            "join": "\nContract:\n  works on: statistics (observations)\n  provides: placed-observations\n",
            "priorities": "\nContract:\n  works on: the baseline alone (a document stage)\n  uses: indicators, comparisons, survey, themes\n"
                + "  provides: priorities\n",
            "redact": "\nContract:\n  works on: survey responses, note excerpts\n  provides: redactions\n",
            "survey-aggregate": "\nContract:\n  works on: survey responses\n  provides: survey\n",
        ]
        return contracts[kind] ?? ""
    }

    @Test("`baseline adapters KIND --json` prints one plugin's declarations", arguments: plugins.map(\.kind))
    func manualAsJSON(kind: String) throws {
        let plugin = try #require(Self.plugins.first { $0.kind == kind })
        let run = try Binary.run(["adapters", kind, "--json"])
        #expect(run.status == 0)
        #expect(try JSONDecoder().decode(PluginJSON.self, from: Data(run.output.utf8)) == Self.expectedJSON(plugin))
    }

    @Test("The csv-survey manual names its options in declared order")
    func csvSurveyManualByHand() throws {
        let run = try Binary.run(["adapters", "csv-survey"])
        #expect(run.output.hasPrefix("csv-survey (source, version "))
        let lines = run.output.components(separatedBy: "\n")
        let options = try #require(lines.firstIndex(of: "Options:"))
        let names = lines[(options + 1)...].prefix { !$0.isEmpty }.filter { !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(names.first == "path")
        #expect(names.suffix(2) == ["on_error", "max_rejected"])
        #expect(run.output.contains("\n  - id: "))
    }

    @Test("`baseline adapters KIND --markdown` prints the README's options table, made from the declarations")
    func markdown() throws {
        let folder = try #require(BuiltinPlugins.registry.plugin(named: "csv-tables")?.options.first)
        let run = try Binary.run(["adapters", "csv-tables", "--markdown"])
        #expect(run.status == 0)
        #expect(run.output == """
            <!-- generated: options -->
            | option | type | default | what it does |
            |---|---|---|---|
            | `folder` | folder name | `tables` | \(folder.help) |
            <!-- end generated -->

            """)
        let survey = try Binary.run(["adapters", "csv-survey", "--markdown"])
        #expect(survey.output.contains("\n| `path` | path | required | "))
        #expect(survey.output.contains("\n| `on_error` | `quarantine` \\| `skip` \\| `fail` | `quarantine` | "))
        #expect(survey.output.contains("\n| `respondent_id` | column | the layout's | "))
        let alone = try Binary.run(["adapters", "--markdown"])
        #expect(alone.status == 2)
        #expect(alone.error.contains("baseline adapters <kind> --markdown"))
    }

    @Test("An unknown kind is a usage error with a suggestion")
    func unknownKind() throws {
        let run = try Binary.run(["adapters", "csv-survy"])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.error.contains("no adapter, stage or sink called 'csv-survy' — did you mean 'csv-survey'?"))
    }
}

/// The `baseline` binary this test build sits beside.
enum Binary {
    /// Where it is: next to the test bundle (same build folder), or in `.build/debug`.
    static var path: String {
        let beside = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("baseline").path
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : Repository.root + "/.build/debug/baseline"
    }

    /// Runs the binary with `arguments` and returns its exit status, standard output and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        try #require(FileManager.default.isExecutableFile(atPath: path), "build the binary first: swift build")
        // The output goes to files, read once the binary has exited: reading a pipe while the
        // machine is busy can be interrupted (EINTR), which FileHandle turns into a crash.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-binary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outFile = folder.appendingPathComponent("out"), errFile = folder.appendingPathComponent("err")
        #expect(FileManager.default.createFile(atPath: outFile.path, contents: nil))
        #expect(FileManager.default.createFile(atPath: errFile.path, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: outFile, encoding: .utf8), try String(contentsOf: errFile, encoding: .utf8))
    }
}
