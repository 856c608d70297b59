/// Small-number suppression across every figure published for one question: the overall
/// figure and each group of every grouping, taken together.
///
/// Each figure is a set of *atoms*: the respondents who share one value in every grouping (one
/// cell of the full cross-classification, as found in the data). A group is the sum of its
/// atoms, so a withheld figure can be worked out by adding and subtracting shown ones exactly
/// when its atoms are a linear combination of theirs. Groupings that nest (Team within
/// Organisation), cross or overlap need no declaring: the atoms show how they relate.
///
/// - Primary: a figure from fewer than `minimum` responses is withheld.
/// - Remainders: where a grouping nests within a shown figure (the whole, or a group of another
///   grouping), that figure minus the grouping's shown groups inside it is what its withheld
///   groups hold together; it must be nothing or at least `minimum`, so the next smallest shown
///   group inside is withheld until it is.
/// - No withheld figure lies in the span of the shown ones: while one does, the smallest shown
///   group whose withholding takes it out of the span is withheld too.
///
/// Atoms with no responses to the question are left out: they add nothing to any figure. A
/// group with no responses is withheld (primary) but has nothing to work out.
enum Suppression {
    /// One figure that may be published: the overall figure (`grouping` nil) or one group.
    struct Cell {
        /// The grouping's index, nil for the overall figure.
        var grouping: Int?
        /// The group value, for the order in which groups are withheld.
        var name: String
        /// Responses to the question.
        var responses: Int
        /// The atoms (with responses) that make up the figure, ascending.
        var atoms: [Int]
    }

    /// Why a figure is withheld.
    enum Reason: Equatable {
        /// Fewer than the minimum responses.
        case small
        /// Withheld so that the total minus the shown groups does not give a small sum or a group.
        case total
        /// Withheld so that no withheld figure can be worked out from the shown ones.
        case otherFigures
    }

    /// The figures to withhold, by index into `cells`, with why; `atomCount` atoms in all.
    static func plan(cells: [Cell], atomCount: Int, minimum: Int) -> [Int: Reason] {
        var withheld = [Int: Reason]()
        for (index, cell) in cells.enumerated() where cell.responses < minimum { withheld[index] = .small }
        // A withheld whole leaves every group below the minimum too: nothing is shown.
        if let whole = cells.firstIndex(where: { $0.grouping == nil }), withheld[whole] != nil { return withheld }
        let vectors = cells.map { cell in
            var vector = [Double](repeating: 0, count: atomCount)
            for atom in cell.atoms { vector[atom] = 1 }
            return vector
        }
        let atomSets = cells.map { Set($0.atoms) }
        // Shown groups in the order they are withheld: fewest responses first, then by grouping and name.
        let order = cells.indices.filter { cells[$0].grouping != nil }.sorted {
            (cells[$0].responses, cells[$0].grouping!, cells[$0].name) < (cells[$1].responses, cells[$1].grouping!, cells[$1].name)
        }
        var changed = true
        while changed {
            changed = false
            // Remainders of nested groupings.
            for (outer, cell) in cells.enumerated() where withheld[outer] == nil {
                for grouping in Set(cells.compactMap(\.grouping)).sorted() where grouping != cell.grouping {
                    let members = cells.indices.filter { cells[$0].grouping == grouping && !atomSets[$0].isEmpty }
                    guard members.allSatisfy({ atomSets[$0].isSubset(of: atomSets[outer]) || atomSets[$0].isDisjoint(with: atomSets[outer]) })
                    else { continue }
                    let inside = members.filter { atomSets[$0].isSubset(of: atomSets[outer]) }
                    let hidden = inside.filter { withheld[$0] != nil }.reduce(0) { $0 + cells[$1].responses }
                    guard hidden > 0, hidden < minimum,
                          let next = order.first(where: { inside.contains($0) && withheld[$0] == nil }) else { continue }
                    withheld[next] = cell.grouping == nil ? .total : .otherFigures
                    changed = true
                }
            }
            // No withheld figure in the span of the shown ones.
            let shown = cells.indices.filter { withheld[$0] == nil }
            let span = Span(shown.map { vectors[$0] })
            guard let exposed = withheld.keys.sorted().first(where: { !cells[$0].atoms.isEmpty && span.contains(vectors[$0]) })
            else { continue }
            let candidates = order.filter { withheld[$0] == nil }
            let rest = { (left: Int) in Span(shown.filter { $0 != left }.map { vectors[$0] }) }
            guard let next = candidates.first(where: { !rest($0).contains(vectors[exposed]) })
                ?? candidates.first(where: { !rest($0).contains(vectors[$0]) }) else { break }
            withheld[next] = .otherFigures
            changed = true
        }
        return withheld
    }

    /// The linear span of some vectors, by Gaussian elimination with partial pivoting.
    struct Span {
        /// Rows scaled to 1 at their pivot and zero at the pivots of the rows before them.
        private var rows = [(pivot: Int, row: [Double])]()
        private static let tolerance = 1e-9

        /// The span of `vectors`.
        init(_ vectors: [[Double]]) {
            for vector in vectors {
                let residual = reduced(vector)
                guard let pivot = residual.indices.max(by: { abs(residual[$0]) < abs(residual[$1]) }),
                      abs(residual[pivot]) > Self.tolerance else { continue }
                rows.append((pivot, residual.map { $0 / residual[pivot] }))
            }
        }

        /// What is left of `vector` once the span's rows are taken out of it.
        private func reduced(_ vector: [Double]) -> [Double] {
            var vector = vector
            for (pivot, row) in rows where vector[pivot] != 0 {
                let factor = vector[pivot]
                for i in vector.indices { vector[i] -= factor * row[i] }
            }
            return vector
        }

        /// Whether `vector` is a linear combination of the span's vectors.
        func contains(_ vector: [Double]) -> Bool {
            reduced(vector).allSatisfy { abs($0) <= Self.tolerance }
        }
    }
}
