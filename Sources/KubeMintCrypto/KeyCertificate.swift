import COpenSSL
import Foundation

/// A self-signed X.509 certificate over a signing key, as GitHub's OIDC provider publishes one for
/// each of its keys (the JWKS members `x5c` and `x5t`, the token header's `x5t`;
/// docs/kubernetes-behaviour.md §27.2). Made the same way every time for the same key — the serial
/// comes from the key, the validity is fixed and an RSA PKCS#1 v1.5 signature is deterministic — so a
/// server, a restarted server, `create token` and a static export all publish the same certificate
/// without storing it.
package struct KeyCertificate: Sendable, Equatable {
    /// The certificate, DER.
    package let der: [UInt8]

    /// Start of the fixed validity period: 2025-01-01T00:00:00Z.
    package static let notBefore = Date(timeIntervalSince1970: 1_735_689_600)
    /// End of the fixed validity period: 2049-12-31T23:59:59Z, the last instant an X.509 UTCTime can name.
    package static let notAfter = Date(timeIntervalSince1970: 2_524_607_999)

    /// The certificate of `key` for `commonName` (also its DNS subject alternative name). Only RSA
    /// keys get one: GitHub signs with RSA, and an ECDSA signature would differ on every run.
    package init(key: SigningKey, commonName: String) throws {
        guard case .rsa = key.type else {
            throw CryptoError(.invalidCertificateRequest, "only RSA keys get a key certificate")
        }
        let spkiHash = key.verificationKey.subjectPublicKeyInfo.withUnsafeBytes { OpenSSL.sha256Digest($0) }
        var serial = Array(spkiHash.prefix(16))
        serial[0] &= 0x7F
        serial[0] |= 0x01  // never a leading zero byte: exactly 16 bytes, positive, as GitHub's serials are
        let pem = try CertificateIssuer.makeSelfSigned(
            key: key, commonName: commonName, serial: serial, notBefore: Self.notBefore, notAfter: Self.notAfter)
        der = try CertificateIssuer.derOfPEM(pem)
    }

    /// SHA-1 of the DER: the certificate's thumbprint.
    package var sha1Thumbprint: [UInt8] { SHA1.hash(der) }

    /// `x5t`: base64url of the SHA-1 thumbprint (RFC 7515 §4.1.7).
    package var x5t: String { Base64URL.encode(sha1Thumbprint) }

    /// The `x5c` entry: standard base64 of the DER (RFC 7517 §4.7), not base64url.
    package var x5c: String { Data(der).base64EncodedString() }
}

/// SHA-1, only for certificate thumbprints (`x5t`), never for signatures.
package enum SHA1 {
    private static let digest = FetchedDigest(name: "SHA1")

    /// The 20-byte digest of `bytes`.
    package static func hash(_ bytes: [UInt8]) -> [UInt8] { digest.hash(bytes, length: 20) }
}
