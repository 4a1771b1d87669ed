import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// `kubemint verify`: each failing check is named.
@Suite struct RelyingPartyVerifierTests {
    let key: SigningKey
    let clock = ManualClock(Fixture.nowDate)
    let verifier: RelyingPartyVerifier

    init() throws {
        key = try Fixture.rsaKey()
        verifier = RelyingPartyVerifier(
            keys: [key.verificationKey], issuers: [Fixture.issuer], audience: "vault", clock: clock)
    }

    func token(_ edit: (inout JSONObject) -> Void = { _ in }) throws -> String {
        var payload = Fixture.podClaims(audiences: ["vault"]).payload
        edit(&payload)
        return try Craft.signed(payload.jsonString, key: key)
    }

    /// The failing check and its detail, comparable in expectations.
    struct Failed: Equatable {
        var check: String
        var detail: String
        var description: String { "\(check) check failed: \(detail)" }
    }

    func failedCheck(_ token: String, _ verifier: RelyingPartyVerifier? = nil) -> Failed? {
        do {
            _ = try (verifier ?? self.verifier).verify(token)
            return nil
        } catch {
            #expect(error.description == "\(error.check) check failed: \(error.detail)")
            return Failed(check: error.check, detail: error.detail)
        }
    }

    @Test func validTokenVerifies() throws {
        let (header, claims) = try verifier.verify(
            try Fixture.issuer().requestToken(
                namespace: "default", name: "web", request: TokenRequest(audiences: ["vault"])
            ).token)
        #expect(header["kid"] == .string(Fixture.rsaKeyID))
        #expect(claims["sub"] == .string("system:serviceaccount:default:web"))
    }

    @Test func format() throws {
        #expect(failedCheck("garbage")?.check == "format")
        #expect(failedCheck("a.b")?.check == "format")
        #expect(failedCheck(try Craft.token(header: "nope", payload: "{}") { _ in [] })?.check == "format")
        #expect(failedCheck(try Craft.signed("[]", key: key))?.check == "format")
        #expect(
            failedCheck("garbage")?.description
                == "format check failed: not a compact JWS (three base64url parts separated by dots)")
    }

    @Test func algorithm() throws {
        let payload = Fixture.podClaims(audiences: ["vault"]).payload.jsonString
        let none = try Craft.token(header: "{\"alg\":\"none\"}", payload: payload) { _ in [] }
        #expect(
            failedCheck(none)
                == Failed(check: "algorithm", detail: "alg \"none\" is not accepted; only RS256 and ES256 are"))
        let hs = try Craft.token(header: "{\"alg\":\"HS256\",\"kid\":\"\(Fixture.rsaKeyID)\"}", payload: payload) {
            try HMACSHA256.authenticate($0, key: Array(try key.verificationKey.pem().utf8))
        }
        #expect(failedCheck(hs)?.check == "algorithm")
    }

    @Test func keyCheck() throws {
        let other = try SigningKey.generate(.ecP256)
        let token = try Craft.signed(Fixture.podClaims(audiences: ["vault"]).payload.jsonString, key: other)
        let failure = failedCheck(token)
        #expect(failure?.check == "key")
        #expect(failure?.detail.hasPrefix("no published key has kid \"\(other.keyID)\"") == true)
    }

    @Test func signature() throws {
        var parts = try token().split(separator: ".").map(String.init)
        parts[1] = Base64URL.encode(Array("{\"sub\":\"forged\"}".utf8))
        #expect(failedCheck(parts.joined(separator: "."))?.check == "signature")
        // ES256 header on the RSA key's kid
        let confused = try Craft.token(
            header: "{\"alg\":\"ES256\",\"kid\":\"\(Fixture.rsaKeyID)\"}", payload: "{}"
        ) { try key.sign($0) }
        #expect(failedCheck(confused)?.check == "signature")
    }

    @Test func issuer() throws {
        let failure = failedCheck(try token { $0["iss"] = "https://evil.example" })
        #expect(
            failure
                == Failed(
                    check: "issuer",
                    detail: "iss is \"https://evil.example\", expected \"https://kubernetes.default.svc.cluster.local\""
                ))
        let anyIssuer = RelyingPartyVerifier(keys: [key.verificationKey], clock: clock)
        #expect(failedCheck(try token { $0["iss"] = "https://evil.example" }, anyIssuer) == nil)
    }

    @Test func audience() throws {
        #expect(failedCheck(try token { $0["aud"] = ["other"] })?.check == "audience")
        #expect(failedCheck(try token { $0["aud"] = "vault" }) == nil)  // a single string is fine
        let anyAudience = RelyingPartyVerifier(keys: [key.verificationKey], clock: clock)
        #expect(failedCheck(try token { $0["aud"] = ["other"] }, anyAudience) == nil)
    }

    @Test func expiry() throws {
        let token = try token()
        clock.set(Date(timeIntervalSince1970: TimeInterval(Fixture.now + 3600 + 60)))
        #expect(failedCheck(token) == nil)
        clock.advance(by: 1)
        #expect(
            failedCheck(token)
                == Failed(check: "expiry", detail: "expired at 2025-01-01T01:00:00Z, now is 2025-01-01T01:01:01Z"))
        #expect(failedCheck(try self.token { $0["exp"] = nil })?.check == "expiry")
    }

    @Test func notBefore() throws {
        #expect(failedCheck(try token { $0["nbf"] = .int(Fixture.now + 60) }) == nil)
        #expect(
            failedCheck(try token { $0["nbf"] = .int(Fixture.now + 61) })
                == Failed(
                    check: "not-before", detail: "not valid yet: valid from 2025-01-01T00:01:01Z, now is 2025-01-01T00:00:00Z"))
    }

    @Test func issuedAt() throws {
        #expect(failedCheck(try token { $0["iat"] = .int(Fixture.now + 61) })?.check == "issued-at")
    }

    @Test func checksRunInOrder() throws {
        // wrong issuer and wrong audience and expired: issuer is reported
        clock.advance(by: 86400)
        let token = try token {
            $0["iss"] = "https://evil.example"
            $0["aud"] = ["other"]
        }
        #expect(failedCheck(token)?.check == "issuer")
    }
}
