/// The two documents an OIDC relying party fetches from an issuer — discovery and JWKS — as
/// kube-apiserver renders them (docs/kubernetes-behaviour.md §3.2, §3.3). The server serves them;
/// `kubemint export-oidc` writes them to files for static hosting (object storage, as in AWS IRSA /
/// Azure workload identity).
package enum OIDCDocuments {
    /// Path of the discovery document below the issuer URL.
    package static let discoveryPath = ".well-known/openid-configuration"
    /// Path of the JWKS below the server root, as the apiserver serves it.
    package static let jwksPath = "openid/v1/jwks"

    /// `<issuer without trailing slash>/openid/v1/jwks`: where a statically hosted issuer keeps its JWKS.
    package static func jwksURI(issuer: String) -> String { withoutTrailingSlash(issuer) + "/" + jwksPath }

    /// `<issuer without trailing slash>/.well-known/openid-configuration`: where relying parties look first.
    package static func discoveryURL(issuer: String) -> String {
        withoutTrailingSlash(issuer) + "/" + discoveryPath
    }

    private static func withoutTrailingSlash(_ url: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// The discovery document, compact, members in the apiserver's struct order: `issuer`,
    /// `jwks_uri`, `response_types_supported`, `subject_types_supported`,
    /// `id_token_signing_alg_values_supported` (the sorted algorithms of `keys`).
    package static func discoveryJSON(issuer: String, jwksURI: String, keys: KeySet) -> String {
        discovery(issuer: issuer, jwksURI: jwksURI, keys: keys).jsonString
    }

    /// The discovery document as a JSON object (same members and order as ``discoveryJSON(issuer:jwksURI:keys:)``).
    package static func discovery(issuer: String, jwksURI: String, keys: KeySet) -> JSONObject {
        JSONObject([
            ("issuer", .string(issuer)),
            ("jwks_uri", .string(jwksURI)),
            ("response_types_supported", .array([.string("id_token")])),
            ("subject_types_supported", .array([.string("public")])),
            ("id_token_signing_alg_values_supported", .array(keys.algorithms.map(JSONValue.string))),
        ])
    }

    /// The JWKS, compact, keys in go-jose member order (the key set's ``KeySet/jwksJSON``).
    package static func jwksJSON(keys: KeySet) -> String { keys.jwksJSON }
}
