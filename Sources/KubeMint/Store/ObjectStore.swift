import Foundation
import Synchronization

/// The in-memory core/v1 objects of a kubemint cluster: namespaces, service accounts, pods,
/// secrets and nodes, kept as JSON so fields kubemint does not interpret survive.
///
/// It behaves as the apiserver plus its controllers do for these objects: server-assigned uid,
/// resourceVersion and creationTimestamp; `default`, `kube-system`, `kube-public` and
/// `kube-node-lease` namespaces; a `default` service account in every namespace (recreated when
/// deleted); a namespace's deletion removes its contents; service-account token secrets get their
/// token filled in. Pods and namespaces are removed at once on delete (there is no kubelet to wait
/// for). A failed request changes nothing. One mutex guards the maps: every operation is a few
/// dictionary lookups, so readers on all cores barely wait.
public final class ObjectStore: ClusterObjects {
    struct State: ~Copyable {
        var objects: [ResourceKind: [String: JSONObject]] = [:]
        var resourceVersion: Int64 = 0
    }

    private let state = Mutex(State())
    private let clock: any KubeClock
    private let makeUID: @Sendable () -> String
    private let observers = Mutex<[@Sendable (StoreEvent) -> Void]>([])
    /// Mints the legacy token for a `kubernetes.io/service-account-token` secret:
    /// (namespace, secret name, service account name, service account uid) → token.
    let legacyTokenMinterForFill: (@Sendable (String, String, String, String) throws -> String)?
    /// `ca.crt` placed into service-account token secrets.
    let caCertificateForFill: String

    /// The namespaces a cluster starts with.
    public static let systemNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"]

    /// A store with the system namespaces and their `default` service accounts.
    public init(
        clock: any KubeClock, makeUID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        caCertificate: String = "",
        legacyTokenMinter: (@Sendable (String, String, String, String) throws -> String)? = nil
    ) {
        self.clock = clock
        self.makeUID = makeUID
        self.caCertificateForFill = caCertificate
        self.legacyTokenMinterForFill = legacyTokenMinter
        for namespace in Self.systemNamespaces {
            _ = try? create(
                .namespaces, namespace: nil,
                object: JSONObject([("metadata", .object(JSONObject([("name", .string(namespace))])))]))
        }
    }

