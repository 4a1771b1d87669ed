import COpenSSL

/// A public key that verifies tokens and appears in the JWKS, with its Kubernetes key id.
package final class VerificationKey: Sendable {
    let key: EVPKey
    /// The key type (and so the JWS algorithm).
    package let type: KeyType
    /// base64url(SHA-256(DER SubjectPublicKeyInfo)), 43 characters, as kube-apiserver computes it.
    package let keyID: String
    /// DER SubjectPublicKeyInfo of the key.
    package let subjectPublicKeyInfo: [UInt8]
    /// Contexts ready to verify SHA-256 signatures with this key.
    private let contexts: PKeyContextPool

    /// Wrap a public key (or the public part of a private one: OpenSSL exports only public data here).
    init(publicPartOf key: EVPKey, type: KeyType) throws {
        let der = try key.subjectPublicKeyInfoDER()
        // Re-read the SPKI so that this object never holds private material.
        let publicOnly: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let publicOnly else { throw OpenSSL.failure("d2i_PUBKEY") }
        self.key = EVPKey(taking: publicOnly)
        self.type = type
        self.subjectPublicKeyInfo = der
        self.keyID = Base64URL.encode(der.withUnsafeBytes { OpenSSL.sha256Digest($0) })
        self.contexts = PKeyContextPool(key: self.key, type: type, operation: .verify)
    }

    /// The JWS `alg` this key verifies.
    package var algorithm: JWSAlgorithm { type.algorithm }

    /// Whether `signature` is a valid SHA-256 signature of `message` by this key
    /// (PKCS#1 v1.5 for RSA; 64-byte R||S for EC P-256 — DER is refused, as in JOSE).
    package func isValidSignature(_ signature: [UInt8], for message: some Collection<UInt8>) -> Bool {
        let native: [UInt8]
        switch type {
        case .rsa: native = signature
        case .ecP256:
            guard let der = ECDSASignatureFormat.der(fromRaw: signature, width: 32) else { return false }
            native = der
        }
        let digest =
            message.withContiguousStorageIfAvailable { OpenSSL.sha256Digest(UnsafeRawBufferPointer($0)) }
            ?? Array(message).withUnsafeBytes { OpenSSL.sha256Digest($0) }
        // 1: valid; 0: not this key's signature of this digest; negative: an error (the context
        // is then dropped). Either way a failure leaves nothing on the thread's error queue.
        let verified = try? contexts.withContext { ctx -> Bool? in
            let result = EVP_PKEY_verify(ctx, native, native.count, digest, digest.count)
            return result < 0 ? nil : result == 1
        }
        guard verified == true else {
            OpenSSL.clearErrors()
            return false
        }
        return true
    }

    /// The public key as SPKI PEM (`-----BEGIN PUBLIC KEY-----`).
    package func pem() throws -> String {
        let bytes = try OpenSSL.writeToMemory("writing public key") { bio in
            PEM_write_bio_PUBKEY(bio, key.pointer)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The JWK the apiserver publishes for this key: `use`, `kty`, `kid`, `crv`, `alg`, `x`, `y`, `n`, `e`.
    package func jwk() throws -> JWK {
        switch type {
        case .rsa:
            return JWK(
                kty: "RSA", kid: keyID, alg: algorithm.rawValue,
                n: Base64URL.encode(try key.bigNumberParameter("n")),
                e: Base64URL.encode(try key.bigNumberParameter("e")))
        case .ecP256:
            return JWK(
                kty: "EC", kid: keyID, crv: "P-256", alg: algorithm.rawValue,
                x: Base64URL.encode(try key.bigNumberParameter("qx", width: 32)),
                y: Base64URL.encode(try key.bigNumberParameter("qy", width: 32)))
        }
    }
}
