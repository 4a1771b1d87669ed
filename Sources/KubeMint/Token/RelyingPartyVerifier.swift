import Foundation
import KubeMintCrypto

/// What a relying party checks on a token it receives — signature by a published key, issuer,
/// audience, expiry, not-before — with the failing check named in words. Used by
/// `kubemint verify`; it does no object lookups (that is TokenReview's job).
package struct RelyingPartyVerifier: Sendable {
    /// Keys the issuer publishes.
    package var keys: [VerificationKey]
    /// Acceptable `iss` values; empty accepts any.
    package var issuers: [String]
    /// The audience this relying party is; nil skips the audience check.
    package var audience: String?
    /// Clock skew allowed on exp/nbf/iat, in seconds.
    package var leewaySeconds: Int64
    /// "Now".
    package var clock: any KubeClock

    /// A verifier over these keys and expectations.
    package init(
        keys: [VerificationKey], issuers: [String] = [], audience: String? = nil, leewaySeconds: Int64 = 60,
        clock: any KubeClock = SystemClock()
    ) {
        self.keys = keys
        self.issuers = issuers
        self.audience = audience
        self.leewaySeconds = leewaySeconds
        self.clock = clock
    }

    /// Why a token was refused: the check, and the detail.
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// `format`, `algorithm`, `key`, `signature`, `issuer`, `audience`, `expiry`, `not-before`,
        /// `issued-at`, `subject`.
        package var check: String
        package var detail: String
        package var description: String { "\(check) check failed: \(detail)" }
    }

    /// The verified header and claims, or the first failing check.
    package func verify(_ token: String) throws(Failure) -> (header: JSONObject, claims: JSONObject) {
        func fail(_ check: String, _ detail: String) -> Failure { Failure(check: check, detail: detail) }
        guard let jws = try? CompactJWS(token.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw fail("format", "not a compact JWS (three base64url parts separated by dots)")
        }
        guard case .object(let header)? = try? JSONValue.parse(jws.header) else {
            throw fail("format", "the header is not a JSON object")
        }
        guard case .object(let claims)? = try? JSONValue.parse(jws.payload) else {
            throw fail("format", "the payload is not a JSON object")
        }
        let alg = header["alg"]?.stringValue ?? "(none)"
        guard let algorithm = JWSAlgorithm(rawValue: alg) else {
            throw fail("algorithm", "alg \"\(alg)\" is not accepted; only RS256 and ES256 are")
        }
        let kid = header["kid"]?.stringValue
        let candidates = keys.filter { kid == nil || $0.keyID == kid }
        guard !candidates.isEmpty else {
            throw fail("key", "no published key has kid \"\(kid ?? "")\" (the issuer's JWKS has \(keys.map(\.keyID)))")
        }
        guard candidates.contains(where: { $0.algorithm == algorithm && jws.isSigned(by: $0) }) else {
            throw fail(
                "signature", "the signature does not verify with the key \(kid.map { "\"\($0)\"" } ?? "candidates")")
        }
        let issuer = claims["iss"]?.stringValue ?? ""
        if !issuers.isEmpty && !issuers.contains(issuer) {
            throw fail(
                "issuer", "iss is \"\(issuer)\", expected \(issuers.map { "\"\($0)\"" }.joined(separator: " or "))")
        }
        if let audience {
            let tokenAudiences: [String] =
                switch claims["aud"] {
                case .string(let s)?: [s]
                case .array(let items)?: items.compactMap(\.stringValue)
                default: []
                }
            guard tokenAudiences.contains(audience) else {
                throw fail("audience", "aud is \(tokenAudiences), which does not include \"\(audience)\"")
            }
        }
        let now = UnixTime.seconds(clock.now())
        guard let exp = claims["exp"]?.intValue else { throw fail("expiry", "the token has no numeric exp claim") }
        if now - leewaySeconds > exp {
            throw fail("expiry", "expired at \(UnixTime.rfc3339(exp)), now is \(UnixTime.rfc3339(now))")
        }
        if let nbf = claims["nbf"]?.intValue, now + leewaySeconds < nbf {
            throw fail(
                "not-before", "not valid yet: valid from \(UnixTime.rfc3339(nbf)), now is \(UnixTime.rfc3339(now))")
        }
        if let iat = claims["iat"]?.intValue, now + leewaySeconds < iat {
            throw fail("issued-at", "issued in the future at \(UnixTime.rfc3339(iat)), now is \(UnixTime.rfc3339(now))")
        }
        guard let subject = claims["sub"]?.stringValue, !subject.isEmpty else {
            throw fail("subject", "the token has no sub claim, so it names no identity")
        }
        return (header, claims)
    }
}
