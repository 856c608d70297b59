import BaselineCore
import Foundation

/// `max_rejected:` on a source: the largest share of its records that may be bad (quarantined,
/// or skipped under `on_error: skip`) before the run fails. A good file has a few bad rows; a
/// file the adapter misreads has many, and must not give a quiet, thin baseline.
///
/// Written as a percentage (`10%`) or a fraction (`0.1`); `100%` turns the check off.
public struct RejectThreshold: Decodable, Sendable, Equatable, CustomStringConvertible {
    /// The share, from 0 to 1.
    public var share: Double

    /// The default: 5%.
    public static let standard = RejectThreshold(share: 0.05)

    /// Makes a threshold from a share between 0 and 1.
    public init(share: Double) {
        self.share = share
    }

    /// Reads `10%`, `0.1` or `1`; anything else, or a share outside 0…1, is an error naming the forms.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self).trimmingCharacters(in: .whitespaces)
        let percent = text.hasSuffix("%")
        let number = Double(percent ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text)
        guard let number, number.isFinite else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "max_rejected '\(text)' is not a share — write a percentage (10%) or a fraction (0.1)"))
        }
        let share = percent ? number / 100 : number
        guard (0...1).contains(share) else {
            let hint = !percent && number > 1 && number <= 100 ? "did you mean \(text)%?" : "write a percentage from 0% to 100%, or a fraction from 0 to 1"
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "max_rejected '\(text)' is outside 0–100% — \(hint)"))
        }
        self.share = share
    }

    /// Whether `rejected` of `read` records is more than the threshold allows.
    public func isExceeded(rejected: Int, of read: Int) -> Bool {
        read > 0 && Double(rejected) > share * Double(read)
    }

    /// As a percentage (`5%`, `2.5%`).
    public var description: String { SourceAccount.percent(share) }
}
