import Foundation
import KubeMintCrypto
import Testing

@Suite struct JWSTests {
    @Test func rs256IsDeterministicAndVerifies() throws {
        let key = try KeyReader.signingKey(file: TestData.path("keys/rsa-2048.pkcs8.pem"))
        let token = try JWS.sign(payload: Array("{\"a\":1}".utf8), with: key)
        let again = try JWS.sign(payload: Array("{\"a\":1}".utf8), with: key)
        #expect(token == again)  // PKCS#1 v1.5 has no randomness
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        #expect(
            String(decoding: Base64URL.decode(parts[0])!, as: UTF8.self)
                == "{\"alg\":\"RS256\",\"kid\":\"\(key.keyID)\"}")
        let jws = try CompactJWS(token)
        #expect(jws.signature.count == 256)
        #expect(jws.isSigned(by: key.verificationKey))
    }

    @Test func es256SignaturesAre64ByteRS() throws {
        let key = try KeyReader.signingKey(file: TestData.path("keys/ec-p256.sec1-with-params.pem"))
        for _ in 0..<50 {
            let jws = try CompactJWS(try JWS.sign(payload: Array("{}".utf8), with: key))
            #expect(jws.signature.count == 64)
            #expect(jws.isSigned(by: key.verificationKey))
        }
    }

    @Test func tamperedTokensAndOtherKeysFail() throws {
        let key = try KeyReader.signingKey(file: TestData.path("keys/rsa-2048.pkcs8.pem"))
        let other = try SigningKey.generate(.rsa(bits: 2048))
        let token = try JWS.sign(payload: Array("{\"sub\":\"a\"}".utf8), with: key)
        #expect(!(try CompactJWS(token).isSigned(by: other.verificationKey)))
        var parts = token.split(separator: ".").map(String.init)
        parts[1] = Base64URL.encode(Array("{\"sub\":\"b\"}".utf8))
        #expect(!(try CompactJWS(parts.joined(separator: ".")).isSigned(by: key.verificationKey)))
        let ec = try SigningKey.generate(.ecP256)
        let ecToken = try CompactJWS(try JWS.sign(payload: [], with: ec))
        #expect(!ecToken.isSigned(by: key.verificationKey))  // RSA key, EC signature
        #expect(!key.verificationKey.isValidSignature([], for: []))
        #expect(!ec.verificationKey.isValidSignature([UInt8](repeating: 0, count: 64), for: []))
    }

    @Test(arguments: ["", "a.b", "a.b.c.d", "e30.e30.!!", "e30=.e30.e30"])
    func malformedCompactJWSThrows(_ token: String) {
        #expect(throws: CryptoError(.malformedJWS, "")) { try CompactJWS(token) }
    }

    @Test func signsInParallelFromManyTasks() async throws {
        let key = try SigningKey.generate(.ecP256)
        let rsa = try KeyReader.signingKey(file: TestData.path("keys/rsa-2048.pkcs8.pem"))
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<64 {
                group.addTask {
                    let k = i % 2 == 0 ? key : rsa
                    let jws = try CompactJWS(try JWS.sign(payload: Array("{\"i\":\(i)}".utf8), with: k))
                    return jws.isSigned(by: k.verificationKey)
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }

    @Test func hmacMatchesRFC4231TestCase2() throws {
        let mac = try HMACSHA256.authenticate(
            Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
        #expect(
            mac.map { String(format: "%02x", $0) }.joined()
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
