import KubeMintLocks

/// The current ``KeySet`` of a running issuer. Reading is a pointer copy under a short lock;
/// rotation replaces the whole set at once, so a reader sees either the old or the new keys.
/// Each replacement bumps ``generation``, so caches of "verified with these keys" can tell
/// when their entries no longer hold.
package final class KeyRing: Sendable {
    private let current: LockedValue<(keys: KeySet, generation: UInt64)>

    /// A ring holding `keys`.
    package init(_ keys: KeySet) { current = LockedValue((keys, 0)) }

    /// The keys now.
    package var keys: KeySet { current.withLock { $0.keys } }

    /// The keys now and their generation (0 at start, +1 at every ``replace(with:)``), read together.
    package var snapshot: (keys: KeySet, generation: UInt64) { current.withLock { $0 } }

    /// Replace the keys (after rotation or retirement).
    package func replace(with keys: KeySet) { current.withLock { $0 = (keys, $0.generation + 1) } }
}
