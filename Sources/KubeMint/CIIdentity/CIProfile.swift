/// The CI systems whose ID tokens kubemint mints beside Kubernetes tokens (docs/kubernetes-behaviour.md
/// §27): each is its own issuer, at `<server>/<profile>`, with its own keys and discovery document.
package enum CIProfile: String, CaseIterable, Sendable {
    /// GitHub Actions' OIDC provider (`https://token.actions.githubusercontent.com`).
    case githubActions = "github-actions"
    /// GitLab CI/CD `id_tokens` (the GitLab instance is the issuer).
    case gitlabCI = "gitlab-ci"

    /// The JWKS path below the profile's issuer: GitHub's `/.well-known/jwks`, GitLab's
    /// `/oauth/discovery/keys`.
    package var jwksPath: String {
        switch self {
        case .githubActions: ".well-known/jwks"
        case .gitlabCI: "oauth/discovery/keys"
        }
    }

    /// The profile's issuer below a server URL: `<server>/github-actions`.
    package func issuer(server: String) -> String {
        var base = server
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + rawValue
    }

    /// `claims_supported` as the real issuer publishes it (GitHub: its discovery document; GitLab:
    /// the claims of its CI/CD ID token documentation).
    package var claimsSupported: [String] {
        switch self {
        case .githubActions:
            [
                "sub", "aud", "exp", "iat", "iss", "jti", "nbf", "ref", "repository", "repository_id",
                "repository_owner", "repository_owner_id", "run_id", "run_number", "run_attempt", "actor", "actor_id",
                "workflow", "workflow_ref", "workflow_sha", "head_ref", "base_ref", "event_name", "ref_type",
                "environment", "environment_node_id", "job_workflow_ref", "job_workflow_sha",
                "repository_visibility", "runner_environment",
            ]
        case .gitlabCI:
            GitLabCIJob.claimNames
        }
    }

    /// The discovery document, members in the real issuer's order: GitHub's as
    /// `token.actions.githubusercontent.com` serves it; GitLab's reduced to what a relying party of
    /// CI ID tokens reads (docs/kubernetes-behaviour.md §27.2).
    package func discovery(issuer: String, algorithms: [String]) -> JSONObject {
        let jwksURI = JSONValue.string(issuer + "/" + jwksPath)
        let algs = JSONValue.array(algorithms.map(JSONValue.string))
        let claims = JSONValue.array(claimsSupported.map(JSONValue.string))
        switch self {
        case .githubActions:
            return JSONObject([
                ("issuer", .string(issuer)), ("jwks_uri", jwksURI),
                ("subject_types_supported", .array([.string("public"), .string("pairwise")])),
                ("response_types_supported", .array([.string("id_token")])), ("claims_supported", claims),
                ("id_token_signing_alg_values_supported", algs), ("scopes_supported", .array([.string("openid")])),
            ])
        case .gitlabCI:
            return JSONObject([
                ("issuer", .string(issuer)), ("jwks_uri", jwksURI),
                ("response_types_supported", .array([.string("code")])),
                ("subject_types_supported", .array([.string("public")])),
                ("id_token_signing_alg_values_supported", algs), ("claims_supported", claims),
            ])
        }
    }
}
