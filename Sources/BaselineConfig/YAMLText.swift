import BaselineCore
import BaselineText
import Foundation
import Yams

/// YAML text other than the pipeline itself — a codebook, a note's front matter — parsed into
/// nodes for `NodeDecoder`, with syntax errors located as `file:line:column`.
public enum YAMLText {
    /// The root node of `text`, or `nil` when it holds no document. `what` names the text in
    /// messages ("the codebook", "the front matter"). Every YAML file the tool reads is composed
    /// here, after `checkShape`: a key that is not a scalar, or aliases that stand for more than
    /// `aliasBudget` nodes, are refused before composing could take exponential time.
    public static func compose(_ text: String, file: String, what: String,
                               hint: String = "check the indentation and quoting on this line; put values with ':' or '#' in quotes") throws -> Node? {
        if let known = recent.node(for: text) { return known }
        try checkShape(text, file: file, what: what)
        do {
            // UTF-8 named, not `Parser.Encoding.default`: that copies the whole environment on
            // every call, to look for YAMS_DEFAULT_ENCODING (a note's front matter is one call).
            let node = try Yams.compose(yaml: text, resolver, .default, .utf8)
            recent.add(text, node)
            return node
        } catch let error as YamlError {
            throw located(error, file: file, what: what, hint: hint)
        }
    }

    /// Yams's resolver with no rules: every untagged scalar is text (`!!str`). The default
    /// resolver compiles seven regular expressions (a millisecond of every run) and runs them on
    /// every mapping key, to check keys are not repeated, and on nothing else: no configuration
    /// reads a tag. A Boolean is read from its words (`NodeDecoder`), a number from its text, a
    /// key is found by its text (`Node.Mapping.value(forKey:)`). So `1:` and `'1':` are the same
    /// key, as they are to every configuration, and repeating it is an error.
    static let resolver = Resolver.basic

    /// The texts this thread composed last, with their nodes: a run reads some files twice (the
    /// pipeline, once to see whether it names `places:` and once to check it; a catalogue two
    /// stages name; the outcomes file, checked then used), and composing is most of reading one.
    /// Per thread because Yams's nodes are not `Sendable`: a tag, a class, records its resolved
    /// name in place the first time it is asked for, so two threads must not share a node.
    /// Kept under a thread-specific key, not in `Thread.current.threadDictionary`: storing a
    /// Swift object there bridges it to Foundation, which cost more than composing a small text.
    static var recent: RecentNodes {
        if let known = pthread_getspecific(recentKey) { return Unmanaged<RecentNodes>.fromOpaque(known).takeUnretainedValue() }
        let made = RecentNodes()
        pthread_setspecific(recentKey, Unmanaged.passRetained(made).toOpaque())
        return made
    }

    /// The key of each thread's `recent`, released when the thread ends.
    private static let recentKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { known in
            guard let known else { return }
            Unmanaged<RecentNodes>.fromOpaque(known).release()
        }
        return key
    }()

    /// Up to four texts of under 1 MB and their nodes (a node is a value: the same text
    /// always composes to the same node). Texts that fail are not kept.
    final class RecentNodes {
        private var entries = [(text: String, node: Node?)]()

        func node(for text: String) -> Node?? {
            entries.first { $0.text == text }.map(\.node)
        }

        func add(_ text: String, _ node: Node?) {
            guard text.utf8.count < 1 << 20 else { return }
            if entries.count == 4 { entries.removeFirst() }
            entries.append((text, node))
        }
    }

    /// A Yams error as a `BaselineError` at its line and column in `file`: every YAML file the
    /// tool reads (pipeline, codebook, catalogue, front matter) reports its mistakes this way.
    public static func located(_ error: YamlError, file: String, what: String,
                               hint: String = "check the indentation and quoting on this line; put values with ':' or '#' in quotes") -> BaselineError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return BaselineError(file: file, line: mark.line, column: mark.column, "\(what) is not valid YAML: \(problem)", hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return BaselineError(file: file, line: context.mark.line, column: context.mark.column,
                                 "key '\(duplicates.joined(separator: "', '"))' appears twice in the same mapping", hint: "keep one")
        case .reader(let problem, let offset, let value, let yaml):
            // A character YAML does not allow (a control character, say); `offset` counts characters.
            let (line, column) = offset.map { position(ofCharacter: $0, in: yaml) } ?? (nil, nil)
            let hex = String(UInt32(bitPattern: value), radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return BaselineError(file: file, line: line, column: column, "\(what) is not valid YAML: \(problem) (\(code))",
                                 hint: "delete the character, or save the file as plain UTF-8 text")
        default:
            return BaselineError(file: file, "\(what) is not valid YAML: \(error)", hint: hint)
        }
    }

    /// The line and column of the character at `offset` in `text` (Yams counts characters).
    static func position(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var text = text
        let bytes = text.utf8.distance(from: text.startIndex, to: text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex)
        return text.withUTF8 { TextPosition.of(byteOffset: bytes, in: $0) }
    }
}

