/// A batch of survey responses kept column by column: a response is a row of a block.
///
/// A source that reads thousands of respondents a second (`csv-survey`) fills one block per
/// batch and passes on each row as a `Response` that is only the block and the row's number.
/// Making, copying and dropping such a record costs one reference count, where a response of
/// its own holds a dozen references (the survey, arrays of groups and answers, the strings of
/// its provenance) and an allocation. A stage that knows blocks (`survey-aggregate`) reads the
/// codes below directly; any other code reads a row's fields as a `Response` would hold them,
/// made on the spot.
///
/// Per row the block keeps the line, one code per grouping (an index into that grouping's
/// `groupValues`), one `AnswerCode` per question, and a weight (`weights`, empty when no row
/// has one; NaN for a row without). Free text and ticked options sit in side tables that the
/// answer codes index. A block is immutable once built, so it is shared between threads freely.
/// Rows never carry a respondent id (sources keep it out of records).
public final class ResponseBlock: Sendable {
    /// The questions and groupings every row is laid out by.
    public let survey: SurveyDefinition
    /// The source id of every row's provenance.
    public let source: String
    /// The input file of every row's provenance.
    public let file: String
    /// The line each row starts on.
    public let lines: [Int]
    /// Per grouping, its values that rows of this block have (the empty string for blank):
    /// a row's group code indexes this list.
    public let groupValues: [[String]]
    /// The group codes, row after row: row `r`'s code for grouping `g` is at
    /// `r * survey.groupings.count + g`.
    public let groupCodes: [UInt32]
    /// The answer codes, row after row: row `r`'s answer to question `q` is at
    /// `r * survey.questions.count + q`.
    public let answerCodes: [AnswerCode]
    /// Each row's survey weight, NaN for a row without one; empty when no row has one.
    public let weights: [Double]
    /// The free-text answers that `AnswerCode.text` codes index.
    public let texts: [String]
    /// The options ticked in multi-select answers, one answer after another: the answer
    /// `AnswerCode.selected(k)` ticked `selectedOptions[selectionStarts[k]..<selectionStarts[k + 1]]`.
    public let selectedOptions: [UInt32]
    /// Where each multi-select answer's options start in `selectedOptions`, and one past the last.
    public let selectionStarts: [Int]

    /// The number of rows.
    public var count: Int { lines.count }

    fileprivate init(builder: consuming Builder) {
        survey = builder.survey
        source = builder.source
        file = builder.file
        lines = builder.lines
        groupValues = builder.groupValues
        groupCodes = builder.groupCodes
        answerCodes = builder.answerCodes
        weights = builder.weights
        texts = builder.texts
        selectedOptions = builder.selectedOptions
        selectionStarts = builder.selectionStarts
    }

    // MARK: - One row's fields

    /// Row `row`'s group values, aligned with `survey.groupings`.
    public func groups(of row: Int) -> [String] {
        let width = survey.groupings.count
        return (0..<width).map { groupValues[$0][Int(groupCodes[row * width + $0])] }
    }

    /// Row `row`'s answers, aligned with `survey.questions`.
    public func answers(of row: Int) -> [Answer] {
        let width = survey.questions.count
        return (0..<width).map { answer(answerCodes[row * width + $0]) }
    }

    /// The answer a code stands for.
    public func answer(_ code: AnswerCode) -> Answer {
        switch code.kind {
        case .blank: .blank
        case .point: .point(code.index)
        case .excluded: .excluded(code.index)
        case .text: .text(texts[code.index])
        case .selected: .selected(selection(code.index).map { Int($0) })
        }
    }

    /// The options ticked in the block's `k`th multi-select answer.
    @inlinable
    public func selection(_ k: Int) -> ArraySlice<UInt32> {
        selectedOptions[selectionStarts[k]..<selectionStarts[k + 1]]
    }

    /// Row `row`'s weight, if it has one.
    public func weight(of row: Int) -> Double? {
        guard !weights.isEmpty, !weights[row].isNaN else { return nil }
        return weights[row]
    }

    /// Row `row`'s provenance: the block's source and file, and the row's line.
    public func provenance(of row: Int) -> Provenance {
        Provenance(source: source, file: file, line: lines[row])
    }

    // MARK: - Filling a block

