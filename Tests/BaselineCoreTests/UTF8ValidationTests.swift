import BaselineCore
import BaselineText
import Testing

@Suite struct UTF8ValidationTests {
    /// Agrees with the standard library's validating initialiser, byte for byte, on every kind
    /// of well-formed and broken sequence.
    @Test(arguments: [
        [UInt8](), Array("plain ASCII, long enough to take the eight-byte path".utf8), Array("café – “quoted” ’s €5 😀".utf8),
        [0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xC2], [0xC2, 0x41], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80],
        [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBD], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
        [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],
        Array("abcdefgh".utf8) + [0xE2, 0x80], Array("abcdefghij".utf8) + [0x93] + Array("xyz".utf8),
    ] as [[UInt8]])
    func agreesWithTheStandardLibrary(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            let expected = String(validating: buffer, as: UTF8.self)
            #expect(String(validUTF8: buffer) == expected)
            #expect(UTF8Validation.isValid(buffer) == (expected != nil))
        }
    }

    @Test func saysWhereAndWhy() {
        let cases: [([UInt8], Int, UTF8Validation.Failure?)] = [
            (Array("ok".utf8), 2, nil),
            (Array("abcdefghij".utf8) + [0x80], 10, .badLead),
            (Array("ab".utf8) + [0xC3, 0x41], 2, .badContinuation),
            (Array("abc".utf8) + [0xE2, 0x80], 3, .truncated),
        ]
        for (bytes, valid, failure) in cases {
            let result = bytes.withUnsafeBufferPointer { UTF8Validation.check($0) }
            #expect(result.valid == valid)
            #expect(result.failure == failure)
        }
    }

    /// A bad byte, or a well-formed character, at every offset of a long ASCII run: found
    /// where it is, whichever of the 32-byte, 8-byte and one-byte steps reaches it.
    @Test func findsABadByteAtEveryOffset() {
        for offset in 0..<100 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 100)
            bytes[offset] = 0xFF
            let result = bytes.withUnsafeBufferPointer { UTF8Validation.check($0) }
            #expect(result.valid == offset && result.failure == .badLead, "offset \(offset)")
            var good = [UInt8](repeating: UInt8(ascii: "a"), count: 100)
            good.insert(contentsOf: Array("é".utf8), at: offset)
            #expect(good.withUnsafeBufferPointer { UTF8Validation.check($0) }.failure == nil, "offset \(offset)")
        }
    }
}
