/// A place: its name and area code.
public struct Place: Sendable, Codable, Equatable {
    /// The name ("Millbrook").
    public var name: String
    /// The area code (`E07999001`).
    public var code: String

    /// Makes a place.
    public init(name: String, code: String) {
        self.name = name
        self.code = code
    }
}

/// An area other than the place, such as a benchmark.
public struct Area: Sendable, Codable, Equatable {
    /// The area code.
    public var code: String
    /// The name.
    public var name: String
    /// Why it is there (`england`, `region`, `neighbour`).
    public var role: String

    /// Makes an area.
    public init(code: String, name: String, role: String) {
        self.code = code
        self.name = name
        self.role = role
    }
}