    /// Collects rows for a block. A source keeps one builder and takes a block from it per batch
    /// (`build()`), which leaves the builder empty and ready for the next.
    public struct Builder {
        /// The survey of every row.
        public let survey: SurveyDefinition
        /// The source id of every row.
        public let source: String
        /// The input file of every row.
        public let file: String
        fileprivate var lines = [Int]()
        fileprivate var groupValues: [[String]]
        fileprivate var groupCodes = [UInt32]()
        fileprivate var answerCodes = [AnswerCode]()
        fileprivate var weights = [Double]()
        fileprivate var texts = [String]()
        fileprivate var selectedOptions = [UInt32]()
        fileprivate var selectionStarts = [0]
        /// Per grouping, the block's code of each value number a source gave (`code(grouping:value:string:)`), or -1.
        @usableFromInline var codeOfValue: [[Int32]]
        /// Per grouping, the value numbers `codeOfValue` has a code for, by code.
        private var valueNumbers: [[Int]]
        /// Per grouping, the block's code of each value given as a string (`code(grouping:value:)`).
        private var codeOfString: [[String: UInt32]]

        /// Starts an empty block of responses to `survey` from `file` of `source`.
        public init(survey: SurveyDefinition, source: String, file: String) {
            self.survey = survey
            self.source = source
            self.file = file
            groupValues = Array(repeating: [], count: survey.groupings.count)
            codeOfValue = Array(repeating: [], count: survey.groupings.count)
            valueNumbers = Array(repeating: [], count: survey.groupings.count)
            codeOfString = Array(repeating: [:], count: survey.groupings.count)
        }

        /// The number of rows so far.
        public var count: Int { lines.count }

        /// The block's code of a group value that the source numbers itself (`value`, from 0, the
        /// same number for the same value throughout the builder's life): `string` is asked for
        /// only the first time a block meets the value. Cheaper per row than `code(grouping:value:)`.
        @inlinable
        public mutating func code(grouping: Int, value: Int, string: () -> String) -> UInt32 {
            if value < codeOfValue[grouping].count, codeOfValue[grouping][value] >= 0 {
                return UInt32(codeOfValue[grouping][value])
            }
            return newCode(grouping: grouping, value: value, string: string())
        }

        @usableFromInline
        mutating func newCode(grouping: Int, value: Int, string: String) -> UInt32 {
            if value >= codeOfValue[grouping].count {
                codeOfValue[grouping] += repeatElement(-1, count: value + 1 - codeOfValue[grouping].count)
            }
            let code = groupValues[grouping].count
            groupValues[grouping].append(string)
            codeOfValue[grouping][value] = Int32(code)
            valueNumbers[grouping].append(value)
            return UInt32(code)
        }

        /// The block's code of a group value given as a string.
        public mutating func code(grouping: Int, value: String) -> UInt32 {
            if let code = codeOfString[grouping][value] { return code }
            let code = UInt32(groupValues[grouping].count)
            groupValues[grouping].append(value)
            codeOfString[grouping][value] = code
            return code
        }

        /// Keeps a free-text answer and gives its code. (A row set aside after this leaves the
        /// text unused in the block, which is harmless.)
        public mutating func code(text: String) -> AnswerCode {
            texts.append(text)
            return .text(texts.count - 1)
        }

        /// Keeps the options ticked in a multi-select answer (indices into the scale's points,
        /// ascending, at least one) and gives its code.
        public mutating func code(selected options: some Sequence<Int>) -> AnswerCode {
            for option in options { selectedOptions.append(UInt32(option)) }
            selectionStarts.append(selectedOptions.count)
            return .selected(selectionStarts.count - 2)
        }

        /// The code of any answer (text and ticked options go to the side tables).
        public mutating func code(_ answer: Answer) -> AnswerCode {
            switch answer {
            case .blank: .blank
            case .point(let index): .point(index)
            case .excluded(let index): .excluded(index)
            case .text(let text): code(text: text)
            case .selected(let options): code(selected: options)
            }
        }

