import BaselineCore
import BaselineText

/// Converts a file's bytes to UTF-8 one chunk at a time, or checks that they already are UTF-8.
///
/// A character may be cut by a chunk boundary (a UTF-8 sequence, a UTF-16 code unit or a
/// surrogate pair): `convert` then leaves its first bytes unconsumed, and the caller puts them in
/// front of the next chunk. Invalid input is reported by its byte offset in the file.
struct Transcoder {
    /// Invalid input: where it is and what it is.
    struct Invalid: Error {
        /// The byte offset in the file (from 0) of the first byte of the bad character.
        var offset: Int
        /// What is wrong, in words.
        var problem: String
    }

    /// What `convert` did.
    struct Progress {
        /// Input bytes converted; the rest begin a character that continues in the next chunk.
        var consumed: Int
        /// UTF-8 bytes written (for UTF-8 input, nothing is written: the input is the output).
        var produced: Int
    }

    /// The encoding converted from; never `.auto` or `.utf16` (the byte order is known by now).
    let encoding: CSVEncoding

    /// The room `output` needs for `count` input bytes.
    static func outputCapacity(forInput count: Int) -> Int {
        3 * count + 4
    }

    /// Converts `input`, whose first byte is at `offset` in the file, writing UTF-8 to `output`
    /// (unused for UTF-8 input, which is only checked). At the end of the file (`final`) a cut
    /// character is invalid.
    func convert(_ input: UnsafeBufferPointer<UInt8>, offset: Int, final: Bool,
                 into output: UnsafeMutablePointer<UInt8>) throws(Invalid) -> Progress {
        switch encoding {
        case .utf16LE: try Self.utf16(input, bigEndian: false, offset: offset, final: final, into: output)
        case .utf16BE: try Self.utf16(input, bigEndian: true, offset: offset, final: final, into: output)
        case .windows1252: Progress(consumed: input.count, produced: Self.windows1252(input, into: output))
        default: Progress(consumed: try Self.validateUTF8(input, offset: offset, final: final), produced: 0)
        }
    }

    // MARK: - UTF-8

    /// Checks that `input` is well-formed UTF-8 (see `UTF8Validation`). Returns how many bytes
    /// are complete characters.
    static func validateUTF8(_ input: UnsafeBufferPointer<UInt8>, offset: Int, final: Bool) throws(Invalid) -> Int {
        let (valid, failure) = UTF8Validation.check(input)
        switch failure {
        case nil:
            return valid
        case .truncated:
            if final { throw Invalid(offset: offset + valid, problem: "the file ends in the middle of a UTF-8 character") }
            return valid
        case .badLead:
            throw Invalid(offset: offset + valid, problem: "byte 0x\(hex(input[valid])) cannot start a UTF-8 character")
        case .badContinuation:
            throw Invalid(offset: offset + valid, problem: "byte 0x\(hex(input[valid])) is not followed by a valid UTF-8 continuation")
        }
    }

    // MARK: - Windows-1252

    static func windows1252(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        for byte in input {
            if byte < 0x80 {
                output[written] = byte
                written += 1
            } else {
                let scalar = Windows1252.codePoint(byte)
                written += writeUTF8(scalar, to: output + written)
            }
        }
        return written
    }

    // MARK: - UTF-16

    static func utf16(_ input: UnsafeBufferPointer<UInt8>, bigEndian: Bool, offset: Int, final: Bool,
                      into output: UnsafeMutablePointer<UInt8>) throws(Invalid) -> Progress {
        let count = input.count
        var i = 0, written = 0
        @inline(__always) func unit(at index: Int) -> UInt32 {
            bigEndian ? UInt32(input[index]) << 8 | UInt32(input[index + 1]) : UInt32(input[index + 1]) << 8 | UInt32(input[index])
        }
        while i + 1 < count {
            let first = unit(at: i)
            if first < 0xD800 || first > 0xDFFF {
                written += writeUTF8(first, to: output + written)
                i += 2
                continue
            }
            guard first <= 0xDBFF else {
                throw Invalid(offset: offset + i, problem: "a UTF-16 low surrogate (0x\(hex(first))) without a high one before it")
            }
            guard i + 3 < count else { break }
            let second = unit(at: i + 2)
            guard second >= 0xDC00, second <= 0xDFFF else {
                throw Invalid(offset: offset + i, problem: "a UTF-16 high surrogate (0x\(hex(first))) without a low one after it")
            }
            written += writeUTF8(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), to: output + written)
            i += 4
        }
        if final, i < count {
            throw Invalid(offset: offset + i, problem: "the file ends in the middle of a UTF-16 character")
        }
        return Progress(consumed: i, produced: written)
    }

    // MARK: - Helpers

    @inline(__always)
    static func writeUTF8(_ scalar: UInt32, to output: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            output[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            output[0] = UInt8(0xC0 | scalar >> 6)
            output[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            output[0] = UInt8(0xE0 | scalar >> 12)
            output[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            output[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            output[0] = UInt8(0xF0 | scalar >> 18)
            output[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            output[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            output[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}

/// Upper-case hexadecimal, two digits a byte.
func hex<T: FixedWidthInteger>(_ value: T) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    let width = T.bitWidth / 4 > 4 ? 4 : T.bitWidth / 4
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
