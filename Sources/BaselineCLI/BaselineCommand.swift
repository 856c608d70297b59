import ArgumentParser
import BaselineCore
import BaselineHandoff
import BaselinePipeline
import BaselineText
import Foundation

/// The `baseline` command: builds, checks and compares the baseline of a place.
///
/// Exit codes: 0 ok; 1 a data or validation error (the message names file, line and column),
/// or any other error after the arguments were read; 2 a usage error (bad arguments);
/// 128 + the signal's number when `run` is stopped by SIGINT, SIGTERM or SIGHUP.
public struct BaselineCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Build the evidence baseline of a place from surveys, statistics and notes.",
        discussion: "Exit codes: 0 ok, 1 data or validation error, 2 usage error. A run stopped by signal N (Ctrl-C, SIGTERM, SIGHUP) exits 128+N.",
        version: LinkedLibraries.versionText,
        subcommands: [RunCommand.self, ValidateCommand.self, InspectCommand.self, DiffCommand.self, IndexCommand.self, ProgressCommand.self, OutcomesCommand.self, AdaptersCommand.self]
    )

    public init() {}

    /// The plugins this binary knows; set by `main(registry:)` before parsing.
    nonisolated(unsafe) static var registry = BuiltinPlugins.registry

    /// What a finished command hands to the end of the process rather than freeing (a run's
    /// baseline and pipeline: tens of thousands of objects). See `endProcess`.
    nonisolated(unsafe) private static var keptUntilExit = [Any]()

    /// Keeps `values` alive until the process ends, which is next: the memory goes back with
    /// the process, not object by object.
    static func keepUntilExit(_ values: Any...) {
        keptUntilExit += values
    }

    /// Ends the process after a command succeeded: the C streams flushed, then `_exit(0)`.
    /// Everything was written and committed and every thread is done or waiting for a signal,
    /// so the exit handlers (OpenSSL's and the C++ runtime's tables freed one by one) and the
    /// freeing of what `keepUntilExit` holds would be work for nothing: about half a
    /// millisecond of the Millbrook sample's run.
    static func endProcess() -> Never {
        fflush(nil)
        _exit(0)
    }

    /// Runs the CLI with `registry` (the built-ins, or the built-ins plus a package's own) and exits.
    public static func main(registry: PluginRegistry, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        Self.registry = registry
        if !registry.clashingKinds.isEmpty {
            let names = registry.clashingKinds.map { "'\($0)'" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("error: more than one plugin is registered as \(names) — give each plugin its own kind name\n".utf8))
            Foundation.exit(2)
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            // Only the arguments are read here (with each command's `validate()`): a usage error, or help.
            let message = fullMessage(for: error)
            if exitCode(for: error) == .success {
                print(message)
                Foundation.exit(0)
            }
            if let unknown = unknownCommand(arguments) {
                note(unknown)
                Foundation.exit(2)
            }
            message.split(separator: "\n", omittingEmptySubsequences: false).forEach { note(String($0)) }
            Foundation.exit(2)
        }
        do {
            try command.run()
            endProcess()
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch where exitCode(for: error) == .success {
            // `baseline` alone, or with `--help`: the parent command's run() asks for its help.
            print(fullMessage(for: error))
            Foundation.exit(0)
        } catch let error as ValidationError {
            fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false).forEach { note(String($0)) }
            Foundation.exit(2)
        } catch {
            // Past the arguments, every error is about the data, the files or the system: exit 1,
            // never the 2 kept for usage errors.
            note(described(error).description)
            Foundation.exit(1)
        }
    }

    /// The message for a command line whose first word is no command (`baseline rnu p.yaml`):
    /// the closest command's name, or the list of them; `nil` when the first word is an option or
    /// a command, whose own error says more.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(word) else { return nil }
        let hint = closest(to: word, in: names).map { "did you mean 'baseline \($0)'?" }
            ?? "the commands are \(names.dropLast().joined(separator: ", ")); see `baseline --help`"
        return "error: '\(word)' is not a baseline command — \(hint)"
    }

    /// `error` as a `BaselineError`: itself, or a file error with the file it names and the
    /// system's reason.
    static func described(_ error: Error) -> BaselineError {
        if let error = error as? BaselineError { return error }
        if let error = error as? ThreadStartError { return BaselineError(error) }
        let info = (error as NSError).userInfo
        let file = info[NSFilePathErrorKey] as? String ?? (info[NSURLErrorKey] as? URL)?.path
        return BaselineError(file: file, "unexpected error: \(BaselineError.systemReason(error))",
                             hint: file == nil ? "run again; if it persists, report it with the command that gave it"
                                 : "check the file or folder exists and is writable, and that the disk is not full")
    }
}

/// Options every pipeline command shares.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print each step as it happens.")
    var verbose = false

    func validate() throws {
        if quiet && verbose {
            throw ValidationError("--quiet and --verbose cannot be used together")
        }
    }
}

/// Runs `body`, re-expressing the file of any `BaselineError` it throws from where the command
/// runs. Pipelines name their files relative to the pipeline file's folder
/// (`../samples/millbrook/codebook.yaml`), and so do the errors about them; printed that way
/// from the repository root, the path would point elsewhere. Outputs (`baseline.json`,
/// `rejects/`) keep the pipeline's own form.
func fromWorkingDirectory<T>(pipeline: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch var error as BaselineError {
        if let file = error.file { error.file = fromWorkingDirectory(file, pipeline: pipeline) }
        throw error
    }
}

/// `file`, named as the pipeline names it (relative to its folder), named from where the command
/// runs: relative below the current folder, absolute elsewhere. The pipeline's own path, and
/// absolute paths, are left as they are.
func fromWorkingDirectory(_ file: String, pipeline: String) -> String {
    guard !file.hasPrefix("/"), file != pipeline else { return file }
    let folder = URL(fileURLWithPath: pipeline).deletingLastPathComponent()
    let absolute = URL(fileURLWithPath: file, relativeTo: folder).standardizedFileURL.path
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
    return absolute.hasPrefix(here + "/") ? String(absolute.dropFirst(here.count + 1)) : absolute
}

/// Writes a line to standard error, as one line with any control character from the data
/// (an escape sequence in a question text, a NUL in a note) shown rather than sent to the
/// terminal: everything the tool prints on standard error goes through here.
func note(_ text: String) {
    FileHandle.standardError.write(Data((PeopleText.line(text) + "\n").utf8))
}
