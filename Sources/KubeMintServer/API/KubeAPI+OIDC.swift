import KubeMint

extension KubeAPI {
    /// `GET /.well-known/openid-configuration`, members in the apiserver's struct order (spec §3.2).
    func discoveryDocument() -> APIResponse {
        let document = OIDCDocuments.discovery(
            issuer: issuer.configuration.signingIssuer, jwksURI: jwksURI, keys: issuer.minter.keyRing.keys)
        return .json(.object(document), cacheControl: "public, max-age=3600")
    }

    /// `GET /openid/v1/jwks`: every verification key, never a private member (spec §3.3).
    func jwks() -> APIResponse {
        var body = Array(issuer.minter.keyRing.keys.jwksJSON.utf8)
        body.append(UInt8(ascii: "\n"))
        return APIResponse(
            status: 200,
            headers: [
                (name: "Cache-Control", value: "public, max-age=3600"),
                (name: "Content-Type", value: "application/jwk-set+json"),
            ],
            body: body)
    }
}
