import BaselineCore
import BaselineSchema
import BaselineStatistics

/// `survey-aggregate`: per survey question, overall and per group — responses, % positive with
/// its Wilson 95% interval, mean score and the distribution; for multi-select questions, the
/// count and share of each option — with small groups suppressed.
///
/// State is bounded by questions × groups, never by respondents: each response adds to
/// integer tallies (and, with survey weights, to sums of weights) and is passed on. Responses
/// that are rows of a `ResponseBlock` (as `csv-survey` makes them) are counted from the
/// block's codes, a run of rows at a time, with the figures responses of their own would give.
public final class SurveyAggregateStage: StagePlugin, Stage {
    public typealias Configuration = SurveyAggregateConfiguration

    public static let kind = "survey-aggregate"
    public static let summary = "Survey results per question, overall and per group, with Wilson intervals and small-number suppression"
    public static let version = "1.1.0"
    public static let options: [OptionDoc] = [
        OptionDoc("min_group_size", "integer ≥ 1", default: "10",
                  "Figures from fewer responses are withheld (primary suppression), and so are the next smallest groups wherever the withheld ones could be worked out from the figures shown — the total, other groups of the grouping, or groups of other groupings (secondary suppression)."),
    ]
    public static let contract = StageContract(records: [.response], provides: [.survey])
    public static let sampleConfiguration = """
        stage: survey-aggregate
        min_group_size: 10
        """

    public static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage {
        SurveyAggregateStage(configuration: configuration)
    }

    // MARK: - Runtime

    private let configuration: Configuration
    /// One tally set per survey definition, in the order first seen.
    private var tallies = [SurveyTally]()

    /// Makes the stage.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Counts a batch's response block from its codes (see `process`).
    public var readsResponseBlocks: Bool { true }

    public func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
        var current: SurveyTally?
        batch.heldRecords.withUnsafeBufferPointer { records in
            var index = 0
            while index < records.count {
                // A run of rows of one block, one after another, is counted from the block's codes,
                // with no response made.
                if let (block, first) = records[index].responseRow {
                    if current?.survey !== block.survey { current = tally(for: block.survey, file: block.file) }
                    var end = index + 1
                    while end < records.count, records[end].isResponse(row: first + end - index, of: block) { end += 1 }
                    current!.add(block, rows: first..<first + end - index)
                    index = end
                    continue
                }
                defer { index += 1 }
                // The fields a tally reads, not the whole response (binding it would copy it).
                guard let response = records[index].tallied else { continue }
                if current?.survey !== response.survey {
                    current = tally(for: response.survey, file: records[index].provenance.file)
                }
                current!.add(answers: response.answers, groups: response.groups, weight: response.weight)
            }
        }
        // The block's rows come after the records held.
        if let block = batch.responseBlock {
            if current?.survey !== block.survey { current = tally(for: block.survey, file: block.file) }
            current!.add(block, rows: 0..<block.count)
        }
        return batch
    }

    /// The tally of a survey, made the first time it is seen.
    private func tally(for survey: SurveyDefinition, file: String) -> SurveyTally {
        if let known = tallies.first(where: { $0.survey === survey }) { return known }
        let tally = SurveyTally(survey: survey, file: file)
        tallies.append(tally)
        return tally
    }

    public func finish(into document: inout BaselineDocument) throws {
        for tally in tallies {
            let (results, suppressed) = tally.results(minGroupSize: configuration.minGroupSize)
            document.survey += results
            document.dataQuality.suppressedCells += suppressed
        }
    }
}

// MARK: - Tallies

