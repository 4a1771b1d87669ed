/// What a commit hands back with a data directory: its outcome in the write-ahead log, to wait on
/// before the change is acknowledged to anyone. The change becomes visible to readers (and is
/// delivered to observers) only once it is durable; if it cannot be made durable it is undone and
/// the wait throws. In memory (no journal) it is durable at once.
struct Durability: Sendable {
    /// The commit's outcome in the log; nil when the store keeps no log.
    let outcome: CommitOutcome?
    /// The store whose observers get the change once it is durable.
    let store: ObjectStore?

    /// Nothing to wait for.
    static let immediate = Durability(outcome: nil, store: nil)

    /// Blocks the calling thread until the commit is on disk; throws (500) if it never will be.
    func wait() throws(KubeError) {
        guard let outcome else { return }
        if let failure = outcome.wait() { throw StoreJournal.refusal(failure) }
        store?.deliverDurableEvents()
    }

    /// Suspends until the commit is on disk; throws (500) if it never will be.
    func waitAsync() async throws(KubeError) {
        guard let outcome else { return }
        if let failure = await outcome.waitAsync() { throw StoreJournal.refusal(failure) }
        store?.deliverDurableEvents()
    }
}
