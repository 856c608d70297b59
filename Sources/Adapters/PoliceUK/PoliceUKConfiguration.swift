import BaselineCore

/// The options of a `police-uk` source, as written in a pipeline file.
///
/// Every key is documented in `README.md` beside this file and in `PoliceUKAdapter.options`.
public struct PoliceUKConfiguration: Decodable, Sendable {
    /// The period each crime is counted in.
    public enum Grain: String, Sendable, CaseIterable {
        /// The month the file gives (`2024-03`).
        case month
        /// The calendar year (`2024`).
        case year
        /// The April-to-March financial year (`2023-24` for January to March 2024).
        case financialYear = "financial-year"
    }

    /// The street-level files: a folder (every `…-street.csv` in it and its sub-folders, as the
    /// download unpacks), a glob in the last part of the path (`police/2024-03/*-street.csv`),
    /// or one file.
    public var path: InputFolder
    /// The period each crime is counted in.
    public var period: Grain

    enum CodingKeys: String, OptionKey { case path, period }

    /// Decodes the options; an unknown period is an error at its line.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try InputFolder.decode(c, forKey: .path, holding: "police.uk files")
        let name = try c.decodeIfPresent(String.self, forKey: .period) ?? Grain.year.rawValue
        guard let period = Grain(rawValue: name) else {
            throw DecodingError.dataCorruptedError(forKey: .period, in: c,
                                                   debugDescription: "unknown period '\(name)' — use one of: \(Grain.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.period = period
    }
}
