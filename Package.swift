// swift-tools-version:6.0
// PlaceBaseline: the evidence-based baseline of a place, built by a plugin pipeline.
//
// Layout: one target per module; adapters, stages and sinks each live in a folder named after
// their kind under Sources/{Adapters,Stages,Sinks}/, declared once in `builtinPlugins` below.
// The built-in registry is Sources/BaselineCLI/BuiltinPlugins.swift.
import Foundation
import PackageDescription

// MARK: - Built-in plugins

/// One built-in adapter, stage or sink: its folder `Sources/<role folder>/<name>/` (holding
/// README.md and sample.yaml besides the code), the modules it uses besides those of its role
/// (`base`), and what its tests `Tests/<name>Tests/` (when that folder exists) use besides it,
/// the test kit and those.
struct BuiltinPlugin {
    enum Role: String { case adapter = "Adapters", stage = "Stages", sink = "Sinks" }

    var role: Role
    var name: String
    var dependencies: [Target.Dependency]
    var testDependencies: [Target.Dependency]

    static func adapter(_ name: String, _ dependencies: [Target.Dependency] = [], tests: [Target.Dependency] = []) -> Self {
        Self(role: .adapter, name: name, dependencies: dependencies, testDependencies: tests)
    }
    static func stage(_ name: String, _ dependencies: [Target.Dependency] = [], tests: [Target.Dependency] = []) -> Self {
        Self(role: .stage, name: name, dependencies: dependencies, testDependencies: tests)
    }
    static func sink(_ name: String, _ dependencies: [Target.Dependency] = [], tests: [Target.Dependency] = []) -> Self {
        Self(role: .sink, name: name, dependencies: dependencies, testDependencies: tests)
    }

    /// What every plugin of the role uses: BaselineCore (records, the plugin and source
    /// protocols), and for a stage or sink BaselineSchema (the document and their protocols).
    var base: [Target.Dependency] { role == .adapter ? ["BaselineCore"] : ["BaselineCore", "BaselineSchema"] }

    /// The plugin's target, and its test target when `Tests/<name>Tests/` exists (with its
    /// `Fixtures/` as resources when it has one).
    var targets: [Target] {
        var targets: [Target] = [
            .target(name: name, dependencies: base + dependencies, path: "Sources/\(role.rawValue)/\(name)",
                    exclude: ["README.md", "sample.yaml"]),
        ]
        let tests = "Tests/\(name)Tests"
        if FileManager.default.fileExists(atPath: Context.packageDirectory + "/" + tests) {
            let fixtures = FileManager.default.fileExists(atPath: Context.packageDirectory + "/\(tests)/Fixtures")
            targets.append(.testTarget(name: "\(name)Tests", dependencies: [.target(name: name), "BaselineTestKit"] + base + testDependencies,
                                       path: tests, resources: fixtures ? [.copy("Fixtures")] : nil))
        }
        return targets
    }
}

/// Every built-in adapter, stage and sink. Adding one is a row here (its target, its test target
/// and the CLI's dependency on it follow) and a line in Sources/BaselineCLI/BuiltinPlugins.swift;
/// `RegistrationTests` names whichever is missing for a folder under Sources/{Adapters,Stages,Sinks}.
let builtinPlugins: [BuiltinPlugin] = [
    .adapter("CSVSurvey", ["BaselineCSV", "BaselineConfig"], tests: ["BaselineSchema", "BaselineCSV", "BaselinePipeline", "SurveyAggregate"]),
    .adapter("CSVIndicators", ["BaselineCSV", "BaselineIndicators", "BaselineConfig", "BaselineText"], tests: ["BaselineSchema", "BaselineDigest", "BaselineCSV"]),
    .adapter("XMLDataset", ["BaselineDigest", "BaselineHandoff", "BaselineIndicators", "BaselineText", "CLibXML2"], tests: ["BaselineDigest"]),
    .adapter("InterviewNotes", ["BaselineText", "BaselineConfig", "BaselineDigest", .product(name: "Yams", package: "Yams")],
             tests: ["BaselineConfig", "BaselinePipeline", .product(name: "Yams", package: "Yams")]),
    .adapter("PoliceUK", ["BaselineCSV", "BaselineIndicators", "BaselineText"]),

    .stage("SurveyAggregate", ["BaselineStatistics", "BaselineText"], tests: ["BaselineStatistics", "BaselinePipeline"]),
    .stage("Indicators", ["BaselineFormat", "BaselineIndicators", "BaselineStatistics", "BaselineCSV"], tests: ["BaselineIndicators"]),
    .stage("Join", ["BaselineFormat", "BaselineIndicators", "BaselineStatistics", "BaselineCSV", "BaselineText"]),
    .stage("Benchmark", ["BaselineStatistics"]),
    .stage("Redact", ["BaselineText"], tests: ["BaselineConfig", "BaselinePipeline", .product(name: "Yams", package: "Yams")]),
    .stage("CodeThemes", ["BaselineConfig", "BaselineText", .product(name: "Yams", package: "Yams")],
           tests: ["BaselineText", "BaselineConfig", "BaselinePipeline", .product(name: "Yams", package: "Yams")]),
    .stage("Priorities", ["BaselineText"]),

    .sink("DashboardJSON", ["BaselineFormat"]),
    .sink("TextReport", ["BaselineText", "BaselineStatistics", "BaselineTemplates", "BaselineFormat"]),
    .sink("HTMLDashboard", ["BaselineText", "BaselineFormat"]),
    .sink("CSVTables", ["BaselineText"]),
    .sink("Workbook", ["BaselineText", "BaselineFormat", "CXlsxWriter"]),
]

