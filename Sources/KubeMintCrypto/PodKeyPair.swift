import COpenSSL

/// A key pair the kubelet makes for a `podCertificate` projection (KEP-4317): any of the
/// projection's key types, its PKIX public key, its PKCS#8 PEM, and the proof of possession the
/// kubelet sends (the pod UID signed as ``PKIXPublicKey/verifiesProofOfPossession(_:of:)`` checks
/// it). Generating RSA keys takes tens of milliseconds: never on an event loop.
package final class PodKeyPair: Sendable {
    let key: EVPKey
    /// The key type, as the projection names it (`ED25519`).
    package let typeName: String

    /// The key types a projection may ask for (Kubernetes 1.35).
    package static let types = ["RSA3072", "RSA4096", "ECDSAP256", "ECDSAP384", "ECDSAP521", "ED25519"]

    /// A new key of `typeName`; throws ``CryptoError/Code/unsupportedKey`` for another name.
    package init(generating typeName: String) throws {
        let (algorithm, setting): (String, ((OpaquePointer) -> Int32)?) =
            switch typeName {
            case "RSA3072": ("RSA", { EVP_PKEY_CTX_set_rsa_keygen_bits($0, 3072) })
            case "RSA4096": ("RSA", { EVP_PKEY_CTX_set_rsa_keygen_bits($0, 4096) })
            case "ECDSAP256": ("EC", { EVP_PKEY_CTX_set_group_name($0, "prime256v1") })
            case "ECDSAP384": ("EC", { EVP_PKEY_CTX_set_group_name($0, "secp384r1") })
            case "ECDSAP521": ("EC", { EVP_PKEY_CTX_set_group_name($0, "secp521r1") })
            case "ED25519": ("ED25519", nil)
            default:
                throw CryptoError(
                    .unsupportedKey, "key type \"\(typeName)\" is not one of \(Self.types.joined(separator: ", "))")
            }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, algorithm, nil) else {
            throw OpenSSL.failure("EVP_PKEY_CTX_new_from_name")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1, setting?(context) ?? 1 == 1 else {
            throw OpenSSL.failure("preparing a \(typeName) key")
        }
        var made: OpaquePointer?
        guard EVP_PKEY_generate(context, &made) == 1, let made else { throw OpenSSL.failure("EVP_PKEY_generate") }
        key = EVPKey(taking: made)
        self.typeName = typeName
    }

    /// The public key as PKIX SubjectPublicKeyInfo DER (the request's `pkixPublicKey`).
    package func publicKeyDER() throws -> [UInt8] { try key.subjectPublicKeyInfoDER() }

    /// The private key as PKCS#8 PEM (`PRIVATE KEY`), the first block of a credential bundle.
    package func pkcs8PEM() throws -> String {
        let bytes = try OpenSSL.writeToMemory("writing PKCS#8") { bio in
            PEM_write_bio_PKCS8PrivateKey(bio, key.pointer, nil, nil, 0, nil, nil)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `message` (the pod UID) signed as the kubelet signs it: RSA-PSS over SHA-256 with the
    /// largest salt (Go's `rsa.SignPSS` with nil options), ASN.1 ECDSA of SHA-256, or Ed25519 over
    /// the bytes.
    package func proofOfPossession(of message: [UInt8]) throws -> [UInt8] {
        defer { OpenSSL.clearErrors() }
        guard let context = EVP_MD_CTX_new() else { throw OpenSSL.failure("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        let isEd25519 = key.baseID == EVP_PKEY_ED25519
        var keyContext: OpaquePointer?
        guard
            EVP_DigestSignInit(context, &keyContext, isEd25519 ? nil : OpenSSL.sha256.pointer, nil, key.pointer) == 1
        else { throw OpenSSL.failure("EVP_DigestSignInit") }
        if key.baseID == EVP_PKEY_RSA {
            guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1,
                EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_MAX) == 1
            else { throw OpenSSL.failure("RSA-PSS parameters") }
        }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
            throw OpenSSL.failure("EVP_DigestSign")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
            throw OpenSSL.failure("EVP_DigestSign")
        }
        return Array(signature.prefix(length))
    }
}
