import KubeMintCrypto

/// How each CI profile presents its keys (docs/kubernetes-behaviour.md §27.2, §27.3): GitHub Actions
/// publishes a self-signed certificate with every key (`x5c`, `x5t` in the JWKS, `x5t` in the
/// token header); GitLab publishes bare keys. Each in its own JWKS member order.
extension CIProfile {
    /// The subject and DNS name of the GitHub profile's key certificates: a reserved `.invalid`
    /// name (RFC 2606), so that it never names a real host.
    package static let githubCertificateName = "github-actions.kubemint.invalid"

    /// The profile's keys from `store` (a first RSA key made when the store is empty and
    /// `createIfEmpty`); for GitHub Actions with the certificate of every RSA key whose private key
    /// the store holds (public-only keys are published without one).
    package func loadKeys(from store: KeyStore, createIfEmpty: Bool = true) throws -> KeySet {
        let keys = try store.load(createIfEmpty: createIfEmpty)
        guard self == .githubActions else { return keys }
        var certificates: [String: KeyCertificate] = [:]
        for key in try store.privateKeys() where !keys.keys(forKeyID: key.keyID).isEmpty {
            guard case .rsa = key.type else { continue }
            certificates[key.keyID] = try KeyCertificate(key: key, commonName: Self.githubCertificateName)
        }
        return try KeySet(signingKey: keys.signingKey, otherKeys: keys.verificationKeys, certificates: certificates)
    }

    /// The JWS header of a token signed by the key `keyID` with `algorithm`. GitHub: `alg`, `kid`,
    /// `typ`, `x5t` (the key's certificate thumbprint, when it has one), in the order of its tokens;
    /// GitLab: `typ`, `alg`, `kid`.
    package func header(algorithm: String, keyID: String, keys: KeySet) -> JSONObject {
        switch self {
        case .githubActions:
            var header = JSONObject([("alg", .string(algorithm)), ("kid", .string(keyID)), ("typ", .string("JWT"))])
            if let certificate = keys.certificates[keyID] { header["x5t"] = .string(certificate.x5t) }
            return header
        case .gitlabCI:
            return JSONObject([("typ", .string("JWT")), ("alg", .string(algorithm)), ("kid", .string(keyID))])
        }
    }

    /// The profile's JWKS document, each RSA key's members in the order the real issuer's JWKS has
    /// them — GitHub: `n`, `kty`, `kid`, `alg`, `e`, `use`, `x5c`, `x5t` (a key without a certificate
    /// lacks the last two); GitLab: `kty`, `kid`, `e`, `n`, `use`, `alg` — and EC keys, which neither
    /// issuer uses, as the Kubernetes JWKS has them.
    package func jwksJSON(keys: KeySet) throws -> String {
        var entries: [String] = []
        for key in keys.verificationKeys {
            let jwk = try key.jwk()
            guard let n = jwk.n, let e = jwk.e else {
                entries.append(jwk.json)
                continue
            }
            let members: JSONObject
            switch self {
            case .githubActions:
                var github = JSONObject([
                    ("n", .string(n)), ("kty", .string(jwk.kty)), ("kid", .string(jwk.kid)), ("alg", .string(jwk.alg)),
                    ("e", .string(e)), ("use", .string(jwk.use)),
                ])
                if let certificate = keys.certificates[key.keyID] {
                    github["x5c"] = .array([.string(certificate.x5c)])
                    github["x5t"] = .string(certificate.x5t)
                }
                members = github
            case .gitlabCI:
                members = JSONObject([
                    ("kty", .string(jwk.kty)), ("kid", .string(jwk.kid)), ("e", .string(e)), ("n", .string(n)),
                    ("use", .string(jwk.use)), ("alg", .string(jwk.alg)),
                ])
            }
            entries.append(members.jsonString)
        }
        return "{\"keys\":[" + entries.joined(separator: ",") + "]}"
    }
}
