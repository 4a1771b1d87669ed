import KubeMintLocks

/// A controller's hold on the store's events (the root CA publisher, the pod-certificate signer):
/// the observer token, kept until ``cancel()``.
final class StoreSubscription: Sendable {
    let store: ObjectStore
    private let token = LockedValue<StoreObserverToken?>(nil)

    /// A subscription to `store`'s events, not yet delivering any.
    init(store: ObjectStore) { self.store = store }

    /// Delivers every later event to `handler` (on the committing thread: hand work off quickly).
    func begin(_ handler: @escaping @Sendable (StoreEvent) -> Void) {
        let observer = store.observe(handler)
        token.withLock { $0 = observer }
    }

    /// Stops delivering events; idempotent.
    func cancel() {
        if let observer = token.withLock({ token in
            defer { token = nil }; return token
        }) {
            store.removeObserver(observer)
        }
    }
}
