import Foundation
import KubeMintCrypto

/// One CI profile's issuer: its URL, its keys and the clock; mints the profile's tokens with the
/// header the real issuer writes (``CIProfile/header(algorithm:keyID:keys:)``) and serves its discovery and JWKS
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

    /// `claims` signed with the current key under the profile's header (GitHub:
    /// `{"alg":…,"kid":…,"typ":"JWT","x5t":…}`).
    package func sign(_ claims: JSONObject) throws -> String {
        let keys = keyRing.keys
        let key = keys.signingKey
        return try JWS.sign(
            encodedHeader: header(algorithm: key.algorithm.rawValue, keyID: key.keyID, keys: keys),
            payload: JSONValue.object(claims).serialized()
        ) { try key.sign($0) }
    }

    /// `claims` signed as `defect` asks, under the profile's header.
    package func sign(_ claims: JSONObject, defect: TokenDefect) throws -> String {
        let keys = keyRing.keys
        return try defect.token(ciPayload: claims, keys: keys) { algorithm, keyID in
            header(algorithm: algorithm, keyID: keyID, keys: keys)
        }
    }

    /// The profile's header for a key, base64url-encoded.
    private func header(algorithm: String, keyID: String, keys: KeySet) -> [UInt8] {
        Base64URL.encodeToBytes(profile.header(algorithm: algorithm, keyID: keyID, keys: keys).serialized())
    }

    /// The discovery document.
    package var discovery: JSONObject {
        profile.discovery(issuer: issuer, algorithms: keyRing.keys.algorithms)
    }

    /// The JWKS, as the profile publishes it (GitHub: with each key's certificate).
    package func jwksJSON() throws -> String { try profile.jwksJSON(keys: keyRing.keys) }
}
