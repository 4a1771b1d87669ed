import Foundation
import KubeMintCrypto

/// The CA of kubemint's built-in pod-certificate signer (docs/kubernetes-behaviour.md §24.4):
/// `pod-certificates/ca.crt` and `ca.key` in the data directory (or the key store without one),
/// made once and reused on every start, so certificates issued before a restart still verify. Valid from 2000 to 2100, so that every
/// certificate issued at any time kubemint's clock may show chains to it.
package enum PodCertificateAuthority {
    /// The folder under the data directory or key store that holds the CA.
    package static let folder = "pod-certificates"

    /// The CA in `<home>/pod-certificates/`, made (an EC P-256 key, generated on the calling
    /// thread: call it at start, never on an event loop) when missing. A reused private key must
    /// pass `permissions`.
    package static func loadOrCreate(in home: String, permissions: KeyFilePermissions) throws
        -> CertificateIssuer.Issued
    {
        let directory = (home as NSString).appendingPathComponent(folder)
        let certificatePath = (directory as NSString).appendingPathComponent("ca.crt")
        let keyPath = (directory as NSString).appendingPathComponent("ca.key")
        let files = FileManager.default
        if files.fileExists(atPath: certificatePath), files.fileExists(atPath: keyPath) {
            try permissions.check(privateKeyFile: keyPath)
            return CertificateIssuer.Issued(
                certificatePEM: try String(contentsOfFile: certificatePath, encoding: .utf8),
                key: try KeyReader.signingKey(file: keyPath))
        }
        try files.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let authority = try CertificateIssuer.makeAuthority(
            commonName: "kubemint pod certificates", from: Date(timeIntervalSince1970: 946_684_800),
            until: Date(timeIntervalSince1970: 4_102_444_800))
        try AtomicFile.write(Array(try authority.key.pkcs8PEM().utf8), to: keyPath, mode: 0o600, durability: .synced)
        try AtomicFile.write(
            Array(authority.certificatePEM.utf8), to: certificatePath, mode: 0o644, durability: .synced)
        return authority
    }
}
