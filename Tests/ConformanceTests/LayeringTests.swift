import Foundation
import Testing

/// The module map holds: docs/architecture.md shows the map `scripts/module-map.py` makes from
/// Package.swift, and no dependency in Package.swift and no `import` under Sources/ crosses a
/// layer the map forbids (a plugin importing the runner, the CLI or another plugin, an adapter
/// importing the schema, the core importing anything above it…).
@Suite struct LayeringTests {
    /// What `scripts/module-map.py --json` prints.
    struct ModuleMap: Decodable {
        /// A layer and the layers its targets may import.
        struct Layer: Decodable {
            let name: String
            let may: [String]
            let why: String
        }

        /// A target of Package.swift, its layer and the targets of the package it depends on.
        struct Target: Decodable {
            let name: String
            let layer: String
            let type: String
            let path: String?
            let dependencies: [String]
        }

        /// An import the map forbids that is still there, and the change that removes it.
        struct Exception: Decodable {
            let target: String
            let imports: String
            let until: String
        }

        let layers: [Layer]
        let targets: [Target]
        let exceptions: [Exception]
        /// The table, as docs/architecture.md should hold it.
        let map: String

        /// The script's map of this package (it asks `swift package dump-package`).
        static func load() throws -> ModuleMap {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "scripts/module-map.py", "--json"]
            process.currentDirectoryURL = URL(fileURLWithPath: Repository.root)
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "scripts/module-map.py failed (its message is above)")
            return try JSONDecoder().decode(ModuleMap.self, from: data)
        }

        /// Why `target` may not import `module`, or nil when it may.
        func problem(_ target: Target, imports module: Target) -> String? {
            guard module.name != target.name,
                  let layer = layers.first(where: { $0.name == target.layer }),
                  !layer.may.contains(module.layer),
                  !exceptions.contains(where: { $0.target == target.name && $0.imports == module.name })
            else { return nil }
            let may = layer.may.isEmpty ? "nothing of ours" : "only " + layer.may.joined(separator: ", ")
            return "\(target.name) (\(target.layer)) imports \(module.name) (\(module.layer)): the \(target.layer) layer may import \(may) — "
                + "\(layer.why); see the module map in docs/architecture.md"
        }

        /// The problems of one Swift file of `target`: each import the map forbids, or that
        /// names a target Package.swift does not list among `target`'s dependencies.
        func problems(in text: String, file: String, of target: Target) -> [String] {
            let byName = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            var found = [String]()
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let name = Self.importedModule(line), let module = byName[name], name != target.name else { continue }
                if let problem = problem(target, imports: module) {
                    found.append("\(file):\(index + 1): \(problem)")
                }
                if !target.dependencies.contains(name) {
                    found.append("\(file):\(index + 1): \(target.name) imports \(name), which Package.swift does not list among its "
                                 + "dependencies — add it there, or drop the import")
                }
            }
            return found
        }

        /// The module an `import` line names (`import X`, `@testable import X`,
        /// `public import struct X.Y`…), or nil for any other line.
        static func importedModule(_ line: Substring) -> String? {
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
            while let first = words.first, first.hasPrefix("@") { words = words.dropFirst() }
            if let first = words.first, ["public", "package", "internal", "private", "fileprivate"].contains(first) {
                words = words.dropFirst()
            }
            guard words.first == "import" else { return nil }
            words = words.dropFirst()
            if let first = words.first, ["struct", "class", "enum", "protocol", "typealias", "func", "var", "let"].contains(first) {
                words = words.dropFirst()
            }
            return words.first.map { String($0.prefix { $0.isLetter || $0.isNumber || $0 == "_" }) }
        }
    }

    static let map = Result { try ModuleMap.load() }

    @Test("docs/architecture.md holds the module map scripts/module-map.py makes from Package.swift")
    func docShowsTheMap() throws {
        let map = try Self.map.get()
        let doc = try String(contentsOfFile: Repository.root + "/docs/architecture.md", encoding: .utf8)
        #expect(doc.contains(map.map), "docs/architecture.md's module map is not Package.swift's: run `python3 scripts/module-map.py --write`")
    }

    @Test("Every dependency in Package.swift keeps to the module map")
    func packageDependenciesKeepToTheMap() throws {
        let map = try Self.map.get()
        for target in map.targets {
            for name in target.dependencies {
                let module = try #require(map.targets.first { $0.name == name })
                if let problem = map.problem(target, imports: module) {
                    Issue.record("Package.swift: \(problem)")
                }
            }
        }
    }

    @Test("Every import under Sources/ keeps to the module map and is a dependency Package.swift lists")
    func importsKeepToTheMap() throws {
        let map = try Self.map.get()
        var files = 0
        for target in map.targets where target.type != "test" && target.type != "system" {
            let folder = try #require(target.path)
            let enumerator = try #require(FileManager.default.enumerator(atPath: Repository.root + "/" + folder))
            for case let relative as String in enumerator where relative.hasSuffix(".swift") {
                let file = folder + "/" + relative
                let text = try String(contentsOfFile: Repository.root + "/" + file, encoding: .utf8)
                files += 1
                for problem in map.problems(in: text, file: file, of: target) {
                    Issue.record(Comment(rawValue: problem))
                }
            }
        }
        #expect(files > 100, "read only \(files) Swift files under Sources/")
    }

    @Test("An exception in scripts/module-map.py is an import still there")
    func exceptionsAreNeeded() throws {
        let map = try Self.map.get()
        for exception in map.exceptions {
            let target = try #require(map.targets.first { $0.name == exception.target })
            #expect(target.dependencies.contains(exception.imports),
                    "\(exception.target) no longer depends on \(exception.imports): remove its exception from scripts/module-map.py and run it with --write")
        }
    }

    @Test("The check names the file, the line and the rule of a forbidden import")
    func forbiddenImportIsNamed() throws {
        let map = try Self.map.get()
        let adapter = try #require(map.targets.first { $0.name == "CSVSurvey" })
        let text = "import BaselineCore\n@preconcurrency import BaselinePipeline\npublic import struct BaselineSchema.BaselineDocument\n"
        let problems = map.problems(in: text, file: "Sources/Adapters/CSVSurvey/New.swift", of: adapter)
        #expect(problems.contains {
            $0.hasPrefix("Sources/Adapters/CSVSurvey/New.swift:2: CSVSurvey (adapter) imports BaselinePipeline (pipeline): the adapter layer may import only")
        })
        #expect(problems.contains { $0.hasPrefix("Sources/Adapters/CSVSurvey/New.swift:3: CSVSurvey (adapter) imports BaselineSchema (schema)") })
        #expect(problems.contains { $0.hasPrefix("Sources/Adapters/CSVSurvey/New.swift:2: CSVSurvey imports BaselinePipeline, which Package.swift does not list") })
        #expect(!problems.contains { $0.contains(":1:") })
    }
}
