/// Writes an `Encodable` value byte for byte as `JSONEncoder` does with the output formatting
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` and its default strategies, in less
/// than half its time.
///
/// `JSONEncoder` was a tenth of the Millbrook sample run: besides building its tree of values,
/// it asks of every value whether it is a `Date`, `Data`, `URL`, `Decimal` or a dictionary of
/// strings, casts that look through the binary's protocol conformances. The document holds none
/// of those types, so this encoder builds a plain tree (objects keep their members in a list,
/// sorted when written) and writes it as `JSONEncoder`'s writer does:
///
/// - two spaces an indent level, `"key" : value`, an empty array or object as `[`, an empty
///   line and `]` at the container's indentation;
/// - keys sorted by their UTF-8 bytes; a key encoded twice keeps its last value;
/// - strings escaped as `JSONEncoder` escapes them: `"`, `\`, `\b`, `\f`, `\n`, `\r`, `\t`,
///   other control characters as `\u00xx`; `/`, DEL and non-ASCII as they are;
/// - numbers as their `description`, a floating-point one without a trailing `.0`; NaN and the
///   infinities are an error, as with `JSONEncoder`'s default strategy.
///
/// `SortedJSONEncoderTests` and `DashboardJSONEncodingTests` compare the two on documents.
enum SortedJSONEncoder {
    /// The JSON of `value`, without a final newline.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = NodeEncoder(parent: nil, key: nil)
        try value.encode(to: encoder)
        guard let node = encoder.node else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        var writer = JSONWriter()
        // Room for a large place's baseline (Millbrook's is 258 KB) without growing: growing
        // copies what is written and touches fresh pages each time.
        writer.bytes.reserveCapacity(1 << 19)
        writer.write(node, level: 0)
        return writer.bytes
    }

    /// `text` as a JSON string, quotes included, appended to `bytes`.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        var writer = JSONWriter()
        swap(&writer.bytes, &bytes)
        writer.writeString(text)
        swap(&writer.bytes, &bytes)
    }
}

// MARK: - The tree

/// A value as encoded; containers are classes so that nested containers fill them in place.
private enum JSONNode {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array(JSONArray)
    case object(JSONObject)
    /// What a super encoder encodes, read when the tree is written.
    case encoder(NodeEncoder)
}

private final class JSONArray {
    var items = [JSONNode]()
}

private final class JSONObject {
    var members = [(key: String, value: JSONNode)]()
}

// MARK: - Encoding

/// The encoder of one value; its coding path is made only when asked for.
private final class NodeEncoder: Encoder {
    let parent: NodeEncoder?
    let key: CodingKey?
    var node: JSONNode?

    init(parent: NodeEncoder?, key: CodingKey?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [CodingKey] {
        var path = [CodingKey]()
        var encoder: NodeEncoder? = self
        while let current = encoder {
            if let key = current.key { path.append(key) }
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONObject
        if case .object(let existing)? = node {
            object = existing
        } else {
            object = JSONObject()
            node = .object(object)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, object: object))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let array: JSONArray
        if case .array(let existing)? = node {
            array = existing
        } else {
            array = JSONArray()
            node = .array(array)
        }
        return UnkeyedContainer(encoder: self, array: array)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }

    /// The node of `value`, encoded at `key` below this encoder.
    func box<T: Encodable>(_ value: T, key: CodingKey) throws -> JSONNode {
        // The types lists of the document hold most, told apart by their metatype (no cast
        // through the conformances).
        if T.self == String.self, let text = value as? String { return .string(text) }
        if T.self == Double.self, let number = value as? Double { return try Self.number(number, key: key, parent: self) }
        if T.self == Int.self, let number = value as? Int { return .number(number.description) }
        if T.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
        let child = NodeEncoder(parent: self, key: key)
        try value.encode(to: child)
        return child.node ?? .object(JSONObject())
    }

    static func number<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F, key: CodingKey?, parent: NodeEncoder) throws -> JSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: parent.codingPath + (key.map { [$0] } ?? []),
                debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }
}

