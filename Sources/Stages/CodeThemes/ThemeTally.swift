import BaselineCore

/// Who said a coded passage, as far as the material says: breakdown entries such as
/// (`role`, `Frontline`), interned as ids, and an attribution for quotes. Never a name or a
/// respondent id.
struct Speaker {
    /// Ids of (breakdown name, value) pairs — role, organisation, kind, other survey groups —
    /// in the stage's `BreakdownPairs`.
    var pairs: [Int32]
    /// "Role, Organisation (kind)" for a quote.
    var attribution: String
    /// The organisation, to spread quotes over organisations.
    var organisation: String
    /// Whether a survey respondent said it: such counts follow the survey's suppression.
    var fromSurvey = false

    /// The value breakdowns show when the material does not say.
    static let notRecorded = "not recorded"
}

/// The (breakdown name, value) pairs seen so far, each with a small id, so that counting a
/// mention is array arithmetic rather than nested dictionary look-ups.
struct BreakdownPairs {
    private(set) var pairs = [(name: String, value: String)]()
    private var ids = [String: Int32]()

    /// The id of the pair.
    mutating func id(_ name: String, _ value: String) -> Int32 {
        let key = name + "\u{1F}" + value
        if let id = ids[key] { return id }
        let id = Int32(pairs.count)
        pairs.append((name, value))
        ids[key] = id
        return id
    }

    /// The speakers made so far without other groups (the notes' case), by role,
    /// organisation and kind: ten thousand notes from a few dozen kinds of speaker make each
    /// one once.
    private var made = [NoteSpeakerKey: Speaker]()

    private struct NoteSpeakerKey: Hashable {
        var role: String?
        var organisation: String?
        var kind: String
    }

    /// The speaker with these role, organisation, kind and other groups.
    mutating func speaker(role: String?, organisation: String?, kind: String, otherGroups: [(String, String)] = []) -> Speaker {
        guard otherGroups.isEmpty else { return makeSpeaker(role: role, organisation: organisation, kind: kind, otherGroups: otherGroups) }
        let key = NoteSpeakerKey(role: role, organisation: organisation, kind: kind)
        if let speaker = made[key] { return speaker }
        let speaker = makeSpeaker(role: role, organisation: organisation, kind: kind, otherGroups: [])
        made[key] = speaker
        return speaker
    }

