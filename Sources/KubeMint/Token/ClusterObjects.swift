import Foundation

/// The live objects the token rules read: TokenRequest checks bound objects exist and match,
/// TokenReview checks they still do. The object store implements it; tests and the offline
/// command line use ``StaticClusterObjects``.
package protocol ClusterObjects: Sendable {
    /// A service account, or nil when missing.
    func serviceAccount(namespace: String, name: String) -> LiveObject?
    /// A pod, or nil.
    func pod(namespace: String, name: String) -> LivePod?
    /// A secret, or nil.
    func secret(namespace: String, name: String) -> LiveSecret?
    /// A node, or nil.
    func node(name: String) -> LiveObject?
}

/// What the token rules need of any object.
package struct LiveObject: Sendable, Equatable {
    package var name: String
    package var uid: String
    /// `metadata.deletionTimestamp`, when the object is terminating.
    package var deletionTimestamp: Date?

    /// An object with a name and uid.
    package init(name: String, uid: String, deletionTimestamp: Date? = nil) {
        self.name = name
        self.uid = uid
        self.deletionTimestamp = deletionTimestamp
    }
}

/// What the token rules need of a pod.
package struct LivePod: Sendable, Equatable {
    package var object: LiveObject
    /// `spec.serviceAccountName` (empty means `default`).
    package var serviceAccountName: String
    /// `spec.nodeName`, when scheduled.
    package var nodeName: String?

    /// A pod.
    package init(object: LiveObject, serviceAccountName: String, nodeName: String?) {
        self.object = object
        self.serviceAccountName = serviceAccountName
        self.nodeName = nodeName
    }
}

/// What the token rules need of a secret.
package struct LiveSecret: Sendable, Equatable {
    package var object: LiveObject
    /// The decoded `data.token`, for legacy tokens.
    package var token: String?
    /// `metadata.labels`, for `kubernetes.io/legacy-token-invalid-since`.
    package var labels: [String: String]

    /// A secret.
    package init(object: LiveObject, token: String? = nil, labels: [String: String] = [:]) {
        self.object = object
        self.token = token
        self.labels = labels
    }
}

/// A fixed set of objects: for the offline command line and tests.
package struct StaticClusterObjects: ClusterObjects {
    package var serviceAccounts: [String: LiveObject] = [:]
    package var pods: [String: LivePod] = [:]
    package var secrets: [String: LiveSecret] = [:]
    package var nodes: [String: LiveObject] = [:]

    /// An empty cluster.
    package init() {}

    package func serviceAccount(namespace: String, name: String) -> LiveObject? {
        serviceAccounts["\(namespace)/\(name)"]
    }
    package func pod(namespace: String, name: String) -> LivePod? { pods["\(namespace)/\(name)"] }
    package func secret(namespace: String, name: String) -> LiveSecret? { secrets["\(namespace)/\(name)"] }
    package func node(name: String) -> LiveObject? { nodes[name] }
}
