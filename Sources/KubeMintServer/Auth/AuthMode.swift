/// Who may call what (`kubemint serve --auth`).
public enum AuthMode: String, Sendable, CaseIterable {
    /// Every caller may call every endpoint (the default; meant for loopback).
    case none
    /// Bearer tokens required: the kubeconfig's admin token may do anything; service-account
    /// tokens authenticate like TokenReview and may review themselves, and review others' tokens
    /// only when named with `--token-reviewer`.
    case token
}

/// Access rules for `--auth token`.
public struct AccessPolicy: Sendable, Equatable {
    /// The mode.
    public var mode: AuthMode
    /// Service accounts (`namespace/name`) bound to `system:auth-delegator`: may create TokenReviews.
    public var tokenReviewers: Set<String>
    /// Whether discovery and JWKS stay public (`system:service-account-issuer-discovery` bound to
    /// unauthenticated users, as most managed clusters do).
    public var publicDiscovery: Bool

    /// A policy.
    public init(mode: AuthMode = .none, tokenReviewers: Set<String> = [], publicDiscovery: Bool = true) {
        self.mode = mode
        self.tokenReviewers = tokenReviewers
        self.publicDiscovery = publicDiscovery
    }
}
