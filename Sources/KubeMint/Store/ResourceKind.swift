/// The core/v1 resources kubemint keeps: just enough for bound tokens and their invalidation.
public enum ResourceKind: String, CaseIterable, Sendable, Hashable {
    case namespaces, serviceaccounts, pods, secrets, nodes

    /// The `kind` of one object.
    public var kind: String {
        switch self {
        case .namespaces: "Namespace"
        case .serviceaccounts: "ServiceAccount"
        case .pods: "Pod"
        case .secrets: "Secret"
        case .nodes: "Node"
        }
    }

    /// Whether objects live in a namespace.
    public var isNamespaced: Bool { self != .namespaces && self != .nodes }

    /// The resource for a `kind`, or nil.
    public init?(kind: String) {
        guard let match = Self.allCases.first(where: { $0.kind == kind }) else { return nil }
        self = match
    }

    /// Names must be DNS-1123 labels (namespaces) or subdomains (the rest).
    var nameRule: NameRule { self == .namespaces ? .label : .subdomain }
}
