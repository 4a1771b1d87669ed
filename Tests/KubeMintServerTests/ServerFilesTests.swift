import Foundation
import KubeMint
import KubeMintCrypto
import Testing

@testable import KubeMintServer

/// Issue 16 item 10: files the server makes — the generated serving certificate is renewed before
/// it expires, the kubelet directory is private to its owner.
@Suite struct ServerFilesTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kubemint-files-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func generate(in directory: String, now: Date) throws -> (ca: String, serving: String) {
        let material = try TLSMaterial.generated(
            in: directory, host: "127.0.0.1", extraHosts: [], keyFilePermissions: .ownerOnly, now: now)
        return (
            try String(contentsOfFile: try #require(material.caPath), encoding: .utf8),
            try String(contentsOfFile: material.certificatePath, encoding: .utf8)
        )
    }

    @Test func theServingCertificateIsRenewedNearExpiryAndTheCAKept() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try Self.generate(in: directory, now: Date())
        let validity = try CertificateIssuer.validity(ofPEM: first.serving)
        #expect(validity.notAfter.timeIntervalSince(validity.notBefore) > 364 * 86400)
        // Same names, half a year later: plenty of lifetime left, reused.
        let halfYear = try Self.generate(in: directory, now: Date().addingTimeInterval(180 * 86400))
        #expect(halfYear.serving == first.serving)
        // Less than a third left, and expired: renewed (from the real time), signed by the same CA.
        for days in [250.0, 400.0] {
            let later = Date().addingTimeInterval(days * 86400)
            let renewed = try Self.generate(in: directory, now: later)
            #expect(renewed.serving != first.serving, "\(days) days on")
            #expect(renewed.ca == first.ca)
        }
    }

    @Test func anUnreadableServingCertificateIsReplaced() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Self.generate(in: directory, now: Date())
        try "not a certificate".write(toFile: directory + "/tls/serving.crt", atomically: true, encoding: .utf8)
        let again = try Self.generate(in: directory, now: Date())
        #expect(again.serving.hasPrefix("-----BEGIN CERTIFICATE-----"))
    }

    @Test func theKubeletDirectoryIsCreatedForItsOwnerOnly() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let keyFile = directory + "/sa.key"
        try FileManager.default.copyItem(atPath: ServerTestData.path("keys/rsa-2048.pkcs8.pem"), toPath: keyFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, keysLocation: keyFile)
        configuration.kubeletDirectory = directory + "/new/kubelet"
        let server = try IssuerServer.prepare(configuration)
        server.kubelet?.stop()
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/new/kubelet")
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test func aKubeletDirectoryThatIsAFileIsRefusedByName() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let keyFile = directory + "/sa.key"
        try FileManager.default.copyItem(atPath: ServerTestData.path("keys/rsa-2048.pkcs8.pem"), toPath: keyFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, keysLocation: keyFile)
        configuration.kubeletDirectory = keyFile
        #expect(throws: ConfigurationError("--kubelet-dir \(keyFile): exists and is not a directory")) {
            try IssuerServer.prepare(configuration)
        }
    }

    @Test func theConnectionCapLeavesDescriptorsForTheServer() {
        #expect(DescriptorBudget.connectionLimit(softLimit: 64) == 28)
        #expect(DescriptorBudget.connectionLimit(softLimit: 1024) == 928)
        #expect(DescriptorBudget.connectionLimit(softLimit: 10) == 8)
    }
}
