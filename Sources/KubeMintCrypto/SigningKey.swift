import COpenSSL

/// A private key that signs tokens: RSA (RS256) or EC P-256 (ES256).
///
/// Immutable and shareable across threads: every signature uses an OpenSSL context of its own
/// (from a pool of contexts set up once), so minting runs in parallel on all cores with one key.
package final class SigningKey: Sendable {
    let key: EVPKey
    /// The key type (and so the JWS algorithm).
    package let type: KeyType
    /// The public half, for the JWKS and for verification.
    package let verificationKey: VerificationKey
    /// base64url of the Kubernetes JWS header for this key, computed once (it never changes).
    package let encodedKubernetesHeader: [UInt8]
    /// Contexts ready to sign SHA-256 digests with this key.
    private let contexts: PKeyContextPool
    /// Largest signature this key makes (the RSA modulus size; a DER ECDSA signature's maximum).
    private let maxSignatureSize: Int

    init(key: EVPKey, type: KeyType) throws {
        self.key = key
        self.type = type
        self.contexts = PKeyContextPool(key: key, type: type, operation: .sign)
        self.maxSignatureSize = Int(EVP_PKEY_get_size(key.pointer))
        let verificationKey = try VerificationKey(publicPartOf: key, type: type)
        self.verificationKey = verificationKey
        self.encodedKubernetesHeader = Base64URL.encodeToBytes(
            Array("{\"alg\":\"\(type.algorithm.rawValue)\",\"kid\":\"\(verificationKey.keyID)\"}".utf8))
    }

    /// The Kubernetes key id: base64url(SHA-256(DER SubjectPublicKeyInfo)).
    package var keyID: String { verificationKey.keyID }

    /// The JWS `alg` this key signs with.
    package var algorithm: JWSAlgorithm { type.algorithm }

    /// Sign `message` with SHA-256: PKCS#1 v1.5 for RSA, R||S (64 bytes) for EC P-256.
    package func sign(_ message: some Collection<UInt8>) throws -> [UInt8] {
        let digest =
            message.withContiguousStorageIfAvailable { OpenSSL.sha256Digest(UnsafeRawBufferPointer($0)) }
            ?? Array(message).withUnsafeBytes { OpenSSL.sha256Digest($0) }
        let size = maxSignatureSize
        let signed = try contexts.withContext { ctx -> [UInt8]? in
            var length = size
            let signature = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                let ok = EVP_PKEY_sign(ctx, buffer.baseAddress, &length, digest, digest.count) == 1
                initialized = ok ? length : 0
            }
            return signature.isEmpty ? nil : signature
        }
        guard let signature = signed else { throw OpenSSL.failure("EVP_PKEY_sign") }
        switch type {
        case .rsa: return signature
        case .ecP256: return try ECDSASignatureFormat.raw(fromDER: signature, width: 32)
        }
    }

    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), what `openssl genpkey` writes.
    package func pkcs8PEM() throws -> String {
        let bytes = try OpenSSL.writeToMemory("writing PKCS#8") { bio in
            PEM_write_bio_PKCS8PrivateKey(bio, key.pointer, nil, nil, 0, nil, nil)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
