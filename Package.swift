// swift-tools-version:6.0
// PlaceBaseline: the evidence-based baseline of a place, built by a plugin pipeline.
//
// Layout: one target per module; adapters, stages and sinks each live in a folder named after
// their kind under Sources/{Adapters,Stages,Sinks}/. The built-in registry is
// Sources/BaselineCLI/BuiltinPlugins.swift.
import PackageDescription

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
        .target(name: "BaselineCore", dependencies: ["BaselineText"], path: "Sources/BaselineCore"),
        // The baseline document (what baseline.json holds) and the stage and sink protocols that fill and write it.
        .target(name: "BaselineSchema", dependencies: ["BaselineCore"], path: "Sources/BaselineSchema"),
        .target(name: "BaselineHandoff", path: "Sources/BaselineHandoff"),
        .target(name: "BaselineStatistics", dependencies: ["BaselineCore"], path: "Sources/BaselineStatistics"),
        .target(name: "BaselineDiff", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineStatistics", "BaselineCSV", "BaselineFormat"], path: "Sources/BaselineDiff"),
        .target(name: "BaselineIndex", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineDiff", "BaselineFormat"], path: "Sources/BaselineIndex"),
        .target(name: "BaselineOutcomes", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineStatistics", "BaselineDiff", "BaselineFormat", "BaselineConfig",
                                                       .product(name: "Yams", package: "Yams")], path: "Sources/BaselineOutcomes"),
        .target(name: "BaselineTemplates", dependencies: ["BaselineCore"], path: "Sources/BaselineTemplates"),
        .target(name: "BaselineCSV", dependencies: ["BaselineCore", "BaselineText", "BaselineHandoff", "CLibCSV"], path: "Sources/BaselineCSV"),
        .target(name: "BaselineIndicators", dependencies: ["BaselineCore", "BaselineCSV", "BaselineConfig",
                                                         .product(name: "Yams", package: "Yams")],
                path: "Sources/BaselineIndicators"),
        .target(name: "BaselineText", path: "Sources/BaselineText"),
        // How figures and the shared words are shown to people, for every sink and for `diff`.
        .target(name: "BaselineFormat", dependencies: ["BaselineCore", "BaselineSchema", "BaselineStatistics"], path: "Sources/BaselineFormat"),
        // Configuration decoding (YAML nodes to types, located errors) and file digests, below the runner.
        .target(name: "BaselineConfig", dependencies: ["BaselineCore", "BaselineText", .product(name: "Yams", package: "Yams")],
                path: "Sources/BaselineConfig"),
        .target(name: "BaselineDigest", dependencies: ["BaselineCore", "CLibCrypto"], path: "Sources/BaselineDigest"),

        // MARK: - Adapters
        .target(name: "CSVSurvey", dependencies: ["BaselineCore", "BaselineCSV"], path: "Sources/Adapters/CSVSurvey",
                exclude: ["README.md", "sample.yaml"]),
        .target(name: "CSVIndicators", dependencies: ["BaselineCore", "BaselineCSV", "BaselineIndicators"], path: "Sources/Adapters/CSVIndicators",
                exclude: ["README.md", "sample.yaml"]),
        .target(name: "XMLDataset", dependencies: ["BaselineCore", "BaselineHandoff", "BaselineIndicators", "CLibXML2"],
                path: "Sources/Adapters/XMLDataset", exclude: ["README.md", "sample.yaml"]),
        .target(name: "InterviewNotes", dependencies: ["BaselineCore", "BaselineText", "BaselineConfig", "BaselineDigest", .product(name: "Yams", package: "Yams")],
                path: "Sources/Adapters/InterviewNotes", exclude: ["README.md", "sample.yaml"]),

        // MARK: - Stages
        .target(name: "SurveyAggregate", dependencies: ["BaselineCore", "BaselineSchema", "BaselineStatistics"],
                path: "Sources/Stages/SurveyAggregate", exclude: ["README.md", "sample.yaml"]),
        .target(name: "Indicators", dependencies: ["BaselineCore", "BaselineSchema", "BaselineFormat", "BaselineIndicators", "BaselineStatistics"],
                path: "Sources/Stages/Indicators", exclude: ["README.md", "sample.yaml"]),
        .target(name: "Benchmark", dependencies: ["BaselineCore", "BaselineSchema", "BaselineStatistics"],
                path: "Sources/Stages/Benchmark", exclude: ["README.md", "sample.yaml"]),
        .target(name: "Priorities", dependencies: ["BaselineCore", "BaselineSchema"], path: "Sources/Stages/Priorities", exclude: ["README.md", "sample.yaml"]),
        .target(name: "Join", dependencies: ["BaselineCore", "BaselineSchema", "BaselineFormat", "BaselineIndicators", "BaselineStatistics", "BaselineCSV"],
                path: "Sources/Stages/Join", exclude: ["README.md", "sample.yaml"]),
        .target(name: "Redact", dependencies: ["BaselineCore", "BaselineSchema", "BaselineText"], path: "Sources/Stages/Redact",
                exclude: ["README.md", "sample.yaml"]),
        .target(name: "CodeThemes", dependencies: ["BaselineCore", "BaselineSchema", "BaselineConfig", "BaselineText",
                                                   .product(name: "Yams", package: "Yams")],
                path: "Sources/Stages/CodeThemes", exclude: ["README.md", "sample.yaml"]),

        // MARK: - Sinks
        .target(name: "DashboardJSON", dependencies: ["BaselineCore", "BaselineSchema", "BaselineFormat"], path: "Sources/Sinks/DashboardJSON",
                exclude: ["README.md", "sample.yaml"]),
        .target(name: "TextReport", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineStatistics", "BaselineTemplates", "BaselineFormat"], path: "Sources/Sinks/TextReport",
                exclude: ["README.md", "sample.yaml"]),
        .target(name: "CSVTables", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema"], path: "Sources/Sinks/CSVTables",
                exclude: ["README.md", "sample.yaml"]),
        .target(name: "HTMLDashboard", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineFormat"], path: "Sources/Sinks/HTMLDashboard",
                exclude: ["README.md", "sample.yaml"]),
        .target(name: "Workbook", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineFormat", "CXlsxWriter"], path: "Sources/Sinks/Workbook",
                exclude: ["README.md", "sample.yaml"]),

        // MARK: - Pipeline files, runner, CLI
        .target(name: "BaselinePipeline", dependencies: ["BaselineCore", "BaselineText", "BaselineSchema", "BaselineConfig", "BaselineDigest", "BaselineHandoff",
                                                         "BaselineCSV", .product(name: "Yams", package: "Yams")],
                path: "Sources/BaselinePipeline"),
        .target(name: "BaselineCLI", dependencies: [
            "BaselineCore", "BaselineText", "BaselineSchema", "BaselinePipeline", "BaselineDiff", "BaselineDigest", "BaselineOutcomes", "BaselineStatistics",
            "BaselineIndex", "CSVSurvey", "SurveyAggregate", "DashboardJSON", "TextReport", "HTMLDashboard", "CSVTables",
            "CSVIndicators", "BaselineCSV",
            "Workbook",
            "XMLDataset", "Indicators", "Join", "Benchmark", "Priorities",
            "InterviewNotes", "CodeThemes", "Redact",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/BaselineCLI"),
        .executableTarget(name: "baseline", dependencies: ["BaselineCLI"], path: "Sources/baseline"),

        // MARK: - Test kit (shipped to adapter authors) and tests
        .target(name: "BaselineTestKit", dependencies: ["BaselineCore", "BaselineSchema", "BaselineConfig", "BaselinePipeline", .product(name: "Yams", package: "Yams")],
                path: "Sources/BaselineTestKit"),
        .testTarget(name: "BaselineCoreTests", dependencies: ["BaselineText", "BaselineSchema", "BaselineCore", "BaselineStatistics", "BaselineDigest", "BaselinePipeline", "BaselineTestKit"],
                    path: "Tests/BaselineCoreTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "CSVSurveyTests", dependencies: ["BaselineSchema", "CSVSurvey", "BaselineTestKit", "BaselineCSV", "BaselinePipeline", "SurveyAggregate"],
                    path: "Tests/CSVSurveyTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "SurveyAggregateTests", dependencies: ["BaselineSchema", "SurveyAggregate", "BaselineTestKit", "BaselineStatistics", "BaselinePipeline"],
                    path: "Tests/SurveyAggregateTests"),
        .testTarget(name: "PlaceStatisticsTests", dependencies: ["BaselineSchema", "Join", "Benchmark", "Priorities", "BaselineFormat", "BaselineTestKit"],
                    path: "Tests/PlaceStatisticsTests"),
        .testTarget(name: "BaselineDiffTests", dependencies: ["BaselineSchema", "BaselineDiff"], path: "Tests/BaselineDiffTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "BaselineIndexTests", dependencies: ["BaselineSchema", "BaselineIndex", "BaselineDiff"], path: "Tests/BaselineIndexTests"),
        .testTarget(name: "BaselineOutcomesTests", dependencies: ["BaselineSchema", "BaselineOutcomes", "BaselineDiff"], path: "Tests/BaselineOutcomesTests"),
        .testTarget(name: "BaselineFormatTests", dependencies: ["BaselineFormat", "BaselineSchema"], path: "Tests/BaselineFormatTests"),
        .testTarget(name: "BaselineTemplatesTests", dependencies: ["BaselineText", "BaselineTemplates"], path: "Tests/BaselineTemplatesTests"),
        .testTarget(name: "HTMLDashboardTests", dependencies: ["BaselineSchema", "HTMLDashboard"], path: "Tests/HTMLDashboardTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["BaselineSchema", "BaselineCore"], path: "Tests/EndToEndTests", exclude: ["expected_survey.py", "Golden", "Fixtures", "real_surveys.py"]),
        .testTarget(name: "BaselineTestKitTests", dependencies: ["BaselineSchema", "BaselineTestKit"],
                    path: "Tests/BaselineTestKitTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "ConformanceTests", dependencies: ["BaselineSchema", "BaselineCLI", "BaselineTestKit"],
                    path: "Tests/ConformanceTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "CSVIndicatorsTests", dependencies: ["BaselineSchema", "CSVIndicators", "BaselineTestKit"],
                    path: "Tests/CSVIndicatorsTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "XMLDatasetTests", dependencies: ["XMLDataset", "BaselineTestKit"],
                    path: "Tests/XMLDatasetTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "IndicatorsTests", dependencies: ["BaselineSchema", "Indicators", "BaselineIndicators", "BaselineTestKit"],
                    path: "Tests/IndicatorsTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "InterviewNotesTests", dependencies: ["InterviewNotes", "BaselineConfig", "BaselinePipeline", "BaselineTestKit",
                                                               .product(name: "Yams", package: "Yams")],
                    path: "Tests/InterviewNotesTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "CodeThemesTests", dependencies: ["BaselineSchema", "CodeThemes", "BaselineText", "BaselineConfig", "BaselinePipeline", "BaselineTestKit",
                                                           .product(name: "Yams", package: "Yams")],
                    path: "Tests/CodeThemesTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "BaselineTextTests", dependencies: ["BaselineText"], path: "Tests/BaselineTextTests"),
        .testTarget(name: "RedactTests", dependencies: ["BaselineSchema", "Redact", "BaselineConfig", "BaselinePipeline", "BaselineTestKit", .product(name: "Yams", package: "Yams")],
                    path: "Tests/RedactTests"),
        .testTarget(name: "BaselineHandoffTests", dependencies: ["BaselineHandoff"], path: "Tests/BaselineHandoffTests"),
        .testTarget(name: "BaselineCSVTests", dependencies: ["BaselineCSV", "BaselineCore"], path: "Tests/BaselineCSVTests"),
        .testTarget(name: "ProgrammeTests", dependencies: ["BaselinePipeline", "BaselineTestKit", .product(name: "Yams", package: "Yams")],
                    path: "Tests/ProgrammeTests"),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook", "BaselineCore"], path: "Tests/WorkbookTests"),
    ]
)
