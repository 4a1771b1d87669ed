import KubeMintCrypto

extension TokenDefect {
    /// The token the issuer would sign for `claims`, spoiled by this defect. The header keeps
    /// Kubernetes' exact shape `{"alg":…,"kid":…}` unless the defect is about the header; times
    /// are moved relative to `claims.issuedAt` ("now" of the request). Used offline by
    /// `kubemint create token --defect` and by the server's control API.
    package func token(claims: ServiceAccountClaims, keys: KeySet) throws -> String {
        let signingKey = keys.signingKey
        let payload = Array(spoiledPayload(claims).serialized())
        switch self {
        case .unknownKey:
            return try JWS.sign(payload: payload, with: try SigningKey.generate(signingKey.type))
        case .unknownKid:
            let header = Self.header(alg: signingKey.algorithm.rawValue, kid: Self.randomKeyID())
            return try JWS.sign(encodedHeader: header, payload: payload) { try signingKey.sign($0) }
        case .badSignature:
            return try JWS.sign(encodedHeader: signingKey.encodedKubernetesHeader, payload: payload) {
                var signature = try signingKey.sign($0)
                signature[signature.count - 1] ^= 0xFF
                return signature
            }
        case .algNone:
            let header = Base64URL.encodeToBytes(Array(#"{"alg":"none"}"#.utf8))
            return try JWS.sign(encodedHeader: header, payload: payload) { _ in [] }
        case .hs256KeyConfusion:
            let secret = Array(try signingKey.verificationKey.pem().utf8)
            let header = Self.header(alg: "HS256", kid: signingKey.keyID)
            return try JWS.sign(encodedHeader: header, payload: payload) {
                try HMACSHA256.authenticate($0, key: secret)
            }
        case .kidMismatch:
            let impostor = try SigningKey.generate(signingKey.type)
            return try JWS.sign(encodedHeader: signingKey.encodedKubernetesHeader, payload: payload) {
                try impostor.sign($0)
            }
        case .expired, .notYetValid, .wrongIssuer, .wrongAudience, .missingExp, .missingSub:
            return try JWS.sign(payload: payload, with: signingKey)
        }
    }

    /// The payload after the claim defects (the key and header defects keep it as it is).
    func spoiledPayload(_ original: ServiceAccountClaims) -> JSONObject {
        var claims = original
        let lifetime = claims.expiry - claims.issuedAt
        switch self {
        case .expired: claims.shiftTimes(by: -(lifetime + Self.timeShiftSeconds))
        case .notYetValid: claims.shiftTimes(by: Self.timeShiftSeconds)
        case .wrongIssuer: claims.issuer = Self.foreignIssuer
        case .wrongAudience: claims.audiences = [Self.foreignAudience]
        default: break
        }
        var payload = claims.payload
        if self == .missingExp { payload["exp"] = nil }
        if self == .missingSub { payload["sub"] = nil }
        return payload
    }

    /// base64url of `{"alg":"<alg>","kid":"<kid>"}`, the Kubernetes header shape.
    static func header(alg: String, kid: String) -> [UInt8] {
        Base64URL.encodeToBytes(Array("{\"alg\":\"\(alg)\",\"kid\":\"\(kid)\"}".utf8))
    }

    /// A kid shaped like a real one (base64url of 32 bytes, 43 characters) that no key has.
    static func randomKeyID() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}

extension ServiceAccountClaims {
    /// Move `iat`, `nbf`, `exp` (and `warnafter`) by `seconds`, keeping the lifetime.
    mutating func shiftTimes(by seconds: Int64) {
        issuedAt += seconds
        notBefore += seconds
        expiry += seconds
        kubernetes.warnAfter = kubernetes.warnAfter.map { $0 + seconds }
    }
}
