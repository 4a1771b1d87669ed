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
    /// its OAuth provider's document, which names the OAuth ID token's claims).
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
            [
                "iss", "sub", "aud", "exp", "iat", "sub_legacy", "name", "nickname", "email", "email_verified",
                "website", "profile", "picture", "groups", "groups_direct",
            ]
        }
    }

    /// The discovery document, members in the real issuer's order: GitHub's as
    /// `token.actions.githubusercontent.com` serves it; GitLab's as its OAuth provider serves it
    /// (docs/kubernetes-behaviour.md §27.2).
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
            // GitLab's document is its OAuth provider's (doorkeeper-openid_connect's
            // DiscoveryController, members in its order): the endpoints are GitLab's paths, which
            // kubemint does not serve; claims_supported names the OAuth ID token's claims, not the
            // CI token's (those are in GitLab's CI/CD documentation).
            func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
            return JSONObject([
                ("issuer", .string(issuer)), ("authorization_endpoint", .string(issuer + "/oauth/authorize")),
                ("token_endpoint", .string(issuer + "/oauth/token")),
                ("revocation_endpoint", .string(issuer + "/oauth/revoke")),
                ("introspection_endpoint", .string(issuer + "/oauth/introspect")),
                ("userinfo_endpoint", .string(issuer + "/oauth/userinfo")), ("jwks_uri", jwksURI),
                (
                    "scopes_supported",
                    strings([
                        "api", "read_api", "read_user", "read_repository", "write_repository", "read_registry",
                        "write_registry", "sudo", "openid", "profile", "email",
                    ])
                ),
                ("response_types_supported", strings(["code"])),
                ("response_modes_supported", strings(["query", "fragment"])),
                (
                    "grant_types_supported",
                    strings(["authorization_code", "password", "client_credentials", "refresh_token"])
                ),
                ("token_endpoint_auth_methods_supported", strings(["client_secret_basic", "client_secret_post"])),
                ("subject_types_supported", strings(["public"])), ("id_token_signing_alg_values_supported", algs),
                ("claim_types_supported", strings(["normal"])), ("claims_supported", claims),
                ("code_challenge_methods_supported", strings(["plain", "S256"])),
            ])
        }
    }
}
