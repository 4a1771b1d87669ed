import KubeMint

/// One Kubernetes resource or subresource kubemint serves: where its paths are, what API discovery
/// says about it, which verbs it answers and what handles them. An entry of ``RouteTable/resources``.
struct ResourceEndpoint: Equatable, Sendable {
    /// What handles a request the entry serves.
    enum Handler: Equatable, Sendable {
        /// Stored objects: create, get, list and delete in the ``ObjectStore``.
        case objects(ResourceKind)
        /// `serviceaccounts/token` (docs/kubernetes-behaviour.md §4).
        case tokenRequest
        /// `tokenreviews` (docs/kubernetes-behaviour.md §6).
        case tokenReview
        /// `selfsubjectreviews` (docs/kubernetes-behaviour.md §7).
        case selfSubjectReview
        /// `selfsubjectaccessreviews`, `subjectaccessreviews`, `localsubjectaccessreviews`
        /// (docs/kubernetes-behaviour.md §21.5).
        case accessReview(AccessReview.Kind)
        /// `selfsubjectrulesreviews` (docs/kubernetes-behaviour.md §21.5).
        case rulesReview
        /// `…/{name}/status` of a stored kind: get, update and patch of its status only
        /// (docs/kubernetes-behaviour.md §24.2).
        case status(ResourceKind)
        /// A kind kubemint keeps none of: its list is empty.
        case noObjects
    }

    /// Group and version of the path.
    let groupVersion: GroupVersion
    /// Plural resource name in the path (`serviceaccounts`).
    let resource: String
    /// The subresource after an object's name (`token`), or nil for the resource itself.
    var subresource: String? = nil
    /// Whether the paths carry `namespaces/{namespace}/`.
    let namespaced: Bool
    /// Discovery's `singularName` (empty for a subresource).
    let singular: String
    /// Discovery's `kind`.
    let kind: String
    /// Group and version of `kind` where they differ from the path's (TokenRequest under `/api/v1`
    /// is `authentication.k8s.io/v1`); discovery lists them.
    var kindGroupVersion: GroupVersion? = nil
    /// Discovery's `shortNames`.
    var shortNames: [String] = []
    /// The verbs served, in discovery's order.
    let verbs: [String]
    /// What handles the requests.
    let handler: Handler
    /// Whether API discovery and OpenAPI list it (false: served only for clients that ask without
    /// discovery, as kubectl lists CRDs).
    var discoverable = true
    /// The releases that serve it (docs/kubernetes-behaviour.md §26.3).
    var availability = APIAvailability.always

    /// The name discovery lists: `pods`, `serviceaccounts/token`.
    var name: String { subresource.map { "\(resource)/\($0)" } ?? resource }

    /// The stored kind this entry serves, if it serves stored objects.
    var storedKind: ResourceKind? {
        if case .objects(let kind) = handler { return kind }
        return nil
    }

    /// Stored objects of `kind`: names, scope and verbs as the domain's ``ResourceKind`` gives them.
    static func objects(_ kind: ResourceKind) -> ResourceEndpoint {
        ResourceEndpoint(
            groupVersion: GroupVersion(group: kind.group, version: kind.version), resource: kind.resource,
            namespaced: kind.isNamespaced,
            singular: kind.singular, kind: kind.kind, shortNames: kind.shortNames, verbs: kind.verbs,
            handler: .objects(kind))
    }

    /// The status subresource of stored objects of `kind`.
    static func status(_ kind: ResourceKind) -> ResourceEndpoint {
        ResourceEndpoint(
            groupVersion: GroupVersion(group: kind.group, version: kind.version), resource: kind.resource,
            subresource: "status", namespaced: kind.isNamespaced, singular: "", kind: kind.kind,
            verbs: ["get", "patch", "update"], handler: .status(kind))
    }
}

extension ResourceEndpoint {
    /// Verbs the apiserver serves on a collection's path (`…/pods`); the others are served on an
    /// object's path (`…/pods/{name}`). A subresource serves all of its verbs on its one path.
    static let collectionVerbs: Set<String> = ["create", "list", "watch", "deletecollection"]

    /// Whether this entry answers `verb` on `path`: true when it does, false when it serves the path
    /// but not the verb (405, as go-restful answers a method a route lacks), nil when it does not
    /// serve the path at all (404).
    func allows(_ verb: String, at path: ResourcePath) -> Bool? {
        guard path.group == groupVersion.group, path.version == groupVersion.version, path.resource == resource,
            path.subresource == subresource, !path.hasMoreSegments
        else { return nil }
        if subresource != nil {
            guard (path.namespace != nil) == namespaced else { return nil }
            return verbs.contains(verb)
        }
        switch (namespaced, path.namespace != nil) {
        case (false, true): return nil
        case (true, false):
            // Across all namespaces kubemint serves only reading lists; anything else there is a 404.
            return ["list", "watch"].contains(verb) && verbs.contains(verb) ? true : nil
        default:
            let onCollection = path.name == nil
            let servedHere = verbs.filter { Self.collectionVerbs.contains($0) == onCollection }
            if servedHere.isEmpty { return nil }
            return servedHere.contains(verb)
        }
    }
}

/// An API group and version: `v1` (the core group) or `authentication.k8s.io/v1`.
struct GroupVersion: Hashable, Sendable {
    /// The group; empty for the core group.
    let group: String
    /// The version.
    let version: String

    /// As written in `apiVersion` and discovery's `groupVersion`: `v1`, `authentication.k8s.io/v1`.
    var text: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// Where its resources live: `/api/v1`, `/apis/authentication.k8s.io/v1`.
    var path: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }
}
