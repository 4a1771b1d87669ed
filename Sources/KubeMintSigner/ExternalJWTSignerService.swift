import KubeMint
import KubeMintCrypto

/// The ExternalJWTSigner's three calls over kubemint's keys, independent of any transport
/// (docs/kubernetes-behaviour.md §22): request message bytes in, response message bytes out, or a
/// ``GRPCStatus``. Signing runs on the caller's thread and never on an event loop.
package struct ExternalJWTSignerService: Sendable {
    /// The keys, read at every call.
    package let keySource: any SignerKeySource
    /// `FetchKeysResponse.refresh_hint_seconds`.
    package let refreshHintSeconds: Int64
    /// `MetadataResponse.max_token_expiration_seconds`.
    package let maxTokenExpirationSeconds: Int64

    /// The service; ``SignerSettings`` has already checked the numbers.
    package init(keySource: any SignerKeySource, settings: SignerSettings) {
        self.keySource = keySource
        self.refreshHintSeconds = settings.refreshHintSeconds
        self.maxTokenExpirationSeconds = settings.maxTokenExpirationSeconds
    }

    /// Answers one call.
    package func call(_ method: ExternalJWTMethod, request: [UInt8]) throws(GRPCStatus) -> [UInt8] {
        switch method {
        case .sign: return try sign(SignJWTRequest(decoding: request)).encoded()
        case .fetchKeys:
            _ = try ExternalJWTWire.lengthDelimitedFields(of: request, message: "FetchKeysRequest")
            return fetchKeys().encoded()
        case .metadata:
            _ = try ExternalJWTWire.lengthDelimitedFields(of: request, message: "MetadataRequest")
            return MetadataResponse(maxTokenExpirationSeconds: maxTokenExpirationSeconds).encoded()
        }
    }

    /// `Sign`: the header for the current signing key and the signature over
    /// `header + "." + claims`, the claims used exactly as sent.
    package func sign(_ request: SignJWTRequest) throws(GRPCStatus) -> SignJWTResponse {
        try SignRequestClaims.validate(request.claims)
        let key = keySource.current().keys.signingKey
        let header = Self.encodedHeader(for: key)
        let input = Array((header + "." + request.claims).utf8)
        do {
            return SignJWTResponse(header: header, signature: Base64URL.encode(try key.sign(input)))
        } catch {
            throw GRPCStatus(.internal, "signing with key \(key.keyID) failed: \(error)")
        }
    }

    /// `FetchKeys`: every verification key (the signing key's first), as PKIX DER.
    package func fetchKeys() -> FetchKeysResponse {
        let current = keySource.current()
        let keys = current.keys.verificationKeys.map {
            // kubemint keeps no legacy-only keys: a retired key leaves the store's JWKS and
            // verifies nothing, so every key it lists is in OIDC discovery.
            ExternalJWTKey(keyID: $0.keyID, key: $0.subjectPublicKeyInfo, excludeFromOIDCDiscovery: false)
        }
        let interval = current.readAt.timeIntervalSince1970
        let seconds = Int64(interval.rounded(.down))
        let nanos = Int32(((interval - Double(seconds)) * 1_000_000_000).rounded(.down))
        return FetchKeysResponse(
            keys: keys, dataTimestamp: (seconds, min(nanos, 999_999_999)), refreshHintSeconds: refreshHintSeconds)
    }

    /// base64url of exactly `{"alg":…,"kid":…,"typ":"JWT"}` — the three fields kube-apiserver
    /// allows, `typ` being required. Key ids are base64url, so they need no JSON escaping.
    package static func encodedHeader(for key: SigningKey) -> String {
        Base64URL.encode(Array("{\"alg\":\"\(key.algorithm.rawValue)\",\"kid\":\"\(key.keyID)\",\"typ\":\"JWT\"}".utf8))
    }
}
