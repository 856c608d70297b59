// MARK: - Did-you-mean suggestions, for every message that names something unknown.

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
///
/// Bounded whatever the input: a candidate whose length differs from the word's by more than the
/// distance allowed cannot be close enough and is passed over without measuring, and neither
/// a word nor a candidate longer than `longest` characters is measured (a header cell of a
/// megabyte against a name of 2,000 characters took seconds, for a suggestion no one needs).
public func closest(to word: String, in candidates: [String]) -> String? {
    let longest = 300
    let wanted = Array(word.lowercased())
    let allowed = max(2, word.count / 3)
    guard wanted.count <= longest else { return nil }
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        // A cheap bound first: the UTF-8 length is at least the character count.
        guard candidate.utf8.count >= wanted.count - allowed else { continue }
        let lowered = Array(candidate.lowercased())
        guard lowered.count <= longest, abs(lowered.count - wanted.count) <= allowed else { continue }
        let distance = editDistance(wanted, lowered)
        guard distance <= allowed else { continue }
        if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.candidate) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// The Levenshtein distance between two strings.
public func editDistance(_ a: String, _ b: String) -> Int {
    editDistance(Array(a), Array(b))
}

/// The Levenshtein distance between two strings as characters.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// `word` with every Unicode space (a no-break space U+00A0, a thin space U+2009…) as a plain
/// space: labels copied from a spreadsheet or a web page often hold one where a person typed a
/// space.
public func plainSpaced(_ word: String) -> String {
    guard word.unicodeScalars.contains(where: isOtherSpace) else { return word }
    return String(String.UnicodeScalarView(word.unicodeScalars.map { isOtherSpace($0) ? " " : $0 }))
}

/// The one candidate equal to `word` once Unicode spaces are plain spaces (`plainSpaced`);
/// `nil` when none is, or more than one.
public func matchingSpaces(_ word: String, in candidates: [String]) -> String? {
    let wanted = plainSpaced(word)
    let found = candidates.filter { plainSpaced($0) == wanted }
    return found.count == 1 ? found[0] : nil
}

/// "did you mean '…'?" for the candidate closest to `word`, or `nil`. When the guess would look
/// the same as `word` on the screen (the two differ only by a no-break space, a zero-width
/// space…), both are shown with those characters escaped (`Company\u{A0}size`), so that the
/// difference can be seen.
public func didYouMean(_ word: String, in candidates: [String]) -> String? {
    guard let guess = closest(to: word, in: candidates) else { return nil }
    guard guess != word, seen(guess) == seen(word) else { return "did you mean '\(guess)'?" }
    return "did you mean '\(escapingInvisible(guess))'? What is written, '\(escapingInvisible(word))', differs from it only by characters that do not show"
}

/// `text` with its invisible characters (spaces other than U+0020, format and control
/// characters) written as `\u{…}`.
public func escapingInvisible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        if isInvisible(scalar) {
            out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// What a reader sees of `text`: its Unicode spaces as spaces, its invisible characters gone.
private func seen(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.compactMap { isOtherSpace($0) ? " " : isInvisible($0) ? nil : $0 }))
}

/// A space separator other than the plain space.
private func isOtherSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar != " " && scalar.properties.generalCategory == .spaceSeparator
}

/// A character a reader cannot see or tell from a plain space.
private func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .spaceSeparator: scalar != " "
    case .format, .control: true
    default: false
    }
}
