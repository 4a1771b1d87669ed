import KubeMint

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

    /// The domain's attributes of this request by `user`.
    func authorization(for user: RequestUser) -> AuthorizationAttributes {
        if let path = nonResourcePath { return AuthorizationAttributes(user: user, verb: verb, path: path) }
        return AuthorizationAttributes(
            user: user, verb: verb, group: group, resource: resource, subresource: subresource,
            namespace: namespace, name: name)
    }

    /// The apiserver's Forbidden Status (`responsewriters.ForbiddenStatusError`) for `attributes`,
    /// the authorizers' `reason` appended.
    static func forbidden(_ attributes: AuthorizationAttributes, reason: String) -> KubeError {
        let why = attributes.forbiddenMessage(reason: reason)
        if attributes.nonResourcePath != nil {
            return KubeError(code: 403, reason: "Forbidden", message: "forbidden: \(why)", details: KubeError.Details())
        }
        let group = attributes.group
        let qualified = group.isEmpty ? attributes.resource : "\(attributes.resource).\(group)"
        let subject = attributes.name.isEmpty ? qualified : "\(qualified) \"\(attributes.name)\""
        return KubeError(
            code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(why)",
            details: KubeError.Details(name: attributes.name, group: group, kind: attributes.resource))
    }
}
