/// What one watch sees: a resource, a namespace (nil: all) and its selectors. Turns a store event
/// into the event this watcher gets, as the cacher's `cacheWatcher.convertToWatchEvent` does: an
/// object that starts matching is ADDED, one that stops matching is DELETED (its previous state
/// with the change's resourceVersion), one that matches before and after is MODIFIED
/// (docs/kubernetes-behaviour.md §16).
package struct WatchFilter: Sendable {
    /// The watched resource.
    package let resource: ResourceKind
    /// The namespace of a namespaced watch; nil for all namespaces and for cluster-scoped kinds.
    package let namespace: String?
    /// The label and field selectors.
    package let selector: ObjectSelector

    /// A filter for `resource` in `namespace` (ignored for cluster-scoped kinds) with `selector`.
    package init(resource: ResourceKind, namespace: String?, selector: ObjectSelector) {
        self.resource = resource
        self.namespace = resource.isNamespaced ? namespace : nil
        self.selector = selector
    }

    /// Whether `object`, a stored object of ``resource``, is in the namespace and matches.
    package func includes(_ object: JSONObject) -> Bool {
        if let namespace, object["metadata"]?["namespace"]?.stringValue != namespace { return false }
        return selector.matches(object)
    }

    /// The event this watcher gets for `event`, or nil when it concerns nothing the watcher sees.
    package func watchEvent(for event: StoreEvent) -> WatchEvent? {
        guard event.resource == resource else { return nil }
        switch event.type {
        case .added:
            return includes(event.object) ? WatchEvent(type: .added, object: event.object) : nil
        case .deleted:
            return includes(event.object) ? WatchEvent(type: .deleted, object: event.object) : nil
        case .modified:
            let now = includes(event.object)
            let before = event.previous.map(includes) ?? now
            switch (before, now) {
            case (false, true): return WatchEvent(type: .added, object: event.object)
            case (true, true): return WatchEvent(type: .modified, object: event.object)
            case (true, false):
                var last = event.previous ?? event.object
                last.setValue(.string(String(event.resourceVersion)), at: ["metadata", "resourceVersion"])
                return WatchEvent(type: .deleted, object: last)
            case (false, false): return nil
            }
        }
    }
}
