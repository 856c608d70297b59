import BaselineHandoff

extension BaselineError {
    /// A thread the run needs that the system would not start, with what to do.
    public init(_ failure: ThreadStartError) {
        self.init(failure.description,
                  hint: "the system allows no more threads (its limit on processes, `ulimit -u`, or its memory): "
                      + "raise the limit, or run less at once (a programme starts a thread for each place)")
    }
}
