/// What an issuer signs and accepts: the kube-apiserver flags `--service-account-issuer`,
/// `--api-audiences`, `--service-account-max-token-expiration` and
/// `--service-account-extend-token-expiration`.
package struct IssuerConfiguration: Sendable, Equatable {
    /// Issuers: the first signs new tokens and is the discovery `issuer`; all are accepted.
    package var issuers: [String]
    /// API audiences: the default `aud` and the audiences bearer tokens must carry. Defaults to the issuers.
    package var apiAudiences: [String]
    /// Cap on requested lifetimes in seconds (nil: no cap).
    package var maxExpirationSeconds: Int64?
    /// Whether 3607-second pod-bound tokens are extended to a year with `warnafter` (default on).
    package var extendExpiration: Bool
    /// The release whose token rules apply (`--kube-version`, `--feature-gates`; docs/kubernetes-behaviour.md §26).
    package var release: KubeRelease

    /// Whether tokens may be bound to Nodes (ServiceAccountTokenNodeBinding, on since 1.31).
    package var nodeBinding: Bool { release.isEnabled(.serviceAccountTokenNodeBinding) }

    /// The default issuer of a kubeadm cluster.
    package static let defaultIssuer = "https://kubernetes.default.svc.cluster.local"

    /// A configuration; `apiAudiences` nil means "the issuers", as in the apiserver. `nodeBinding`
    /// overrides the release's ServiceAccountTokenNodeBinding gate (tests).
    package init(
        issuers: [String] = [IssuerConfiguration.defaultIssuer], apiAudiences: [String]? = nil,
        maxExpirationSeconds: Int64? = nil, extendExpiration: Bool = true, nodeBinding: Bool? = nil,
        release: KubeRelease = .newest
    ) {
        self.issuers = issuers
        self.apiAudiences = apiAudiences ?? issuers
        self.maxExpirationSeconds = maxExpirationSeconds
        self.extendExpiration = extendExpiration
        self.release =
            nodeBinding.map {
                KubeRelease(
                    minor: release.minor, patch: release.patch,
                    features: release.features.setting(.serviceAccountTokenNodeBinding, $0))
            } ?? release
    }

    /// The issuer that signs.
    package var signingIssuer: String { issuers[0] }

    /// Check the flags as the apiserver does at startup; the message names the problem.
    package func validate() throws {
        guard !issuers.isEmpty else { throw ConfigurationError("at least one issuer is required") }
        var seen = Set<String>()
        for issuer in issuers {
            guard !issuer.isEmpty else { throw ConfigurationError("an issuer must not be empty") }
            guard seen.insert(issuer).inserted else { throw ConfigurationError("issuer \"\(issuer)\" is given twice") }
        }
        if let max = maxExpirationSeconds, max < 3600 || max > 1 << 32 {
            throw ConfigurationError(
                "the max token expiration must be between 1h and 2^32 seconds, got \(max) seconds")
        }
    }
}

/// A configuration a user gave that cannot work; the message says which and why.
package struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String
    /// An error with this message.
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