/// A key for an element of a list, in coding paths.
private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// The key `super`, for `superEncoder()`.
private struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) {}
    init?(intValue: Int) { nil }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: NodeEncoder
    let object: JSONObject
    var codingPath: [CodingKey] { encoder.codingPath }

    private func put(_ node: JSONNode, _ key: Key) {
        object.members.append((key.stringValue, node))
    }

    mutating func encodeNil(forKey key: Key) { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try NodeEncoder.number(value, key: key, parent: encoder), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try NodeEncoder.number(value, key: key, parent: encoder), key) }
    mutating func encode(_ value: Int, forKey key: Key) { put(.number(value.description), key) }
    mutating func encode(_ value: Int8, forKey key: Key) { put(.number(value.description), key) }
    mutating func encode(_ value: Int16, forKey key: Key) { put(.number(value.description), key) }
    mutating func encode(_ value: Int32, forKey key: Key) { put(.number(value.description), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { put(.number(value.description), key) }
    mutating func encode(_ value: UInt, forKey key: Key) { put(.number(value.description), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { put(.number(value.description), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { put(.number(value.description), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { put(.number(value.description), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { put(.number(value.description), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { put(try encoder.box(value, key: key), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObject()
        put(.object(nested), key)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: NodeEncoder(parent: encoder, key: key), object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = JSONArray()
        put(.array(nested), key)
        return UnkeyedContainer(encoder: NodeEncoder(parent: encoder, key: key), array: nested)
    }

    mutating func superEncoder() -> Encoder {
        let child = NodeEncoder(parent: encoder, key: SuperKey())
        object.members.append(("super", .encoder(child)))
        return child
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        let child = NodeEncoder(parent: encoder, key: key)
        put(.encoder(child), key)
        return child
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: NodeEncoder
    let array: JSONArray
    var codingPath: [CodingKey] { encoder.codingPath }
    var count: Int { array.items.count }

    private var nextKey: IndexKey { IndexKey(array.items.count) }

    mutating func encodeNil() { array.items.append(.null) }
    mutating func encode(_ value: Bool) { array.items.append(.bool(value)) }
    mutating func encode(_ value: String) { array.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { array.items.append(try NodeEncoder.number(value, key: nextKey, parent: encoder)) }
    mutating func encode(_ value: Float) throws { array.items.append(try NodeEncoder.number(value, key: nextKey, parent: encoder)) }
    mutating func encode(_ value: Int) { array.items.append(.number(value.description)) }
    mutating func encode(_ value: Int8) { array.items.append(.number(value.description)) }
    mutating func encode(_ value: Int16) { array.items.append(.number(value.description)) }
    mutating func encode(_ value: Int32) { array.items.append(.number(value.description)) }
    mutating func encode(_ value: Int64) { array.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt) { array.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt8) { array.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt16) { array.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt32) { array.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt64) { array.items.append(.number(value.description)) }
    mutating func encode<T: Encodable>(_ value: T) throws { array.items.append(try encoder.box(value, key: nextKey)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObject()
        let key = nextKey
        array.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: NodeEncoder(parent: encoder, key: key), object: nested))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let nested = JSONArray()
        let key = nextKey
        array.items.append(.array(nested))
        return UnkeyedContainer(encoder: NodeEncoder(parent: encoder, key: key), array: nested)
    }

    mutating func superEncoder() -> Encoder {
        let child = NodeEncoder(parent: encoder, key: nextKey)
        array.items.append(.encoder(child))
        return child
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil() { encoder.node = .null }
    mutating func encode(_ value: Bool) { encoder.node = .bool(value) }
    mutating func encode(_ value: String) { encoder.node = .string(value) }
    mutating func encode(_ value: Double) throws { encoder.node = try NodeEncoder.number(value, key: nil, parent: encoder) }
    mutating func encode(_ value: Float) throws { encoder.node = try NodeEncoder.number(value, key: nil, parent: encoder) }
    mutating func encode(_ value: Int) { encoder.node = .number(value.description) }
    mutating func encode(_ value: Int8) { encoder.node = .number(value.description) }
    mutating func encode(_ value: Int16) { encoder.node = .number(value.description) }
    mutating func encode(_ value: Int32) { encoder.node = .number(value.description) }
    mutating func encode(_ value: Int64) { encoder.node = .number(value.description) }
    mutating func encode(_ value: UInt) { encoder.node = .number(value.description) }
    mutating func encode(_ value: UInt8) { encoder.node = .number(value.description) }
    mutating func encode(_ value: UInt16) { encoder.node = .number(value.description) }
    mutating func encode(_ value: UInt32) { encoder.node = .number(value.description) }
    mutating func encode(_ value: UInt64) { encoder.node = .number(value.description) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: encoder)
    }
}

// MARK: - Writing

/// The tree written as `JSONEncoder`'s writer writes it, pretty and with sorted keys.
private struct JSONWriter {
    var bytes = [UInt8]()

    mutating func write(_ node: JSONNode, level: Int) {
        switch node {
        case .null: bytes += "null".utf8
        case .bool(let flag): bytes += (flag ? "true" : "false").utf8
        case .number(let text): bytes += text.utf8
        case .string(let text): writeString(text)
        case .encoder(let encoder): write(encoder.node ?? .object(JSONObject()), level: level)
        case .array(let array):
            bytes.append(UInt8(ascii: "["))
            bytes.append(UInt8(ascii: "\n"))
            for (index, item) in array.items.enumerated() {
                if index > 0 {
                    bytes.append(UInt8(ascii: ","))
                    bytes.append(UInt8(ascii: "\n"))
                }
                indent(level + 1)
                write(item, level: level + 1)
            }
            bytes.append(UInt8(ascii: "\n"))
            indent(level)
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            bytes.append(UInt8(ascii: "\n"))
            let members = object.members
            var first = true
            for index in Self.sortedOrder(members) {
                if !first {
                    bytes.append(UInt8(ascii: ","))
                    bytes.append(UInt8(ascii: "\n"))
                }
                first = false
                indent(level + 1)
                writeString(members[index].key)
                bytes += " : ".utf8
                write(members[index].value, level: level + 1)
            }
            bytes.append(UInt8(ascii: "\n"))
            indent(level)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Where the members are, by the UTF-8 bytes of their keys; of a key encoded twice, where
    /// its last value is. (Keys equal as `String`s — canonically equivalent — count as one key.)
    ///
    /// When every key is ASCII, as nearly every object's keys are, `String`'s own `==` and `<`
    /// say it: two ASCII strings are equal only byte for byte, and order by their bytes.
    private static func sortedOrder(_ members: [(key: String, value: JSONNode)]) -> [Int] {
        let keys = members.map(\.key)
        let order: [Int]
        if keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            order = keys.indices.sorted { a, b in keys[a] == keys[b] ? a < b : keys[a] < keys[b] }
        } else {
            order = keys.indices.sorted { a, b in
                switch compare(keys[a], keys[b]) {
                case .equal: a < b
                case .before: true
                case .after: false
                }
            }
        }
        var sorted = [Int]()
        sorted.reserveCapacity(keys.count)
        for index in order {
            if let last = sorted.last, keys[last] == keys[index] {
                sorted[sorted.count - 1] = index
            } else {
                sorted.append(index)
            }
        }
        return sorted
    }

    /// How two keys are ordered: equal when they are equal `String`s, else by their UTF-8 bytes.
    private static func compare(_ left: String, _ right: String) -> KeyOrder {
        if left == right { return .equal }
        return left.utf8.lexicographicallyPrecedes(right.utf8) ? .before : .after
    }

    private enum KeyOrder { case before, equal, after }

    private mutating func indent(_ level: Int) {
        for _ in 0..<level {
            bytes.append(UInt8(ascii: " "))
            bytes.append(UInt8(ascii: " "))
        }
    }

    mutating func writeString(_ text: String) {
        var text = text
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied whole.
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes += #"\""#.utf8
                case UInt8(ascii: "\\"): bytes += #"\\"#.utf8
                case 0x08: bytes += #"\b"#.utf8
                case 0x0C: bytes += #"\f"#.utf8
                case 0x0A: bytes += #"\n"#.utf8
                case 0x0D: bytes += #"\r"#.utf8
                case 0x09: bytes += #"\t"#.utf8
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += #"\u00"#.utf8
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
