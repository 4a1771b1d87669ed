import KubeMint
import KubeMintLocks

extension KubeAPI {
    /// `GET /.well-known/openid-configuration`, members in the apiserver's struct order
    /// (docs/kubernetes-behaviour.md §3.2).
    func discoveryDocument() -> APIResponse { oidcResponses.responses(for: issuer.minter.keyRing.keys, self).discovery }

    /// `GET /openid/v1/jwks`: every verification key, never a private member (docs/kubernetes-behaviour.md §3.3).
    func jwks() -> APIResponse { oidcResponses.responses(for: issuer.minter.keyRing.keys, self).jwks }

    /// Both documents for `keys`, built from scratch (the cache below keeps them).
    fileprivate func buildOIDCResponses(_ keys: KeySet) -> OIDCResponses.Built {
        let document = OIDCDocuments.discovery(
            issuer: issuer.configuration.signingIssuer, jwksURI: jwksURI, keys: keys)
        var jwksBody = Array(keys.jwksJSON.utf8)
        jwksBody.append(UInt8(ascii: "\n"))
        return OIDCResponses.Built(
            keys: keys,
            discovery: .json(.object(document), cacheControl: "public, max-age=3600"),
            jwks: APIResponse(
                status: 200,
                headers: [
                    (name: "Cache-Control", value: "public, max-age=3600"),
                    (name: "Content-Type", value: "application/jwk-set+json"),
                ],
                body: jwksBody))
    }
}

/// The discovery and JWKS responses, serialised once per key set: they change only when the
/// keys do (rotation swaps in a new ``KeySet``), and relying parties fetch them constantly.
final class OIDCResponses: Sendable {
    struct Built: Sendable {
        let keys: KeySet
        let discovery: APIResponse
        let jwks: APIResponse
    }

    private let current = LockedValue<Built?>(nil)

    /// The responses for `keys`, rebuilt when the key set is not the one they were built for.
    fileprivate func responses(for keys: KeySet, _ api: KubeAPI) -> Built {
        if let built = current.withLock({ $0 }), built.keys === keys { return built }
        let built = api.buildOIDCResponses(keys)
        current.withLock { $0 = built }
        return built
    }
}
