import Dispatch

/// What a commit hands back with a data directory: its place in the write-ahead log, to wait on
/// before the change is acknowledged to anyone. In memory (no journal) it is durable at once.
struct Durability: Sendable {
    /// The log the commit was appended to; nil when the store keeps no log.
    let journal: StoreJournal?
    /// The commit's sequence number in that log.
    let seq: UInt64

    /// Nothing to wait for.
    static let immediate = Durability(journal: nil, seq: 0)

    /// Blocks the calling thread until the commit is on disk; throws (500) if it can never be.
    func wait() throws(KubeError) {
        guard let journal, let failure = journal.waitBlocking(seq) else { return }
        throw StoreJournal.refusal(failure)
    }

    /// Suspends until the commit is on disk; throws (500) if it can never be.
    func waitAsync() async throws(KubeError) {
        guard let journal, let failure = await journal.waitAsync(seq) else { return }
        throw StoreJournal.refusal(failure)
    }
}
