import Foundation
import KubeMintLocks

/// The in-memory object store: namespaces, nodes, service accounts, secrets and pods as JSON
/// trees keyed by (resource, namespace, name), with the apiserver's create/get/list/delete
/// semantics and the side effects a cluster's controllers add (default service accounts,
/// namespace cascade, token secrets).
///
/// Thread-safe: one lock (``LockedValue``) guards the maps; every read is a hash lookup plus a reference-count
/// increment (objects are copy-on-write), so lookups on the TokenReview path hold the lock for
/// well under a microsecond, and lists copy references under the lock and sort outside it.
/// Failed requests never change the store: every check runs before the first mutation.
package final class ObjectStore: Sendable {
    /// Everything behind the lock.
    struct State {
        /// resource → namespace ("" for cluster-scoped) → name → object.
        var buckets: [ResourceKind: [String: [String: JSONObject]]] = [:]
        var resourceVersion: UInt64 = 0
        var observers: [(id: UInt64, handler: @Sendable (StoreEvent) -> Void)] = []
        var nextObserverID: UInt64 = 0
        var pendingEvents: [StoreEvent] = []
        var delivering = false
        var tokenFiller: (any SecretTokenFiller)?
        /// Pods are deleted gracefully (``setGracefulPodDeletion(_:)``); off: removed at once.
        var gracefulPods = false
        /// The write-ahead log every commit is appended to (`--data-dir`); nil: in memory only.
        var journal: StoreJournal?
        /// With a journal, `buckets` runs ahead of what is durable by the commits not yet on disk
        /// (writers check against them); readers see the durable state: `buckets` with the durable
        /// value of every key those commits changed put back (``StoreShadows``).
        var shadows = StoreShadows()
        /// The resource version of the durable state.
        var visibleResourceVersion: UInt64 = 0
        /// The last log record the durable state includes.
        var visibleSeq: UInt64 = 0

        /// The resource version readers see.
        var readableResourceVersion: UInt64 { journal == nil ? resourceVersion : visibleResourceVersion }

        /// The object as readers see it: every commit in memory, the durable ones with a journal.
        func readableObject(_ resource: ResourceKind, _ namespace: String, _ name: String) -> JSONObject? {
            if !shadows.isEmpty, let shadow = shadows.entry(resource, namespace, name) { return shadow.durable }
            return buckets[resource]?[namespace]?[name]
        }

        /// The objects of `resource` as readers see them (namespace → name → object).
        func readableBucket(_ resource: ResourceKind) -> [String: [String: JSONObject]] {
            shadows.apply(to: buckets[resource] ?? [:], resource)
        }

        /// The object as writers see it (including commits not yet durable).
        /// The CA bundle of ``ObjectStore/rootCACertificatePEM``.
        var rootCACertificatePEM: String { tokenFiller?.caCertificatePEM ?? "" }

        func object(_ resource: ResourceKind, _ namespace: String, _ name: String) -> JSONObject? {
            buckets[resource]?[namespace]?[name]
        }
    }

    let state: LockedValue<State>
    /// The clock creation timestamps come from.
    package let clock: any KubeClock
    /// The source of UIDs and generated-name suffixes.
    package let uids: any UIDGenerator

    /// The deepest nesting of objects and arrays a stored object may have: the API's JSON limit.
    /// The data directory reads stored records with this plus its own wrapper depth, so every
    /// object the store accepts loads back after a restart.
    package static let maxObjectDepth = JSONValue.defaultMaxDepth

    /// The namespaces a new cluster has.
    package static let systemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]
    /// Namespaces the apiserver refuses to delete (NamespaceLifecycle admission).
    package static let immortalNamespaces: Set<String> = ["default", "kube-system", "kube-public"]

    /// A store reading time from `clock` and UIDs from `uids`. With `bootstrap` (the default) it
    /// starts as a fresh cluster does: the ``systemNamespaces``, each with its `default`
    /// ServiceAccount. `tokenFiller` fills legacy token secrets (see ``SecretTokenFiller``).
    package init(
        clock: any KubeClock = SystemClock(), uids: any UIDGenerator = RandomUIDGenerator(),
        tokenFiller: (any SecretTokenFiller)? = nil, bootstrap: Bool = true
    ) {
        self.clock = clock
        self.uids = uids
        var initial = State()
        initial.tokenFiller = tokenFiller
        state = LockedValue(initial)
        if bootstrap { bootstrapSystemNamespaces() }
    }

    /// Creates the ``systemNamespaces`` (each with its `default` ServiceAccount) that are missing:
    /// what a fresh cluster starts with. Run by `init(bootstrap: true)`, and after opening an
    /// empty data directory.
    package func bootstrapSystemNamespaces() {
        for namespace in ObjectStore.systemNamespaces where lookup(.namespaces, name: namespace) == nil {
            // Cannot fail on a healthy store: valid names, checked absent.
            _ = try? create(.namespaces, ["metadata": ["name": .string(namespace)]])
        }
    }

    /// The cluster CA bundle (PEM) the `kube-root-ca.crt` ConfigMaps publish: the token filler's,
    /// empty without one (a server without TLS has no CA).
    package var rootCACertificatePEM: String { state.withLock { $0.rootCACertificatePEM } }

    /// Sets (or clears) the hook that fills legacy token secrets created from now on.
    package func setSecretTokenFiller(_ filler: (any SecretTokenFiller)?) {
        state.withLock { $0.tokenFiller = filler }
    }

    /// The store's current resource version (of the last committed change), as a string.
    package var resourceVersion: String { String(state.withLock { $0.readableResourceVersion }) }

    /// The namespace key of `resource`: the given namespace (or `default`) when namespaced, "" otherwise.
    func namespaceKey(_ resource: ResourceKind, _ namespace: String?) -> String {
        guard resource.isNamespaced else { return "" }
        guard let namespace, !namespace.isEmpty else { return "default" }
        return namespace
    }

    /// Stores `object` under a new resource version and returns the event for it.
    /// Only call after every check of the request has passed.
    static func put(
        _ object: JSONObject, _ resource: ResourceKind, _ namespace: String, _ name: String,
        type: StoreEvent.EventType,
        in state: inout State
    ) -> StoreEvent {
        state.resourceVersion += 1
        var stored = object
        stored.setValue(.string(String(state.resourceVersion)), at: ["metadata", "resourceVersion"])
        state.shadowBeforeChange(resource, namespace, name)
        let previous = type == .modified ? state.buckets[resource]?[namespace]?[name] : nil
        state.buckets[resource, default: [:]][namespace, default: [:]][name] = stored
        return StoreEvent(
            type: type, resource: resource, object: stored, resourceVersion: state.resourceVersion,
            previous: previous)
    }

    /// Removes an object under a new resource version and returns the event for it (the
    /// event's object carries the deletion's resource version).
    static func remove(
        _ resource: ResourceKind, _ namespace: String, _ name: String, in state: inout State
    ) -> StoreEvent? {
        guard state.buckets[resource]?[namespace]?[name] != nil else { return nil }
        state.shadowBeforeChange(resource, namespace, name)
        guard let removed = state.buckets[resource]?[namespace]?.removeValue(forKey: name) else {
            return nil
        }
        if state.buckets[resource]?[namespace]?.isEmpty == true {
            state.buckets[resource]?[namespace] = nil
        }
        state.resourceVersion += 1
        var last = removed
        last.setValue(.string(String(state.resourceVersion)), at: ["metadata", "resourceVersion"])
        return StoreEvent(
            type: .deleted, resource: resource, object: last, resourceVersion: state.resourceVersion)
    }
}
