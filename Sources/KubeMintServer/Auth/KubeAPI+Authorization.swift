import KubeMint

extension KubeAPI {
    /// Authenticate and authorize a request (parsed as `route`) under ``AccessPolicy``; nil means
    /// go ahead, otherwise the 401 or 403 the apiserver would send.
    func denial(for request: APIRequest, _ route: APIRoute) -> KubeError? {
        guard policy.mode == .token else { return nil }
        let attributes = RequestAttributes(route)
        // Authentication comes first, as in the apiserver's filter chain: a token that is sent
        // must be valid even where anonymous callers are let in (anonymous is only the fallback
        // for requests without credentials), so a rejected token is a 401 on every path.
        guard let token = request.bearerToken else {
            if let path = attributes.nonResourcePath, isPublic(path) { return nil }
            return .unauthorized
        }
        if token == adminToken { return nil }
        let result = issuer.review(token: token)
        guard let user = result.user else { return .unauthorized }
        if let path = attributes.nonResourcePath, isPublic(path) { return nil }
        let account = user.username.split(separator: ":").suffix(2).joined(separator: "/")
        switch (attributes.group, attributes.resource, attributes.verb) {
        case ("authentication.k8s.io", "selfsubjectreviews", "create"):
            return nil  // system:basic-user
        case ("authentication.k8s.io", "tokenreviews", "create") where policy.tokenReviewers.contains(account):
            return nil  // system:auth-delegator
        case (_, _, _) where attributes.nonResourcePath.map(Self.isDiscoveryPath) ?? false:
            return nil  // system:discovery
        default:
            return attributes.forbidden(user: user.username)
        }
    }

    /// Paths anonymous callers may read: health, version, and discovery and JWKS unless
    /// `--no-public-discovery`.
    private func isPublic(_ path: String) -> Bool {
        if ["/healthz", "/livez", "/readyz", "/version"].contains(path) { return true }
        return policy.publicDiscovery && (path == "/.well-known/openid-configuration" || path == "/openid/v1/jwks")
    }

    /// The non-resource paths of the `system:discovery` ClusterRole every authenticated user has:
    /// `/api`, `/api/*`, `/apis`, `/apis/*`, `/openapi`, `/openapi/*`, `/version`, `/version/`
    /// and the health paths.
    static func isDiscoveryPath(_ path: String) -> Bool {
        path.hasPrefix("/api") || path == "/openapi" || path.hasPrefix("/openapi/") || path == "/version/"
    }
}
