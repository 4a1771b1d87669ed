import Foundation

/// The issuer's token rules in one place: TokenRequest (mint) and TokenReview (validate), over
/// the live objects, one clock and the current keys. Plain Swift, no HTTP: the server and the
/// offline command line both call it.
public struct TokenIssuer: Sendable {
    /// Issuers, audiences, expiration policy.
    public let configuration: IssuerConfiguration
    /// Signs claims with the current key.
    public let minter: TokenMinter
    /// The one source of "now".
    public let clock: any KubeClock
    /// Service accounts, pods, secrets and nodes as they are now.
    public let objects: any ClusterObjects
    /// Signatures already checked, so reviewing the same token again skips the crypto.
    public let verifiedTokens: VerifiedTokenCache

    /// An issuer over these parts.
    public init(
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
    public static let extendedExpirationSeconds: Int64 = 365 * 24 * 60 * 60
    /// The lifetime kube-api-access volumes request, which triggers the extension.
    public static let warnOnlyExpirationSeconds: Int64 = 3607
    /// Default lifetime when a request names none.
    public static let defaultExpirationSeconds: Int64 = 3600
}
