import BaselineCore
import Foundation
import Yams
import BaselineText

/// Decodes a `Decodable` configuration from a YAML node, keeping the node's line and column
/// so that every problem — an unknown key, a wrong type, a missing key, a file that is not
/// there — is reported as `pipeline.yaml:LINE:COL: error: …`.
///
/// Unknown keys are an error: after a mapping has been decoded, any key the type did not ask for
/// is reported at its own position, with the closest known key as a suggestion.
public struct NodeDecoder {
    /// The file the nodes came from, for messages.
    public var file: String
    /// Values handed to `init(from:)` through `decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: Any]

    /// Makes a decoder for nodes of `file`.
    public init(file: String, userInfo: [CodingUserInfoKey: Any] = [:]) {
        self.file = file
        self.userInfo = userInfo
    }

    /// Decodes `type` from `node`; every error is a located `BaselineError`.
    public func decode<T: Decodable>(_ type: T.Type, from node: Node, codingPath: [CodingKey] = []) throws -> T {
        let state = DecodingState(file: file, userInfo: userInfo)
        let decoder = YAMLNodeDecoder(node: node, codingPath: codingPath, state: state)
        return try decoder.decodeChecked(type)
    }
}

/// Shared by every decoder of one `decode` call.
final class DecodingState {
    let file: String
    let userInfo: [CodingUserInfoKey: Any]
    /// The last key found missing, so that a misspelling of it is reported as the misspelling.
    var missingKey: String?

    init(file: String, userInfo: [CodingUserInfoKey: Any]) {
        self.file = file
        self.userInfo = userInfo
    }

    func error(_ message: String, at node: Node?, hint: String? = nil) -> BaselineError {
        BaselineError(file: file, line: node?.mark?.line, column: node?.mark?.column, message, hint: hint)
    }
}

/// A key of any name, for coding paths.
package struct AnyKey: CodingKey {
    package var stringValue: String
    package var intValue: Int?
    package init(stringValue: String) { self.stringValue = stringValue }
    package init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension [CodingKey] {
    var dotted: String {
        map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingEvery(".[", with: "[")
    }
}

final class YAMLNodeDecoder: Decoder {
    let node: Node
    let codingPath: [CodingKey]
    let state: DecodingState
    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }
    /// The keys the type asked for, to find unknown ones afterwards.
    var requestedKeys = Set<String>()
    var usedKeyedContainer = false
    /// The text of each key of the node's mapping, in order (`nil` for a key that is not a
    /// scalar): read once, for the look-up of every key the type asks for and the check for
    /// keys it did not, where reading the mapping copies every key and value each time.
    private(set) lazy var keyTexts: [String?] = {
        guard case .mapping(let mapping) = node else { return [] }
        return mapping.keys.map { $0.scalar?.string }
    }()

    init(node: Node, codingPath: [CodingKey], state: DecodingState) {
        self.node = node
        self.codingPath = codingPath
        self.state = state
    }

    /// Decodes `type` here, locates any error, then rejects keys the type did not ask for.
    func decodeChecked<T: Decodable>(_ type: T.Type) throws -> T {
        let value: T
        do {
            value = try T(from: self)
        } catch {
            // A key reported missing is often a key misspelt: say so at the misspelling.
            if let missing = state.missingKey, case .mapping(let mapping) = node,
               let typo = mapping.first(where: { $0.key.string.map { !requestedKeys.contains($0) && closest(to: $0, in: [missing]) != nil } ?? false }) {
                state.missingKey = nil
                throw state.error("unknown key '\(typo.key.string!)'\(codingPath.isEmpty ? "" : " in \(codingPath.dotted)")",
                                  at: typo.key, hint: "did you mean '\(missing)'?")
            }
            switch error {
            case let error as BaselineError: throw error
            case let error as DecodingError: throw locate(error)
            default: throw state.error("\(error)", at: node)
            }
        }
        if usedKeyedContainer, case .mapping(let mapping) = node {
            for (offset, text) in keyTexts.enumerated() {
                // A scalar key's name is its text: one the type asked for needs no more reading.
                if let text, requestedKeys.contains(text) { continue }
                let key = mapping[mapping.startIndex + offset].key
                // `YAMLText.compose` refuses such keys; a node composed elsewhere may still hold one.
                guard let name = key.string else {
                    throw state.error("a key that is a list or a mapping\(codingPath.isEmpty ? "" : " in \(codingPath.dotted)")",
                                      at: key, hint: "write keys as plain text, such as 'name:'")
                }
                guard !requestedKeys.contains(name) else { continue }
                let known = requestedKeys.sorted()
                var hint = "remove it"
                if let guess = closest(to: name, in: known) {
                    hint = "did you mean '\(guess)'?"
                } else if !known.isEmpty {
                    hint = "known keys: " + known.joined(separator: ", ")
                }
                let place = codingPath.isEmpty ? "" : " in \(codingPath.dotted)"
                throw state.error("unknown key '\(name)'\(place)", at: key, hint: hint)
            }
        }
        return value
    }

    private func locate(_ error: DecodingError) -> BaselineError {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return state.error(context.debugDescription, at: node(at: context.codingPath))
        case .keyNotFound(let key, _):
            let place = codingPath.isEmpty ? "" : " in \(codingPath.dotted)"
            return state.error("missing key '\(key.stringValue)'\(place)", at: node, hint: "add '\(key.stringValue):'")
        case .dataCorrupted(let context):
            return state.error(context.debugDescription, at: node(at: context.codingPath))
        @unknown default:
            return state.error("\(error)", at: node)
        }
    }

    /// The value an error's coding path points at, when it is a key of this node's mapping (as
    /// for `DecodingError.dataCorruptedError(forKey:in:…)` thrown by a configuration's checks);
    /// otherwise this node.
    private func node(at path: [CodingKey]) -> Node {
        guard path.count > codingPath.count, case .mapping(let mapping) = node,
              let child = mapping.value(forKey: path[codingPath.count].stringValue) else { return node }
        return child
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else {
            throw state.error("expected a mapping of keys to values here, found \(node.describedKind)", at: node)
        }
        usedKeyedContainer = true
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, mapping: mapping))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else {
            throw state.error("expected a list here, found \(node.describedKind)", at: node)
        }
        return UnkeyedContainer(decoder: self, items: Array(sequence))
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    func child(_ node: Node, key: CodingKey) -> YAMLNodeDecoder {
        YAMLNodeDecoder(node: node, codingPath: codingPath + [key], state: state)
    }
}

