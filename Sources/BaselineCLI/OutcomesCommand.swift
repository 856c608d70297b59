import ArgumentParser
import BaselineCore
import BaselineDiff
import BaselineOutcomes
import Foundation

/// `baseline outcomes`: the partnership's outcomes file.
struct OutcomesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Draft the outcomes file (shared vision, agreed priorities, their metrics and ambitions).",
        subcommands: [Init.self]
    )

    /// `baseline outcomes init BASELINE_DIR`: a draft outcomes.yaml from the baseline's candidate priorities.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a draft outcomes.yaml from a baseline's candidate priorities, for the workshop to edit.",
            discussion: "Prints the draft, or writes it to --output (refusing to overwrite a file unless --force). Exit 1 on an unreadable baseline."
        )

        @Argument(help: "The baseline the priorities are measured from: an output folder (output/millbrook/2024) or its baseline.json.")
        var baseline: String

        @Option(name: .shortAndLong, help: "Write the draft to this file instead of printing it.")
        var output: String?

        @Flag(help: "Overwrite --output when it exists.")
        var force = false

        func run() throws {
            let document = try BaselineFile.load(baseline)
            let draft = OutcomesDraft.yaml(for: document)
            guard let output else {
                print(draft, terminator: "")
                return
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) {
                if isFolder.boolValue {
                    throw BaselineError(file: output, "this is a folder, not a file", hint: "give --output a file name, such as \(output)/outcomes.yaml")
                }
                if !force {
                    throw BaselineError(file: output, "the file exists", hint: "the workshop may have edited it: choose another name, or add --force to overwrite it")
                }
            }
            let folder = (output as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
                    throw BaselineError(file: folder, "the folder for the draft does not exist", hint: "make it first, or give --output a file in a folder that exists")
                }
                if !isFolder.boolValue {
                    throw BaselineError(file: folder, "this is a file, not a folder, so the draft cannot be written in it", hint: "give --output a file in a folder")
                }
            }
            do {
                try Data(draft.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw BaselineError(file: output, "cannot write the draft: \(BaselineError.systemReason(error))", hint: "check the folder is writable")
            }
        }
    }
}
