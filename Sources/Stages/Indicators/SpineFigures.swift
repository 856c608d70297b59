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

    /// The figures of `values` (finite, at least one), which are reordered.
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
