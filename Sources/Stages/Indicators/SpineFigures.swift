import BaselineStatistics

/// The figures of a spine chart over a set of values — lowest, 25th percentile, 75th percentile,
/// highest (type 7 quantiles, as `quantile(sorted:_:)`) — found by selection rather than by
/// sorting every value: each percentile needs only the value at its rank and the one after it.
///
/// Each figure is one of the values or interpolated from two of them exactly as
/// `quantile(sorted:_:)` interpolates them, so the figures equal those from a sorted copy, bit
/// for bit. The one case where selection could tell equal values apart is both zeros (`-0.0` and
/// `0.0` compare equal, and a stable sort keeps their input order): any negative zero among the
/// values makes it sort, so the figures stay what sorting gave.
struct SpineFigures: Equatable {
    var lowest: Double
    var q25: Double
    var q75: Double
    var highest: Double

    /// The figures of `values` (finite, at least one), which may be reordered.
    init(selecting values: inout [Double]) {
        precondition(!values.isEmpty, "spine figures of no values")
        if values.contains(where: { $0 == 0 && $0.sign == .minus }) {
            values.sort()
            self.init(sorted: values)
        } else {
            self = Self.select(&values)
        }
    }

    private init(lowest: Double, q25: Double, q75: Double, highest: Double) {
        self.lowest = lowest
        self.q25 = q25
        self.q75 = q75
        self.highest = highest
    }

    /// The figures of `values`, by two selections.
    private static func select(_ values: inout [Double]) -> SpineFigures {
        let count = values.count
        func rank(_ p: Double) -> (low: Int, fraction: Double) {
            let h = Double(count - 1) * p
            let low = Int(h.rounded(.down))
            return (low, h - Double(low))
        }
        let (low25, fraction25) = rank(0.25)
        let (low75, fraction75) = rank(0.75)
        if count >= bracketedFrom, let figures = bracketed(values, (low25, fraction25), (low75, fraction75)) {
            return figures
        }
        values.withUnsafeMutableBufferPointer { buffer in
            select(low25, in: buffer, from: 0, to: count)
            if low75 > low25 { select(low75, in: buffer, from: low25 + 1, to: count) }
        }
        // After both selections each selected rank holds the value a sort would put there, with
        // none greater before it and none smaller after it: the value of the next rank is the
        // smallest after it, the lowest the smallest up to the first, the highest the largest
        // from the second.
        let ranked = values
        func interpolated(_ low: Int, _ fraction: Double) -> Double {
            guard low + 1 < count else { return ranked[low] }
            let a = ranked[low], b = ranked[(low + 1)...].min()!
            return a + fraction * (b - a)
        }
        return SpineFigures(lowest: ranked[...low25].min()!, q25: interpolated(low25, fraction25),
                            q75: interpolated(low75, fraction75), highest: ranked[low75...].max()!)
    }

    /// From how many values `bracketed` is tried: below, the two selections are as quick.
    static let bracketedFrom = 2_048

    /// The figures of `values` from one pass over them, or `nil` when a sample misjudged where
    /// a rank lies (then the two selections find them).
    ///
    /// A sorted sample of 256 values gives, around each percentile's rank, two values that
    /// should bracket it. One pass, with no branch that depends on the values (a branch taken at
    /// random is what the selections spend most of their time on), finds the lowest and the
    /// highest, counts the values below each bracket and copies those inside it. When a rank and
    /// the one after it are among those inside its bracket, selecting among them (an eighth of
    /// the values) gives what selecting among all would: the value a sort puts at a rank is the
    /// same however it is found.
    static func bracketed(_ values: [Double], _ first: (low: Int, fraction: Double), _ second: (low: Int, fraction: Double)) -> SpineFigures? {
        let count = values.count, samples = 256, slack = 16
        var sample = (0..<samples).map { values[$0 * count / samples] }
        sample.sort()
        func bracket(_ rank: Int) -> (Double, Double) {
            let at = rank * samples / count
            return (sample[max(0, at - slack)], sample[min(samples - 1, at + slack + 1)])
        }
        let (from25, to25) = bracket(first.low), (from75, to75) = bracket(second.low)
        let room = count / 4
        let inside25 = UnsafeMutableBufferPointer<Double>.allocate(capacity: room + 1)
        let inside75 = UnsafeMutableBufferPointer<Double>.allocate(capacity: room + 1)
        defer {
            inside25.deallocate()
            inside75.deallocate()
        }
        // (Every running figure a local of the closure: captured from outside, each would live
        // in a box in memory, and the pass took three times as long.)
        let pass = values.withUnsafeBufferPointer { values in
            var lowest = values[0], highest = values[0]
            var below25 = 0, below75 = 0, taken25 = 0, taken75 = 0
            for value in values {
                lowest = value < lowest ? value : lowest
                highest = value > highest ? value : highest
                below25 &+= value < from25 ? 1 : 0
                below75 &+= value < from75 ? 1 : 0
                // Written at the next place whether or not it is inside (then overwritten).
                inside25[min(taken25, room)] = value
                taken25 &+= (value >= from25 ? 1 : 0) & (value <= to25 ? 1 : 0)
                inside75[min(taken75, room)] = value
                taken75 &+= (value >= from75 ? 1 : 0) & (value <= to75 ? 1 : 0)
            }
            return (lowest: lowest, highest: highest, below25: below25, below75: below75, taken25: taken25, taken75: taken75)
        }
        guard pass.taken25 <= room, pass.taken75 <= room else { return nil }
        func figure(_ rank: (low: Int, fraction: Double), _ buffer: UnsafeMutableBufferPointer<Double>, below: Int, taken: Int) -> Double? {
            let at = rank.low - below
            let next = rank.low + 1 < count
            guard at >= 0, at + (next ? 1 : 0) < taken else { return nil }
            select(at, in: buffer, from: 0, to: taken)
            guard next else { return buffer[at] }
            var after = buffer[at + 1]
            for index in (at + 1)..<taken where buffer[index] < after { after = buffer[index] }
            return buffer[at] + rank.fraction * (after - buffer[at])
        }
        guard let q25 = figure(first, inside25, below: pass.below25, taken: pass.taken25),
              let q75 = figure(second, inside75, below: pass.below75, taken: pass.taken75) else { return nil }
        return SpineFigures(lowest: pass.lowest, q25: q25, q75: q75, highest: pass.highest)
    }

    /// The figures of `sorted` (ascending, at least one value).
    init(sorted: [Double]) {
        lowest = sorted.first!
        highest = sorted.last!
        q25 = quantile(sorted: sorted, 0.25)
        q75 = quantile(sorted: sorted, 0.75)
    }

    /// Reorders `buffer[start..<end]` so that the value at `rank` is the one a sort would put
    /// there, with none greater before it and none smaller after it (Hoare's selection, the
    /// pivot a median of three).
    private static func select(_ rank: Int, in buffer: UnsafeMutableBufferPointer<Double>, from start: Int, to end: Int) {
        var low = start, high = end - 1
        while high > low {
            let middle = low + (high - low) / 2
            if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
            if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
            if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
            let pivot = buffer[middle]
            var i = low, j = high
            while i <= j {
                while buffer[i] < pivot { i += 1 }
                while pivot < buffer[j] { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j {
                high = j
            } else if rank >= i {
                low = i
            } else {
                return
            }
        }
    }
}
