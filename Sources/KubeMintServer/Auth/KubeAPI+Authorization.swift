import KubeMint

extension KubeAPI {
    /// Authenticate and authorize a request under ``AccessPolicy``; nil means go ahead, otherwise
    /// the 401 or 403 the apiserver would send.
    func denial(for request: APIRequest) -> KubeError? {
        guard policy.mode == .token else { return nil }
        let attributes = RequestAttributes(request)
        if let path = attributes.nonResourcePath {
            if ["/healthz", "/livez", "/readyz", "/version"].contains(path) { return nil }
            if policy.publicDiscovery && (path == "/.well-known/openid-configuration" || path == "/openid/v1/jwks") {
                return nil
            }
        }
        guard let token = request.bearerToken else { return .unauthorized }
        if token == adminToken { return nil }
        let result = issuer.review(token: token)
        guard let user = result.user else { return .unauthorized }
        let account = user.username.split(separator: ":").suffix(2).joined(separator: "/")
        switch (attributes.group, attributes.resource, attributes.verb) {
        case ("authentication.k8s.io", "selfsubjectreviews", "create"):
            return nil  // system:basic-user
        case ("authentication.k8s.io", "tokenreviews", "create") where policy.tokenReviewers.contains(account):
            return nil  // system:auth-delegator
        case (_, _, _) where attributes.nonResourcePath.map({ $0.hasPrefix("/api") }) ?? false,
            (_, _, _) where ["/api", "/apis", "/api/v1", "/apis/authentication.k8s.io/v1"].contains(request.path):
            return nil  // system:discovery
        default:
            return attributes.forbidden(user: user.username)
        }
    }
}
