import BaselineCore

/// A record stage that a programme can give only the observations of its own areas: what the
/// stage's output takes from other areas' observations (a range across areas, a mean over
/// areas, counts over the whole file) is worked out once for every place by a shared pass over
/// the file, and handed to each place's stage. See docs/scale.md, "Read once, split by place".
///
/// The runner routes a shared source only when every stage that takes its observations is one
/// of these (and nothing else takes them): the stage must then give, from its kept areas'
/// observations and the pass, exactly the results it gives from every observation.
public protocol AreaRoutedStage: Stage {
    /// The area codes whose observations the stage must be given once it uses a shared pass
    /// (what its pass does not keep for it); the places are given no others.
    var routedAreas: Set<String> { get }
    /// A pass that works out, over every observation of a shared source, what `stages` (every
    /// place's stage, each of this one's configuration) take from other areas.
    func makeSharedPass(for stages: [any AreaRoutedStage]) -> any SharedAreaPass
    /// From now on the stage is given only the observations of its `routedAreas`, and takes
    /// what depends on the others from `pass` (one `makeSharedPass` made for it), complete
    /// before the stage's `finish`.
    func useSharedPass(_ pass: any SharedAreaPass)
}

/// The part of an `AreaRoutedStage` that sees every observation of a shared source, once for all
/// places: given each batch in order, on the source's reading thread, before any place sees it;
/// read by the places' stages only after the source's end.
public protocol SharedAreaPass: AnyObject {
    /// Takes one batch of the shared source, as the source gave it.
    func add(_ batch: RecordBatch)
}
