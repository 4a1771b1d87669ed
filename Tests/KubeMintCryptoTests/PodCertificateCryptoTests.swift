import Foundation
import Testing

@testable import KubeMintCrypto

/// The crypto of pod certificates (KEP-4317): key types, proofs of possession made as the kubelet
/// makes them (vectors from the openssl CLI in testdata/pod-certificates), and issued certificates
/// that `openssl verify` accepts.
@Suite struct PodCertificateCryptoTests {
    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: TestData.path("pod-certificates/" + name))))
    }

    @Test(arguments: [
        ("rsa3072", "RSA3072"), ("ecp256", "ECDSAP256"), ("ecp384", "ECDSAP384"), ("ed25519", "ED25519"),
        ("rsa2048", "RSA2048"),
    ])
    func proofsOfPossessionVerify(name: String, type: String) throws {
        let key = try PKIXPublicKey(der: try bytes(name + ".pub.der"))
        #expect(key.typeName == type)
        #expect(PKIXPublicKey.allowedTypes.contains(type) == (name != "rsa2048"))
        let message = try bytes("message")
        let signature = try bytes(name + ".sig")
        #expect(key.verifiesProofOfPossession(signature, of: message))
        #expect(!key.verifiesProofOfPossession(signature, of: message + [0x21]))
        var damaged = signature
        damaged[damaged.count / 2] ^= 0x01
        #expect(!key.verifiesProofOfPossession(damaged, of: message))
        #expect(!key.verifiesProofOfPossession([], of: message))
    }

    @Test func aSignatureOfAnotherKeyDoesNotVerify() throws {
        let key = try PKIXPublicKey(der: try bytes("ecp256.pub.der"))
        #expect(!key.verifiesProofOfPossession(try bytes("ecp384.sig"), of: try bytes("message")))
    }

    @Test func garbageIsNotAKey() throws {
        #expect(throws: CryptoError.self) { try PKIXPublicKey(der: [0x30, 0x03, 0x02, 0x01, 0x00]) }
        #expect(throws: CryptoError.self) { try PKIXPublicKey(der: try bytes("ecp256.pub.der") + [0]) }
        #expect(throws: CryptoError.self) { try PKIXPublicKey(der: []) }
    }

    @Test func anIssuedPodCertificateVerifiesAgainstItsAuthority() throws {
        let authority = try CertificateIssuer.makeAuthority(commonName: "kubemint pod certificates")
        let notBefore = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 60).rounded(.down))
        let notAfter = notBefore.addingTimeInterval(86400)
        let pem = try CertificateIssuer.makePodCertificate(
            publicKey: try PKIXPublicKey(der: try bytes("ed25519.pub.der")), commonName: "shop/web",
            uris: ["spiffe://cluster.local/ns/shop/sa/builder"], notBefore: notBefore, notAfter: notAfter,
            authority: authority)
        let validity = try CertificateIssuer.validity(ofPEM: pem)
        #expect(validity.notBefore == notBefore && validity.notAfter == notAfter)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podcert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try authority.certificatePEM.write(
            to: folder.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
        try pem.write(to: folder.appendingPathComponent("leaf.pem"), atomically: true, encoding: .utf8)
        #expect(try openssl(["verify", "-CAfile", "ca.pem", "leaf.pem"], in: folder) == "leaf.pem: OK\n")
        let text = try openssl(
            ["x509", "-in", "leaf.pem", "-noout", "-ext", "subjectAltName,basicConstraints,extendedKeyUsage"],
            in: folder)
        #expect(text.contains("URI:spiffe://cluster.local/ns/shop/sa/builder"))
        #expect(text.contains("CA:FALSE"))
        #expect(text.contains("TLS Web Client Authentication") && text.contains("TLS Web Server Authentication"))
        #expect(throws: CryptoError.self) {
            try CertificateIssuer.makePodCertificate(
                publicKey: try PKIXPublicKey(der: try bytes("ecp256.pub.der")), commonName: "x", uris: ["a,b"],
                notBefore: notBefore, notAfter: notAfter, authority: authority)
        }
    }

    /// Runs the openssl CLI in `folder` and returns its stdout (stderr must be empty on success).
    func openssl(_ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Keys the kubelet emulation makes for podCertificate projections: every type, with a proof of
/// possession the apiserver's check accepts.
@Suite struct PodKeyPairTests {
    @Test(arguments: PodKeyPair.types)
    func everyTypeProvesPossession(type: String) throws {
        let pair = try PodKeyPair(generating: type)
        let key = try PKIXPublicKey(der: try pair.publicKeyDER())
        #expect(key.typeName == type)
        let proof = try pair.proofOfPossession(of: Array("pod-uid-1".utf8))
        #expect(key.verifiesProofOfPossession(proof, of: Array("pod-uid-1".utf8)))
        #expect(!key.verifiesProofOfPossession(proof, of: Array("pod-uid-2".utf8)))
        #expect(try pair.pkcs8PEM().hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
    }

    @Test func otherTypesAreRefused() {
        #expect(throws: CryptoError.self) { try PodKeyPair(generating: "RSA2048") }
    }
}
