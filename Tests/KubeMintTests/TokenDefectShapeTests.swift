import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// What each defective token looks like: one thing wrong, everything else as the apiserver writes it.
@Suite struct TokenDefectShapeTests {
    let key: SigningKey
    let keys: KeySet
    let claims: ServiceAccountClaims
    var kubernetesHeader: String { "{\"alg\":\"RS256\",\"kid\":\"\(Fixture.rsaKeyID)\"}" }

    init() throws {
        key = try Fixture.rsaKey()
        keys = try KeySet(signingKey: key)
        claims = Fixture.podClaims(audiences: ["vault"])
    }

    func decoded(_ defect: TokenDefect) throws -> (DecodedToken, JSONObject) {
        let token = try DecodedToken(defect.token(claims: claims, keys: keys))
        guard case .object(let payload) = try JSONValue.parse(Array(token.payload.utf8)) else {
            throw CryptoError(.malformedJWS, "payload is not an object")
        }
        return (token, payload)
    }

    @Test func claimDefectsKeepTheKubernetesHeaderAndSignature() throws {
        for defect in [TokenDefect.expired, .notYetValid, .wrongIssuer, .wrongAudience, .missingExp, .missingSub] {
            let token = try defect.token(claims: claims, keys: keys)
            #expect(try DecodedToken(token).header == kubernetesHeader, "\(defect.rawValue)")
            #expect(try CompactJWS(token).isSigned(by: key.verificationKey), "\(defect.rawValue)")
        }
    }

    @Test func timeDefectsMoveTheWholeLifetime() throws {
        let (_, expired) = try decoded(.expired)
        #expect(expired["exp"] == .int(Fixture.now - TokenDefect.timeShiftSeconds))
        #expect(expired["iat"] == .int(Fixture.now - TokenDefect.timeShiftSeconds - 3600))
        #expect(expired["nbf"] == expired["iat"])
        let (_, early) = try decoded(.notYetValid)
        #expect(early["nbf"] == .int(Fixture.now + TokenDefect.timeShiftSeconds))
        #expect(early["iat"] == early["nbf"])
        #expect(early["exp"] == .int(Fixture.now + TokenDefect.timeShiftSeconds + 3600))
    }

    @Test func missingClaimsAreAbsentAndNothingElseChanges() throws {
        let original = claims.payload
        var withoutExp = original
        withoutExp["exp"] = nil
        #expect(try decoded(.missingExp).1 == withoutExp)
        var withoutSub = original
        withoutSub["sub"] = nil
        #expect(try decoded(.missingSub).1 == withoutSub)
        #expect(try decoded(.wrongIssuer).1["iss"] == .string(TokenDefect.foreignIssuer))
        #expect(try decoded(.wrongAudience).1["aud"] == .array([.string(TokenDefect.foreignAudience)]))
        #expect(try decoded(.badSignature).1 == original)
    }

    @Test func keyDefectHeaders() throws {
        let (unknownKey, _) = try decoded(.unknownKey)
        let unknownKid = try #require(
            try JSONValue.parse(Array(unknownKey.header.utf8))["kid"]?.stringValue)
        #expect(unknownKid.count == 43 && unknownKid != Fixture.rsaKeyID)
        #expect(unknownKey.header == "{\"alg\":\"RS256\",\"kid\":\"\(unknownKid)\"}")

        let (randomKid, _) = try decoded(.unknownKid)
        let kid = try #require(try JSONValue.parse(Array(randomKid.header.utf8))["kid"]?.stringValue)
        #expect(kid.count == 43 && kid != Fixture.rsaKeyID && Base64URL.decode(kid)?.count == 32)

        #expect(try decoded(.kidMismatch).0.header == kubernetesHeader)
        #expect(try decoded(.badSignature).0.header == kubernetesHeader)
        #expect(try decoded(.algNone).0.header == "{\"alg\":\"none\"}")
        #expect(try decoded(.hs256KeyConfusion).0.header == "{\"alg\":\"HS256\",\"kid\":\"\(Fixture.rsaKeyID)\"}")
    }

    @Test func signatures() throws {
        let none = try TokenDefect.algNone.token(claims: claims, keys: keys)
        #expect(none.hasSuffix("."))
        let confused = try CompactJWS(TokenDefect.hs256KeyConfusion.token(claims: claims, keys: keys))
        let secret = Array(try key.verificationKey.pem().utf8)
        #expect(confused.signature == (try HMACSHA256.authenticate(confused.signingInput, key: secret)))
        let bad = try CompactJWS(TokenDefect.badSignature.token(claims: claims, keys: keys))
        #expect(!bad.isSigned(by: key.verificationKey))
        var repaired = bad.signature
        repaired[repaired.count - 1] ^= 0xFF
        #expect(key.verificationKey.isValidSignature(repaired, for: bad.signingInput))
        let mismatch = try CompactJWS(TokenDefect.kidMismatch.token(claims: claims, keys: keys))
        #expect(!mismatch.isSigned(by: key.verificationKey))
        #expect(mismatch.signature.count == 256)
    }

    @Test func namesAndListing() {
        #expect(
            TokenDefect.allCases.map(\.rawValue) == [
                "expired", "not-yet-valid", "wrong-issuer", "wrong-audience", "unknown-key", "unknown-kid",
                "bad-signature", "alg-none", "hs256-key-confusion", "missing-exp", "missing-sub", "kid-mismatch",
            ])
        let lines = TokenDefect.listing.split(separator: "\n").map(String.init)
        #expect(lines.count == TokenDefect.allCases.count)
        for (line, defect) in zip(lines, TokenDefect.allCases) {
            #expect(line.hasPrefix(defect.rawValue + " "))
            #expect(line.hasSuffix(defect.advice))
            #expect(defect.advice.hasPrefix("reject"))
        }
    }
}
