import KubeMint

/// The numbers a signer announces, checked when it starts (docs/kubernetes-behaviour.md §22).
package struct SignerSettings: Sendable, Equatable {
    /// The API's floor for `max_token_expiration_seconds`; the apiserver refuses less.
    package static let minimumMaxTokenExpirationSeconds: Int64 = 600
    /// kubemint's default refresh hint: a minute, so a rotation reaches the apiserver's JWKS soon.
    package static let defaultRefreshHintSeconds: Int64 = 60
    /// kubemint's default longest token: 24 hours.
    package static let defaultMaxTokenExpirationSeconds: Int64 = 86_400

    /// `FetchKeysResponse.refresh_hint_seconds` (the apiserver treats ≤ 0 as misconfiguration).
    package let refreshHintSeconds: Int64
    /// `MetadataResponse.max_token_expiration_seconds`.
    package let maxTokenExpirationSeconds: Int64

    /// Checked settings; the error names the flag to fix.
    package init(
        refreshHintSeconds: Int64 = defaultRefreshHintSeconds,
        maxTokenExpirationSeconds: Int64 = defaultMaxTokenExpirationSeconds
    ) throws(ConfigurationError) {
        guard refreshHintSeconds > 0 else {
            throw ConfigurationError(
                "--signer-refresh-hint \(refreshHintSeconds)s: give a positive number of seconds (the apiserver refuses 0 or less)"
            )
        }
        guard maxTokenExpirationSeconds >= Self.minimumMaxTokenExpirationSeconds else {
            throw ConfigurationError(
                "--signer-max-token-expiration \(maxTokenExpirationSeconds)s: the ExternalJWTSigner API requires at least \(Self.minimumMaxTokenExpirationSeconds)s (10m)"
            )
        }
        self.refreshHintSeconds = refreshHintSeconds
        self.maxTokenExpirationSeconds = maxTokenExpirationSeconds
    }
}
