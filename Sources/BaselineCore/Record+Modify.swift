extension Record {
    /// Changes the excerpt in place, if the record is one; other records are left alone.
    ///
    /// The payload is moved out and back rather than copied, so a stage that looks at (or
    /// changes) every excerpt of a batch pays no reference counting for the fields it leaves
    /// alone — worth having at a hundred thousand excerpts a second.
    @inlinable
    public mutating func modifyExcerpt(_ body: (inout Excerpt) throws -> Void) rethrows {
        switch consume self {
        case .excerpt(var excerpt):
            defer { self = .excerpt(excerpt) }
            try body(&excerpt)
        case let other:
            self = other
        }
    }

    /// Changes the response in place, if the record is one; other records are left alone.
    @inlinable
    public mutating func modifyResponse(_ body: (inout Response) throws -> Void) rethrows {
        switch consume self {
        case .response(var response):
            defer { self = .response(response) }
            try body(&response)
        case let other:
            self = other
        }
    }
}
