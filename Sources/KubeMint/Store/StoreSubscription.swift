import Dispatch
import KubeMintLocks

/// A controller's hold on the store's events (the root CA publisher, the pod-certificate signer):
/// the observer token, kept until ``cancel()``.
package final class StoreSubscription: Sendable {
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

/// A controller that works on its own serial queue from store events (the root CA publisher,
/// the pod-certificate signer): started, stopped and waited for the same way.
package protocol StoreController: AnyObject, Sendable {
    /// The serial queue its work runs on.
    var queue: DispatchQueue { get }
    /// Its hold on the store's events.
    var subscription: StoreSubscription { get }
    /// Notes what `event` asks for and queues the work (called on the committing thread).
    func handle(_ event: StoreEvent)
    /// Brings everything up to date, blocking until done.
    func syncAll()
}

extension StoreController {
    /// Observe the store and bring everything up to date now (blocking until done).
    package func start() {
        subscription.begin { [weak self] event in self?.handle(event) }
        syncAll()
    }

    /// Stop observing and wait for work already queued.
    package func stop() {
        subscription.cancel()
        flush()
    }

    /// Blocks until every piece of work asked for so far has run.
    package func flush() { queue.sync {} }
}
