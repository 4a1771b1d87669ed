import KubeMintCrypto
// Exercises every OpenSSL path of KubeMintCrypto — success and failure — many times, so that
// LeakSanitizer (scripts/leak-check builds this with -sanitize=address) reports any OpenSSL
// object not freed. Exits non-zero if a check misbehaves; LSan exits non-zero on a leak.
import Foundation

let root = CommandLine.arguments[1]
func path(_ name: String) -> String { root + "/testdata/keys/" + name }
func expectThrows(_ body: () throws -> Void) {
    do {
        try body()
        fatalError("expected a refusal")
    } catch {}
}

for _ in 0..<20 {
    for type in [KeyType.rsa(bits: 2048), .ecP256] {
        let key = try SigningKey.generate(type)
        let pem = try key.pkcs8PEM()
        let again = try KeyReader.signingKey(pem: pem, source: "mem")
        precondition(again.keyID == key.keyID)
        let token = try JWS.sign(payload: Array("{\"sub\":\"x\"}".utf8), with: key)
        let jws = try CompactJWS(token)
        precondition(jws.isSigned(by: key.verificationKey))
        let stranger = try SigningKey.generate(.ecP256)
        precondition(!jws.isSigned(by: stranger.verificationKey))
        let jwk = try key.verificationKey.jwk()
        let fromJWK = try VerificationKey(jwk: jwk, source: "jwk")
        precondition(fromJWK.keyID == key.keyID)
        _ = try key.verificationKey.pem()
        precondition(!key.verificationKey.isValidSignature([UInt8](repeating: 1, count: 64), for: [1, 2, 3]))
    }
    for file in [
        "rsa-2048.pkcs8.pem", "rsa-2048.pkcs1.pem", "ec-p256.sec1-with-params.pem", "ec-p256.pkcs8.pem",
    ] { _ = try KeyReader.signingKey(file: path(file)) }
    for file in ["rsa-2048.pub.pem", "rsa-2048.pkcs1-pub.pem", "rsa-2048.cert.pem", "ec-p256.pub.pem"] {
        _ = try KeyReader.keys(file: path(file))
    }
    for file in [
        "rsa-1024.pem", "ec-p384.pem", "ed25519.pem", "rsa-2048.encrypted.pem", "rsa-2048.pkcs1-encrypted.pem",
        "garbage.pem", "rsa-2048.pub.pem",
    ] { expectThrows { _ = try KeyReader.signingKey(file: path(file)) } }
    expectThrows { _ = try KeyReader.signingKey(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", source: "x") }
    expectThrows { _ = try VerificationKey(jwk: JWK(kty: "EC", kid: "", crv: "P-256", alg: "ES256", x: "AAAA", y: "AAAA"), source: "x") }
    expectThrows {
        _ = try VerificationKey(
            jwk: JWK(kty: "EC", kid: "", crv: "P-256", alg: "ES256", x: String(repeating: "A", count: 43), y: String(repeating: "A", count: 43)),
            source: "x")
    }
    _ = try HMACSHA256.authenticate([1, 2, 3], key: [4, 5, 6])
    let ca = try CertificateIssuer.makeAuthority(commonName: "leak-ca")
    _ = try CertificateIssuer.makeServing(commonName: "s", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"], authority: ca)
}
print("leakcheck: all OpenSSL paths exercised")
