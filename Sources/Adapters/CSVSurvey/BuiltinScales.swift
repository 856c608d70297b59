import BaselineCore

/// The answer scales surveys use most, by name. A pipeline can define its own under `scales:`.
enum BuiltinScales {
    /// Answers counted apart from every built-in scale and kept out of the denominator.
    static let excluded = ["Don't know", "Dont know", "Not sure", "N/A", "NA", "Not applicable", "Prefer not to say"]

    static let all: [String: Scale] = [
        "agree5": scale("agree5", ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"], positive: 2),
        "agree4": scale("agree4", ["Strongly disagree", "Disagree", "Agree", "Strongly agree"], positive: 2),
        "frequency5": scale("frequency5", ["Never", "Rarely", "Sometimes", "Often", "Always"], positive: 2),
        "satisfaction5": scale("satisfaction5", ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied",
                                                 "Satisfied", "Very satisfied"], positive: 2),
        "yesno": scale("yesno", ["No", "Yes"], positive: 1, firstScore: 0),
        "scale0to10": scale("scale0to10", (0...10).map(String.init), positive: 4, firstScore: 0),
    ]

    /// A scale whose top `positive` points count as positive, scored from `firstScore` up.
    private static func scale(_ name: String, _ labels: [String], positive: Int, firstScore: Double = 1) -> Scale {
        Scale(name: name, points: labels.enumerated().map { index, label in
            Scale.Point(label: label, score: firstScore + Double(index), positive: index >= labels.count - positive)
        }, excluded: excluded)
    }
}
