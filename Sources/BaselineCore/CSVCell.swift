import Foundation

extension String {
    /// The text as one CSV field (RFC 4180): as it is, or in double quotes with its quotes
    /// doubled when it holds a comma, a quote or a line break. For every CSV the tool writes.
    public var csvField: String {
        guard contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return self }
        return "\"" + replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
