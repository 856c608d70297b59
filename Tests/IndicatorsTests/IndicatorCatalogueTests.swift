import BaselineCore
import BaselineIndicators
import BaselineSchema
import Foundation
import Testing

/// The indicator catalogue in YAML and CSV, and its located errors.
@Suite struct IndicatorCatalogueTests {
    /// A catalogue fixture as the pipeline would name it.
    static func input(_ name: String) throws -> InputFile {
        InputFile(path: name, relativeTo: try #require(Bundle.module.resourcePath) + "/Fixtures/catalogues")
    }

    /// Loads a catalogue that must fail, and returns the error.
    static func failure(_ name: String) throws -> BaselineError {
        do {
            _ = try IndicatorCatalogue.load(try input(name))
        } catch let error as BaselineError {
            return error
        }
        Issue.record("\(name) loaded without an error")
        throw BaselineError("no error")
    }

    @Test("YAML and CSV catalogues give the same definitions, with defaults for unit and multiplier", arguments: ["good.yaml", "good.csv"])
    func loads(file: String) throws {
        let catalogue = try IndicatorCatalogue.load(try Self.input(file))
        #expect(catalogue.file == file)
        #expect(catalogue.indicators.map(\.id) == ["admissions", "homelessness_duty_rate", "life_expectancy", "school_readiness"])
        var readiness = IndicatorDefinition(
            id: "school_readiness", name: "Children with a good level of development", unit: "%", valueType: .proportion,
            multiplier: 100, polarity: .highIsGood, theme: "school readiness")
        readiness.unitGiven = false   // the default for a proportion: a unit published with the figures is shown instead
        #expect(catalogue["school_readiness"] == readiness)
        #expect(catalogue["homelessness_duty_rate"] == IndicatorDefinition(
            id: "homelessness_duty_rate", name: "Households owed a homelessness duty", unit: "per 1,000 households",
            valueType: .rate, multiplier: 1000, polarity: .lowIsGood, theme: "homelessness"))
        #expect(catalogue["admissions"]?.unit == "count" && catalogue["admissions"]?.multiplier == 1
                && catalogue["admissions"]?.polarity == .noJudgement && catalogue["admissions"]?.theme == nil)
        #expect(catalogue["life_expectancy"]?.unit == "years" && catalogue["life_expectancy"]?.valueType == .mean)
        #expect(catalogue["life_expectancy"]?.unitGiven == true && catalogue["admissions"]?.unitGiven == false)
        #expect(catalogue["fuel_poverty"] == nil)
    }

    @Test("`also_named` (one name or a list; in CSV, names between `|`) resolves the publishers' other names to the entry; a name two entries claim is an error")
    func alsoNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("also-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            indicators:
              - { id: anxiety, name: Anxiety, also_named: "Anxiety mean score (where 10 is 'completely anxious')", value_type: score, polarity: low_is_good }
              - { id: inactive, name: Economically inactive, also_named: [Economic Inactivity Rate, Inactivity], value_type: proportion, polarity: low_is_good }
            """.write(toFile: folder + "/c.yaml", atomically: true, encoding: .utf8)
        try """
            id,name,value_type,polarity,also_named
            anxiety,Anxiety,score,low_is_good,Anxiety mean score (where 10 is 'completely anxious')
            inactive,Economically inactive,proportion,low_is_good,Economic Inactivity Rate|Inactivity
            """.write(toFile: folder + "/c.csv", atomically: true, encoding: .utf8)
        for file in ["c.yaml", "c.csv"] {
            let catalogue = try IndicatorCatalogue.load(InputFile(path: file, relativeTo: folder))
            #expect(catalogue.resolve("Anxiety mean score (where 10 is 'completely anxious')")?.id == "anxiety", "\(file)")
            #expect(catalogue.resolve("Economic Inactivity Rate")?.id == "inactive" && catalogue.resolve("inactivity")?.id == "inactive", "\(file)")
            #expect(catalogue["inactive"]?.name == "Economically inactive" && catalogue["inactive"]?.alsoNamed == ["Economic Inactivity Rate", "Inactivity"])
        }
        try """
            indicators:
              - { id: anxiety, name: Anxiety, value_type: score, polarity: low_is_good }
              - { id: happiness, name: Happiness, also_named: [Anxiety], value_type: score, polarity: high_is_good }
            """.write(toFile: folder + "/twice.yaml", atomically: true, encoding: .utf8)
        let error = try #require(throws: BaselineError.self) { try IndicatorCatalogue.load(InputFile(path: "twice.yaml", relativeTo: folder)) }
        #expect(error.message == "'Anxiety', another name of 'happiness', already names 'anxiety'" && error.hint == "give each name to one indicator only")
    }

    /// A try-out's Fingertips file: "'11501' (did you mean '10101'?)" — two ids two digits apart
    /// are no nearer in meaning than any others.
    @Test("An id of digits alone gets no did-you-mean; a name or a word id still does")
    func noSuggestionForNumericIds() throws {
        let catalogue = try IndicatorCatalogue(yaml: """
            indicators:
              - { id: "10101", name: Children in absolute low income families, value_type: proportion, polarity: low_is_good }
              - { id: "93014", name: Percentage of physically active adults, value_type: proportion, polarity: high_is_good }
              - { id: school_readiness, name: School readiness, value_type: proportion, polarity: high_is_good }
            """, file: "catalogue.yaml")
        for id in ["11501", "10110", "10102", "93015", "93041", " 9301 "] {
            #expect(catalogue.suggestion(for: id) == nil, "\(id)")
        }
        #expect(catalogue.suggestion(for: "Percentage of physicaly active adults") == "93014")
        #expect(catalogue.suggestion(for: "school_readines") == "school_readiness")
        #expect(catalogue.suggestion(for: "10101a") == "10101", "not digits alone: a typo of a code")
    }

    @Test("A misspelt key is reported at its line and column with a suggestion")
    func unknownKey() throws {
        let error = try Self.failure("unknown-key.yaml")
        #expect(error.file == "unknown-key.yaml" && error.line == 5 && error.column == 5, "\(error)")
        #expect(error.message.contains("'polarty'") && error.hint == "did you mean 'polarity'?", "\(error)")
    }

    @Test("A misspelt polarity is reported at its value, not at the start of its entry, with a suggestion")
    func badPolarity() throws {
        let error = try Self.failure("bad-polarity.yaml")
        #expect(error.line == 5 && error.column == 15, "\(error)")
        #expect(error.message.contains("'hihg_is_good'") && error.message.contains("did you mean 'high_is_good'?"), "\(error)")
    }

    @Test("A rate needs a multiplier")
    func rateWithoutMultiplier() throws {
        let error = try Self.failure("rate-without-multiplier.yaml")
        // No `multiplier:` to point at: the entry's first line.
        #expect(error.line == 2 && error.column == 5 && error.message.contains("has no multiplier"), "\(error)")
    }

    @Test("An id defined twice is reported at the second definition")
    func duplicate() throws {
        let error = try Self.failure("duplicate.yaml")
        #expect(error.line == 6 && error.column == 5 && error.message.contains("first at line 2"), "\(error)")
    }

    @Test("A key given twice (at its first line) and a control character are YAML errors at their line and column")
    func yamlErrors() throws {
        let twice = try Self.failure("duplicate-key.yaml")
        #expect(twice.line == 4 && twice.column == 5 && twice.message.contains("'value_type' appears twice"), "\(twice)")
        let control = try Self.failure("control-character.yaml")
        #expect(control.line == 3 && control.column == 12 && control.message.contains("control characters are not allowed (U+0002)"),
                "\(control)")
    }

    @Test("CSV: a bad value is reported at its line and column; an unknown column with a suggestion")
    func csvErrors() throws {
        let badType = try Self.failure("bad-type.csv")
        #expect(badType.line == 2 && badType.column == 3 && badType.message.contains("'proportoin'"), "\(badType)")
        #expect(badType.hint == "did you mean 'proportion'?", "\(badType)")
        let unknown = try Self.failure("unknown-column.csv")
        #expect(unknown.line == 1 && unknown.column == 3 && unknown.hint == "did you mean 'value_type'?", "\(unknown)")
    }
}
