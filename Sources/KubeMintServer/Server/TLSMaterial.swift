import Foundation
import KubeMint
import KubeMintCrypto

/// The CA and serving certificate of `serve --tls`: generated once into `<keys>/tls/` and reused.
struct TLSMaterial {
    let certificatePath: String
    let keyPath: String
    /// The CA clients should trust (nil for the user's own certificate).
    let caPath: String?

    /// The CA and serving pair in `<directory>/tls/`, made when missing; reused private keys must
    /// pass `keyFilePermissions`.
    static func generated(
        in directory: String, host: String, extraHosts: [String], keyFilePermissions: KeyFilePermissions,
        now: Date = Date()
    ) throws -> TLSMaterial {
        let dir = (directory as NSString).appendingPathComponent("tls")
        try FileManager.default.createDirectory(
            atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let caPath = (dir as NSString).appendingPathComponent("ca.crt")
        let caKeyPath = (dir as NSString).appendingPathComponent("ca.key")
        let certPath = (dir as NSString).appendingPathComponent("serving.crt")
        let keyPath = (dir as NSString).appendingPathComponent("serving.key")
        let hosts = Set(["localhost", "127.0.0.1", "::1", host] + extraHosts)
        let sansPath = (dir as NSString).appendingPathComponent("serving.hosts")
        let wanted = hosts.sorted().joined(separator: "\n")
        let fm = FileManager.default
        let authority: CertificateIssuer.Issued
        if fm.fileExists(atPath: caPath), fm.fileExists(atPath: caKeyPath) {
            try keyFilePermissions.check(privateKeyFile: caKeyPath)
            authority = CertificateIssuer.Issued(
                certificatePEM: try String(contentsOfFile: caPath, encoding: .utf8),
                key: try KeyReader.signingKey(file: caKeyPath))
        } else {
            authority = try CertificateIssuer.makeAuthority(commonName: "kubemint-ca")
            try AtomicFile.write(
                Array(try authority.key.pkcs8PEM().utf8), to: caKeyPath, mode: 0o600, durability: .synced)
            try AtomicFile.write(Array(authority.certificatePEM.utf8), to: caPath, mode: 0o644, durability: .synced)
        }
        let current = try? String(contentsOfFile: sansPath, encoding: .utf8)
        if current != wanted || !fm.fileExists(atPath: certPath) || !fm.fileExists(atPath: keyPath)
            || needsRenewal(certificateFile: certPath, now: now)
        {
            let isIP: (String) -> Bool = { $0.contains(":") || $0.allSatisfy { $0.isNumber || $0 == "." } }
            let serving = try CertificateIssuer.makeServing(
                commonName: "kubemint", dnsNames: hosts.filter { !isIP($0) }.sorted(),
                ipAddresses: hosts.filter(isIP).sorted(), authority: authority)
            try AtomicFile.write(
                Array(try serving.key.pkcs8PEM().utf8), to: keyPath, mode: 0o600, durability: .synced)
            try AtomicFile.write(Array(serving.certificatePEM.utf8), to: certPath, mode: 0o644, durability: .synced)
            try AtomicFile.write(Array(wanted.utf8), to: sansPath, mode: 0o644, durability: .synced)
        }
        try keyFilePermissions.check(privateKeyFile: keyPath)
        return TLSMaterial(certificatePath: certPath, keyPath: keyPath, caPath: caPath)
    }

    /// Whether the serving certificate at `certificateFile` has expired, is not valid yet, or has
    /// less than a third of its lifetime left (client-go's certificate manager renews at 70-90 %);
    /// an unreadable one is renewed too. Renewal keeps the CA, so clients keep trusting the server.
    static func needsRenewal(certificateFile: String, now: Date) -> Bool {
        guard let pem = try? String(contentsOfFile: certificateFile, encoding: .utf8),
            let validity = try? CertificateIssuer.validity(ofPEM: pem)
        else { return true }
        let lifetime = validity.notAfter.timeIntervalSince(validity.notBefore)
        return now < validity.notBefore || validity.notAfter.timeIntervalSince(now) < lifetime / 3
    }
}
