/// The resources kubemint stores, with the names the apiserver's discovery documents give them
/// (`/api/v1`, `/apis/rbac.authorization.k8s.io/v1`, `/apis/certificates.k8s.io/v1beta1`): plural
/// resource, singular, Kind, group, version, scope and short names.
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
    /// RBAC Roles: rules in one namespace (docs/kubernetes-behaviour.md §21).
    case roles
    /// RBAC ClusterRoles: rules cluster-wide or reused by RoleBindings (docs/kubernetes-behaviour.md §21).
    case clusterroles
    /// RBAC RoleBindings: grant a Role or ClusterRole in one namespace (docs/kubernetes-behaviour.md §21).
    case rolebindings
    /// RBAC ClusterRoleBindings: grant a ClusterRole everywhere (docs/kubernetes-behaviour.md §21).
    case clusterrolebindings
    /// PodCertificateRequests: a kubelet asks a signer for a pod's certificate (docs/kubernetes-behaviour.md §24).
    case podcertificaterequests
    /// ClusterTrustBundles: a signer's published CA certificates (docs/kubernetes-behaviour.md §24).
    case clustertrustbundles

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
        case .roles: "role"
        case .clusterroles: "clusterrole"
        case .rolebindings: "rolebinding"
        case .clusterrolebindings: "clusterrolebinding"
        case .podcertificaterequests: "podcertificaterequest"
        case .clustertrustbundles: "clustertrustbundle"
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
        case .roles: "Role"
        case .clusterroles: "ClusterRole"
        case .rolebindings: "RoleBinding"
        case .clusterrolebindings: "ClusterRoleBinding"
        case .podcertificaterequests: "PodCertificateRequest"
        case .clustertrustbundles: "ClusterTrustBundle"
        }
    }

    /// The Kind of the list type (`PodList`).
    package var listKind: String { kind + "List" }

    /// API group: the core ("legacy") group, `rbac.authorization.k8s.io` for the RBAC kinds,
    /// `certificates.k8s.io` for the pod-certificate kinds.
    package var group: String {
        if isRBAC { return Self.rbacGroup }
        return isCertificates ? Self.certificatesGroup : ""
    }

    /// `certificates.k8s.io`.
    package static let certificatesGroup = "certificates.k8s.io"

    /// Whether this is one of the `certificates.k8s.io` kinds (served at `v1beta1`).
    package var isCertificates: Bool { self == .podcertificaterequests || self == .clustertrustbundles }

    /// `rbac.authorization.k8s.io`.
    package static let rbacGroup = "rbac.authorization.k8s.io"

    /// Whether this is one of the four RBAC kinds.
    package var isRBAC: Bool {
        switch self {
        case .roles, .clusterroles, .rolebindings, .clusterrolebindings: true
        default: false
        }
    }

    /// API version of the objects: `v1`, except the `certificates.k8s.io` kinds' `v1beta1`
    /// (Kubernetes 1.35, where PodCertificateRequest and ClusterTrustBundle are beta).
    package var version: String { isCertificates ? "v1beta1" : "v1" }

    /// `apiVersion` as written in objects (`v1`).
    package var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// Whether objects live in a namespace.
    public var isNamespaced: Bool {
        switch self {
        case .namespaces, .nodes, .clusterroles, .clusterrolebindings, .clustertrustbundles: false
        case .serviceaccounts, .secrets, .pods, .configmaps, .roles, .rolebindings, .podcertificaterequests: true
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
        case .roles, .clusterroles, .rolebindings, .clusterrolebindings: []
        case .podcertificaterequests, .clustertrustbundles: []
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
        case .clusterroles, .roles: 1
        case .clusterrolebindings, .rolebindings: 2
        case .clustertrustbundles: 1
        case .podcertificaterequests: 5
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
