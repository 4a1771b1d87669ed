import Foundation
import KubeMintCrypto

/// One CI profile's issuer: its URL, its keys and the clock; mints the profile's tokens with the
/// header the real issuer writes (`{"typ":"JWT","alg":…,"kid":…}`) and serves its discovery and JWKS
/// (docs/kubernetes-behaviour.md §27). Its keys are its own, so a relying party of one profile never
/// accepts another profile's tokens or Kubernetes tokens.
package struct CIIssuer: Sendable {
    /// Which CI system.
    package let profile: CIProfile
    /// `iss`.
    package let issuer: String
    /// The keys; the current signing key signs.
    package let keyRing: KeyRing
    /// The one source of "now".
    package let clock: any KubeClock
    /// Makes `jti` values.
    package let tokenIDs: @Sendable () -> String

    /// An issuer of `profile` tokens at `issuer`.
    package init(
        profile: CIProfile, issuer: String, keyRing: KeyRing, clock: any KubeClock,
        tokenIDs: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.profile = profile
        self.issuer = issuer
        self.keyRing = keyRing
        self.clock = clock
        self.tokenIDs = tokenIDs
    }

    /// Where a profile keeps its keys inside a key store directory: `<keys>/ci/<profile>`.
    package static func keyDirectory(keys: String, profile: CIProfile) -> String {
        (keys as NSString).appendingPathComponent("ci/" + profile.rawValue)
    }

    /// The claims of a GitHub Actions job's token for `audience` (nil: the owner's URL), issued now.
    package func claims(github job: GitHubActionsJob, audience: String?) -> JSONObject {
        job.claims(issuer: issuer, audience: audience, now: UnixTime.seconds(clock.now()), jti: tokenIDs())
    }

    /// The claims of a GitLab CI job's token for `audiences`, issued now for `lifetime` seconds.
    package func claims(gitlab job: GitLabCIJob, audiences: [String], lifetime: Int64 = GitLabCIJob.defaultLifetime)
        -> JSONObject
    {
        job.claims(
            issuer: issuer, audiences: audiences, now: UnixTime.seconds(clock.now()), lifetime: lifetime,
            jti: tokenIDs())
    }

    /// `claims` signed with the current key under `{"typ":"JWT","alg":…,"kid":…}`.
    package func sign(_ claims: JSONObject) throws -> String {
        let key = keyRing.keys.signingKey
        let header = JSONObject([
            ("typ", .string("JWT")), ("alg", .string(key.algorithm.rawValue)), ("kid", .string(key.keyID)),
        ])
        return try JWS.sign(
            encodedHeader: Array(Base64URL.encode(JSONValue.object(header).serialized()).utf8),
            payload: JSONValue.object(claims).serialized()
        ) { try key.sign($0) }
    }

    /// The discovery document.
    package var discovery: JSONObject {
        profile.discovery(issuer: issuer, algorithms: keyRing.keys.algorithms)
    }

    /// The JWKS.
    package var jwksJSON: String { keyRing.keys.jwksJSON }
}
