import KubeMintCrypto

extension TokenDefect {
    /// The token the issuer would sign for `claims`, spoiled by this defect. The header keeps
    /// Kubernetes' exact shape `{"alg":…,"kid":…}` unless the defect is about the header; times
    /// are moved relative to `claims.issuedAt` ("now" of the request). Used offline by
    /// `kubemint create token --defect` and by the server's control API.
    package func token(claims: ServiceAccountClaims, keys: KeySet) throws -> String {
        try sign(Array(spoiledPayload(claims).serialized()), keys: keys, header: Self.header)
    }

    /// A CI profile's token for `payload` (docs/kubernetes-behaviour.md §27), spoiled by this
    /// defect: the same defects on the profile's claims and keys, under the profile's header (made
    /// by `header` from the alg and kid of the key that signs); times move relative to the payload's `iat`.
    package func token(
        ciPayload payload: JSONObject, keys: KeySet, header: (_ algorithm: String, _ keyID: String) -> [UInt8]
    ) throws -> String {
        try sign(Array(spoiledPayload(ci: payload).serialized()), keys: keys, header: header)
    }

    /// `payload` signed as this defect asks, with headers shaped by `header(alg, kid)`.
    private func sign(_ payload: [UInt8], keys: KeySet, header: (String, String) -> [UInt8]) throws -> String {
        let signingKey = keys.signingKey
        let usual = header(signingKey.algorithm.rawValue, signingKey.keyID)
        switch self {
        case .unknownKey:
            let stranger = try SigningKey.generate(signingKey.type)
            return try JWS.sign(encodedHeader: header(stranger.algorithm.rawValue, stranger.keyID), payload: payload) {
                try stranger.sign($0)
            }
        case .unknownKid:
            return try JWS.sign(
                encodedHeader: header(signingKey.algorithm.rawValue, Self.randomKeyID()), payload: payload
            ) { try signingKey.sign($0) }
        case .badSignature:
            return try JWS.sign(encodedHeader: usual, payload: payload) {
                var signature = try signingKey.sign($0)
                signature[signature.count - 1] ^= 0xFF
                return signature
            }
        case .algNone:
            let none = Base64URL.encodeToBytes(Array(#"{"alg":"none"}"#.utf8))
            return try JWS.sign(encodedHeader: none, payload: payload) { _ in [] }
        case .hs256KeyConfusion:
            let secret = Array(try signingKey.verificationKey.pem().utf8)
            return try JWS.sign(encodedHeader: header("HS256", signingKey.keyID), payload: payload) {
                try HMACSHA256.authenticate($0, key: secret)
            }
        case .kidMismatch:
            let impostor = try SigningKey.generate(signingKey.type)
            return try JWS.sign(encodedHeader: usual, payload: payload) { try impostor.sign($0) }
        case .expired, .notYetValid, .wrongIssuer, .wrongAudience, .missingExp, .missingSub:
            return try JWS.sign(encodedHeader: usual, payload: payload) { try signingKey.sign($0) }
        }
    }

    /// A CI payload after the claim defects: `iat`, `nbf`, `exp` moved together, `iss` or `aud`
    /// replaced (`aud` keeps its string or array form), `exp` or `sub` removed.
    package func spoiledPayload(ci original: JSONObject) -> JSONObject {
        var payload = original
        let issuedAt = original["iat"]?.intValue ?? 0
        let lifetime = (original["exp"]?.intValue ?? issuedAt) - issuedAt
        func shift(_ seconds: Int64) {
            for name in ["iat", "nbf", "exp"] {
                if let value = payload[name]?.intValue { payload[name] = .int(value + seconds) }
            }
        }
        switch self {
        case .expired: shift(-(lifetime + Self.timeShiftSeconds))
        case .notYetValid: shift(Self.timeShiftSeconds)
        case .wrongIssuer: payload["iss"] = .string(Self.foreignIssuer)
        case .wrongAudience:
            payload["aud"] =
                original["aud"]?.stringValue != nil
                ? .string(Self.foreignAudience) : .array([.string(Self.foreignAudience)])
        case .missingExp: payload["exp"] = nil
        case .missingSub: payload["sub"] = nil
        default: break
        }
        return payload
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
