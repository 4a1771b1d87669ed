import COpenSSL

extension VerificationKey {
    /// Build a public key from a JWK (RSA n/e or EC P-256 x/y); `source` names it in errors.
    /// The key id is recomputed from the key, so a JWK whose `kid` disagrees is refused.
    package convenience init(jwk: JWK, source: String) throws {
        let key: EVPKey
        let type: KeyType
        switch jwk.kty {
        case "RSA":
            guard let n = jwk.n.flatMap(Base64URL.decode), let e = jwk.e.flatMap(Base64URL.decode),
                !n.isEmpty,
                !e.isEmpty
            else {
                throw CryptoError(
                    .malformedJWK, "\(source): RSA JWK \(jwk.kid) needs base64url \"n\" and \"e\"")
            }
            // PKCS#1 RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
            let der = DER.sequence(DER.unsignedInteger(n) + DER.unsignedInteger(e))
            key = try Self.decode(der, source: source, what: "RSA") { cursor, count in
                d2i_PublicKey(kubemint_pkey_rsa(), nil, &cursor, count)
            }
            type = try key.classify(source: source)
        case "EC":
            guard jwk.crv == "P-256" else {
                throw CryptoError(
                    .unsupportedKey,
                    "\(source): EC JWK \(jwk.kid) on curve \(jwk.crv ?? "none"); only P-256 is supported")
            }
            guard let x = jwk.x.flatMap(Base64URL.decode), let y = jwk.y.flatMap(Base64URL.decode),
                x.count == 32,
                y.count == 32
            else {
                throw CryptoError(
                    .malformedJWK, "\(source): EC JWK \(jwk.kid) needs 32-byte base64url \"x\" and \"y\"")
            }
            // SubjectPublicKeyInfo for id-ecPublicKey on prime256v1 with an uncompressed point.
            let der = Self.p256SPKIPrefix + [0x04] + x + y
            key = try Self.decode(der, source: source, what: "EC P-256") { cursor, count in
                d2i_PUBKEY(nil, &cursor, count)
            }
            type = .ecP256
        default:
            throw CryptoError(
                .unsupportedKey,
                "\(source): JWK \(jwk.kid) has key type \"\(jwk.kty)\"; only RSA and EC are supported")
        }
        try self.init(publicPartOf: key, type: type)
        if !jwk.kid.isEmpty && jwk.kid != keyID {
            throw CryptoError(
                .malformedJWK,
                "\(source): JWK kid \"\(jwk.kid)\" does not match the key (its Kubernetes key id is \(keyID))"
            )
        }
    }

    /// DER prefix of a P-256 SubjectPublicKeyInfo up to the 65-byte point.
    private static let p256SPKIPrefix: [UInt8] = [
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x08, 0x2A,
        0x86, 0x48,
        0xCE, 0x3D, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
    ]

    /// Let OpenSSL parse (and so validate) a public key in DER.
    private static func decode(
        _ der: [UInt8], source: String, what: String,
        _ parse: (inout UnsafePointer<UInt8>?, Int) -> OpaquePointer?
    ) throws -> EVPKey {
        let pointer: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return parse(&cursor, buffer.count)
        }
        guard let pointer else {
            OpenSSL.clearErrors()
            throw CryptoError(
                .malformedJWK, "\(source): the JWK's numbers are not a valid \(what) public key")
        }
        return EVPKey(taking: pointer)
    }
}

/// The few DER encodings needed to turn JWK numbers into a key OpenSSL can parse.
enum DER {
    static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var n = count
        while n > 0 {
            bytes.insert(UInt8(n & 0xFF), at: 0)
            n >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    static func sequence(_ content: [UInt8]) -> [UInt8] { [0x30] + length(content.count) + content }

    /// INTEGER from big-endian magnitude bytes (leading zeros dropped, a 0 added before a high bit).
    static func unsignedInteger(_ magnitude: [UInt8]) -> [UInt8] {
        var bytes = Array(magnitude.drop(while: { $0 == 0 }))
        if bytes.isEmpty || bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return [0x02] + length(bytes.count) + bytes
    }
}