let package = Package(
    name: "PlaceBaseline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "baseline", targets: ["baseline"]),
        .library(name: "BaselineCore", targets: ["BaselineCore"]),
        .library(name: "BaselineCLI", targets: ["BaselineCLI"]),
        .library(name: "BaselineTestKit", targets: ["BaselineTestKit"]),
        .library(name: "BaselinePipeline", targets: ["BaselinePipeline"]),
        .library(name: "BaselineConfig", targets: ["BaselineConfig"]),
        .library(name: "BaselineSchema", targets: ["BaselineSchema"]),
        .library(name: "BaselineText", targets: ["BaselineText"]),
        .library(name: "BaselineCSV", targets: ["BaselineCSV"]),
        // For adapters in their own package that emit observations: values and periods read as the built-ins read them.
        .library(name: "BaselineIndicators", targets: ["BaselineIndicators"]),
        // For the fuzz targets in Fuzz/ (the template parser and the baseline.json reader of `diff`).
        .library(name: "BaselineTemplates", targets: ["BaselineTemplates"]),
        .library(name: "BaselineDiff", targets: ["BaselineDiff"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: - C libraries (Debian: libcsv-dev, libxml2-dev, libssl-dev, libxlsxwriter-dev)
        .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CLibCrypto", path: "Sources/CLibCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CXlsxWriter", path: "Sources/CXlsxWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),

        // MARK: - Core: records, source protocols, diagnostics, provenance
        .target(name: "BaselineCore", dependencies: ["BaselineText", "BaselineHandoff"], path: "Sources/BaselineCore"),
        // The baseline document (what baseline.json holds) and the stage and sink protocols that fill and write it.
        .target(name: "BaselineSchema", dependencies: ["BaselineCore"], path: "Sources/BaselineSchema"),
        .target(name: "BaselineHandoff", path: "Sources/BaselineHandoff"),
        .target(name: "BaselineStatistics", dependencies: ["BaselineCore"], path: "Sources/BaselineStatistics"),
        .target(name: "BaselineDiff", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineStatistics", "BaselineCSV", "BaselineFormat"], path: "Sources/BaselineDiff"),
        .target(name: "BaselineIndex", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineDiff", "BaselineFormat"], path: "Sources/BaselineIndex"),
        .target(name: "BaselineOutcomes", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineStatistics", "BaselineDiff", "BaselineFormat", "BaselineConfig", "BaselineHandoff",
                                                       .product(name: "Yams", package: "Yams")], path: "Sources/BaselineOutcomes"),
        .target(name: "BaselineTemplates", dependencies: ["BaselineCore", "BaselineText"], path: "Sources/BaselineTemplates"),
        .target(name: "BaselineCSV", dependencies: ["BaselineCore", "BaselineText", "BaselineHandoff", "BaselineDigest", "CLibCSV"], path: "Sources/BaselineCSV"),
        .target(name: "BaselineIndicators", dependencies: ["BaselineCore", "BaselineCSV", "BaselineConfig",
                                                         .product(name: "Yams", package: "Yams")],
                path: "Sources/BaselineIndicators"),
        .target(name: "BaselineText", path: "Sources/BaselineText"),
        // How figures and the shared words are shown to people, for every sink and for `diff`.
        .target(name: "BaselineFormat", dependencies: ["BaselineCore", "BaselineSchema", "BaselineStatistics", "BaselineText"], path: "Sources/BaselineFormat"),
        // Configuration decoding (YAML nodes to types, located errors) and file digests, below the runner.
        .target(name: "BaselineConfig", dependencies: ["BaselineCore", "BaselineText", .product(name: "Yams", package: "Yams")],
                path: "Sources/BaselineConfig"),
        .target(name: "BaselineDigest", dependencies: ["BaselineCore", "CLibCrypto"], path: "Sources/BaselineDigest"),

        // MARK: - Pipeline files, runner, CLI
        .target(name: "BaselinePipeline", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineConfig", "BaselineDigest", "BaselineHandoff",
                                                         "BaselineCSV", .product(name: "Yams", package: "Yams")],
                path: "Sources/BaselinePipeline"),
        .target(name: "BaselineCLI", dependencies: [
            "BaselineCore", "BaselineText", "BaselineSchema", "BaselinePipeline", "BaselineDiff", "BaselineDigest", "BaselineOutcomes",
            "BaselineStatistics", "BaselineCSV", "BaselineIndex", "BaselineFormat", "BaselineHandoff",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ] + builtinPlugins.map { .target(name: $0.name) }, path: "Sources/BaselineCLI"),
        .executableTarget(name: "baseline", dependencies: ["BaselineCLI"], path: "Sources/baseline"),

        // MARK: - Test kit (shipped to adapter authors) and tests
        .target(name: "BaselineTestKit", dependencies: ["BaselineCore", "BaselineSchema", "BaselineConfig", "BaselinePipeline", "BaselineText", .product(name: "Yams", package: "Yams")],
                path: "Sources/BaselineTestKit"),
        .testTarget(name: "BaselineCoreTests", dependencies: ["BaselineText", "BaselineSchema", "BaselineCore", "BaselineStatistics", "BaselineDigest", "BaselineHandoff", "BaselinePipeline", "BaselineTestKit"],
                    path: "Tests/BaselineCoreTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "PlaceStatisticsTests", dependencies: ["BaselineSchema", "Join", "Benchmark", "Priorities", "BaselineFormat", "BaselineTestKit"],
                    path: "Tests/PlaceStatisticsTests"),
        .testTarget(name: "BaselineDiffTests", dependencies: ["BaselineSchema", "BaselineDiff"], path: "Tests/BaselineDiffTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "BaselineIndexTests", dependencies: ["BaselineSchema", "BaselineIndex", "BaselineDiff"], path: "Tests/BaselineIndexTests"),
        .testTarget(name: "BaselineOutcomesTests", dependencies: ["BaselineSchema", "BaselineOutcomes", "BaselineDiff"], path: "Tests/BaselineOutcomesTests"),
        .testTarget(name: "BaselineFormatTests", dependencies: ["BaselineFormat", "BaselineSchema"], path: "Tests/BaselineFormatTests"),
        .testTarget(name: "BaselineTemplatesTests", dependencies: ["BaselineText", "BaselineTemplates"], path: "Tests/BaselineTemplatesTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["BaselineSchema", "BaselineCore"], path: "Tests/EndToEndTests", exclude: ["expected_survey.py", "Golden", "Fixtures", "real_surveys.py"]),
        .testTarget(name: "BaselineTestKitTests", dependencies: ["BaselineSchema", "BaselineTestKit", "BaselinePipeline"],
                    path: "Tests/BaselineTestKitTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "ConformanceTests", dependencies: ["BaselineSchema", "BaselineCLI", "BaselineTestKit"],
                    path: "Tests/ConformanceTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "BaselineTextTests", dependencies: ["BaselineText"], path: "Tests/BaselineTextTests"),
        .testTarget(name: "BaselineConfigTests", dependencies: ["BaselineConfig", "BaselineCore", .product(name: "Yams", package: "Yams")], path: "Tests/BaselineConfigTests"),
        .testTarget(name: "BaselineHandoffTests", dependencies: ["BaselineHandoff"], path: "Tests/BaselineHandoffTests"),
        .testTarget(name: "BaselineCSVTests", dependencies: ["BaselineCSV", "BaselineCore", "BaselineHandoff", "BaselineTestKit"], path: "Tests/BaselineCSVTests"),
        .testTarget(name: "ProgrammeTests", dependencies: ["BaselineHandoff", "BaselinePipeline", "BaselineCLI", "BaselineTestKit", .product(name: "Yams", package: "Yams")],
                    path: "Tests/ProgrammeTests"),
    ] + builtinPlugins.flatMap(\.targets)
)
