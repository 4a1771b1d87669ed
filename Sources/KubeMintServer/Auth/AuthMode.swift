/// Who may call what (`kubemint serve --auth`).
package enum AuthMode: String, Sendable, CaseIterable {
    /// Every caller may call every endpoint (the default; meant for loopback).
    case none
    /// Bearer tokens required: the kubeconfig's admin token may do anything; service-account
    /// tokens authenticate like TokenReview and may review themselves, and review others' tokens
    /// only when named with `--token-reviewer`.
    case token
}

/// Access rules for `--auth token`.
package struct AccessPolicy: Sendable, Equatable {
    /// The mode.
    package var mode: AuthMode
    /// Service accounts (`namespace/name`) bound to `system:auth-delegator`: may create TokenReviews.
    package var tokenReviewers: Set<String>
    /// Whether discovery and JWKS stay public (`system:service-account-issuer-discovery` bound to
    /// unauthenticated users, as most managed clusters do).
    package var publicDiscovery: Bool

    /// A policy.
    package init(mode: AuthMode = .none, tokenReviewers: Set<String> = [], publicDiscovery: Bool = true) {
        self.mode = mode
        self.tokenReviewers = tokenReviewers
        self.publicDiscovery = publicDiscovery
    }
}