/// Counts for one survey, per slot (overall, or one group value) and question.
///
/// A slot's row holds, for each question from `offsets[question]`: blank answers, then
/// - a scale question: one count per point, then one per excluded label;
/// - a multi-select question: respondents who ticked anything, then one count per option;
/// - a free-text question: respondents who wrote something.
/// With weights, a second row per slot holds the same positions as sums of weights, followed by
/// one sum of squared weights per question (over the answers that count: on the scale, or ticked).
final class SurveyTally {
    let survey: SurveyDefinition
    let file: String
    private let offsets: [Int]
    private let width: Int
    /// Per question: the number of points on its scale (0 for free text), and whether it is free text.
    private let pointCounts: [Int]
    private let isFreeText: [Bool]
    // Touched for every response by this class alone, on one thread: the dynamic exclusivity
    // checks Swift would add to each access are left out.
    @exclusivity(unchecked) private var counts: [[Int]] = []
    @exclusivity(unchecked) private var weights: [[Double]]?
    @exclusivity(unchecked) private var groupSlots: [GroupSlots]
    private var slotNames: [(grouping: Int, value: String)] = [(-1, "")]
    /// The atoms: respondents who share a value (slot) in every grouping, −1 where none is given.
    /// Their number is bounded by the combinations of group values, never by respondents.
    private var atomIndex = [[Int]: Int]()
    /// Per atom, per question: the answers that count (on the scale, or ticked).
    @exclusivity(unchecked) private var atomResponses = [[Int]]()
    /// The atom of the response being added, filled in place to spare an allocation per response.
    @exclusivity(unchecked) private var atomKey: [Int]

    init(survey: SurveyDefinition, file: String) {
        self.survey = survey
        self.file = file
        var offsets = [Int](), width = 0
        for question in survey.questions {
            offsets.append(width)
            let points = question.scale?.points.count ?? 0
            if question.multiSelect {
                width += 2 + points
            } else if let scale = question.scale {
                width += 1 + points + scale.excluded.count
            } else {
                width += 2
            }
        }
        self.offsets = offsets
        self.width = width
        pointCounts = survey.questions.map { $0.scale?.points.count ?? 0 }
        isFreeText = survey.questions.map { $0.scale == nil }
        groupSlots = Array(repeating: GroupSlots(), count: survey.groupings.count)
        atomKey = Array(repeating: -1, count: survey.groupings.count)
        counts = [Array(repeating: 0, count: width)]
    }

    func add(answers: [Answer], groups: [String], weight: Double?) {
        if weight != nil, weights == nil { startWeighting() }
        let weight = weight ?? 1
        add(answers, slot: 0, weight: weight)
        for grouping in atomKey.indices { atomKey[grouping] = -1 }
        for (grouping, value) in groups.enumerated() where grouping < groupSlots.count {
            let slot = groupSlot(grouping: grouping, value: value)
            atomKey[grouping] = slot
            add(answers, slot: slot, weight: weight)
        }
        atomResponses[atomID()].withUnsafeMutableBufferPointer { row in
            for (q, answer) in answers.enumerated() where q < row.count {
                switch answer {
                case .point, .selected: row[q] += 1
                default: break
                }
            }
        }
    }

    /// Adds rows of a block of responses to this tally's survey, as `add(answers:groups:weight:)`
    /// adds each of them materialized — slots and atoms made in the same order, so numbered alike —
    /// but reading the block's codes: group codes become slots through tables made per block,
    /// answer codes positions in the count rows.
    func add(_ block: ResponseBlock, rows: Range<Int>) {
        // The number of combinations of the block's group codes, counted up to a bound.
        let combinations = block.groupValues.reduce(1) { $0 > Self.combinationLimit ? $0 : $0 * $1.count }
        if weights == nil, block.weights.isEmpty, combinations <= Self.combinationLimit {
            addByCombination(block, rows: rows, combinations: combinations)
        } else {
            addRowByRow(block, rows: rows, combinations: combinations)
        }
    }

    /// The most combinations of group codes a block's tables are made for.
    private static let combinationLimit = 1 << 16

