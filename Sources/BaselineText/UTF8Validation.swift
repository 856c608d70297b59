/// Checks bytes for well-formed UTF-8 without the generic machinery of
/// `String(validating:as:)`, whose unspecialised path looks up type metadata for every call:
/// a cost that shows when every passage of ten thousand notes is decoded.
public enum UTF8Validation {
    /// Why bytes are not UTF-8, at the first bad character.
    public enum Failure: Sendable, Equatable {
        /// A byte that cannot start a character (a stray continuation byte, 0xC0, 0xC1, 0xF5…).
        case badLead
        /// A lead byte not followed by the continuation bytes it needs.
        case badContinuation
        /// The bytes end in the middle of a character.
        case truncated
    }

    /// How many bytes from the start are whole, well-formed characters (Unicode table 3-7: no
    /// overlong forms, no surrogates, nothing above U+10FFFF), and why the rest is not, if it
    /// is not.
    @inlinable
    public static func check(_ input: UnsafeBufferPointer<UInt8>) -> (valid: Int, failure: Failure?) {
        guard let base = input.baseAddress else { return (0, nil) }
        let count = input.count
        var i = 0
        while i < count {
            // ASCII, 32 bytes and then eight at a time: the common case.
            while i + 32 <= count {
                let raw = UnsafeRawPointer(base + i)
                let any = raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                guard any & 0x8080_8080_8080_8080 == 0 else { break }
                i += 32
            }
            while i + 8 <= count, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < count else { break }
            let lead = base[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return (i, .badLead)
            }
            for k in 1..<length {
                guard i + k < count else { return (i, .truncated) }
                let byte = base[i + k]
                guard byte >= (k == 1 ? low : 0x80), byte <= (k == 1 ? high : 0xBF) else { return (i, .badContinuation) }
            }
            i += length
        }
        return (count, nil)
    }

    /// Whether all of `input` is well-formed UTF-8.
    @inlinable
    public static func isValid(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        check(input).failure == nil
    }
}

extension String {
    /// The text of `bytes` when they are well-formed UTF-8, or `nil`: `String(validating:as:)`
    /// without its per-call generic overhead.
    @inlinable
    public init?(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard UTF8Validation.isValid(bytes) else { return nil }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
