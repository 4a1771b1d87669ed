import COpenSSL

/// A private key that signs tokens: RSA (RS256) or EC P-256 (ES256).
///
/// Immutable and shareable across threads: every signature uses its own OpenSSL context, so
/// minting runs in parallel on all cores with one key.
public final class SigningKey: Sendable {
    let key: EVPKey
    /// The key type (and so the JWS algorithm).
    public let type: KeyType
    /// The public half, for the JWKS and for verification.
    public let verificationKey: VerificationKey
    /// base64url of the Kubernetes JWS header for this key, computed once (it never changes).
    public let encodedKubernetesHeader: [UInt8]

    init(key: EVPKey, type: KeyType) throws {
        self.key = key
        self.type = type
        let verificationKey = try VerificationKey(publicPartOf: key, type: type)
        self.verificationKey = verificationKey
        self.encodedKubernetesHeader = Base64URL.encodeToBytes(
            Array("{\"alg\":\"\(type.algorithm.rawValue)\",\"kid\":\"\(verificationKey.keyID)\"}".utf8))
    }

    /// The Kubernetes key id: base64url(SHA-256(DER SubjectPublicKeyInfo)).
    public var keyID: String { verificationKey.keyID }

    /// The JWS `alg` this key signs with.
    public var algorithm: JWSAlgorithm { type.algorithm }

    /// Sign `message` with SHA-256: PKCS#1 v1.5 for RSA, R||S (64 bytes) for EC P-256.
    public func sign(_ message: some Collection<UInt8>) throws -> [UInt8] {
        let bytes = Array(message)
        guard let ctx = EVP_MD_CTX_new() else { throw OpenSSL.failure("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, OpenSSL.sha256.pointer, nil, key.pointer) == 1 else {
            throw OpenSSL.failure("EVP_DigestSignInit")
        }
        var length = 0
        guard EVP_DigestSign(ctx, nil, &length, bytes, bytes.count) == 1 else {
            throw OpenSSL.failure("EVP_DigestSign (size)")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(ctx, &signature, &length, bytes, bytes.count) == 1 else {
            throw OpenSSL.failure("EVP_DigestSign")
        }
        signature.removeSubrange(length...)
        switch type {
        case .rsa: return signature
        case .ecP256: return try ECDSASignatureFormat.raw(fromDER: signature, width: 32)
        }
    }

    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), what `openssl genpkey` writes.
    public func pkcs8PEM() throws -> String {
        let bytes = try OpenSSL.writeToMemory("writing PKCS#8") { bio in
            PEM_write_bio_PKCS8PrivateKey(bio, key.pointer, nil, nil, 0, nil, nil)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
