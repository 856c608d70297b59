import Testing
@testable import SurveyAggregate

/// The order a grouping's values are shown in: bands by their numbers, the rest by their text.
@Suite struct GroupOrderTests {
    private func ordered(_ values: [String]) -> [String] {
        values.sorted(by: GroupOrder.precedes)
    }

    @Test("SurveyMonkey's company sizes (no-break spaces and thousands separators) in size order, not as text")
    func companySizes() {
        let shown = ["2-50", "51-250", "251-1,000", "1,000-10,000", "Greater than\u{A0}10,000"]
        #expect(ordered(shown.reversed()) == shown)
        #expect(ordered(["1,000-10,000", "2-50", "251-1,000", "51-250", "Greater than\u{A0}10,000"]) == shown)
    }

    @Test("Age bands: under first, then the bands, then the open-ended one")
    func ageBands() {
        let shown = ["Under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
        #expect(ordered(shown.shuffled()) == shown)
        #expect(ordered(["75 and over", "Less than 16", "16 to 74"]) == ["Less than 16", "16 to 74", "75 and over"])
        #expect(ordered(["10 or more", "Fewer than 10", "10"]) == ["Fewer than 10", "10", "10 or more"])
        #expect(ordered(["19-64", "65 and over", "18 and under"]) == ["18 and under", "19-64", "65 and over"])
        // A currency between the words and the number: still "over" the band.
        #expect(ordered(["Over £50,000", "£30,000-£49,999", "Under £30,000"]) == ["Under £30,000", "£30,000-£49,999", "Over £50,000"])
    }

    @Test("Names without numbers keep their text order, after the numbered ones; the blank value first")
    func namesAndBlanks() {
        #expect(ordered(["Police", "Council", "", "NHS Trust", "Voluntary sector"]) == ["", "Council", "NHS Trust", "Police", "Voluntary sector"])
        #expect(ordered(["Team 37", "Team 7", "Team 100", "Managers"]) == ["Team 7", "Team 37", "Team 100", "Managers"])
        #expect(ordered(["1.5 hours", "1 hour", "10 hours", "2 hours"]) == ["1 hour", "1.5 hours", "2 hours", "10 hours"])
    }

    @Test("A comma that is not a thousands separator ends the number")
    func commas() {
        #expect(GroupOrder.key("1,000")?.number == 1000)
        #expect(GroupOrder.key("1,00")?.number == 1)
        #expect(GroupOrder.key("1,0000")?.number == 1)
        #expect(GroupOrder.key("3, 4")?.number == 3)
        #expect(GroupOrder.key("12,345,678 people")?.number == 12_345_678)
        #expect(GroupOrder.key("none") == nil)
    }
}