    /// Unweighted rows: counted first per combination of group codes (the atom's), in a table
    /// of the block's own, which then goes to the overall slot, each group's slot and the atom —
    /// one count per answer rather than one per slot it is counted in. Counts are whole numbers,
    /// so the order they are added in changes nothing (sums of weights are added row by row).
    private func addByCombination(_ block: ResponseBlock, rows: Range<Int>, combinations: Int) {
        let groupings = survey.groupings.count, questions = survey.questions.count
        // Per combination seen: its counts (as a slot's row), then per question the answers that count.
        let rowWidth = width + questions
        var indexOfCombination = [Int32](repeating: -1, count: combinations)
        var seen = [Int](), table = [Int]()
        block.answerCodes.withUnsafeBufferPointer { answerCodes in
            block.groupCodes.withUnsafeBufferPointer { groupCodes in
                for row in rows {
                    var combination = 0
                    for grouping in 0..<groupings {
                        combination = combination * block.groupValues[grouping].count + Int(groupCodes[row * groupings + grouping])
                    }
                    var index = Int(indexOfCombination[combination])
                    if index < 0 {
                        index = seen.count
                        indexOfCombination[combination] = Int32(index)
                        seen.append(combination)
                        table.append(contentsOf: repeatElement(0, count: rowWidth))
                    }
                    let answers = UnsafeBufferPointer(rebasing: answerCodes[row * questions..<(row + 1) * questions])
                    table.withUnsafeMutableBufferPointer { table in
                        let start = index * rowWidth
                        for q in answers.indices {
                            let base = start + offsets[q], answer = answers[q]
                            switch answer.kind {
                            case .blank: table[base] += 1
                            case .point:
                                table[base + 1 + answer.index] += 1
                                table[start + width + q] += 1
                            case .excluded: table[base + 1 + pointCounts[q] + answer.index] += 1
                            case .text: table[base + (isFreeText[q] ? 1 : 0)] += 1
                            case .selected:
                                table[base + 1] += 1
                                for option in block.selection(answer.index) { table[base + 2 + Int(option)] += 1 }
                                table[start + width + q] += 1
                            }
                        }
                    }
                }
            }
        }
        // The place of each grouping's code in a combination (the last grouping's is 1).
        var places = [Int](repeating: 1, count: groupings)
        for grouping in stride(from: groupings - 2, through: 0, by: -1) {
            places[grouping] = places[grouping + 1] * block.groupValues[grouping + 1].count
        }
        table.withUnsafeBufferPointer { table in
            for (index, combination) in seen.enumerated() {
                let counted = UnsafeBufferPointer(rebasing: table[index * rowWidth..<(index + 1) * rowWidth])
                add(counted, slot: 0)
                for grouping in 0..<groupings {
                    let code = combination / places[grouping] % block.groupValues[grouping].count
                    let slot = groupSlot(grouping: grouping, value: block.groupValues[grouping][code])
                    atomKey[grouping] = slot
                    add(counted, slot: slot)
                }
                atomResponses[atomID()].withUnsafeMutableBufferPointer { responses in
                    for q in 0..<questions { responses[q] += counted[width + q] }
                }
            }
        }
    }

    /// Adds a combination's counts (its first `width`) to a slot's row.
    private func add(_ table: UnsafeBufferPointer<Int>, slot: Int) {
        counts[slot].withUnsafeMutableBufferPointer { row in
            for i in 0..<width { row[i] += table[i] }
        }
    }

