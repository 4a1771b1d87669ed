import Foundation

/// The issuer's token rules in one place: TokenRequest (mint) and TokenReview (validate), over
/// the live objects, one clock and the current keys. Plain Swift, no HTTP: the server and the
/// offline command line both call it.
package struct TokenIssuer: Sendable {
    /// Issuers, audiences, expiration policy.
    package let configuration: IssuerConfiguration
    /// Signs claims with the current key.
    package let minter: TokenMinter
    /// The one source of "now".
    package let clock: any KubeClock
    /// Service accounts, pods, secrets and nodes as they are now.
    package let objects: any ClusterObjects
    /// Signatures already checked, so reviewing the same token again skips the crypto.
    package let verifiedTokens: VerifiedTokenCache

    /// An issuer over these parts.
    package init(
        configuration: IssuerConfiguration, minter: TokenMinter, clock: any KubeClock, objects: any ClusterObjects,
        verifiedTokens: VerifiedTokenCache = VerifiedTokenCache()
    ) {
        self.configuration = configuration
        self.minter = minter
        self.clock = clock
        self.objects = objects
        self.verifiedTokens = verifiedTokens
    }

    /// Lifetime of an extended token: one year (`ExpirationExtensionSeconds`).
    package static let extendedExpirationSeconds: Int64 = 365 * 24 * 60 * 60
    /// The lifetime kube-api-access volumes request, which triggers the extension.
    package static let warnOnlyExpirationSeconds: Int64 = 3607
    /// Default lifetime when a request names none.
    package static let defaultExpirationSeconds: Int64 = 3600
}
