/// What a request asks to do, as the apiserver's RequestInfo resolver sees it: verb, API group,
/// resource and subresource, namespace and name — or a non-resource path. Read off the request's
/// ``APIRoute``, so authorization judges the path routing serves.
struct RequestAttributes: Equatable {
    var verb: String
    var group: String
    var resource: String
    var subresource: String
    var namespace: String
    var name: String
    /// A path outside `/api` and `/apis` (discovery, health, OIDC, control).
    var nonResourcePath: String?

    init(_ route: APIRoute) {
        verb = route.verb
        group = route.resource?.group ?? ""
        resource = route.resource?.resource ?? ""
        subresource = route.resource?.subresource ?? ""
        namespace = route.resource?.namespace ?? ""
        name = route.resource?.name ?? ""
        nonResourcePath = route.resource == nil ? route.path : nil
    }

    /// The apiserver's Forbidden Status for `user`.
    func forbidden(user: String) -> KubeError {
        if let path = nonResourcePath {
            return KubeError(
                code: 403, reason: "Forbidden",
                message: "forbidden: User \"\(user)\" cannot \(verb) path \"\(path)\"", details: KubeError.Details())
        }
        let qualified = group.isEmpty ? resource : "\(resource).\(group)"
        let resourceText = subresource.isEmpty ? resource : "\(resource)/\(subresource)"
        let scope = namespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(namespace)\""
        let why = "User \"\(user)\" cannot \(verb) resource \"\(resourceText)\" in API group \"\(group)\" \(scope)"
        let subject = name.isEmpty ? qualified : "\(qualified) \"\(name)\""
        return KubeError(
            code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(why)",
            details: KubeError.Details(name: name, group: group, kind: resource))
    }
}

import KubeMint
