import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// Every defective token is refused by kubemint's TokenReview with the apiserver's exact
/// `status.error` (docs/kubernetes-behaviour.md §5, §6) and by the relying-party verifier with the right check; the
/// undamaged control token passes both. Run with an RSA and an EC signing key.
@Suite struct TokenDefectReviewTests {
    static let crypto = "[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]"
    static let noKeys = "[invalid bearer token, invalid signature, no keys found]"
    static let expired = "[invalid bearer token, service account token has expired]"

    /// The apiserver's `status.error` for each defect reviewed with `spec.audiences: ["vault"]`
    /// (nil: authenticated). `missing-sub` authenticates: claims.go never reads `sub` for bound
    /// tokens, the identity comes from the `kubernetes.io` claims.
    static let reviewErrors: [TokenDefect: String?] = [
        .expired: expired,
        .notYetValid: "[invalid bearer token, service account token is not valid yet]",
        .wrongIssuer: "invalid bearer token",
        .wrongAudience:
            "[invalid bearer token, token audiences [\"https://wrong-audience.kubemint.invalid\"] is invalid for the target audiences [\"vault\"]]",
        .unknownKey: noKeys,
        .unknownKid: noKeys,
        .badSignature: crypto,
        .algNone: crypto,
        .hs256KeyConfusion: crypto,
        .missingExp: expired,
        .missingSub: nil,
        .kidMismatch: crypto,
    ]

    /// The check `RelyingPartyVerifier` names for each defect.
    static let verifierChecks: [TokenDefect: String] = [
        .expired: "expiry", .notYetValid: "not-before", .wrongIssuer: "issuer", .wrongAudience: "audience",
        .unknownKey: "key", .unknownKid: "key", .badSignature: "signature", .algNone: "algorithm",
        .hs256KeyConfusion: "algorithm", .missingExp: "expiry", .missingSub: "subject", .kidMismatch: "signature",
    ]

    enum KeyKind: String, CaseIterable { case rsa, ec }

    struct Setup {
        let issuer: TokenIssuer
        let keys: KeySet
        let verifier: RelyingPartyVerifier
        let request: TokenRequestResult

        init(_ kind: KeyKind) throws {
            let key = try kind == .rsa ? Fixture.rsaKey() : Fixture.ecKey()
            let clock = ManualClock(Fixture.nowDate)
            issuer = try Fixture.issuer(key: key, clock: clock)
            keys = issuer.minter.keyRing.keys
            verifier = RelyingPartyVerifier(
                keys: keys.verificationKeys, issuers: [Fixture.issuer], audience: "vault", clock: clock)
            request = try issuer.requestToken(
                namespace: "default", name: "web",
                request: TokenRequest(audiences: ["vault"], boundObjectRef: Fixture.podRef))
        }

        func failedCheck(_ token: String) -> String? {
            do {
                _ = try verifier.verify(token)
                return nil
            } catch { return error.check }
        }
    }

    @Test(arguments: KeyKind.allCases)
    func controlTokenIsAccepted(kind: KeyKind) throws {
        let setup = try Setup(kind)
        let result = setup.issuer.review(token: setup.request.token, audiences: ["vault"])
        #expect(result.error == nil)
        #expect(result.user?.username == "system:serviceaccount:default:web")
        #expect(setup.failedCheck(setup.request.token) == nil)
    }

    @Test(arguments: TokenDefect.allCases, KeyKind.allCases)
    func reviewGivesTheApiserverReason(defect: TokenDefect, kind: KeyKind) throws {
        let setup = try Setup(kind)
        let token = try defect.token(claims: setup.request.claims, keys: setup.keys)
        let expected = try #require(Self.reviewErrors[defect])
        #expect(setup.issuer.reviewError(token, audiences: ["vault"]) == expected, "\(defect.rawValue)")
    }

    @Test(arguments: TokenDefect.allCases, KeyKind.allCases)
    func relyingPartyNamesTheCheck(defect: TokenDefect, kind: KeyKind) throws {
        let setup = try Setup(kind)
        let token = try defect.token(claims: setup.request.claims, keys: setup.keys)
        #expect(setup.failedCheck(token) == Self.verifierChecks[defect], "\(defect.rawValue)")
    }

    @Test func missingSubStillAuthenticatesAsTheServiceAccount() throws {
        let setup = try Setup(.rsa)
        let token = try TokenDefect.missingSub.token(claims: setup.request.claims, keys: setup.keys)
        let result = setup.issuer.review(token: token, audiences: ["vault"])
        #expect(result.user?.username == "system:serviceaccount:default:web")
        #expect(result.user?.uid == Fixture.saUID)
        #expect(result.audiences == ["vault"])
    }

    @Test func everyDefectHasAnExpectation() {
        #expect(Set(Self.reviewErrors.keys) == Set(TokenDefect.allCases))
        #expect(Set(Self.verifierChecks.keys) == Set(TokenDefect.allCases))
    }
}
