extension Dictionary {
    /// Whether `self` and `other` are the same dictionary — one storage shared by copies — which
    /// makes them equal without comparing a single entry. The excerpts of one notes file share
    /// their attributes this way, so a stage that caches what it worked out from the last
    /// excerpt's attributes checks them in one comparison. `false` says nothing: compare with
    /// `==` then.
    @inlinable
    public func sharesStorage(with other: Self) -> Bool {
        // A dictionary's value is one reference to its storage: the same bits, the same storage.
        withUnsafeBytes(of: self) { mine in
            withUnsafeBytes(of: other) { theirs in
                mine.elementsEqual(theirs)
            }
        }
    }
}

extension Dictionary where Value: Equatable {
    /// `==`, answered at once when the two share one storage (see `sharesStorage(with:)`).
    @inlinable
    public func equalsFast(_ other: Self) -> Bool {
        sharesStorage(with: other) || self == other
    }
}

extension Dictionary where Value == Int {
    /// The number `key` is known by: its own when it has one, else the next (`count`), given
    /// to it now — so keys are numbered 0, 1, 2… in the order first seen. `isNew` says the
    /// number was given now, for the caller to make the slot it numbers.
    @inlinable
    public mutating func id(for key: Key) -> (id: Int, isNew: Bool) {
        if let known = self[key] { return (known, false) }
        let id = count
        self[key] = id
        return (id, true)
    }
}
