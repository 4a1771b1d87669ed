/// A deliberate flaw in a service-account token, one at a time: a correct relying party must
/// reject every one of them. `kubemint create token --defect NAME` mints them; the raw value is
/// the name on the command line.
package enum TokenDefect: String, CaseIterable, Sendable {
    /// `exp` an hour beyond the leeway in the past; `iat` and `nbf` one lifetime before it.
    case expired
    /// `nbf` and `iat` an hour in the future (beyond the leeway); `exp` one lifetime after them.
    case notYetValid = "not-yet-valid"
    /// `iss` is ``TokenDefect/foreignIssuer``, not the configured issuer.
    case wrongIssuer = "wrong-issuer"
    /// `aud` is just ``TokenDefect/foreignAudience``, not the requested audiences.
    case wrongAudience = "wrong-audience"
    /// Signed by a freshly generated key that is not in the JWKS; `kid` is that key's kid.
    case unknownKey = "unknown-key"
    /// Signed by the real signing key, but `kid` is a random 43-character kid no key has.
    case unknownKid = "unknown-kid"
    /// The real key and header, with the last signature byte inverted.
    case badSignature = "bad-signature"
    /// Header `{"alg":"none"}` and an empty signature: an unsigned token.
    case algNone = "alg-none"
    /// Header `{"alg":"HS256","kid":<real kid>}`, MACed with the signing key's public PEM as HMAC
    /// secret: the classic RS256 → HS256 key-confusion attack.
    case hs256KeyConfusion = "hs256-key-confusion"
    /// No `exp` claim at all.
    case missingExp = "missing-exp"
    /// No `sub` claim at all.
    case missingSub = "missing-sub"
    /// `kid` of the real signing key, but signed by another (fresh) key.
    case kidMismatch = "kid-mismatch"

    /// The `iss` of a ``wrongIssuer`` token (`.invalid` never resolves, RFC 2606).
    package static let foreignIssuer = "https://wrong-issuer.kubemint.invalid"
    /// The only `aud` of a ``wrongAudience`` token.
    package static let foreignAudience = "https://wrong-audience.kubemint.invalid"
    /// How far beyond "now" the time defects move the token, in seconds (well past the 60 s leeway).
    package static let timeShiftSeconds: Int64 = 3600

    /// One line on what a correct relying party must do with such a token.
    package var advice: String {
        switch self {
        case .expired:
            "reject: exp lies in the past by more than your clock-skew leeway"
        case .notYetValid:
            "reject: nbf (and iat) lie in the future by more than your clock-skew leeway"
        case .wrongIssuer:
            "reject: iss is not the issuer you trust; match iss exactly before using its keys"
        case .wrongAudience:
            "reject: aud does not contain your own audience; never accept a token minted for someone else"
        case .unknownKey:
            "reject: no key in the issuer's JWKS has this kid; refetch the JWKS at most once (rate-limited), then fail"
        case .unknownKid:
            "reject: no published key has this kid; do not fall back to other keys when a kid is given"
        case .badSignature:
            "reject: the signature does not verify with the published key"
        case .algNone:
            "reject: alg none means unsigned; allow only the algorithms of the issuer's keys (RS256, ES256)"
        case .hs256KeyConfusion:
            "reject: HS256 keyed with the public key; take the algorithm from the key type, never from the header"
        case .missingExp:
            "reject: without exp the token never expires; require exp (kube-apiserver reads it as expired)"
        case .missingSub:
            "reject: require sub when sub is the identity (kube-apiserver itself accepts it: identity comes from kubernetes.io)"
        case .kidMismatch:
            "reject: the kid names a published key that did not sign the token; verify with that kid's key only"
        }
    }

    /// Every defect as `name  advice` lines, names padded to one column, for `--defects`.
    package static var listing: String {
        let width = allCases.map(\.rawValue.count).max() ?? 0
        return allCases.map { $0.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.advice }
            .joined(separator: "\n")
    }
}
