import BaselineCore

/// Who said a coded passage, as far as the material says: breakdown pairs such as
/// (`role`, `Frontline`) and an attribution for quotes. Never a name or a respondent id.
struct Speaker {
    /// (breakdown name, value) pairs: role, organisation and kind, then any other survey groups.
    var groups: [(String, String)]
    /// "Role, Organisation (kind)" for a quote.
    var attribution: String

    /// The value breakdowns show when the material does not say.
    static let notRecorded = "not recorded"

    init(role: String?, organisation: String?, kind: String, otherGroups: [(String, String)] = []) {
        func value(_ text: String?) -> String {
            guard let text, !text.isEmpty else { return Self.notRecorded }
            return text
        }
        groups = [("role", value(role)), ("organisation", value(organisation)), ("kind", kind)] + otherGroups
        let who = [role, organisation].compactMap { $0 }.filter { !$0.isEmpty }
        attribution = who.isEmpty ? kind : "\(who.joined(separator: ", ")) (\(kind))"
    }
}

/// A passage that may be quoted for a theme.
struct QuoteCandidate {
    /// The passage as it reached the stage.
    var text: String
    /// Who said it.
    var attribution: String
    /// Where it is.
    var provenance: Provenance
    /// What makes it a good quote: more matches of the theme, and a length that reads well.
    var score: Int
    /// The notes document or survey row it comes from, to spread quotes over sources.
    var origin: String
    /// The organisation, to spread quotes over organisations.
    var organisation: String

    /// Whether `self` is a better quote than `other`: a higher score, then the earlier file and
    /// line, so the choice never depends on batch sizes or the order of the inputs.
    func isBetter(than other: QuoteCandidate) -> Bool {
        if score != other.score { return score > other.score }
        if provenance.file != other.provenance.file { return provenance.file.utf8.lexicographicallyPrecedes(other.provenance.file.utf8) }
        if provenance.line != other.provenance.line { return (provenance.line ?? 0) < (other.provenance.line ?? 0) }
        return (provenance.path ?? "").utf8.lexicographicallyPrecedes((other.provenance.path ?? "").utf8)
    }

    /// The score of a passage with `hits` matches of a theme and `length` characters.
    static func score(hits: Int32, length: Int) -> Int {
        let fit = switch length {
        case 60...300: 50
        case 30..<60, 301...500: 20
        default: 0
        }
        return Int(min(hits, 3)) * 100 + fit
    }
}

/// The running counts of one theme. Bounded: the quote candidates are capped, and the rest is
/// counts keyed by documents and group values.
struct ThemeTally {
    var mentions = 0
    var documents = Set<Int32>()
    var respondents = 0
    var breakdown = [String: [String: Int]]()
    var coOccurring = [Int32: Int]()
    /// The best candidates so far, best first.
    var candidates = [QuoteCandidate]()

    /// Counts one coded passage.
    mutating func count(_ speaker: Speaker) {
        mentions += 1
        for (name, value) in speaker.groups {
            breakdown[name, default: [:]][value, default: 0] += 1
        }
    }

    /// Whether a passage with `score` could enter the candidates, when `limit` are kept.
    func wants(score: Int, limit: Int) -> Bool {
        candidates.count < limit || score >= candidates[candidates.count - 1].score
    }

    /// Offers a candidate; keeps the best `limit`.
    mutating func offer(_ candidate: QuoteCandidate, limit: Int) {
        let position = candidates.firstIndex { candidate.isBetter(than: $0) } ?? candidates.count
        guard position < limit else { return }
        candidates.insert(candidate, at: position)
        if candidates.count > limit { candidates.removeLast() }
    }

    /// `count` quotes from the candidates, spread first over organisations and sources, then
    /// over sources, then as they rank.
    func quotes(_ count: Int) -> [QuoteCandidate] {
        var chosen = [Int]()
        var origins = Set<String>()
        var organisations = Set<String>()
        for pass in 0..<3 {
            for (index, candidate) in candidates.enumerated() where chosen.count < count && !chosen.contains(index) {
                let newOrigin = !origins.contains(candidate.origin)
                let newOrganisation = !organisations.contains(candidate.organisation)
                guard pass == 2 || (newOrigin && (pass == 1 || newOrganisation)) else { continue }
                chosen.append(index)
                origins.insert(candidate.origin)
                organisations.insert(candidate.organisation)
            }
        }
        return chosen.sorted().map { candidates[$0] }
    }
}
