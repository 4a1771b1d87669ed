import Dispatch
import KubeMintLocks

/// The clusterrole-aggregation controller (docs/kubernetes-behaviour.md §21.2): after every
/// ClusterRole change it rewrites the rules of the aggregated ClusterRoles (``ClusterRoleAggregation``)
/// on its own queue, off the caller's thread. ``flush()`` waits for the work queued so far.
package final class ClusterRoleAggregator: Sendable {
    private let store: ObjectStore
    private let queue = DispatchQueue(label: "kubemint.clusterrole-aggregation")
    private let observer = LockedValue<StoreObserverToken?>(nil)

    /// A controller over `store`; it does nothing until ``start()``.
    package init(store: ObjectStore) { self.store = store }

    /// Start observing ClusterRole changes.
    package func start() {
        let token = store.observe { [weak self] event in
            guard event.resource == .clusterroles, let self else { return }
            self.queue.async { self.store.aggregateClusterRoles() }
        }
        observer.withLock { $0 = token }
    }

    /// Stop observing.
    package func stop() {
        if let token = observer.withLock({ token in
            defer { token = nil }; return token
        }) {
            store.removeObserver(token)
        }
    }

    /// Blocks until every sync queued so far has run.
    package func flush() { queue.sync {} }

    deinit { stop() }
}
