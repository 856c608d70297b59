/// The `p`-quantile of `sorted` (ascending, not empty) by linear interpolation between order
/// statistics — Hyndman and Fan's type 7, the default of R's `quantile()`, NumPy's
/// `percentile()` and Excel's `PERCENTILE.INC`: with `h = (n − 1)·p`, the value is
/// `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋])` (0-based). `p` is clamped to 0…1.
public func quantile(sorted: [Double], _ p: Double) -> Double {
    precondition(!sorted.isEmpty, "quantile of no values")
    let h = Double(sorted.count - 1) * min(max(p, 0), 1)
    let low = Int(h.rounded(.down))
    guard low + 1 < sorted.count else { return sorted[low] }
    return sorted[low] + (h - Double(low)) * (sorted[low + 1] - sorted[low])
}
