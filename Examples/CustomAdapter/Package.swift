// swift-tools-version:6.0
// An adapter outside PlaceBaseline: a package that depends on it and starts the same CLI with its
// own plugin added. Build and test:  swift test --package-path Examples/CustomAdapter
import PackageDescription

let package = Package(
    name: "CustomAdapter",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "baseline-custom", targets: ["baseline-custom"]),
    ],
    dependencies: [
        // Here the repository itself, by path; elsewhere: .package(url: "<PlaceBaseline's git URL>", from: "1.0.0").
        .package(name: "PlaceBaseline", path: "../.."),
    ],
    targets: [
        .target(name: "JSONLines", dependencies: [.product(name: "BaselineCore", package: "PlaceBaseline"),
                                                  .product(name: "BaselineIndicators", package: "PlaceBaseline")],
                path: "Sources/JSONLines", exclude: ["README.md", "sample.yaml"]),
        .executableTarget(name: "baseline-custom", dependencies: [
            "JSONLines",
            .product(name: "BaselineCLI", package: "PlaceBaseline"),
            .product(name: "BaselinePipeline", package: "PlaceBaseline"),
        ], path: "Sources/baseline-custom"),
        .testTarget(name: "JSONLinesTests", dependencies: [
            "JSONLines",
            .product(name: "BaselineTestKit", package: "PlaceBaseline"),
            .product(name: "BaselinePipeline", package: "PlaceBaseline"),
            .product(name: "BaselineSchema", package: "PlaceBaseline"),
            .product(name: "BaselineCLI", package: "PlaceBaseline"),
        ], path: "Tests/JSONLinesTests", resources: [.copy("Fixtures")]),
    ]
)
