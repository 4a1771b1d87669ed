import Foundation

/// The live objects the token rules read: TokenRequest checks bound objects exist and match,
/// TokenReview checks they still do. The object store implements it; tests and the offline
/// command line use ``StaticClusterObjects``.
public protocol ClusterObjects: Sendable {
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
public struct LiveObject: Sendable, Equatable {
    public var name: String
    public var uid: String
    /// `metadata.deletionTimestamp`, when the object is terminating.
    public var deletionTimestamp: Date?

    /// An object with a name and uid.
    public init(name: String, uid: String, deletionTimestamp: Date? = nil) {
        self.name = name
        self.uid = uid
        self.deletionTimestamp = deletionTimestamp
    }
}

/// What the token rules need of a pod.
public struct LivePod: Sendable, Equatable {
    public var object: LiveObject
    /// `spec.serviceAccountName` (empty means `default`).
    public var serviceAccountName: String
    /// `spec.nodeName`, when scheduled.
    public var nodeName: String?

    /// A pod.
    public init(object: LiveObject, serviceAccountName: String, nodeName: String?) {
        self.object = object
        self.serviceAccountName = serviceAccountName
        self.nodeName = nodeName
    }
}

/// What the token rules need of a secret.
public struct LiveSecret: Sendable, Equatable {
    public var object: LiveObject
    /// The decoded `data.token`, for legacy tokens.
    public var token: String?
    /// `metadata.labels`, for `kubernetes.io/legacy-token-invalid-since`.
    public var labels: [String: String]

    /// A secret.
    public init(object: LiveObject, token: String? = nil, labels: [String: String] = [:]) {
        self.object = object
        self.token = token
        self.labels = labels
    }
}

/// A fixed set of objects: for the offline command line and tests.
public struct StaticClusterObjects: ClusterObjects {
    public var serviceAccounts: [String: LiveObject] = [:]
    public var pods: [String: LivePod] = [:]
    public var secrets: [String: LiveSecret] = [:]
    public var nodes: [String: LiveObject] = [:]

    /// An empty cluster.
    public init() {}

    public func serviceAccount(namespace: String, name: String) -> LiveObject? {
        serviceAccounts["\(namespace)/\(name)"]
    }
    public func pod(namespace: String, name: String) -> LivePod? { pods["\(namespace)/\(name)"] }
    public func secret(namespace: String, name: String) -> LiveSecret? { secrets["\(namespace)/\(name)"] }
    public func node(name: String) -> LiveObject? { nodes[name] }
}
