import KubeMintCrypto

/// An immutable snapshot of the keys an issuer uses: one signing key and every verification key,
/// with the JWKS and discovery algorithms computed once. Rotation swaps in a new snapshot; readers
/// never lock.
package final class KeySet: Sendable {
    /// Signs new tokens (the first `--service-account-signing-key-file`).
    package let signingKey: SigningKey
    /// Verify tokens and appear in the JWKS, in order (the signing key's public half first).
    package let verificationKeys: [VerificationKey]
    /// `/openid/v1/jwks`, compact JSON.
    package let jwksJSON: String
    /// Sorted, de-duplicated `alg` values of all keys, for `id_token_signing_alg_values_supported`.
    package let algorithms: [String]
    /// Self-signed certificates of some keys, by kid: what a GitHub Actions profile publishes as
    /// `x5c`/`x5t` (docs/kubernetes-behaviour.md §27.2); empty for the Kubernetes issuer.
    package let certificates: [String: KeyCertificate]
    private let byKeyID: [String: [VerificationKey]]

    /// A key set; duplicates of the signing key among `otherKeys` are dropped.
    package init(
        signingKey: SigningKey, otherKeys: [VerificationKey] = [], certificates: [String: KeyCertificate] = [:]
    ) throws {
        self.signingKey = signingKey
        self.certificates = certificates
        var keys = [signingKey.verificationKey]
        for key in otherKeys where !keys.contains(where: { $0.keyID == key.keyID }) { keys.append(key) }
        verificationKeys = keys
        jwksJSON = try JWKS(verificationKeys: keys).json
        algorithms = Array(Set(keys.map(\.algorithm.rawValue))).sorted()
        byKeyID = Dictionary(grouping: keys, by: \.keyID)
    }

    /// The verification keys a token's `kid` selects; without a kid, every key (as the apiserver does).
    package func keys(forKeyID keyID: String?) -> [VerificationKey] {
        guard let keyID else { return verificationKeys }
        return byKeyID[keyID] ?? []
    }
}
