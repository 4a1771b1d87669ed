import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// The GitHub Actions profile publishes a self-signed certificate with each key, as GitHub's OIDC
/// provider does (docs/kubernetes-behaviour.md §27.2): `x5c`/`x5t` in its JWKS, `x5t` in the token
/// header, the same certificate for the same key on every load.
@Suite struct GitHubKeyCertificateTests {
    private let now: Int64 = 1_735_689_600

    /// A key store directory holding copies of `files` from testdata/keys (the first one signs).
    private func store(_ files: [String]) throws -> (KeyStore, String) {
        let directory = try temporaryDirectory("ci-certs")
        for file in files { _ = try privateCopy(of: "keys/" + file, in: directory) }
        return (KeyStore(location: directory), directory)
    }

    @Test func everyRSAPrivateKeyGetsTheSameCertificateOnEveryLoad() throws {
        let (keyStore, directory) = try store(["rsa-2048.pkcs8.pem"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let keys = try CIProfile.githubActions.loadKeys(from: keyStore)
        let certificate = try #require(keys.certificates[Fixture.rsaKeyID])
        #expect(try CIProfile.githubActions.loadKeys(from: keyStore).certificates[Fixture.rsaKeyID] == certificate)
        #expect(
            certificate.x5t == Base64URL.encode(SHA1.hash(certificate.der)) && certificate.sha1Thumbprint.count == 20)
        #expect(Data(base64Encoded: certificate.x5c) == Data(certificate.der))
        // Golden: the fixture key's certificate does not change between kubemint versions unless on purpose.
        #expect(certificate.x5t == "-EDLp73fzG-7AFTZXAzdjHf84xc")  // openssl x509 -fingerprint -sha1: F8:40:CB:A7:…
        let pem = "-----BEGIN CERTIFICATE-----\n\(certificate.x5c)\n-----END CERTIFICATE-----\n"
        let validity = try CertificateIssuer.validity(ofPEM: pem)
        #expect(validity.notBefore == KeyCertificate.notBefore && validity.notAfter == KeyCertificate.notAfter)
        // GitLab publishes bare keys.
        #expect(try CIProfile.gitlabCI.loadKeys(from: keyStore).certificates.isEmpty)
    }

    @Test func theHeaderCarriesTheSigningKeysThumbprintInGitHubsOrder() throws {
        let (keyStore, directory) = try store(["rsa-2048.pkcs8.pem"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let keys = try CIProfile.githubActions.loadKeys(from: keyStore)
        let issuer = CIIssuer(
            profile: .githubActions, issuer: "https://h/github-actions", keyRing: KeyRing(keys),
            clock: ManualClock(Date(timeIntervalSince1970: TimeInterval(now))), tokenIDs: { "j" })
        let token = try issuer.sign(
            issuer.claims(github: try GitHubActionsJob(CIJobContext(["repository": "o/r"])), audience: "a"))
        let x5t = try #require(keys.certificates[Fixture.rsaKeyID]).x5t
        #expect(
            String(decoding: try CompactJWS(token).header, as: UTF8.self)
                == #"{"alg":"RS256","kid":"\#(Fixture.rsaKeyID)","typ":"JWT","x5t":"\#(x5t)"}"#)
        // A defect keeps the profile's header: the thumbprint goes with the kid it names.
        let unknownKid = try issuer.sign(
            issuer.claims(github: try GitHubActionsJob(CIJobContext(["repository": "o/r"])), audience: "a"),
            defect: .unknownKid)
        let header = String(decoding: try CompactJWS(unknownKid).header, as: UTF8.self)
        #expect(header.hasPrefix(#"{"alg":"RS256","kid":""#) && header.hasSuffix(#""typ":"JWT"}"#))
        #expect(!header.contains(Fixture.rsaKeyID))
    }

    @Test func theJWKSHasGitHubsMembersAndOrderForKeysWithACertificate() throws {
        let (keyStore, directory) = try store(["rsa-2048.pkcs8.pem", "ec-p256.pkcs8.pem", "rsa-2048.pub.pem"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Array((Fixture.rsaKeyID + "\n").utf8).withUnsafeBufferPointer {
            try Data($0).write(to: URL(fileURLWithPath: directory + "/signing-key"))
        }
        let keys = try CIProfile.githubActions.loadKeys(from: keyStore)
        // The EC key has no certificate (an ECDSA signature differs on every run).
        #expect(keys.certificates.keys.sorted() == [Fixture.rsaKeyID])
        let jwks = try CIProfile.githubActions.jwksJSON(keys: keys)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(jwks.utf8)) as? [String: Any])
        let entries = try #require(document["keys"] as? [[String: Any]])
        #expect(entries.count == 2)
        let certificate = try #require(keys.certificates[Fixture.rsaKeyID])
        #expect(
            jwks.hasPrefix(#"{"keys":[{"n":""#)
                && jwks.contains(
                    #""kty":"RSA","kid":"\#(Fixture.rsaKeyID)","alg":"RS256","e":"AQAB","use":"sig","x5c":["\#(certificate.x5c)"],"x5t":"\#(certificate.x5t)"}"#
                ))
        let ec = try #require(entries.first { $0["kty"] as? String == "EC" })
        #expect(ec["x5c"] == nil && ec["x5t"] == nil)
        // GitLab publishes bare keys in gitlab.com's member order; the Kubernetes JWKS is unchanged.
        let gitlab = try CIProfile.gitlabCI.jwksJSON(keys: keys)
        #expect(gitlab.hasPrefix(#"{"keys":[{"kty":"RSA","kid":"\#(Fixture.rsaKeyID)","e":"AQAB","n":""#))
        #expect(gitlab.contains(#"","use":"sig","alg":"RS256"},{"use":"sig","kty":"EC""#) && !gitlab.contains("x5c"))
        #expect(!keys.jwksJSON.contains("x5c"))
    }

    @Test func onlyRSAKeysAndCleanNamesGetACertificate() throws {
        let ec = try SigningKey.generate(.ecP256)
        #expect(throws: CryptoError.self) { try KeyCertificate(key: ec, commonName: "a.invalid") }
        let rsa = try Fixture.rsaKey()
        #expect(throws: CryptoError.self) { try KeyCertificate(key: rsa, commonName: "a,b") }
        #expect(throws: CryptoError.self) { try KeyCertificate(key: rsa, commonName: "a\nb") }
    }
}
