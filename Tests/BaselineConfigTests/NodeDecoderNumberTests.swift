@testable import BaselineConfig
import BaselineCore
import Testing
import Yams

/// Numbers in a pipeline: plain decimal text is read by the standard library, everything else by
/// Yams, and both give Yams's answer (or Yams's error) for every spelling a user might write.
struct NodeDecoderNumberTests {
    private struct Numbers: Decodable {
        var whole: Int?
        var real: Double?
    }

    private func decode(_ yaml: String) throws -> Numbers {
        try NodeDecoder(file: "pipeline.yaml").decode(Numbers.self, from: try YAMLText.compose(yaml, file: "pipeline.yaml", what: "the pipeline")!)
    }

    static let spellings = [
        "0", "7", "10", "-3", "+12", "1_000", "010", "0x1F", "0b101", "0o17", "1:30", "-0", "00",
        "0.5", "-0.25", "+1.5", "1e3", "2.5E-2", "1.", ".5", "1e", "1e+", "--1", "+-1", "1-2", "12a",
        ".inf", "-.inf", ".nan", ".Inf", "1_0.5", "3.14159", "0.0", "00.5", "5e-324", "1e999",
        "99999999999999999999", "-9223372036854775808",
    ]

    @Test("every spelling reads as Yams reads it, as a whole number and as a number", arguments: spellings)
    func sameAsYams(_ text: String) throws {
        let scalar = Node.Scalar(text, .implicit, .plain)
        let yamsWhole = Int.construct(from: scalar)
        let yamsReal = Double.construct(from: scalar)
        let whole = try? decode("whole: \(text)\n").whole
        let real = try? decode("real: \(text)\n").real
        if text != "-0" {  // Yams refuses "-0" as a whole number (its octal rule leaves "-"); 0 is right
            #expect(whole == yamsWhole, "whole number \(text)")
        } else {
            #expect(whole == 0)
        }
        if let yamsReal, yamsReal.isNaN {
            #expect(real?.isNaN == true)
        } else {
            #expect(real == yamsReal, "number \(text)")
        }
    }

    @Test("plain decimal text is recognised; other spellings go to Yams")
    func plainDecimal() {
        #expect(SingleValueContainer.isPlainDecimal("12", whole: true))
        #expect(SingleValueContainer.isPlainDecimal("-2.5e-3", whole: false))
        #expect(!SingleValueContainer.isPlainDecimal("2.5", whole: true))
        #expect(!SingleValueContainer.isPlainDecimal("010", whole: true))
        #expect(!SingleValueContainer.isPlainDecimal("1_000", whole: false))
        #expect(!SingleValueContainer.isPlainDecimal("", whole: false))
    }

    @Test("a quoted number is text, not a number, as before")
    func quotedIsNotANumber() {
        #expect(throws: (any Error).self) { try decode("whole: '10'\n") }
    }
}