    private mutating func makeSpeaker(role: String?, organisation: String?, kind: String, otherGroups: [(String, String)]) -> Speaker {
        func value(_ text: String?) -> String {
            guard let text, !text.isEmpty else { return Speaker.notRecorded }
            return text
        }
        let groups = [("role", value(role)), ("organisation", value(organisation)), ("kind", kind)] + otherGroups
        let who = [role, organisation].compactMap { $0 }.filter { !$0.isEmpty }
        return Speaker(pairs: groups.map { id($0.0, $0.1) },
                       attribution: who.isEmpty ? kind : "\(who.joined(separator: ", ")) (\(kind))",
                       organisation: value(organisation))
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

    /// Whether `self` is a better quote than `other`.
    func isBetter(than other: QuoteCandidate) -> Bool {
        withUnsafePointer(to: other) { Self.ranks(score: score, provenance: provenance, before: $0) }
    }

    /// Whether a passage with `score` at `provenance` is a better quote than `other`: a higher
    /// score, then the earlier file and line, so the choice never depends on batch sizes or the
    /// order of the inputs. (`other` is read in place, field by field: passed as a value, the
    /// whole candidate would be copied, every string retained and released, once per coded
    /// passage.)
    static func ranks(score: Int, provenance: Provenance, before other: UnsafePointer<QuoteCandidate>) -> Bool {
        if score != other.pointee.score { return score > other.pointee.score }
        if provenance.file != other.pointee.provenance.file { return provenance.file < other.pointee.provenance.file }
        if provenance.line != other.pointee.provenance.line { return (provenance.line ?? 0) < (other.pointee.provenance.line ?? 0) }
        return (provenance.path ?? "") < (other.pointee.provenance.path ?? "")
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
/// counts by document, breakdown pair and theme.
struct ThemeTally {
    var mentions = 0
    /// Bit `d` is set when document `d` mentions the theme: ids are small and dense (one per
    /// notes file), so a bit set is a fraction of a `Set`'s memory and needs no hashing.
    private var documentBits = [UInt64]()
    /// The number of distinct documents mentioning the theme.
    private(set) var documents = 0
    private var lastDocument: Int32 = -1
    var respondents = 0
    /// Mentions per breakdown pair id, from notes.
    var pairCounts = [Int]()
    /// Mentions per breakdown pair id, from survey answers: shown only for the groups whose
    /// survey figures are shown.
    var surveyPairCounts = [Int]()
    /// Mentions shared with each other theme, by theme index.
    var coOccurring: [Int]
    /// The best candidates so far, best first.
    var candidates = [QuoteCandidate]()
    /// The passages the codebook pins, in the order found.
    var pinned = [QuoteCandidate]()

    init(themes: Int) {
        coOccurring = Array(repeating: 0, count: themes)
    }

    /// Counts one coded passage.
    mutating func count(_ speaker: Speaker) {
        mentions += 1
        if speaker.fromSurvey {
            for pair in speaker.pairs {
                while surveyPairCounts.count <= Int(pair) { surveyPairCounts.append(0) }
                surveyPairCounts[Int(pair)] += 1
            }
        } else {
            for pair in speaker.pairs {
                while pairCounts.count <= Int(pair) { pairCounts.append(0) }
                pairCounts[Int(pair)] += 1
            }
        }
    }

    /// Counts one document mentioning the theme.
    mutating func count(document: Int32) {
        guard document != lastDocument else { return }
        lastDocument = document
        let word = Int(document) >> 6, bit = UInt64(1) << (UInt64(document) & 63)
        if word >= documentBits.count { documentBits += repeatElement(0, count: word + 1 - documentBits.count) }
        if documentBits[word] & bit == 0 {
            documentBits[word] |= bit
            documents += 1
        }
    }

    /// Whether a passage with `score` at `provenance` could enter the candidates, when `limit`
    /// are kept. (`mutating` though it changes nothing: called as `tallies[i].wants(…)`, a
    /// non-mutating method would get a copy of the whole tally, arrays and all.)
    mutating func wants(score: Int, provenance: Provenance, limit: Int) -> Bool {
        guard candidates.count >= limit else { return true }
        guard !candidates.isEmpty else { return false }  // limit 0: nothing is kept
        return candidates.withUnsafeBufferPointer { QuoteCandidate.ranks(score: score, provenance: provenance, before: $0.baseAddress! + ($0.count - 1)) }
    }

    /// Offers a candidate; keeps the best `limit`.
    /// The same words said twice (survey answers are often alike) are one candidate, at their
    /// best-ranked place: a theme's quotes never repeat themselves. What is kept is the best
    /// `limit` distinct texts, whatever the order the passages come in.
    mutating func offer(_ candidate: consuming QuoteCandidate, limit: Int) {
        let position = candidates.firstIndex { candidate.isBetter(than: $0) } ?? candidates.count
        guard position < limit else { return }
        if let same = candidates.firstIndex(where: { $0.text == candidate.text }) {
            guard same >= position else { return }  // the same words already rank higher
            candidates.remove(at: same)
        }
        candidates.insert(consume candidate, at: position)
        if candidates.count > limit { candidates.removeLast() }
    }

    /// `count` quotes from the candidates, spread first over organisations and sources, then
    /// over sources, then as they rank; none whose words are in `taken` (quoted under another theme).
    func quotes(_ count: Int, excluding taken: Set<String> = []) -> [QuoteCandidate] {
        var chosen = [Int]()
        var origins = Set<String>()
        var organisations = Set<String>()
        for pass in 0..<3 {
            for (index, candidate) in candidates.enumerated() where chosen.count < count && !chosen.contains(index) && !taken.contains(candidate.text) {
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