extension Node {
    package var describedKind: String {
        switch self {
        case .scalar(let s): s.string.isEmpty ? "nothing" : "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

// MARK: - Containers

struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: YAMLNodeDecoder
    let mapping: Node.Mapping
    var codingPath: [CodingKey] { decoder.codingPath }
    var allKeys: [Key] { mapping.keys.compactMap { $0.string.flatMap(Key.init(stringValue:)) } }

    /// The value of the last key named `key`, as `Node.Mapping.value(forKey:)` finds it, found
    /// by the texts of the keys (`YAMLNodeDecoder.keyTexts`).
    private func value(_ key: Key) -> Node? {
        let name = key.stringValue
        decoder.requestedKeys.insert(name)
        let texts = decoder.keyTexts
        var end = texts.endIndex
        while let offset = texts[..<end].lastIndex(of: name) {
            let pair = mapping[mapping.startIndex + offset]
            if pair.key.isTextKey { return pair.value }
            end = offset
        }
        return nil
    }

    func contains(_ key: Key) -> Bool {
        value(key) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let node = value(key) else { return true }
        return node.isNull
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let node = value(key) else {
            let place = codingPath.isEmpty ? "" : " in \(codingPath.dotted)"
            decoder.state.missingKey = key.stringValue
            throw decoder.state.error("missing key '\(key.stringValue)'\(place)", at: decoder.node, hint: "add '\(key.stringValue):'")
        }
        return try decoder.child(node, key: key).decodeChecked(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let node = value(key), !node.isNull else { return nil }
        return try decoder.child(node, key: key).decodeChecked(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        guard let node = value(key) else { throw decoder.state.error("missing key '\(key.stringValue)'", at: decoder.node) }
        return try decoder.child(node, key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        guard let node = value(key) else { throw decoder.state.error("missing key '\(key.stringValue)'", at: decoder.node) }
        return try decoder.child(node, key: key).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> Decoder {
        decoder.child(value(key) ?? .scalar(.init("null")), key: key)
    }
}

struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: YAMLNodeDecoder
    let items: [Node]
    var currentIndex = 0
    var codingPath: [CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else { throw decoder.state.error("the list is too short", at: decoder.node) }
        let child = decoder.child(items[currentIndex], key: AnyKey(intValue: currentIndex))
        let value = try child.decodeChecked(type)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let child = decoder.child(items[currentIndex], key: AnyKey(intValue: currentIndex))
        currentIndex += 1
        return try child.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        let child = decoder.child(items[currentIndex], key: AnyKey(intValue: currentIndex))
        currentIndex += 1
        return try child.unkeyedContainer()
    }

    mutating func superDecoder() throws -> Decoder { decoder }
}

struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: YAMLNodeDecoder
    var codingPath: [CodingKey] { decoder.codingPath }
    private var node: Node { decoder.node }

    func decodeNil() -> Bool { node.isNull }

    private func scalar(_ what: String) throws -> Node.Scalar {
        guard case .scalar(let scalar) = node else {
            throw decoder.state.error("expected \(what) here, found \(node.describedKind)", at: node)
        }
        return scalar
    }

    private func construct<T: ScalarConstructible>(_ type: T.Type, _ what: String) throws -> T {
        let scalar = try scalar(what)
        guard let value = T.construct(from: scalar) else {
            throw decoder.state.error("expected \(what), found '\(scalar.string)'", at: node)
        }
        return value
    }

    /// `true`, `yes`, `on`, `false`, `no` or `off` in any case, written plain (quoted, it is
    /// text) or tagged `!!bool`: as Yams reads a Boolean, without the tag the default resolver
    /// would give a plain word (see `YAMLText.resolver`).
    func decode(_ type: Bool.Type) throws -> Bool {
        let scalar = try scalar("true or false")
        let written = scalar.style == .plain || scalar.style == .any || scalar.tag.rawValue == Tag.Name.bool.rawValue
        guard written, let value = Self.booleans[scalar.string.lowercased()] else {
            throw decoder.state.error("expected true or false, found '\(scalar.string)'", at: node)
        }
        return value
    }

    private static let booleans = ["true": true, "yes": true, "on": true, "false": false, "no": false, "off": false]

    func decode(_ type: String.Type) throws -> String {
        let scalar = try scalar("a text value")
        return scalar.string
    }
    func decode(_ type: Double.Type) throws -> Double { try number(Double.self, "a number") }
    func decode(_ type: Float.Type) throws -> Float { Float(try number(Double.self, "a number")) }
    func decode(_ type: Int.Type) throws -> Int { try number(Int.self, "a whole number") }

    /// A number as Yams reads it, read straight from the text when it is plain decimal digits
    /// (with a sign, a point, an exponent): then Yams's answer is the standard library's. Yams
    /// itself first removes `_` with Foundation's `replacingOccurrences`, whose first call in a
    /// run sets up Foundation's string bridging (about 1.5% of the sample run's fixed cost,
    /// `perf`). Anything else (`1_000`, `0x1F`, `010` as octal, `1:30`, `.inf`) goes to Yams.
    private func number<T: ScalarConstructible & LosslessStringConvertible>(_ type: T.Type, _ what: String) throws -> T {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
           Self.isPlainDecimal(scalar.string, whole: T.self == Int.self), let value = T(scalar.string) {
            return value
        }
        return try construct(type, what)
    }

    /// Digits, at most one leading sign, and for a `Double` `.`, `e`, `E` and a sign after the
    /// exponent; not starting with `0` followed by more (Yams reads `010` as octal, `0x…` as hex).
    static func isPlainDecimal(_ text: String, whole: Bool) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first else { return false }
        let start = first == UInt8(ascii: "-") || first == UInt8(ascii: "+") ? 1 : 0
        let digits = bytes.dropFirst(start)
        guard let lead = digits.first, lead >= UInt8(ascii: "0"), lead <= UInt8(ascii: "9") else { return false }
        if lead == UInt8(ascii: "0"), digits.count > 1, whole || digits.dropFirst().first != UInt8(ascii: ".") { return false }
        var previous = lead
        for byte in digits.dropFirst() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                if whole { return false }
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if whole || (previous != UInt8(ascii: "e") && previous != UInt8(ascii: "E")) { return false }
            default: return false
            }
            previous = byte
        }
        return true
    }
    func decode(_ type: Int8.Type) throws -> Int8 { try narrow(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try narrow(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try narrow(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try narrow(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try narrow(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try narrow(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try narrow(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try narrow(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try narrow(type) }

    private func narrow<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let wide = try number(Int.self, "a whole number")
        guard let value = T(exactly: wide) else {
            throw decoder.state.error("\(wide) is out of range (\(T.min)…\(T.max))", at: node)
        }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.decodeChecked(type)
    }
}

extension Node.Mapping {
    /// The value of the last key whose text is `name` and that is text: untagged, or tagged
    /// `!` or `!!str` (a key tagged `!!int` is not a name). Not Yams's `self[name]`, which makes
    /// a node of `name` and resolves its tag with the default resolver (seven regular
    /// expressions, compiled on first use) on every look-up. `YAMLText.compose` reads every
    /// untagged key as text, so `yes:` and `'yes':` are both the name `yes`, as `allKeys` lists them.
    ///
    /// It reads the pairs from the last one back, one at a time: `reversed()` copied the whole
    /// mapping twice (Yams's iterator makes an array of its pairs) on every look-up.
    package func value(forKey name: String) -> Node? {
        var index = endIndex
        while index > startIndex {
            index -= 1
            let pair = self[index]
            if pair.key.scalar?.string == name, pair.key.isTextKey { return pair.value }
        }
        return nil
    }
}

extension Node {
    /// Whether this scalar key is text, so that its text is a name: untagged, or tagged `!` or
    /// `!!str` (see `Node.Mapping.value(forKey:)`).
    var isTextKey: Bool {
        let tag = tag.rawValue
        return tag.isEmpty || tag == "!" || tag == Tag.Name.str.rawValue
    }
}

extension Node {
    /// True for `~`, `null`, or an empty plain scalar.
    package var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
