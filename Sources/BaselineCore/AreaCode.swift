/// Area codes as the Government Statistical Service writes them.
public enum AreaCode {
    /// Whether `text` is a GSS code: `E`, `K`, `N`, `S` or `W` (England, areas across the
    /// nations, Northern Ireland, Scotland, Wales) and eight digits, `E08000026`. Read in place:
    /// it runs for every observation a `join` stage sees and every row of a police file.
    public static func isGSS(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == 9, let first = bytes.first else { return false }
        return "EKNSW".utf8.contains(first) && bytes.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
