import COpenSSL
import Foundation

/// Reads keys in every PEM form that `openssl` and kubeadm write: `PRIVATE KEY` (PKCS#8),
/// `RSA PRIVATE KEY` (PKCS#1), `EC PRIVATE KEY` (SEC1), `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY`
/// (PKCS#1) and `CERTIFICATE` (its public key). Refusals name the source and the reason.
package enum KeyReader {
    /// A key read from PEM: private keys can sign, public keys only verify.
    package enum Key: Sendable {
        case signing(SigningKey)
        case verification(VerificationKey)

        /// The public half, in either case.
        package var verificationKey: VerificationKey {
            switch self {
            case .signing(let key): key.verificationKey
            case .verification(let key): key
            }
        }
    }

    /// Every key in a PEM document (a `--service-account-key-file` may hold several).
    /// `source` (usually the path) names the input in errors.
    package static func keys(pem: String, source: String) throws -> [Key] {
        let blocks = try PEMBlock.parseAll(pem, source: source)
        var keys: [Key] = []
        for block in blocks {
            switch block.label {
            case "EC PARAMETERS":
                continue  // `openssl ecparam -genkey` writes the curve first; the key block follows.
            case "ENCRYPTED PRIVATE KEY":
                throw encrypted(source)
            case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
                if block.headers["Proc-Type"]?.contains("ENCRYPTED") == true { throw encrypted(source) }
                let key = try decodePrivate(block, source: source)
                let signer = try SigningKey(key: key, type: key.classify(source: source))
                try checkPair(signer, label: block.label, source: source)
                keys.append(.signing(signer))
            case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
                let key = try decodePublic(block, source: source)
                keys.append(
                    .verification(try VerificationKey(publicPartOf: key, type: key.classify(source: source))))
            default:
                continue
            }
        }
        guard !keys.isEmpty else {
            throw CryptoError(
                .notPEM,
                "\(source): no PEM key found (expected a \"PRIVATE KEY\", \"RSA PRIVATE KEY\", \"EC PRIVATE KEY\" or \"PUBLIC KEY\" block)"
            )
        }
        return keys
    }

    /// The one private key of a PEM document; a public key or several private keys are refused.
    package static func signingKey(pem: String, source: String) throws -> SigningKey {
        let found = try keys(pem: pem, source: source)
        let signing = found.compactMap { key -> SigningKey? in
            if case .signing(let s) = key { return s }
            return nil
        }
        guard !signing.isEmpty else {
            throw CryptoError(
                .publicKeyOnly,
                "\(source): holds only a public key, but signing needs the private key (e.g. the cluster's sa.key, not sa.pub)"
            )
        }
        guard signing.count == 1 else {
            throw CryptoError(
                .malformedKey,
                "\(source): holds \(signing.count) private keys; give one signing key per file")
        }
        return signing[0]
    }

    /// Read a file's keys; see ``keys(pem:source:)``.
    package static func keys(file path: String) throws -> [Key] {
        try keys(pem: readText(path), source: path)
    }

    /// Read a file's private key; see ``signingKey(pem:source:)``.
    package static func signingKey(file path: String) throws -> SigningKey {
        try signingKey(pem: readText(path), source: path)
    }

    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CryptoError(.io, "\(path): cannot read the key file (missing or not readable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CryptoError(
                .notPEM,
                "\(path): not a PEM text file (DER keys are not supported; convert with `openssl pkey -inform DER -in FILE`)"
            )
        }
        return text
    }

    private static func encrypted(_ source: String) -> CryptoError {
        CryptoError(
            .encryptedKey,
            "\(source): the private key is encrypted; kubemint takes no passphrases — decrypt it with `openssl pkey -in \(source) -out plain.key`"
        )
    }

    private static func decodePrivate(_ block: PEMBlock, source: String) throws -> EVPKey {
        let pointer: OpaquePointer? = block.der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            switch block.label {
            case "RSA PRIVATE KEY": return d2i_PrivateKey(kubemint_pkey_rsa(), nil, &cursor, buffer.count)
            case "EC PRIVATE KEY": return d2i_PrivateKey(kubemint_pkey_ec(), nil, &cursor, buffer.count)
            default: return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
            }
        }
        guard let pointer else {
            OpenSSL.clearErrors()
            throw CryptoError(.malformedKey, "\(source): the \"\(block.label)\" block is not a valid key")
        }
        return EVPKey(taking: pointer)
    }

    /// A private key block can carry a public key that is not its own (OpenSSL keeps the encoded
    /// one): tokens it signs would fail against its JWKS entry. Refused, as `openssl pkey -check` does.
    private static func checkPair(_ signer: SigningKey, label: String, source: String) throws {
        let probe = Array("kubemint key pair check".utf8)
        guard let signature = try? signer.sign(probe), signer.verificationKey.isValidSignature(signature, for: probe)
        else {
            OpenSSL.clearErrors()
            throw CryptoError(
                .malformedKey,
                "\(source): the \"\(label)\" block's public key does not belong to its private key (check it with `openssl pkey -check -noout -in \(source)`)"
            )
        }
    }

    private static func decodePublic(_ block: PEMBlock, source: String) throws -> EVPKey {
        let pointer: OpaquePointer? = block.der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            switch block.label {
            case "RSA PUBLIC KEY": return d2i_PublicKey(kubemint_pkey_rsa(), nil, &cursor, buffer.count)
            case "CERTIFICATE":
                guard let cert = d2i_X509(nil, &cursor, buffer.count) else { return nil }
                defer { X509_free(cert) }
                return X509_get_pubkey(cert)  // a new reference, owned by the caller
            default: return d2i_PUBKEY(nil, &cursor, buffer.count)
            }
        }
        guard let pointer else {
            OpenSSL.clearErrors()
            throw CryptoError(
                .malformedKey, "\(source): the \"\(block.label)\" block is not a valid public key")
        }
        return EVPKey(taking: pointer)
    }
}
