import Foundation
import KubeMintCrypto
import Testing

@Suite struct JWKTests {
    /// Two JWKS entries published by real clusters, with the kid the apiserver gave them
    /// (testdata/apiserver/real-apiserver-samples.json): recomputing the kid from n/e must agree.
    @Test func recomputesTheKubernetesKeyIDOfRealClusterKeys() throws {
        let data = try Data(
            contentsOf: TestData.root.appendingPathComponent("apiserver/real-apiserver-samples.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entries = try #require(root["jwks_keys_with_kid"] as? [[String: Any]])
        #expect(entries.count == 2)
        for entry in entries {
            var members = entry
            let kid = try #require(entry["kid"] as? String)
            members["kid"] = nil
            let key = try VerificationKey(jwk: JWK(members: members), source: "sample")
            #expect(key.keyID == kid)
            // And the JWK written back is member-for-member the published one.
            #expect(try key.jwk().json == JWK(members: entry).json)
        }
    }

    @Test func rsaJWKHasTheApiserverMembersInOrderAndNoPrivateParts() throws {
        let key = try KeyReader.signingKey(file: TestData.path("keys/rsa-2048.pkcs8.pem"))
        let json = try key.verificationKey.jwk().json
        #expect(
            json.hasPrefix(
                "{\"use\":\"sig\",\"kty\":\"RSA\",\"kid\":\"\(key.keyID)\",\"alg\":\"RS256\",\"n\":\""))
        #expect(json.hasSuffix(",\"e\":\"AQAB\"}"))
        for member in ["\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\""] {
            #expect(!json.contains(member))
        }
        let n = try #require(try key.verificationKey.jwk().n.flatMap(Base64URL.decode))
        #expect(n.count == 256 && n[0] != 0)
    }

    @Test func ecJWKHasFixedWidthCoordinates() throws {
        for _ in 0..<20 {  // some keys have a coordinate with a leading zero byte
            let key = try SigningKey.generate(.ecP256)
            let jwk = try key.verificationKey.jwk()
            #expect(
                jwk.json.hasPrefix(
                    "{\"use\":\"sig\",\"kty\":\"EC\",\"kid\":\"\(key.keyID)\",\"crv\":\"P-256\",\"alg\":\"ES256\",\"x\":\""
                ))
            #expect(jwk.x.flatMap(Base64URL.decode)?.count == 32)
            #expect(jwk.y.flatMap(Base64URL.decode)?.count == 32)
            #expect(try VerificationKey(jwk: jwk, source: "t").keyID == key.keyID)
        }
    }

    @Test func refusesAJWKWhoseKidDoesNotMatchItsKey() throws {
        var jwk = try SigningKey.generate(.ecP256).verificationKey.jwk()
        jwk.kid = "not-the-kid"
        #expect(throws: CryptoError(.malformedJWK, "")) { try VerificationKey(jwk: jwk, source: "t") }
        jwk.kid = ""
        jwk.x = "AAAA"
        #expect(throws: CryptoError(.malformedJWK, "")) { try VerificationKey(jwk: jwk, source: "t") }
    }

    @Test func parsesAJWKSDocument() throws {
        let keys = [
            try SigningKey.generate(.ecP256).verificationKey,
            try KeyReader.signingKey(file: TestData.path("keys/rsa-2048.pkcs1.pem")).verificationKey,
        ]
        let jwks = try JWKS(verificationKeys: keys)
        let parsed = try JWKS(json: Data(jwks.json.utf8), source: "mem")
        #expect(parsed == jwks)
        #expect(try parsed.verificationKeys(source: "mem").map(\.keyID) == keys.map(\.keyID))
        #expect(throws: CryptoError(.malformedJWK, "")) {
            try JWKS(json: Data("[]".utf8), source: "mem")
        }
    }
}
