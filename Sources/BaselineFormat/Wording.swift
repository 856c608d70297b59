import BaselineCore
import BaselineSchema
import BaselineText

/// The words the tool's sinks and `baseline diff` share: plurals, lists, comparisons with
/// benchmarks, significance and missing values, so that one thing is said one way everywhere.
public enum Wording {
    /// A count and its noun, in the right number: `1 indicator`, `3 indicators`, `1,204 people`
    /// (`plural` for an irregular one; by default the noun with `s`).
    public static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        Figure.count(value) + " " + noun(value, singular, plural)
    }

    /// The noun for a count: `indicator` for 1, `indicators` otherwise.
    public static func noun(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        value == 1 ? singular : (plural ?? singular + "s")
    }

    /// Names as a list in words: `a`, `a and b`, `a, b and c`.
    public static func list(_ items: [String]) -> String {
        items.joinedInWords
    }

    /// The words of one comparison with a benchmark: `worse than`, `similar to`, `higher than`…
    /// `nil` for `not_compared` and unknown words.
    public static func comparison(_ word: String) -> String? {
        switch word {
        case "better": "better than"
        case "worse": "worse than"
        case "similar": "similar to"
        case "higher": "higher than"
        case "lower": "lower than"
        default: nil
        }
    }

    /// An indicator's comparisons with its benchmarks in words, worst first: `worse than Vale
    /// and England; similar to Eastfield`; `not compared` when none was made. `names` turns
    /// area codes into names.
    public static func comparisons(_ comparisons: [String: String], names: [String: String]) -> String {
        var parts = [String]()
        for word in ["worse", "better", "higher", "lower", "similar"] {
            let areas = comparisons.filter { $0.value == word }.keys.sorted().map { names[$0] ?? $0 }
            if !areas.isEmpty, let words = comparison(word) { parts.append(words + " " + list(areas)) }
        }
        return parts.isEmpty ? "not compared" : parts.joined(separator: "; ")
    }

    /// Whether a test at 95% found a change: `significant at 95%`, or `within what chance would give`.
    public static func significance(p: Double) -> String {
        p < 0.05 ? "significant at 95%" : "within what chance would give"
    }

    /// A code from the data in words: `not_available` → `not available`, `numbers_only` →
    /// `numbers only`.
    public static func plain(_ code: String) -> String {
        code.replacingEvery("_", with: " ")
    }

    /// A publisher's flag on a value, in words: `provisional`, `low reliability` (GSS `[u]`,
    /// ONS's status `u`), `break in series`.
    public static func status(_ status: String) -> String {
        status == "break" ? "break in series" : plain(status)
    }

    /// A recent trend as a brief shows it: the phrase, with why beside one that cannot be
    /// calculated (`cannot be calculated (a gap between 2019 and 2021)`); `nil` without a trend.
    public static func trend(_ trend: String?, reason: String?) -> String? {
        guard let trend else { return nil }
        return reason.map { "\(trend) (\($0))" } ?? trend
    }

    /// Why a value is missing, in words (`not available`, `too unreliable to publish`);
    /// `missing` when the data does not say.
    public static func missing(_ reason: String?) -> String {
        reason.map { MissingReason(rawValue: $0)?.words ?? plain($0) } ?? "missing"
    }

    /// Values below the rounding, counted for a list of gaps in the evidence: `3 indicator values
    /// below the rounding (rounding to 0 but not 0)`. Such a figure is there, only not published
    /// as a number (`low`, `[low]`, `k`), so it is not said to be "missing".
    public static func belowTheRounding(_ count: Int, _ noun: String) -> String {
        "\(Self.count(count, noun)) below the rounding (rounding to 0 but not 0)"
    }

    /// A name as it reads inside a sentence: its first letter small (`Silos` → `silos`,
    /// `Data sharing` → `data sharing`) unless the first word is an abbreviation or has other
    /// capitals (`NHS waits`, `McKenzie`), which stay as written.
    public static func midSentence(_ name: String) -> String {
        let word = name.prefix { $0 != " " && $0 != "-" }
        guard let first = word.first, first.isUppercase, !word.dropFirst().contains(where: \.isUppercase) else { return name }
        return first.lowercased() + name.dropFirst()
    }

    /// Clauses as one sentence: joined by `; `, its first letter a capital, ending with a full stop.
    public static func sentence(_ clauses: [String]) -> String {
        let text = clauses.joined(separator: "; ")
        return text.prefix(1).uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }
}
