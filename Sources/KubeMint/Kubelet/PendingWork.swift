/// What store events asked ``TokenProjector`` to sync since its last pass: a set, so a burst of
/// events about the same pod or service account costs one sync.
struct PendingWork: Sendable {
    /// A namespaced object's name.
    struct Name: Hashable, Comparable, Sendable {
        var namespace: String
        var name: String

        static func < (a: Name, b: Name) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
    }

    /// Pods created, changed or deleted.
    var pods: Set<Name> = []
    /// Service accounts created or changed (their pods may now get tokens).
    var serviceAccounts: Set<Name> = []
    /// A ClusterTrustBundle changed: pods projecting bundles are synced.
    var trustBundlesChanged = false
    /// A sync is queued and has not taken this work yet.
    var scheduled = false
}
