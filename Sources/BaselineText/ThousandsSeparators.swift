/// Whole numbers as people read them, their digits grouped in threes with commas (`10,013`):
/// the one grouping every output uses. It sits below the modules that show figures, so that
/// `BaselineFormat` (`Figure.count`) and the notes of an adapter, which may not import that
/// module, group alike.
public enum ThousandsSeparators {
    /// `value` with a comma between each group of three digits: `10013` → `10,013`,
    /// `-1204` → `-1,204`, `999` → `999`.
    public static func grouped(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(digits: String(value.magnitude))
    }

    /// A run of digits (`"10013"`) grouped in threes from the right (`"10,013"`).
    public static func grouped(digits: String) -> String {
        var out = ""
        let count = digits.count
        out.reserveCapacity(count + count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0, (count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
