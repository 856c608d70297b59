import Testing
@testable import Indicators

/// The spine chart's figures by selection equal those from a sorted copy, bit for bit.
@Suite struct SpineFiguresTests {
    /// A small seeded generator, so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    static func check(_ values: [Double]) {
        var selected = values
        let bySelection = SpineFigures(selecting: &selected)
        let bySorting = SpineFigures(sorted: values.sorted())
        #expect(bySelection == bySorting, "\(values)")
        // Bit for bit: zeros of either sign compare equal.
        #expect(bySelection.q25.bitPattern == bySorting.q25.bitPattern && bySelection.q75.bitPattern == bySorting.q75.bitPattern
                    && bySelection.lowest.bitPattern == bySorting.lowest.bitPattern
                    && bySelection.highest.bitPattern == bySorting.highest.bitPattern, "\(values)")
        #expect(selected.sorted() == values.sorted(), "the values are reordered, not changed")
    }

    @Test("Random values, every size from 1 to 300 and some large: selection equals sorting")
    func randomSizes() {
        var generator = Generator(state: 19)
        for count in Array(1...300) + [1_000, 4_097, 33_755] {
            Self.check((0..<count).map { _ in Double.random(in: -1_000...1_000, using: &generator) })
        }
    }

    @Test("Ties: few distinct values, all equal, sorted and reversed input")
    func ties() {
        var generator = Generator(state: 22)
        for count in 1...200 {
            Self.check((0..<count).map { _ in Double(Int.random(in: 0...3, using: &generator)) })
            Self.check((0..<count).map { _ in Double(Int.random(in: 0...count, using: &generator)) / 2 })
            Self.check(Array(repeating: 4.25, count: count))
            Self.check((0..<count).map(Double.init))
            Self.check((0..<count).reversed().map(Double.init))
        }
    }

    @Test("From 2,048 values, one pass between bracketing sample values finds the figures; ties, runs and skew fall back or agree")
    func bracketedPass() {
        var generator = Generator(state: 31)
        // Random values: the pass itself answers (not the selections it falls back to).
        for count in [2_048, 2_049, 5_000, 34_001] {
            let values = (0..<count).map { _ in Double.random(in: -50...50, using: &generator) }
            let h25 = Double(count - 1) * 0.25, h75 = Double(count - 1) * 0.75
            let first = (Int(h25.rounded(.down)), h25 - h25.rounded(.down)), second = (Int(h75.rounded(.down)), h75 - h75.rounded(.down))
            let figures = SpineFigures.bracketed(values, first, second)
            #expect(figures == SpineFigures(sorted: values.sorted()), "\(count) values")
            Self.check(values)
        }
        // Few distinct values, one value, sorted, reversed, a cluster with far outliers, and
        // a run of equal values across a percentile: equal to sorting whichever way they go.
        for count in [2_048, 3_001, 9_999] {
            Self.check((0..<count).map { _ in Double(Int.random(in: 0...3, using: &generator)) })
            Self.check((0..<count).map { _ in Double(Int.random(in: 0...100, using: &generator)) / 10 })
            Self.check(Array(repeating: 7.5, count: count))
            Self.check((0..<count).map(Double.init))
            Self.check((0..<count).reversed().map(Double.init))
            Self.check((0..<count).map { $0 % 97 == 0 ? 1e12 : Double($0 % 13) })
            Self.check((0..<count).map { $0 < count / 5 || $0 > count / 3 ? Double($0) : 42 }.shuffled(using: &generator))
        }
    }

    @Test("Zeros of both signs keep the figures sorting gave")
    func signedZeros() {
        Self.check([0.0, -0.0])
        Self.check([-0.0, 0.0, 1, -1])
        Self.check([0.0, -0.0, 0.0, -0.0, 0.0])
        Self.check([3, 0.0, 2, -0.0, 1])
    }

    @Test("Known figures: type 7 quartiles of six values")
    func known() {
        var values = [30, 10, 16.2, 11, 20, 12.5]
        let figures = SpineFigures(selecting: &values)
        #expect(figures.lowest == 10 && figures.highest == 30)
        #expect(abs(figures.q25 - 11.375) < 1e-12 && abs(figures.q75 - 19.05) < 1e-12)
    }
}
