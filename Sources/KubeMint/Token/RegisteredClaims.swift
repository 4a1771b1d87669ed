/// The registered claims of any service-account token as go-jose's `jwt.Claims` decodes them
/// before a single check runs (docs/kubernetes-behaviour.md §5.2): `aud`, then `exp`, `nbf`, `iat`
/// must decode, and the first that does not fails the token with go-jose's text. `iss`, `sub`
/// and `jti` are read as strings when they are strings.
package struct RegisteredClaims: Sendable, Equatable {
    /// `iss`, when a string.
    package var issuer: String?
    /// `sub`, when a string.
    package var subject: String?
    /// `aud`: nil when absent; a lone string reads as one audience.
    package var audiences: [String]?
    /// `exp`, `nbf`, `iat`: Unix seconds (fractions truncated), nil when absent or null.
    package var expiry: Int64?
    package var notBefore: Int64?
    package var issuedAt: Int64?
    /// `jti`, when a string.
    package var tokenID: String?

    /// Decodes the registered claims of `payload`, in go-jose's order.
    package init(payload: JSONObject) throws(ClaimDecodingError) {
        issuer = payload["iss"]?.stringValue
        subject = payload["sub"]?.stringValue
        audiences = try Self.audiences(payload["aud"])
        expiry = try Self.numericDate(payload["exp"])
        notBefore = try Self.numericDate(payload["nbf"])
        issuedAt = try Self.numericDate(payload["iat"])
        tokenID = payload["jti"]?.stringValue
    }

    /// A go-jose NumericDate: a JSON number (fractions truncated); anything else fails to decode.
    static func numericDate(_ value: JSONValue?) throws(ClaimDecodingError) -> Int64? {
        switch value {
        case nil, .null?: return nil
        case .int(let v)?: return v
        case .double(let v)?:
            guard v.isFinite, v > -9.2e18, v < 9.2e18 else { throw .numericDate }
            return Int64(v)
        default: throw .numericDate
        }
    }

    /// go-jose's Audience: a string or an array of strings.
    static func audiences(_ value: JSONValue?) throws(ClaimDecodingError) -> [String]? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return [s]
        case .array(let items)?:
            var audiences: [String] = []
            audiences.reserveCapacity(items.count)
            for item in items {
                guard case .string(let s) = item else { throw .audience }
                audiences.append(s)
            }
            return audiences
        default: throw .audience
        }
    }
}

/// A claim of a token's payload that does not decode; ``message`` is the text the apiserver
/// reports after `invalid bearer token` (docs/kubernetes-behaviour.md §5.1).
package struct ClaimDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the claim.
    package let message: String

    /// An error with this text.
    package init(_ message: String) { self.message = message }

    /// go-jose's error for an `exp`, `nbf` or `iat` that is not a number.
    static let numericDate = ClaimDecodingError("go-jose/go-jose/jwt: failed to unmarshal NumericDate")
    /// go-jose's error for an `aud` that is neither a string nor an array of strings.
    static let audience = ClaimDecodingError(
        "go-jose/go-jose/jwt: expected string or array value to unmarshal to Audience")

    /// The ``message``.
    package var description: String { message }
}
