import COpenSSL

/// A public key as a pod certificate request carries it (PKIX SubjectPublicKeyInfo DER), with the
/// two checks KEP-4317 makes: which of its key types it is, and whether a proof of possession —
/// the pod's UID signed with the private key, as the kubelet signs it — verifies.
package final class PKIXPublicKey: Sendable {
    let key: EVPKey
    /// The DER it was read from.
    package let der: [UInt8]
    /// The KEP's name of the key type: `RSA3072`, `RSA4096`, `ECDSAP256`, `ECDSAP384`, `ECDSAP521`
    /// (Kubernetes 1.35 accepts it), `ED25519`; otherwise a description such as `RSA2048` or
    /// `EC secp256k1` (not an allowed type).
    package let typeName: String

    /// The key types a pod certificate request may use.
    package static let allowedTypes: Set<String> = [
        "RSA3072", "RSA4096", "ECDSAP256", "ECDSAP384", "ECDSAP521", "ED25519",
    ]

    /// Reads PKIX DER; throws when it is not a public key OpenSSL can read.
    package init(der: [UInt8]) throws {
        let pointer: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            let key = d2i_PUBKEY(nil, &cursor, buffer.count)
            // Trailing bytes after the structure are not a key either.
            if let key, cursor != buffer.baseAddress.map({ $0 + buffer.count }) {
                EVP_PKEY_free(key)
                return nil
            }
            return key
        }
        guard let pointer else { throw OpenSSL.failure("reading the PKIX public key") }
        key = EVPKey(taking: pointer)
        self.der = der
        switch key.baseID {
        case EVP_PKEY_RSA: typeName = "RSA\(key.bits)"
        case EVP_PKEY_EC:
            switch key.groupName {
            case "prime256v1": typeName = "ECDSAP256"
            case "secp384r1": typeName = "ECDSAP384"
            case "secp521r1": typeName = "ECDSAP521"
            case let other: typeName = "EC \(other ?? "unknown curve")"
            }
        case EVP_PKEY_ED25519: typeName = "ED25519"
        default: typeName = "key type \(key.baseID)"
        }
    }

    /// Whether `signature` proves possession of the private key for `message` as the kubelet signs
    /// it: RSA-PSS over SHA-256 (salt length read from the signature, as Go's `rsa.VerifyPSS` with
    /// nil options), an ASN.1 ECDSA signature of SHA-256, or Ed25519 over the bytes themselves.
    package func verifiesProofOfPossession(_ signature: [UInt8], of message: [UInt8]) -> Bool {
        defer { OpenSSL.clearErrors() }
        if key.baseID == EVP_PKEY_ED25519 {
            guard let context = EVP_MD_CTX_new() else { return false }
            defer { EVP_MD_CTX_free(context) }
            guard EVP_DigestVerifyInit(context, nil, nil, nil, key.pointer) == 1 else { return false }
            return EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
        }
        guard key.baseID == EVP_PKEY_RSA || key.baseID == EVP_PKEY_EC else { return false }
        let digest = message.withUnsafeBytes { OpenSSL.sha256Digest($0) }
        guard let context = EVP_PKEY_CTX_new(key.pointer, nil) else { return false }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_verify_init(context) == 1,
            EVP_PKEY_CTX_set_signature_md(context, OpenSSL.sha256.pointer) == 1
        else { return false }
        if key.baseID == EVP_PKEY_RSA {
            guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1,
                EVP_PKEY_CTX_set_rsa_pss_saltlen(context, RSA_PSS_SALTLEN_AUTO) == 1
            else { return false }
        }
        return EVP_PKEY_verify(context, signature, signature.count, digest, digest.count) == 1
    }
}
