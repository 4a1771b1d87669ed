import Foundation

/// A token the kubelet holds for a projection, with the response fields its refresh rule reads
/// (`pkg/kubelet/token/token_manager.go`, docs/kubernetes-behaviour.md §10).
package struct ProjectedToken: Sendable, Equatable {
    /// The JWT as written to the file.
    package var token: String
    /// The response's `status.expirationTimestamp` (not the JWT's `exp`: for the 3607-second
    /// kube-api-access tokens the JWT lives a year, the response says an hour).
    package var expirationTimestamp: Date
    /// The response's `spec.expirationSeconds` (after the server's cap).
    package var expirationSeconds: Int64

    /// A token with every member given.
    package init(token: String, expirationTimestamp: Date, expirationSeconds: Int64) {
        self.token = token
        self.expirationTimestamp = expirationTimestamp
        self.expirationSeconds = expirationSeconds
    }

    /// The token of a TokenRequest result.
    package init(_ result: TokenRequestResult) {
        self.init(
            token: result.token,
            expirationTimestamp: Date(timeIntervalSince1970: TimeInterval(result.issuedAt + result.expirationSeconds)),
            expirationSeconds: result.expirationSeconds)
    }

    /// `iat` as the kubelet reconstructs it: expirationTimestamp − expirationSeconds.
    package var issuedAt: Date { expirationTimestamp.addingTimeInterval(-TimeInterval(expirationSeconds)) }

    /// Maximum age before a refresh whatever the lifetime.
    package static let maxTTL: TimeInterval = 24 * 60 * 60

    /// The instant after which the kubelet requests a new token: the earlier of `iat + 24h` and
    /// `exp − 20 % × expirationSeconds` (kubemint leaves out the kubelet's 0–10 s jitter so that
    /// tests are deterministic).
    package var refreshAfter: Date {
        let byAge = issuedAt.addingTimeInterval(Self.maxTTL)
        let byLifetime = expirationTimestamp.addingTimeInterval(-TimeInterval(expirationSeconds * 20 / 100))
        return min(byAge, byLifetime)
    }

    /// `requiresRefresh`: now is strictly after ``refreshAfter``.
    package func requiresRefresh(now: Date) -> Bool { now > refreshAfter }

    /// Whether the response's expiration has passed (a failed refresh keeps the token until then).
    package func isExpired(now: Date) -> Bool { now > expirationTimestamp }
}

/// The kubelet's token cache key: service account, namespace, audiences, lifetime and the bound pod.
struct ProjectedTokenKey: Sendable, Hashable {
    var namespace: String
    var serviceAccount: String
    var audience: String?
    var expirationSeconds: Int64
    var podName: String
    var podUID: String
}
