import Foundation

/// A public JSON Web Key as kube-apiserver publishes it: never any private member.
package struct JWK: Sendable, Equatable {
    /// Always `sig`.
    package var use: String = "sig"
    /// `RSA` or `EC`.
    package var kty: String
    /// The Kubernetes key id.
    package var kid: String
    /// `P-256` for EC keys.
    package var crv: String?
    /// `RS256` or `ES256`.
    package var alg: String
    /// EC coordinates, base64url, 32 bytes each for P-256.
    package var x: String?
    package var y: String?
    /// RSA modulus and exponent, base64url, minimal big-endian.
    package var n: String?
    package var e: String?

    /// A JWK with these members.
    package init(
        kty: String, kid: String, crv: String? = nil, alg: String,
        x: String? = nil, y: String? = nil, n: String? = nil, e: String? = nil
    ) {
        self.kty = kty
        self.kid = kid
        self.crv = crv
        self.alg = alg
        self.x = x
        self.y = y
        self.n = n
        self.e = e
    }

    /// Compact JSON with members in go-jose's order: use, kty, kid, crv, alg, x, y, n, e.
    package var json: String {
        var parts: [String] = []
        func add(_ name: String, _ value: String?) {
            if let value { parts.append("\"\(name)\":\"\(value)\"") }
        }
        add("use", use)
        add("kty", kty)
        add("kid", kid)
        add("crv", crv)
        add("alg", alg)
        add("x", x)
        add("y", y)
        add("n", n)
        add("e", e)
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// Read a JWK from a JSON object's string members; unknown members are ignored.
    package init(members: [String: Any]) throws {
        func string(_ name: String) -> String? { members[name] as? String }
        guard let kty = string("kty") else {
            throw CryptoError(.malformedJWK, "JWK has no \"kty\" member")
        }
        self.kty = kty
        self.kid = string("kid") ?? ""
        self.use = string("use") ?? "sig"
        self.crv = string("crv")
        self.alg = string("alg") ?? (kty == "EC" ? "ES256" : "RS256")
        self.x = string("x")
        self.y = string("y")
        self.n = string("n")
        self.e = string("e")
    }
}

/// A JSON Web Key Set: `{"keys":[…]}`, one entry per verification key, in key store order.
package struct JWKS: Sendable, Equatable {
    /// The keys in order.
    package var keys: [JWK]

    /// A set of these keys.
    package init(keys: [JWK]) { self.keys = keys }

    /// The set of these verification keys' JWKs.
    package init(verificationKeys: [VerificationKey]) throws {
        keys = try verificationKeys.map { try $0.jwk() }
    }

    /// Compact JSON, as the apiserver serves `/openid/v1/jwks`.
    package var json: String { "{\"keys\":[" + keys.map(\.json).joined(separator: ",") + "]}" }

    /// Parse a JWKS document; `source` names it in errors.
    package init(json data: Data, source: String) throws {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let list = root["keys"] as? [Any]
        else {
            throw CryptoError(.malformedJWK, "\(source): not a JWKS document (expected {\"keys\":[…]})")
        }
        keys = try list.enumerated().map { index, entry in
            guard let members = entry as? [String: Any] else {
                throw CryptoError(.malformedJWK, "\(source): keys[\(index)] is not a JSON object")
            }
            do { return try JWK(members: members) } catch let error as CryptoError {
                throw CryptoError(.malformedJWK, "\(source): keys[\(index)]: \(error.message)")
            }
        }
    }

    /// The verification keys of this set; keys of other types are skipped only if `skipUnsupported`.
    package func verificationKeys(source: String) throws -> [VerificationKey] {
        try keys.map { try VerificationKey(jwk: $0, source: source) }
    }
}
