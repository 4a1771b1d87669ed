import Foundation
import KubeMint
import KubeMintLocks

/// The keys a signer answers with, and when they were last read from their source of truth
/// (`FetchKeysResponse.data_timestamp`, docs/kubernetes-behaviour.md §22).
package struct SignerKeys: Sendable {
    /// The key set: the signing key and every verification key.
    package let keys: KeySet
    /// When this key set was read (or first seen by the signer).
    package let readAt: Date
}

/// Where a signer gets its keys; read at every call, so a rotation shows at the next one.
package protocol SignerKeySource: Sendable {
    /// The keys now. May read the disk: callers are never on an event loop.
    func current() -> SignerKeys
}

/// The key ring of a running `kubemint serve`: rotation and retirement through the control API
/// replace the ring, and the next call sees them. A new ring generation is stamped with the time
/// the signer first sees it.
package final class KeyRingSource: SignerKeySource {
    private let ring: KeyRing
    private let now: @Sendable () -> Date
    private let seen: LockedValue<(generation: UInt64, at: Date)>

    /// A source over `ring`; `now` stamps each new generation (injected in tests).
    package init(ring: KeyRing, now: @escaping @Sendable () -> Date = { Date() }) {
        self.ring = ring
        self.now = now
        seen = LockedValue((ring.snapshot.generation, now()))
    }

    package func current() -> SignerKeys {
        let snapshot = ring.snapshot
        let readAt = seen.withLock { seen in
            if seen.generation != snapshot.generation { seen = (snapshot.generation, now()) }
            return seen.at
        }
        return SignerKeys(keys: snapshot.keys, readAt: readAt)
    }
}