    /// Rows with weights (or once the tally has them), each added in turn, as materialized ones are.
    private func addRowByRow(_ block: ResponseBlock, rows: Range<Int>, combinations: Int) {
        let groupings = survey.groupings.count, questions = survey.questions.count
        // Per grouping, the slot of each of the block's values, -1 until a row has it.
        var slotOfCode = block.groupValues.map { [Int](repeating: -1, count: $0.count) }
        // The atom of each combination of the block's group codes, where there are few enough of them.
        var atomOfCombination = combinations <= Self.combinationLimit ? [Int](repeating: -1, count: combinations) : []
        block.answerCodes.withUnsafeBufferPointer { answerCodes in
            block.groupCodes.withUnsafeBufferPointer { groupCodes in
                for row in rows {
                    var weight = 1.0
                    if !block.weights.isEmpty, !block.weights[row].isNaN {
                        if weights == nil { startWeighting() }
                        weight = block.weights[row]
                    }
                    let answers = UnsafeBufferPointer(rebasing: answerCodes[row * questions..<(row + 1) * questions])
                    add(answers, of: block, slot: 0, weight: weight)
                    var combination = 0
                    for grouping in 0..<groupings {
                        let code = Int(groupCodes[row * groupings + grouping])
                        var slot = slotOfCode[grouping][code]
                        if slot < 0 {
                            slot = groupSlot(grouping: grouping, value: block.groupValues[grouping][code])
                            slotOfCode[grouping][code] = slot
                        }
                        atomKey[grouping] = slot
                        combination = combination * block.groupValues[grouping].count + code
                        add(answers, of: block, slot: slot, weight: weight)
                    }
                    var atom: Int
                    if atomOfCombination.isEmpty {
                        atom = atomID()
                    } else {
                        atom = atomOfCombination[combination]
                        if atom < 0 {
                            atom = atomID()
                            atomOfCombination[combination] = atom
                        }
                    }
                    atomResponses[atom].withUnsafeMutableBufferPointer { counted in
                        for q in 0..<questions {
                            switch answers[q].kind {
                            case .point, .selected: counted[q] += 1
                            default: break
                            }
                        }
                    }
                }
            }
        }
    }

    /// The slot of `value` of `grouping`, made the first time it is seen.
    private func groupSlot(grouping: Int, value: String) -> Int {
        groupSlots[grouping].slot(for: value) {
            counts.append(Array(repeating: 0, count: width))
            weights?.append(Array(repeating: 0, count: width + survey.questions.count))
            slotNames.append((grouping, value))
            return counts.count - 1
        }
    }

    /// The atom of `atomKey`, made the first time it is seen.
    private func atomID() -> Int {
        let (atom, isNew) = atomIndex.id(for: atomKey)
        if isNew { atomResponses.append(Array(repeating: 0, count: survey.questions.count)) }
        return atom
    }

    /// Counts one block row's answer codes in a slot.
    @inline(__always)
    private func add(_ answers: UnsafeBufferPointer<AnswerCode>, of block: ResponseBlock, slot: Int, weight: Double) {
        counts[slot].withUnsafeMutableBufferPointer { row in
            for q in answers.indices {
                let base = offsets[q], answer = answers[q]
                switch answer.kind {
                case .blank: row[base] += 1
                case .point: row[base + 1 + answer.index] += 1
                case .excluded: row[base + 1 + pointCounts[q] + answer.index] += 1
                case .text: row[base + (isFreeText[q] ? 1 : 0)] += 1
                case .selected:
                    row[base + 1] += 1
                    for option in block.selection(answer.index) { row[base + 2 + Int(option)] += 1 }
                }
            }
        }
        guard weights != nil else { return }
        weights![slot].withUnsafeMutableBufferPointer { row in
            for q in answers.indices {
                let base = offsets[q], squares = width + q, answer = answers[q]
                switch answer.kind {
                case .point:
                    row[base + 1 + answer.index] += weight
                    row[squares] += weight * weight
                case .selected:
                    row[base + 1] += weight
                    for option in block.selection(answer.index) { row[base + 2 + Int(option)] += weight }
                    row[squares] += weight * weight
                default: break
                }
            }
        }
    }

    /// Weights from here on; the responses counted so far had none, so they weigh 1 each.
    private func startWeighting() {
        weights = counts.map { row in
            var sums = row.map(Double.init)
            for (q, question) in survey.questions.enumerated() {
                let base = offsets[q]
                let counted = question.multiSelect ? row[base + 1] : question.scale.map { row[base + 1..<base + 1 + $0.points.count].reduce(0, +) } ?? 0
                sums.append(Double(counted))
            }
            return sums
        }
    }

