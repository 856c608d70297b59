import BaselineCore
@testable import CSVSurvey
import Foundation
import Testing

/// The memo of recent cells that `AnswerMatcher` and `ValueInterner` consult first: it must
/// never give a cell another cell's result, whatever the mix of values and their lengths.
@Suite struct CellMemoTests {
    /// `text`'s bytes, for `body`.
    static func cell<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Strings of every length from 1 to 60 that share their length, first and last bytes in
    /// pairs (so slots collide) and differ in one byte somewhere inside.
    static let distinct: [String] = (1...60).flatMap { length -> [String] in
        (0..<length).flatMap { position -> [String] in
            [UInt8(ascii: "a"), UInt8(ascii: "b")].map { filler in
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                bytes[position] = filler
                return String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    @Test func theMemoNeverGivesACellAnotherCellsResult() {
        let storage = PlanStorage()
        let memo = CellMemo(storage: storage)
        let values = Array(Set(Self.distinct)).sorted()
        var number = [String: UInt32]()
        for (index, value) in values.enumerated() { number[value] = UInt32(index) }
        var recalled = 0
        // Three rounds in different orders: every look-up is right or a miss, never another value's number.
        for round in 0..<3 {
            let order = round == 1 ? values.reversed() : values.shuffled()
            for value in order {
                Self.cell(value) { cell in
                    if let remembered = memo.recall(cell) {
                        #expect(remembered == number[value], "\(value) recalled as \(remembered)")
                        recalled += 1
                    }
                    memo.remember(cell, number[value]!)
                    if cell.count <= CellMemo.longest {
                        #expect(memo.recall(cell) == number[value])
                    } else {
                        #expect(memo.recall(cell) == nil)
                    }
                }
            }
        }
        #expect(recalled > 0)
        #expect(Self.cell("") { memo.recall($0) } == nil)
    }

    @Test func bytesAreEqualOnlyWhenEveryByteIs() {
        for length in 1...CellMemo.longest {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: 0x41 + $0) }
            for position in 0..<length {
                var other = bytes
                other[position] ^= 0x20
                bytes.withUnsafeBufferPointer { one in
                    other.withUnsafeBytes { other in
                        #expect(!CellMemo.equal(one.baseAddress!, other.baseAddress!, count: length), "length \(length), byte \(position)")
                    }
                    bytes.withUnsafeBytes { same in
                        #expect(CellMemo.equal(one.baseAddress!, same.baseAddress!, count: length))
                    }
                }
            }
        }
    }

    static let agree5 = BuiltinScales.all["agree5"]!

    /// Cells the full matcher accepts in several spellings, cells it rejects, and blanks.
    static let cells = [
        "Agree", "agree", " AGREE ", "Agree\t", "Strongly agree", "STRONGLY AGREE", "strongly Agree",
        "Neither agree nor disagree", "neither agree nor disagree ", "Disagree", "Strongly disagree",
        "Don't know", "Don\u{2019}t know", "DON\u{2019}T KNOW", "\u{00A0}Agree", "N/A", "na", "Prefer not to say",
        "Agre", "Agreee", "Strongly  agree", "Somewhat", "Disagree!", "", " ", "  \t",
    ]

    @Test func theMatcherWithItsMemoAnswersAsTheFullMatch() {
        let storage = PlanStorage()
        let matcher = AnswerMatcher(scale: Self.agree5, storage: storage)
        let expected = Self.cells.map { text in Self.cell(text) { matcher.matchFully($0) } }
        #expect(expected[0] == .point(3) && expected[1] == .point(3) && expected[2] == .point(3) && expected[14] == .point(3))
        #expect(expected[12] == .excluded(0) && expected[13] == .excluded(0))
        #expect(expected[18...22].allSatisfy { $0 == nil })
        #expect(expected[23...].allSatisfy { $0 == .blank })
        // Many rounds in random order: the memo fills, slots are taken over, and every answer stays the full match's.
        for _ in 0..<200 {
            for index in Self.cells.indices.shuffled() {
                #expect(Self.cell(Self.cells[index]) { matcher.match($0) } == expected[index], "\(Self.cells[index])")
            }
        }
    }

    @Test func theInternerNumbersEachTrimmedValueOnce() {
        let storage = PlanStorage()
        var interner = ValueInterner(memo: CellMemo(storage: storage))
        let values = ["DWP", "ICB", "NHS Trust", "Police", "Council", "VCSE"] + Self.distinct.prefix(300)
        var numbers = [String: Int]()
        for round in 0..<4 {
            for value in values.shuffled() {
                for spelling in [value, " \(value)", "\(value)  "] {
                    let number = Self.cell(spelling) { interner.number(ofCell: $0) }
                    if round == 0, numbers[value] == nil { numbers[value] = number }
                    #expect(number == numbers[value], "\(spelling)")
                    #expect(interner.strings[number] == value)
                }
            }
        }
        #expect(interner.strings.count == Set(values).count)
    }
}
