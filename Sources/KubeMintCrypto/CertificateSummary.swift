import COpenSSL
import Foundation

/// What the apiserver reads from one X.509 certificate when it validates a pod certificate
/// request's chain or a ClusterTrustBundle: its validity, its public key, whether it is a CA, and
/// its DNS-name and email SANs.
package struct CertificateSummary: Sendable, Equatable {
    /// Start of validity (second precision, as X.509 encodes it).
    package let notBefore: Date
    /// End of validity.
    package let notAfter: Date
    /// The subject public key as PKIX SubjectPublicKeyInfo DER.
    package let publicKeyDER: [UInt8]
    /// Whether the basic constraints extension is present and says `CA:TRUE`.
    package let isCA: Bool
    /// Whether a basic constraints extension is present.
    package let hasBasicConstraints: Bool
    /// The DNS-name subject alternative names.
    package let dnsNames: [String]
    /// The URI subject alternative names.
    package let uris: [String]

    /// Reads one DER certificate; throws when OpenSSL cannot parse it (or bytes trail it).
    package init(der: [UInt8]) throws {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            let cert = d2i_X509(nil, &cursor, buffer.count)
            if let cert, cursor != buffer.baseAddress.map({ $0 + buffer.count }) {
                X509_free(cert)
                return nil
            }
            return cert
        }
        guard let cert = parsed else { throw OpenSSL.failure("reading the X.509 certificate") }
        defer { X509_free(cert) }
        func date(_ time: UnsafePointer<ASN1_TIME>?, _ what: String) throws -> Date {
            var parts = tm()
            guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { throw OpenSSL.failure("reading \(what)") }
            return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
        }
        notBefore = try date(X509_get0_notBefore(cert), "notBefore")
        notAfter = try date(X509_get0_notAfter(cert), "notAfter")
        guard let key = X509_get0_pubkey(cert) else { throw OpenSSL.failure("reading the certificate's key") }
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(key, &out)
        guard length > 0, let out else { throw OpenSSL.failure("writing the certificate's key") }
        publicKeyDER = Array(UnsafeBufferPointer(start: out, count: Int(length)))
        CRYPTO_free(out, #fileID, #line)
        let flags = X509_get_extension_flags(cert)
        hasBasicConstraints = X509_get_ext_by_NID(cert, NID_basic_constraints, -1) >= 0
        isCA = hasBasicConstraints && (flags & UInt32(EXFLAG_CA)) != 0
        (dnsNames, uris) = Self.alternativeNames(cert)
    }

    /// The DNS and URI subject alternative names of `cert`.
    private static func alternativeNames(_ cert: OpaquePointer) -> ([String], [String]) {
        guard let raw = X509_get_ext_d2i(cert, NID_subject_alt_name, nil, nil) else { return ([], []) }
        let names = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(names) }
        var dns: [String] = []
        var uris: [String] = []
        for index in 0..<OPENSSL_sk_num(names) {
            guard let entry = OPENSSL_sk_value(names, index)?.assumingMemoryBound(to: GENERAL_NAME.self) else {
                continue
            }
            let kind = entry.pointee.type
            guard kind == GEN_DNS || kind == GEN_URI, let text = entry.pointee.d.ia5 else { continue }
            let value = String(
                decoding: UnsafeBufferPointer(start: ASN1_STRING_get0_data(text), count: Int(ASN1_STRING_length(text))),
                as: UTF8.self)
            if kind == GEN_DNS { dns.append(value) } else { uris.append(value) }
        }
        return (dns, uris)
    }
}

extension CertificateSummary {
    /// One PEM block of a certificate chain or trust bundle, as Go's `pem.Decode` returns it.
    package struct PEMEntry: Sendable {
        /// The block's label (`CERTIFICATE`).
        package let label: String
        /// Whether the block carries RFC 1421 headers.
        package let hasHeaders: Bool
        /// The decoded body.
        package let der: [UInt8]
    }

    /// The PEM blocks of `text`, in order; nil when a block is cut off or not base64.
    package static func pemEntries(_ text: String) -> [PEMEntry]? {
        guard let blocks = try? PEMBlock.parseAll(text, source: "PEM") else { return nil }
        return blocks.map { PEMEntry(label: $0.label, hasHeaders: !$0.headers.isEmpty, der: $0.der) }
    }
}
