import KubeMint

/// The token controller's part: a legacy secret-based token for each new
/// `kubernetes.io/service-account-token` Secret, signed by the issuer's current key.
struct LegacyTokenFiller: SecretTokenFiller {
    let minter: TokenMinter
    let caCertificatePEM: String

    func legacyToken(namespace: String, secretName: String, serviceAccountName: String, serviceAccountUID: String)
        throws -> String
    {
        try minter.sign(
            LegacyClaims(
                namespace: namespace, secretName: secretName, serviceAccountName: serviceAccountName,
                serviceAccountUID: serviceAccountUID))
    }
}
