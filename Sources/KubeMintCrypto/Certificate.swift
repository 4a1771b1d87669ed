import COpenSSL
import Foundation

/// X.509 certificates for `kubemint serve --tls`: a self-signed CA and a serving certificate it
/// signs, with the SANs clients connect by (localhost, 127.0.0.1, ::1, the issuer's host).
package enum CertificateIssuer {
    /// A certificate and its key, as PEM.
    package struct Issued: Sendable {
        package let certificatePEM: String
        package let key: SigningKey

        /// A certificate with its key.
        package init(certificatePEM: String, key: SigningKey) {
            self.certificatePEM = certificatePEM
            self.key = key
        }
    }

    /// A new CA certificate (10 years from an hour ago, or exactly `from`…`until` when given,
    /// `CA:TRUE`, keyCertSign) over a new EC P-256 key.
    package static func makeAuthority(commonName: String, from: Date? = nil, until: Date? = nil) throws -> Issued {
        let key = try SigningKey.generate(.ecP256)
        let validity: Validity = if let from, let until { .exactly(from, until) } else { .days(3650) }
        let pem = try build(
            subject: commonName, publicKey: key.key, issuer: nil, signer: key.key, validity: validity,
            extensions: [
                (NID_basic_constraints, "critical,CA:TRUE"),
                (NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"),
                (NID_subject_key_identifier, "hash"),
            ])
        return Issued(certificatePEM: pem, key: key)
    }

    /// A serving certificate for `dnsNames` and `ipAddresses`, signed by `authority` (1 year).
    package static func makeServing(
        commonName: String, dnsNames: [String], ipAddresses: [String], authority: Issued
    ) throws -> Issued {
        let key = try SigningKey.generate(.ecP256)
        let authorityCert = try readCertificate(authority.certificatePEM)
        defer { X509_free(authorityCert) }
        let sans = (dnsNames.map { "DNS:\($0)" } + ipAddresses.map { "IP:\($0)" }).joined(separator: ",")
        let pem = try build(
            subject: commonName, publicKey: key.key, issuer: authorityCert, signer: authority.key.key,
            validity: .days(365),
            extensions: [
                (NID_basic_constraints, "critical,CA:FALSE"),
                (NID_key_usage, "critical,digitalSignature,keyEncipherment"),
                (NID_ext_key_usage, "serverAuth"), (NID_subject_alt_name, sans),
                (NID_authority_key_identifier, "keyid:always"),
            ])
        return Issued(certificatePEM: pem, key: key)
    }

    /// A pod certificate (KEP-4317) for `publicKey`, signed by `authority`: valid exactly from
    /// `notBefore` to `notAfter`, `CA:FALSE`, digitalSignature (keyEncipherment too for RSA), client
    /// and server auth, the URIs (a SPIFFE ID) and DNS names as subject alternative names, and
    /// `commonName` as subject. Returns the PEM.
    package static func makePodCertificate(
        publicKey: PKIXPublicKey, commonName: String, uris: [String], dnsNames: [String] = [], notBefore: Date,
        notAfter: Date, authority: Issued
    ) throws -> String {
        let authorityCert = try readCertificate(authority.certificatePEM)
        defer { X509_free(authorityCert) }
        let names = uris.map { "URI:\($0)" } + dnsNames.map { "DNS:\($0)" }
        guard !names.isEmpty, !names.contains(where: { $0.contains(",") || $0.contains("\n") }) else {
            throw CryptoError(
                .invalidCertificateRequest, "subject alternative names must be given, without commas or newlines")
        }
        let usage =
            publicKey.key.baseID == EVP_PKEY_RSA
            ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature"
        return try build(
            subject: commonName, publicKey: publicKey.key, issuer: authorityCert, signer: authority.key.key,
            validity: .exactly(notBefore, notAfter),
            extensions: [
                (NID_basic_constraints, "critical,CA:FALSE"), (NID_key_usage, usage),
                (NID_ext_key_usage, "clientAuth,serverAuth"), (NID_subject_alt_name, names.joined(separator: ",")),
                (NID_authority_key_identifier, "keyid:always"),
            ])
    }

    /// A self-signed end-entity certificate over `key` (an OIDC provider's key certificate, see
    /// ``KeyCertificate``): `commonName` as subject, issuer and DNS name, the given serial and
    /// validity, digitalSignature and keyEncipherment, `CA:FALSE`, server and client auth, subject
    /// and authority key identifiers. Returns the PEM.
    package static func makeSelfSigned(
        key: SigningKey, commonName: String, serial: [UInt8], notBefore: Date, notAfter: Date
    ) throws -> String {
        guard !commonName.isEmpty, !commonName.contains(where: { $0 == "," || $0.isNewline }) else {
            throw CryptoError(.invalidCertificateRequest, "a certificate name without commas or newlines is needed")
        }
        return try build(
            subject: commonName, publicKey: key.key, issuer: nil, signer: key.key,
            validity: .exactly(notBefore, notAfter), serial: serial,
            extensions: [
                (NID_key_usage, "critical,digitalSignature,keyEncipherment"),
                (NID_basic_constraints, "CA:FALSE"), (NID_ext_key_usage, "serverAuth,clientAuth"),
                (NID_subject_alt_name, "DNS:" + commonName), (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
            ])
    }

    /// The DER of the first certificate in `pem`.
    package static func derOfPEM(_ pem: String) throws -> [UInt8] {
        let cert = try readCertificate(pem)
        defer { X509_free(cert) }
        return try OpenSSL.writeToMemory("writing certificate DER") { i2d_X509_bio($0, cert) }
    }

    /// The validity period (notBefore, notAfter) of the first certificate in `pem`.
    package static func validity(ofPEM pem: String) throws -> (notBefore: Date, notAfter: Date) {
        let cert = try readCertificate(pem)
        defer { X509_free(cert) }
        func date(_ time: UnsafePointer<ASN1_TIME>?, _ what: String) throws -> Date {
            var parts = tm()
            guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { throw OpenSSL.failure("reading \(what)") }
            return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
        }
        return (try date(X509_get0_notBefore(cert), "notBefore"), try date(X509_get0_notAfter(cert), "notAfter"))
    }

    private static func readCertificate(_ pem: String) throws -> OpaquePointer {
        // A memory BIO only borrows its buffer: read the certificate while the bytes are alive.
        let bytes = Array(pem.utf8)
        let cert: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_X509(bio, nil, nil, nil)
        }
        guard let cert else { throw OpenSSL.failure("reading CA certificate") }
        return cert
    }

    /// How long a certificate is valid.
    enum Validity {
        /// From an hour ago for this many days (clock skew allowance of the TLS certificates).
        case days(Int)
        /// Exactly this period.
        case exactly(Date, Date)
    }

    private static func build(
        subject: String, publicKey: EVPKey, issuer: OpaquePointer?, signer: EVPKey, validity: Validity,
        serial givenSerial: [UInt8]? = nil, extensions: [(Int32, String)]
    ) throws -> String {
        guard let cert = X509_new() else { throw OpenSSL.failure("X509_new") }
        defer { X509_free(cert) }
        X509_set_version(cert, 2)
        var serial = givenSerial ?? [UInt8](repeating: 0, count: 16)
        if givenSerial == nil {
            guard RAND_bytes(&serial, 16) == 1 else { throw OpenSSL.failure("RAND_bytes") }
            serial[0] &= 0x7F
        }
        guard let bn = BN_bin2bn(serial, Int32(serial.count), nil) else { throw OpenSSL.failure("BN_bin2bn") }
        defer { BN_free(bn) }
        guard BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert)) != nil else { throw OpenSSL.failure("serial") }
        switch validity {
        case .days(let days):
            X509_gmtime_adj(X509_getm_notBefore(cert), -3600)
            X509_gmtime_adj(X509_getm_notAfter(cert), days * 86400)
        case .exactly(let notBefore, let notAfter):
            guard ASN1_TIME_set(X509_getm_notBefore(cert), time_t(notBefore.timeIntervalSince1970)) != nil,
                ASN1_TIME_set(X509_getm_notAfter(cert), time_t(notAfter.timeIntervalSince1970)) != nil
            else { throw OpenSSL.failure("certificate validity") }
        }
        guard let name = X509_NAME_new() else { throw OpenSSL.failure("X509_NAME_new") }
        defer { X509_NAME_free(name) }
        guard X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, subject, -1, -1, 0) == 1 else {
            throw OpenSSL.failure("subject name")
        }
        X509_set_subject_name(cert, name)
        X509_set_issuer_name(cert, issuer.map { X509_get_subject_name($0) } ?? name)
        guard X509_set_pubkey(cert, publicKey.pointer) == 1 else { throw OpenSSL.failure("X509_set_pubkey") }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer ?? cert, cert, nil, nil, 0)
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw OpenSSL.failure("certificate extension \(value)")
            }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(cert, ext, -1) == 1 else { throw OpenSSL.failure("X509_add_ext") }
        }
        guard X509_sign(cert, signer.pointer, OpenSSL.sha256.pointer) > 0 else { throw OpenSSL.failure("X509_sign") }
        let bytes = try OpenSSL.writeToMemory("writing certificate") { PEM_write_bio_X509($0, cert) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
