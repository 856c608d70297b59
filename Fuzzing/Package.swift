// swift-tools-version:6.0
// libFuzzer targets for PlaceBaseline's readers, in a package of their own so that the main
// package's `swift build` and `swift test` never see them. (The folder is not named `Fuzz`: SwiftPM
// names a path dependency after its folder, and a checkout named `fuzz` would clash with it.)
// Build and run through the Makefile:
//   make fuzz-smoke          each target for 20 seconds
//   make fuzz                each target for FUZZ_MINUTES (default 10)
// or one by hand (see README.md):
//   swift build -c debug --sanitize=fuzzer --package-path Fuzzing \
//       --scratch-path .build-fuzz -Xswiftc -use-ld=lld -Xswiftc -sanitize=fuzzer,address --product FuzzCSV
// Each target is an executable whose one file defines `LLVMFuzzerTestOneInput`; libFuzzer
// supplies `main`, so the targets only build with `--sanitize=fuzzer`.
import PackageDescription

let fuzzers = ["FuzzCSV", "FuzzXML", "FuzzNotes", "FuzzPipeline", "FuzzTemplate", "FuzzBaselineJSON"]

let package = Package(
    name: "PlaceBaselineFuzz",
    platforms: [.macOS(.v13)],
    products: fuzzers.map { .executable(name: $0, targets: [$0]) },
    dependencies: [
        .package(name: "PlaceBaseline", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [
            .product(name: "BaselineCore", package: "PlaceBaseline"),
            .product(name: "BaselinePipeline", package: "PlaceBaseline"),
            .product(name: "BaselineTestKit", package: "PlaceBaseline"),
            .product(name: "BaselineCLI", package: "PlaceBaseline"),
        ]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", .product(name: "BaselineCSV", package: "PlaceBaseline")]),
        .executableTarget(name: "FuzzXML", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzNotes", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzPipeline", dependencies: [
            "FuzzSupport",
            .product(name: "BaselinePipeline", package: "PlaceBaseline"),
            .product(name: "BaselineCLI", package: "PlaceBaseline"),
        ]),
        .executableTarget(name: "FuzzTemplate", dependencies: ["FuzzSupport", .product(name: "BaselineTemplates", package: "PlaceBaseline"),
                                                       .product(name: "BaselineText", package: "PlaceBaseline"),
                                                       .product(name: "BaselineCore", package: "PlaceBaseline")]),
        .executableTarget(name: "FuzzBaselineJSON", dependencies: ["FuzzSupport", .product(name: "BaselineDiff", package: "PlaceBaseline")]),
    ]
)