        /// Adds a row: its line, its group codes (one per grouping) and answer codes (one per
        /// question), and its weight.
        public mutating func append(line: Int, groups: UnsafeBufferPointer<UInt32>, answers: UnsafeBufferPointer<AnswerCode>,
                                    weight: Double?) {
            precondition(groups.count == survey.groupings.count && answers.count == survey.questions.count,
                         "a row of a response block has one group per grouping and one answer per question")
            if weight != nil, weights.count < lines.count {
                weights += repeatElement(.nan, count: lines.count - weights.count)
            }
            lines.append(line)
            // Element by element: a few values a row, for which `append(contentsOf:)` costs a call of memmove.
            for code in groups { groupCodes.append(code) }
            for code in answers { answerCodes.append(code) }
            if !weights.isEmpty || weight != nil { weights.append(weight ?? .nan) }
        }

        /// Adds a row given as a response's fields. `groups` has one value per grouping and
        /// `answers` one per question.
        public mutating func append(line: Int, groups: [String], answers: [Answer], weight: Double?) {
            let groupCodes = groups.indices.map { code(grouping: $0, value: groups[$0]) }
            let answerCodes = answers.map { code($0) }
            groupCodes.withUnsafeBufferPointer { groups in
                answerCodes.withUnsafeBufferPointer { append(line: line, groups: groups, answers: $0, weight: weight) }
            }
        }

        /// The rows so far as a block (`nil` if there are none), leaving the builder empty. The
        /// value numbers of `code(grouping:value:string:)` keep their meaning for the next block.
        public mutating func build() -> ResponseBlock? {
            guard !lines.isEmpty else { return nil }
            var done = Builder(survey: survey, source: source, file: file)
            swap(&done, &self)
            // The next block numbers its values afresh; the arrays that map to them are reset
            // where this block set them, not remade, so a grouping of many values costs nothing per block.
            swap(&codeOfValue, &done.codeOfValue)
            swap(&valueNumbers, &done.valueNumbers)
            for grouping in codeOfValue.indices {
                for value in valueNumbers[grouping] { codeOfValue[grouping][value] = -1 }
                valueNumbers[grouping].removeAll(keepingCapacity: true)
            }
            lines.reserveCapacity(done.lines.count)
            groupCodes.reserveCapacity(done.groupCodes.count)
            answerCodes.reserveCapacity(done.answerCodes.count)
            return ResponseBlock(builder: done)
        }
    }
}

/// One answer of a `ResponseBlock` row, in 32 bits with no references: blank, a point or
/// excluded label by its index, or a free-text or multi-select answer by its index into the
/// block's side tables.
public struct AnswerCode: Sendable, Hashable, BitwiseCopyable {
    /// The kind of answer, in the top three bits.
    public enum Kind: UInt32, Sendable {
        /// Left blank.
        case blank
        /// A point on the scale.
        case point
        /// An excluded label ("Don't know").
        case excluded
        /// Free text, in `ResponseBlock.texts`.
        case text
        /// Ticked options, in `ResponseBlock.selection(_:)`.
        case selected
    }

    /// The kind in the top three bits, the index below.
    public let rawValue: UInt32

    @usableFromInline static let indexBits: UInt32 = 29
    @usableFromInline static let indexMask: UInt32 = (1 << indexBits) - 1

    /// The code whose `rawValue` is `rawValue` (a code kept as its 32 bits, given back).
    @inlinable
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    @inlinable
    init(_ kind: Kind, _ index: Int) {
        precondition(index >= 0 && index <= Int(Self.indexMask), "an answer index is from 0 to 2^29 - 1")
        rawValue = kind.rawValue << Self.indexBits | UInt32(index)
    }

    /// Left blank.
    @inlinable public static var blank: AnswerCode { AnswerCode(rawValue: 0) }
    /// The point at `index` of the scale.
    @inlinable public static func point(_ index: Int) -> AnswerCode { AnswerCode(.point, index) }
    /// The excluded label at `index`.
    @inlinable public static func excluded(_ index: Int) -> AnswerCode { AnswerCode(.excluded, index) }
    static func text(_ index: Int) -> AnswerCode { AnswerCode(.text, index) }
    static func selected(_ index: Int) -> AnswerCode { AnswerCode(.selected, index) }

    /// What kind of answer it is.
    @inlinable
    public var kind: Kind { Kind(rawValue: rawValue >> Self.indexBits) ?? .blank }

    /// The point or excluded label's index, or the index into the block's texts or selections.
    @inlinable
    public var index: Int { Int(rawValue & Self.indexMask) }
}
