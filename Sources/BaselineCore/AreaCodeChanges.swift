/// Area code changes, old code → new code, as a `join` stage applies them and `baseline diff`
/// matches areas through them.
public enum AreaCodeChanges {
    /// The table with every chain followed to its end: with `A → B` and `B → C` (a code changed
    /// twice, or tables from two years merged), `A` maps to `C`. A cycle (`A → B → A`) stops
    /// where it would come back round.
    public static func resolved(_ table: [String: String]) -> [String: String] {
        var out = [String: String]()
        for (old, new) in table {
            var seen: Set<String> = [old]
            var last = new
            while let next = table[last], !seen.contains(last) {
                seen.insert(last)
                last = next
            }
            out[old] = last
        }
        return out
    }
}