    /// Call `observer` after every committed change (the kubelet emulation and watches use it).
    public func observe(_ observer: @escaping @Sendable (StoreEvent) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    // MARK: - Reading

    /// One object, or 404 `<resource> "<name>" not found`.
    public func get(_ resource: ResourceKind, namespace: String?, name: String) throws -> JSONObject {
        guard let object = state.withLock({ $0.objects[resource]?[Self.key(resource, namespace, name)] }) else {
            throw KubeError.notFound(resource: resource.rawValue, name: name)
        }
        return object
    }

    /// Every object of a resource (in one namespace, or all when nil), sorted by namespace and name,
    /// with the store's resourceVersion.
    public func list(_ resource: ResourceKind, namespace: String?) -> (items: [JSONObject], resourceVersion: String) {
        let (all, version) = state.withLock { ($0.objects[resource] ?? [:], $0.resourceVersion) }
        let prefix = namespace.map { "\($0)/" }
        let items = all.filter { prefix == nil || $0.key.hasPrefix(prefix!) }.sorted { $0.key < $1.key }.map(\.value)
        return (items, String(version))
    }

    /// Number of objects of a resource.
    public func count(_ resource: ResourceKind) -> Int { state.withLock { $0.objects[resource]?.count ?? 0 } }

    // MARK: - Writing

    /// Create an object as the apiserver would; returns the stored object.
    @discardableResult
    public func create(_ resource: ResourceKind, namespace: String?, object input: JSONObject) throws -> JSONObject {
        var object = try prepare(resource, namespace: namespace, object: input)
        var events: [StoreEvent] = []
        let stored: JSONObject = try state.withLock { state in
            var metadata = object["metadata"]?.objectValue ?? JSONObject()
            var name = metadata["name"]?.stringValue ?? ""
            if name.isEmpty, let prefix = metadata["generateName"]?.stringValue, !prefix.isEmpty {
                repeat {
                    name = prefix + Self.randomSuffix()
                } while state.objects[resource]?[Self.key(resource, namespace, name)] != nil
                metadata["name"] = .string(name)
            }
            if resource == .namespaces {
                // The namespace strategy's Canonicalize labels every namespace with its name (KEP-2161, GA 1.22).
                var labels = metadata["labels"]?.objectValue ?? JSONObject()
                labels["kubernetes.io/metadata.name"] = .string(name)
                metadata["labels"] = .object(labels.sortedByKey())
            }
            let key = Self.key(resource, namespace, name)
            if resource.isNamespaced, let namespace, state.objects[.namespaces]?[namespace] == nil {
                throw KubeError.notFound(resource: "namespaces", name: namespace)
            }
            if state.objects[resource]?[key] != nil {
                throw KubeError.alreadyExists(resource: resource.rawValue, name: name)
            }
            if resource == .secrets {
                try fillServiceAccountToken(&object, metadata: &metadata, namespace: namespace ?? "", state: state)
            }
            state.resourceVersion += 1
            metadata["uid"] = .string(makeUID())
            metadata["resourceVersion"] = .string(String(state.resourceVersion))
            metadata["creationTimestamp"] = .string(UnixTime.rfc3339(UnixTime.seconds(clock.now())))
            object["metadata"] = .object(Self.ordered(metadata))
            state.objects[resource, default: [:]][key] = object
            events.append(StoreEvent(type: .added, resource: resource, object: object))
            if resource == .namespaces {
                let account = try makeDefaultServiceAccount(namespace: name, state: &state)
                events.append(StoreEvent(type: .added, resource: .serviceaccounts, object: account))
            }
            return object
        }
        notify(events)
        return stored
    }

    /// Delete an object; a namespace takes its contents with it, and a deleted `default` service
    /// account comes back with a new uid, as the service-account controller makes it.
    @discardableResult
    public func delete(_ resource: ResourceKind, namespace: String?, name: String) throws -> JSONObject {
        if resource == .namespaces, ["default", "kube-system", "kube-public"].contains(name) {
            throw KubeError.forbidden(resource: "namespaces", name: name, why: "this namespace may not be deleted")
        }
        var events: [StoreEvent] = []
        let deleted: JSONObject = try state.withLock { state in
            let key = Self.key(resource, namespace, name)
            guard let object = state.objects[resource]?.removeValue(forKey: key) else {
                throw KubeError.notFound(resource: resource.rawValue, name: name)
            }
            state.resourceVersion += 1
            events.append(StoreEvent(type: .deleted, resource: resource, object: object))
            if resource == .namespaces {
                for contained in ResourceKind.allCases where contained.isNamespaced {
                    let keys = state.objects[contained]?.keys.filter { $0.hasPrefix("\(name)/") } ?? []
                    for key in keys.sorted() {
                        if let removed = state.objects[contained]?.removeValue(forKey: key) {
                            events.append(StoreEvent(type: .deleted, resource: contained, object: removed))
                        }
                    }
                }
            }
            if resource == .serviceaccounts, name == "default", let namespace {
                let account = try makeDefaultServiceAccount(namespace: namespace, state: &state)
                events.append(StoreEvent(type: .added, resource: .serviceaccounts, object: account))
            }
            return object
        }
        notify(events)
        return deleted
    }

    // MARK: - ClusterObjects

    public func serviceAccount(namespace: String, name: String) -> LiveObject? {
        (try? get(.serviceaccounts, namespace: namespace, name: name)).map(Self.live)
    }

    public func pod(namespace: String, name: String) -> LivePod? {
        guard let pod = try? get(.pods, namespace: namespace, name: name) else { return nil }
        let spec = pod["spec"]?.objectValue
        return LivePod(
            object: Self.live(pod), serviceAccountName: spec?["serviceAccountName"]?.stringValue ?? "default",
            nodeName: spec?["nodeName"]?.stringValue)
    }

    public func secret(namespace: String, name: String) -> LiveSecret? {
        guard let secret = try? get(.secrets, namespace: namespace, name: name) else { return nil }
        let token = secret["data"]?["token"]?.stringValue.flatMap { Data(base64Encoded: $0) }.map {
            String(decoding: $0, as: UTF8.self)
        }
        var labels: [String: String] = [:]
        for member in secret["metadata"]?["labels"]?.objectValue?.members ?? [] {
            if let value = member.value.stringValue { labels[member.key] = value }
        }
        return LiveSecret(object: Self.live(secret), token: token, labels: labels)
    }

    public func node(name: String) -> LiveObject? { (try? get(.nodes, namespace: nil, name: name)).map(Self.live) }

    // MARK: - Internals

    private static func live(_ object: JSONObject) -> LiveObject {
        let metadata = object["metadata"]?.objectValue
        return LiveObject(
            name: metadata?["name"]?.stringValue ?? "", uid: metadata?["uid"]?.stringValue ?? "",
            deletionTimestamp: metadata?["deletionTimestamp"]?.stringValue.flatMap(RFC3339.parse))
    }

    private static func key(_ resource: ResourceKind, _ namespace: String?, _ name: String) -> String {
        resource.isNamespaced ? "\(namespace ?? "")/\(name)" : name
    }

    private func notify(_ events: [StoreEvent]) {
        guard !events.isEmpty else { return }
        let current = observers.withLock { $0 }
        for event in events { for observer in current { observer(event) } }
    }

    private func makeDefaultServiceAccount(namespace: String, state: inout State) throws -> JSONObject {
        state.resourceVersion += 1
        let metadata = JSONObject([
            ("name", .string("default")), ("namespace", .string(namespace)), ("uid", .string(makeUID())),
            ("resourceVersion", .string(String(state.resourceVersion))),
            ("creationTimestamp", .string(UnixTime.rfc3339(UnixTime.seconds(clock.now())))),
        ])
        let account = JSONObject([
            ("kind", .string("ServiceAccount")), ("apiVersion", .string("v1")), ("metadata", .object(metadata)),
        ])
        state.objects[.serviceaccounts, default: [:]]["\(namespace)/default"] = account
        return account
    }

    private static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement()! })
    }

    /// metadata members in ObjectMeta's field order, unknown ones after.
    private static func ordered(_ metadata: JSONObject) -> JSONObject {
        let order = [
            "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
            "ownerReferences", "finalizers", "managedFields",
        ]
        var result = JSONObject()
        for key in order { if let value = metadata[key] { result[key] = value } }
        for member in metadata.members where result[member.key] == nil { result[member.key] = member.value }
        for key in ["labels", "annotations"] {  // map[string]string: Go prints the keys sorted
            if let map = result[key]?.objectValue { result[key] = .object(map.sortedByKey()) }
        }
        return result
    }
}

/// One committed change to the store.
public struct StoreEvent: Sendable {
    /// ADDED or DELETED, as in a watch.
    public enum EventType: String, Sendable { case added = "ADDED", deleted = "DELETED" }
    public var type: EventType
    public var resource: ResourceKind
    public var object: JSONObject
}
