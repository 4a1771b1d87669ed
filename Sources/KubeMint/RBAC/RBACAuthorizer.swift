import KubeMintLocks

/// RBAC over an ``ObjectStore``: decisions come from an ``RBACIndex`` of the stored roles and
/// bindings, rebuilt on the first decision after one of them changed (docs/kubernetes-behaviour.md §21).
package final class RBACAuthorizer: Sendable {
    private struct Cache {
        var index: RBACIndex?
        /// Bumped by every RBAC change; an index built across a change is not kept.
        var generation: UInt64 = 0
    }

    private let store: ObjectStore
    private let cache = LockedValue(Cache())
    private let observer = LockedValue<StoreObserverToken?>(nil)

    /// An authorizer reading `store`'s RBAC objects.
    package init(store: ObjectStore) {
        self.store = store
        let token = store.observe { [weak self] event in
            guard event.resource.isRBAC else { return }
            self?.cache.withLock { cache in
                cache.index = nil
                cache.generation &+= 1
            }
        }
        observer.withLock { $0 = token }
    }

    deinit {
        if let token = observer.withLock({ $0 }) { store.removeObserver(token) }
    }

    /// The current index of the stored RBAC objects.
    package var index: RBACIndex {
        let (cached, generation) = cache.withLock { ($0.index, $0.generation) }
        if let cached { return cached }
        let built = RBACIndex(store: store)
        cache.withLock { cache in
            if cache.generation == generation { cache.index = built }
        }
        return built
    }

    /// The decision for `request`.
    package func decide(_ request: AuthorizationAttributes) -> RBACIndex.Decision { index.decide(request) }
}
