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

    /// Changes an excerpt with `excerpt` or a response with `response`, in place; observations
    /// are left alone. For a stage that handles both kinds: switching on `records[i]` to find
    /// the kind would copy the payload first.
    @inlinable
    public mutating func modify(excerpt: (inout Excerpt) throws -> Void, response: (inout Response) throws -> Void) rethrows {
        switch consume self {
        case .excerpt(var payload):
            defer { self = .excerpt(payload) }
            try excerpt(&payload)
        case .response(var payload):
            defer { self = .response(payload) }
            try response(&payload)
        case let other:
            self = other
        }
    }

    /// The parts of a response a tally reads, if the record is one. Reading them here, field by
    /// field, spares the copy of the whole response that binding it in a stage costs. For a row
    /// of a `ResponseBlock` the arrays are made on the spot: a stage that tallies every response
    /// reads the block instead (`responseRow`).
    @inlinable
    public var tallied: (survey: SurveyDefinition, answers: [Answer], groups: [String], weight: Double?)? {
        guard case .response(let response) = self else { return nil }
        return (response.survey, response.answers, response.groups, response.weight)
    }

    /// The block and row number of a response that is a row of a block (see `ResponseBlock`),
    /// for a stage that reads the block's columns rather than each response's fields.
    @inlinable
    public var responseRow: (block: ResponseBlock, row: Int)? {
        guard case .response(let response) = self else { return nil }
        return response.blockRow
    }

    /// Whether the record is the response that is row `row` of `block`: for a stage that has
    /// found a row with `responseRow` and looks for the next ones, at less cost (it takes no
    /// reference to the block).
    @inlinable
    public func isResponse(row: Int, of block: ResponseBlock) -> Bool {
        guard case .response(let response) = self, case .row(let other, let index) = response.storage else { return false }
        return index == row && other === block
    }

    /// The text fields of an excerpt, if the record is one, read field by field (see `tallied`):
    /// for a stage that changes an excerpt only now and then.
    @inlinable
    public var redactable: (text: String, heading: String?, path: String?, attributes: [String: String])? {
        guard case .excerpt(let excerpt) = self else { return nil }
        return (excerpt.text, excerpt.heading, excerpt.provenance.path, excerpt.attributes)
    }
}
