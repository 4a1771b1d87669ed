import KubeMint

extension KubeAPI {
    /// Authenticate and authorize a request (parsed as `route`) under ``AccessPolicy``; nil means
    /// go ahead, otherwise the 401 or 403 the apiserver would send (docs/kubernetes-behaviour.md §21).
    func denial(for request: APIRequest, _ route: APIRoute) -> KubeError? {
        guard policy.mode == .token else { return nil }
        // Authentication comes first, as in the apiserver's filter chain: a token that is sent
        // must be valid even where anonymous callers are let in (anonymous is only the fallback
        // for requests without credentials), so a rejected token is a 401 on every path.
        guard let requestor = authenticatedUser(request) else { return .unauthorized }
        let user: RequestUser
        do { user = try impersonated(request, by: requestor) } catch { return error }
        let attributes = RequestAttributes(route).authorization(for: user)
        let decision = authorize(attributes)
        if decision.allowed { return nil }
        // Anonymous requests RBAC does not let in are not authenticated at all: 401, as an
        // apiserver answers when anonymous authentication is limited to the paths RBAC opens.
        if request.bearerToken == nil { return .unauthorized }
        return RequestAttributes.forbidden(attributes, reason: decision.reason)
    }

    /// The caller: the admin token's user, a service-account token's, or the anonymous user for
    /// a request without credentials; nil for a token that does not authenticate.
    func authenticatedUser(_ request: APIRequest) -> RequestUser? {
        guard let token = request.bearerToken else { return .anonymous }
        if token == adminToken { return Self.adminRequestUser }
        guard let user = issuer.review(token: token).user else { return nil }
        var extra: [String: [String]] = [:]
        for (key, values) in user.extra { extra[key] = values }
        return RequestUser(name: user.username, uid: user.uid, groups: user.groups, extra: extra)
    }

    /// The admin token's user: in `system:masters`, which the apiserver lets do anything.
    static let adminRequestUser = RequestUser(
        name: adminUser["username"]?.stringValue ?? "kubemint-admin",
        groups: (adminUser["groups"]?.arrayValue ?? []).compactMap(\.stringValue))

    /// The user a request acts as: ``authenticatedUser(_:)`` as the impersonation headers change
    /// it (checked by ``denial(for:_:)`` under `--auth token`); nil for a token that does not authenticate.
    func requestUser(_ request: APIRequest) -> RequestUser? {
        guard let requestor = authenticatedUser(request) else { return nil }
        return (try? impersonated(request, by: requestor)) ?? requestor
    }

    /// The authorizers in the apiserver's order: `system:masters` first (the privileged-groups
    /// authorizer, no reason given), then RBAC. Under `--auth none` everything is allowed, as by
    /// the apiserver's AlwaysAllow mode.
    func authorize(_ attributes: AuthorizationAttributes) -> RBACIndex.Decision {
        if policy.mode == .none || attributes.user.groups.contains("system:masters") {
            return RBACIndex.Decision(allowed: true, reason: "")
        }
        return rbacIndex.decide(attributes)
    }

    /// The stored RBAC objects' index; without a store, the default policy alone.
    var rbacIndex: RBACIndex { rbac?.index ?? Self.bootstrapIndex }

    /// The default ClusterRoles and bindings, for an API without a store.
    static let bootstrapIndex = RBACIndex(
        roles: [], clusterRoles: BootstrapPolicy.clusterRoles.map(BootstrapPolicy.object), roleBindings: [],
        clusterRoleBindings: BootstrapPolicy.clusterRoleBindings.map(BootstrapPolicy.object))
}