    private func add(_ answers: [Answer], slot: Int, weight: Double) {
        counts[slot].withUnsafeMutableBufferPointer { row in
            for (q, answer) in answers.enumerated() where q < offsets.count {
                let base = offsets[q]
                switch answer {
                case .blank: row[base] += 1
                case .point(let index): row[base + 1 + index] += 1
                case .excluded(let index): row[base + 1 + survey.questions[q].scale!.points.count + index] += 1
                case .text: row[base + (survey.questions[q].scale == nil ? 1 : 0)] += 1
                case .selected(let options):
                    row[base + 1] += 1
                    for option in options { row[base + 2 + option] += 1 }
                }
            }
        }
        guard weights != nil else { return }
        weights![slot].withUnsafeMutableBufferPointer { row in
            for (q, answer) in answers.enumerated() where q < offsets.count {
                let base = offsets[q], squares = width + q
                switch answer {
                case .point(let index):
                    row[base + 1 + index] += weight
                    row[squares] += weight * weight
                case .selected(let options):
                    row[base + 1] += weight
                    for option in options { row[base + 2 + option] += weight }
                    row[squares] += weight * weight
                default: break
                }
            }
        }
    }

    /// The results of every scored and multi-select question, and how many cells were suppressed.
    func results(minGroupSize: Int) -> ([SurveyQuestionResult], Int) {
        var suppressedCells = 0
        var results = [SurveyQuestionResult]()
        // Each grouping's values in order, once for every question.
        let orderedSlots = groupSlots.map { $0.all.sorted { GroupOrder.precedes($0.value, $1.value) } }
        let atoms = atomIndex.sorted { $0.value < $1.value }.map(\.key)
        for (q, question) in survey.questions.enumerated() {
            guard let scale = question.scale else { continue }
            // Every figure that may be published, as the atoms (with answers to this question) it holds.
            let answering = atoms.indices.filter { atomResponses[$0][q] > 0 }
            var cells = [Suppression.Cell(grouping: nil, name: "", responses: 0, atoms: answering)]
            var figuresOfCells = [figures(slot: 0, question: q)]
            cells[0].responses = figuresOfCells[0].responses
            for (g, values) in orderedSlots.enumerated() {
                for (value, slot) in values {
                    let cellFigures = figures(slot: slot, question: q)
                    cells.append(Suppression.Cell(grouping: g, name: value.isEmpty ? "(not given)" : value, responses: cellFigures.responses,
                                                  atoms: answering.filter { atoms[$0][g] == slot }))
                    figuresOfCells.append(cellFigures)
                }
            }
            let withheld = Suppression.plan(cells: cells, atomCount: atoms.count, minimum: minGroupSize)
            suppressedCells += withheld.count
            for (index, reason) in withheld {
                let because = switch reason {
                case .small: "fewer than \(minGroupSize) responses"
                case .total: "withheld so that a smaller group cannot be worked out from the total"
                case .otherFigures: "withheld so that a smaller group cannot be worked out from the other figures shown"
                }
                figuresOfCells[index] = figuresOfCells[index].suppressed(because: because)
            }
            let overall = figuresOfCells[0]
            var groups = [String: [GroupFigures]]()
            var next = 1
            for (g, grouping) in survey.groupings.enumerated() {
                groups[grouping] = orderedSlots[g].map { value, _ in
                    defer { next += 1 }
                    return GroupFigures(group: value.isEmpty ? "(not given)" : value, figures: figuresOfCells[next])
                }
            }
            results.append(SurveyQuestionResult(id: question.id, source: survey.source, text: question.text, scale: scale.name,
                                                reverse: question.reverse, overall: overall, groups: groups,
                                                provenance: Provenance(source: survey.source, file: file),
                                                multiSelect: question.multiSelect ? true : nil, points: scale.points.map(\.label)))
        }
        return (results, suppressedCells)
    }

