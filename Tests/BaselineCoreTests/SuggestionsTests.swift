import BaselineCore
import Testing

/// Did-you-mean suggestions that can be told apart from what was typed.
@Suite struct SuggestionsTests {
    static let nbsp = "Company size=Greater\u{A0}than 10,000"
    static let labels = [nbsp, "Company size=Less than 10"]

    @Test("a label with a no-break space matches one typed with a plain space, when only one does")
    func unicodeSpacesMatchPlainOnes() {
        #expect(matchingSpaces("Company size=Greater than 10,000", in: Self.labels) == Self.nbsp)
        #expect(matchingSpaces("Company\u{2009}size=Greater than 10,000", in: Self.labels) == Self.nbsp)
        #expect(matchingSpaces("Company size=Greater than 10,000", in: [Self.nbsp, "Company size=Greater than\u{202F}10,000"]) == nil)
        #expect(matchingSpaces("Company size=Greater than 1,000", in: Self.labels) == nil)
        #expect(plainSpaced("a\u{A0}b\u{3000}c") == "a b c")
    }

    @Test("a suggestion that looks the same as the typed text shows its invisible characters escaped")
    func invisibleDifferencesAreEscaped() {
        #expect(didYouMean("Company size=Greater than 10,000", in: Self.labels)
            == "did you mean 'Company size=Greater\\u{A0}than 10,000'? What is written, 'Company size=Greater than 10,000', differs from it only by characters that do not show")
        #expect(didYouMean("Riverside Hou\u{200B}sing", in: ["Riverside Housing"])
            == "did you mean 'Riverside Housing'? What is written, 'Riverside Hou\\u{200B}sing', differs from it only by characters that do not show")
        #expect(didYouMean("Riversde Housing", in: ["Riverside Housing"]) == "did you mean 'Riverside Housing'?")
        #expect(didYouMean("zzz", in: ["Riverside Housing"]) == nil)
    }

    /// The same guesses as measuring every candidate: the closest within the distance allowed,
    /// ties to the first by its text; candidates too far in length are passed over unmeasured.
    @Test("the closest candidate is the one measuring all would give; length bounds skip only hopeless ones")
    func closestIsUnchangedByItsBounds() {
        #expect(closest(to: "Orgx", in: ["ID", "Org", "Q1", "Organisation"]) == "Org")
        #expect(closest(to: "colour", in: ["color", "colours", "collar"]) == "color")
        #expect(closest(to: "ab", in: ["ba", "ab "]) == "ab ")
        #expect(closest(to: "Wellbeing", in: ["wellbeing"]) == "wellbeing", "case is ignored")
        #expect(closest(to: "x", in: ["abc"]) == nil)
        // Nothing over 300 characters is measured: no guess, and no time spent.
        let long = String(repeating: "y", count: 2_000)
        #expect(closest(to: long, in: [long + "z"]) == nil)
        #expect(closest(to: "yyy", in: [String(repeating: "y", count: 1_000_000)]) == nil)
    }
}
