/// The core/v1 resources kubemint stores, with the names the apiserver's discovery document
/// gives them (`/api/v1`): plural resource, singular, Kind, scope and short names.
public enum ResourceKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Namespaces (cluster-scoped).
    case namespaces
    /// Nodes (cluster-scoped).
    case nodes
    /// Service accounts: the subjects of tokens.
    case serviceaccounts
    /// Secrets (legacy service-account token secrets among them).
    case secrets
    /// Pods: a token can be bound to one.
    case pods
    /// ConfigMaps: configuration data the kubelet projects into volumes.
    case configmaps

    /// The plural resource name used in URLs and error messages (`pods`).
    public var resource: String { rawValue }

    /// The singular name (`pod`).
    package var singular: String {
        switch self {
        case .namespaces: "namespace"
        case .nodes: "node"
        case .serviceaccounts: "serviceaccount"
        case .secrets: "secret"
        case .pods: "pod"
        case .configmaps: "configmap"
        }
    }

    /// The object Kind (`Pod`).
    public var kind: String {
        switch self {
        case .namespaces: "Namespace"
        case .nodes: "Node"
        case .serviceaccounts: "ServiceAccount"
        case .secrets: "Secret"
        case .pods: "Pod"
        case .configmaps: "ConfigMap"
        }
    }

    /// The Kind of the list type (`PodList`).
    package var listKind: String { kind + "List" }

    /// API group: all of these are in the core ("legacy") group.
    package var group: String { "" }

    /// API version of the objects.
    package var version: String { "v1" }

    /// `apiVersion` as written in objects (`v1`).
    package var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// Whether objects live in a namespace.
    public var isNamespaced: Bool {
        switch self {
        case .namespaces, .nodes: false
        case .serviceaccounts, .secrets, .pods, .configmaps: true
        }
    }

    /// kubectl short names from discovery (`sa`, `po`, …).
    package var shortNames: [String] {
        switch self {
        case .namespaces: ["ns"]
        case .nodes: ["no"]
        case .serviceaccounts: ["sa"]
        case .secrets: []
        case .pods: ["po"]
        case .configmaps: ["cm"]
        }
    }

    /// The verbs kubemint serves for the resource, as discovery lists them.
    package var verbs: [String] { ["create", "delete", "get", "list", "patch", "update", "watch"] }

    /// Order in which manifests are applied: what others depend on first.
    package var dependencyRank: Int {
        switch self {
        case .namespaces: 0
        case .nodes: 1
        case .serviceaccounts: 2
        case .secrets, .configmaps: 3
        case .pods: 4
        }
    }

    /// The resource for a Kind (`Pod` → `.pods`), or nil for kinds kubemint does not store.
    package init?(kind: String) {
        guard let match = ResourceKind.allCases.first(where: { $0.kind == kind }) else { return nil }
        self = match
    }

    /// The resource for anything kubectl accepts on its command line: plural, singular, short
    /// name or Kind, case-insensitively (`sa`, `serviceaccount`, `ServiceAccounts`).
    package init?(name: String) {
        let lowered = name.lowercased()
        guard
            let match = ResourceKind.allCases.first(where: {
                $0.resource == lowered || $0.singular == lowered || $0.shortNames.contains(lowered)
                    || $0.kind.lowercased() == lowered
            })
        else { return nil }
        self = match
    }

    /// The plural resource name, as used in messages.
    public var description: String { resource }
}