    private func figures(slot: Int, question q: Int) -> SurveyFigures {
        let question = survey.questions[q], scale = question.scale!
        let row = counts[slot], base = offsets[q]
        let sums = weights?[slot]
        if question.multiSelect {
            let answered = row[base + 1]
            var distribution = [String: Int](), options = [String: OptionShare]()
            let total = sums?[base + 1] ?? Double(answered)
            let n = sums.map { Self.effectiveSize(total: total, squares: $0[width + q]) } ?? Double(answered)
            for (index, point) in scale.points.enumerated() {
                let count = row[base + 2 + index]
                if count > 0 { distribution[point.label] = count }
                let ticked = sums?[base + 2 + index] ?? Double(count)
                options[point.label] = OptionShare(count: count, percent: total > 0 ? rounded(100 * ticked / total, places: 2) : nil,
                                                   ci95: Self.interval(successes: ticked, of: total, n: n))
            }
            return SurveyFigures(responses: answered, percentPositive: nil, ci95: nil, meanScore: nil, distribution: distribution,
                                 blank: row[base], excluded: [:], options: options,
                                 effectiveSampleSize: sums == nil ? nil : rounded(n, places: 1))
        }
        var responses = 0, distribution = [String: Int]()
        var total = 0.0, positive = 0.0, scoreSum = 0.0
        let n = scale.points.count
        for (index, point) in scale.points.enumerated() {
            let count = row[base + 1 + index]
            guard count > 0 else { continue }
            distribution[point.label] = count
            responses += count
            let weight = sums?[base + 1 + index] ?? Double(count)
            // A reverse-scored item reads the scale from the other end.
            let effective = question.reverse ? scale.points[n - 1 - index] : point
            total += weight
            if effective.positive { positive += weight }
            scoreSum += weight * effective.score
        }
        var excluded = [String: Int]()
        for (index, label) in scale.excluded.enumerated() where row[base + 1 + n + index] > 0 {
            excluded[label] = row[base + 1 + n + index]
        }
        let size = sums.map { Self.effectiveSize(total: total, squares: $0[width + q]) } ?? total
        var percent: Double?, interval: Interval?, mean: Double?
        if total > 0 {
            percent = rounded(100 * positive / total, places: 2)
            interval = Self.interval(successes: positive, of: total, n: size)
            mean = rounded(scoreSum / total, places: 3)
        }
        return SurveyFigures(responses: responses, percentPositive: percent, ci95: interval, meanScore: mean,
                             distribution: distribution, blank: row[base], excluded: excluded,
                             effectiveSampleSize: sums == nil ? nil : rounded(size, places: 1))
    }

    /// Kish's effective sample size: (Σw)² / Σw².
    static func effectiveSize(total: Double, squares: Double) -> Double {
        squares > 0 ? total * total / squares : 0
    }

    /// The Wilson 95% interval, in percent, of `successes` out of `total` (counts, or sums of
    /// weights) taken as a sample of `n` (the count itself, or the effective size with weights).
    static func interval(successes: Double, of total: Double, n: Double) -> Interval? {
        guard total > 0, n > 0 else { return nil }
        let x = n == total ? successes : successes / total * n
        guard let ci = Proportion.wilson(successes: min(x, n), trials: n) else { return nil }
        return Interval(lower: rounded(100 * ci.lower, places: 2), upper: rounded(100 * ci.upper, places: 2))
    }
}

/// The slot of each value of one grouping. Most groupings have a handful of values and the
/// adapter shares one `String` per value, so a short list compared with `==` (which sees
/// shared storage at once) beats hashing every response's value.
struct GroupSlots {
    private var values = [String]()
    private var slots = [Int]()
    private var index = [String: Int]()
    private static let listed = 16

    /// The slot of `value`, made by `make` the first time it is seen.
    mutating func slot(for value: String, make: () -> Int) -> Int {
        for i in values.indices where values[i] == value { return slots[i] }
        if values.count == Self.listed, let slot = index[value] { return slot }
        let slot = make()
        if values.count < Self.listed {
            values.append(value)
            slots.append(slot)
        } else {
            index[value] = slot
        }
        return slot
    }

    /// Every value with its slot.
    var all: [(value: String, slot: Int)] {
        Array(zip(values, slots)) + index.map { ($0.key, $0.value) }
    }
}

extension SurveyFigures {
    /// The same figures with everything but the reason withheld.
    func suppressed(because reason: String) -> SurveyFigures {
        SurveyFigures(responses: 0, percentPositive: nil, ci95: nil, meanScore: nil, distribution: [:], blank: 0, excluded: [:],
                      suppressed: reason)
    }
}
