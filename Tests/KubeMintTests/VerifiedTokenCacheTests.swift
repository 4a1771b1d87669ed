import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// The verified-signature cache behind TokenReview: a second review of a token skips the
/// signature check but never changes an answer — claims, clock and keys are checked every time.
@Suite struct VerifiedTokenCacheTests {
    let clock = ManualClock(Fixture.nowDate)
    let issuer: TokenIssuer

    init() throws { issuer = try Fixture.issuer(clock: clock) }

    func podToken() throws -> String {
        try issuer.requestToken(
            namespace: "default", name: "web", request: TokenRequest(boundObjectRef: Fixture.podRef)
        ).token
    }

    @Test func aSecondReviewIsAnsweredFromTheCacheWithTheSameResult() throws {
        let token = try podToken()
        let first = issuer.review(token: token)
        #expect(first.authenticated)
        #expect(issuer.verifiedTokens.count == 1)
        let second = issuer.review(token: token)
        #expect(second == first)
        #expect(issuer.verifiedTokens.count == 1)
    }

    @Test func claimsAreStillCheckedOnACachedToken() throws {
        let token = try podToken()
        #expect(issuer.review(token: token).authenticated)
        clock.advance(by: 3600 + 61)
        #expect(issuer.reviewError(token) == "[invalid bearer token, service account token has expired]")
        #expect(issuer.reviewError(token, audiences: ["other"]) != nil)
    }

    @Test func replacedKeysInvalidateCachedSignatures() throws {
        let token = try podToken()
        #expect(issuer.review(token: token).authenticated)
        // The signing key retired: the ring now holds another key only.
        issuer.minter.keyRing.replace(with: try KeySet(signingKey: try Fixture.ecKey()))
        #expect(issuer.reviewError(token) == "[invalid bearer token, invalid signature, no keys found]")
        #expect(issuer.verifiedTokens.count == 0)
    }

    @Test func tokensThatFailTheSignatureAreNeverRemembered() throws {
        var parts = try podToken().split(separator: ".").map(String.init)
        var signature = try #require(Base64URL.decode(parts[2]))
        signature[5] ^= 0x40
        parts[2] = Base64URL.encode(signature)
        let forged = parts.joined(separator: ".")
        for _ in 0..<2 {
            #expect(
                issuer.reviewError(forged)
                    == "[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]")
        }
        #expect(issuer.verifiedTokens.count == 0)
    }

    @Test func aFullCacheStartsOver() {
        let cache = VerifiedTokenCache(capacity: 3)
        for index in 0..<3 { cache.insert("token-\(index)", payload: JSONObject(), generation: 0) }
        #expect(cache.count == 3)
        cache.insert("token-3", payload: JSONObject(), generation: 0)
        #expect(cache.count == 1)
        #expect(cache.payload(for: "token-3", generation: 0) != nil)
        #expect(cache.payload(for: "token-3", generation: 1) == nil)
    }

    @Test func entriesOfAnOlderGenerationAreIgnored() {
        let cache = VerifiedTokenCache()
        cache.insert("a", payload: JSONObject(), generation: 2)
        cache.insert("b", payload: JSONObject(), generation: 1)
        #expect(cache.payload(for: "b", generation: 1) == nil)
        #expect(cache.payload(for: "a", generation: 2) != nil)
    }
}
