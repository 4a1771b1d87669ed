import KubeMint

/// The token controller's part: a legacy secret-based token for each new
/// `kubernetes.io/service-account-token` Secret, signed by the issuer's current key.
package struct LegacyTokenFiller: SecretTokenFiller {
    /// Signs the legacy tokens.
    package let minter: TokenMinter
    /// `ca.crt` of the filled secrets.
    package let caCertificatePEM: String

    /// A filler signing with `minter`.
    package init(minter: TokenMinter, caCertificatePEM: String) {
        self.minter = minter
        self.caCertificatePEM = caCertificatePEM
    }

    package func legacyToken(
        namespace: String, secretName: String, serviceAccountName: String, serviceAccountUID: String
    )
        throws -> String
    {
        try minter.sign(
            LegacyClaims(
                namespace: namespace, secretName: secretName, serviceAccountName: serviceAccountName,
                serviceAccountUID: serviceAccountUID))
    }
}
