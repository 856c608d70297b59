@testable import DashboardJSON
import Foundation
import Testing

/// `SortedJSONEncoder` writes what `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, byte for byte, whatever the values and however they encode.
@Suite struct SortedJSONEncoderTests {
    static func plain<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func sorted<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try SortedJSONEncoder.encode(value), as: UTF8.self)
    }

    private struct Numbers: Encodable {
        var doubles: [Double] = [0, -0.0, 1, 1.5, 0.1, 1e-7, 1e21, 1e16, 123456789012345680, .leastNonzeroMagnitude, 1.7976931348623157e308, 100, 2.5e-5, 12345.678, -3]
        var float: Float = 0.1
        var floats: [Float] = [1, 0.3, 1e30]
        var integers: [Int64] = [0, -1, Int64.max, Int64.min]
        var small: UInt8 = 255
        var optional: Double? = 7
        var absent: String?
        var flags = [true, false]
        var nested: [[Int]] = [[], [1], [2, 3]]
    }

    private struct Texts: Encodable {
        var plain = "plain"
        var awkward = "a \"quoted\" back\\slash /slash\ttab\nline\rreturn\u{08}\u{0C}\u{01}\u{1F}\u{7F} café – “curly” 📝"
        var keys: [String: Int] = ["b": 1, "a": 2, "B": 3, "é": 4, "_": 5, "": 6, "a b": 7, "ab": 8, "\u{7F}": 9, "Z\u{1}": 10]
        var empty: [String: String] = [:]
        var emptyList: [String] = []
        var byNumber: [Int: String] = [3: "three", 10: "ten", 1: "one"]
    }

    /// Encodes by hand: nested containers, a super encoder, a key written twice, `nil`.
    private struct Handwritten: Encodable {
        enum Key: String, CodingKey { case a, b, nested, list, twice }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("first", forKey: .twice)
            try container.encodeNil(forKey: .a)
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: .nested)
            try nested.encode(1, forKey: .b)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode("x")
            var inner = list.nestedContainer(keyedBy: Key.self)
            try inner.encode(true, forKey: .a)
            var deeper = list.nestedUnkeyedContainer()
            try deeper.encodeNil()
            try Numbers().encode(to: list.superEncoder())
            try "under b".encode(to: container.superEncoder(forKey: .b))
            try [1, 2].encode(to: container.superEncoder())
            try container.encode("second", forKey: .twice)
        }
    }

    private enum Kind: String, Encodable { case one, two }
    private enum Shape: Encodable { case circle(radius: Double), square(Double, label: String), none }
    private struct Enums: Encodable {
        var kinds: [Kind] = [.two, .one]
        var shapes: [Shape] = [.circle(radius: 2), .square(1.5, label: "s"), .none]
        var wrapped: Kind? = .one
    }

    @Test func numbers() throws {
        #expect(try Self.sorted(Numbers()) == Self.plain(Numbers()))
    }

    @Test func textsAndKeys() throws {
        #expect(try Self.sorted(Texts()) == Self.plain(Texts()))
    }

    @Test func handwrittenEncodings() throws {
        #expect(try Self.sorted(Handwritten()) == Self.plain(Handwritten()))
    }

    @Test func enumsAndTopLevelValues() throws {
        #expect(try Self.sorted(Enums()) == Self.plain(Enums()))
        #expect(try Self.sorted("top") == Self.plain("top"))
        #expect(try Self.sorted([Double]()) == Self.plain([Double]()))
        #expect(try Self.sorted(4.0) == Self.plain(4.0))
    }

    @Test func notANumberIsAnError() {
        #expect(throws: EncodingError.self) { try SortedJSONEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try SortedJSONEncoder.encode(["x": -Double.infinity]) }
    }

    /// Keys in any order, a key written twice, and two keys that are equal `String`s
    /// (canonically equivalent: `é` and `e` with a combining acute) but differ in their bytes.
    private struct AnyKeys: Encodable {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        var keys: [String]
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (index, key) in keys.enumerated() { try container.encode(index, forKey: Key(stringValue: key)) }
        }
    }

    @Test func keysSortByTheirBytesAndEqualStringsAreOneKey() throws {
        #expect(try Self.sorted(AnyKeys(keys: ["b", "a", "ab", "", "B", "a", "~", "\u{7F}", "é", "ą", "z"])) == Self.plain(AnyKeys(keys: ["b", "a", "ab", "", "B", "a", "~", "\u{7F}", "é", "ą", "z"])))
        // ASCII keys of every byte, line breaks and prefixes included, in a fixed random order.
        var state: UInt64 = 3
        for _ in 0..<200 {
            let keys = (0..<12).map { _ in
                (0..<3).map { _ -> String in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return ["", "a", "b", "\r", "\n", "\r\n", "\u{0}", "\u{7F}", "~", "A", "_", " "][Int(state >> 33) % 12]
                }.joined()
            }
            #expect(try Self.sorted(AnyKeys(keys: keys)) == Self.plain(AnyKeys(keys: keys)), "\(keys)")
        }
        // Equal as Strings: one key where they sort next to each other (its last spelling and
        // value), two where a key between them keeps them apart. `JSONEncoder` writes one key at
        // `é`'s bytes there; documents never hold such keys (a dictionary merges them), and these
        // pin what this encoder has always written.
        #expect(try Self.sorted(AnyKeys(keys: ["\u{E9}", "e", "e\u{301}", "ea", "f"]))
                == "{\n  \"e\" : 1,\n  \"ea\" : 3,\n  \"e\u{301}\" : 2,\n  \"f\" : 4\n}")
        #expect(try Self.sorted(AnyKeys(keys: ["e\u{301}", "f", "\u{E9}", "e"]))
                == "{\n  \"e\" : 3,\n  \"e\u{301}\" : 0,\n  \"f\" : 1,\n  \"\u{E9}\" : 2\n}")
    }
}
