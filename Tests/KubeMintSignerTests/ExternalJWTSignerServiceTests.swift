import Foundation
import KubeMint
import KubeMintCrypto
import KubeMintLocks
import Testing

@testable import KubeMintSigner

@Suite struct ExternalJWTSignerServiceTests {
    @Test(arguments: [("RS256", false), ("ES256", true)])
    func signReturnsTheKubernetesHeaderAndAValidSignature(algorithm: String, ec: Bool) throws {
        let key = try ec ? SignerFixture.ecKey() : SignerFixture.rsaKey()
        let service = try SignerFixture.service(KeyRing(try KeySet(signingKey: key)))
        let response = try service.sign(SignJWTRequest(claims: SignerFixture.claims))
        let header = try #require(Base64URL.decode(response.header))
        #expect(
            String(decoding: header, as: UTF8.self) == #"{"alg":"\#(algorithm)","kid":"\#(key.keyID)","typ":"JWT"}"#)
        let token = "\(response.header).\(SignerFixture.claims).\(response.signature)"
        let jws = try CompactJWS(token)
        #expect(jws.isSigned(by: key.verificationKey))
        #expect(jws.payload == Base64URL.decode(SignerFixture.claims))
    }

    @Test func theCallEntryPointDecodesAndEncodes() throws {
        let service = try SignerFixture.service(KeyRing(try KeySet(signingKey: SignerFixture.rsaKey())))
        let answer = try service.call(.sign, request: SignJWTRequest(claims: SignerFixture.claims).encoded())
        #expect(answer.first == 0x0A)
        #expect(try service.call(.metadata, request: []) == [0x08, 0x90, 0x1C])  // 3600
        #expect(throws: GRPCStatus.self) { try service.call(.metadata, request: [0x0A, 0x09]) }
    }

    @Test(arguments: [
        ("", "claims is empty"),
        ("eyJhIjoxfQ==", "padding '=' at offset 10"),
        ("eyJh+joxfQ", "outside the base64url alphabet at offset 4"),
        ("eyJhIjoxfR", "not canonical base64url"),
        ("bm90IGpzb24", "does not decode to JSON"),
        ("WzFd", "not an object"),
        (String(repeating: "A", count: SignRequestClaims.maxLength + 4), "more than the 65536"),
    ])
    func badClaimsAreInvalidArgument(claims: String, message: String) throws {
        let service = try SignerFixture.service(KeyRing(try KeySet(signingKey: SignerFixture.rsaKey())))
        #expect {
            try service.sign(SignJWTRequest(claims: claims))
        } throws: { error in
            guard let status = error as? GRPCStatus else { return false }
            return status.code == .invalidArgument && status.message.contains(message)
        }
    }

    @Test func fetchKeysListsEveryKeyAsPKIXWithTheClockOfTheLastChange() throws {
        let rsa = try SignerFixture.rsaKey()
        let ec = try SignerFixture.ecKey()
        let clock = LockedValue(SignerFixture.now)
        let ring = KeyRing(try KeySet(signingKey: rsa))
        let service = try SignerFixture.service(ring) { clock.withLock { $0 } }
        let first = service.fetchKeys()
        #expect(
            first.keys == [
                ExternalJWTKey(
                    keyID: SignerFixture.rsaKeyID, key: rsa.verificationKey.subjectPublicKeyInfo,
                    excludeFromOIDCDiscovery: false)
            ])
        #expect(first.dataTimestamp == (1_735_689_600, 250_000_000))
        #expect(first.refreshHintSeconds == 30)

        // Later calls without a change keep the timestamp; a rotation shows at the next call.
        clock.withLock { $0 += 90 }
        #expect(service.fetchKeys().dataTimestamp == (1_735_689_600, 250_000_000))
        ring.replace(with: try KeySet(signingKey: ec, otherKeys: [rsa.verificationKey]))
        let rotated = service.fetchKeys()
        #expect(rotated.keys.map(\.keyID) == [SignerFixture.ecKeyID, SignerFixture.rsaKeyID])
        #expect(rotated.dataTimestamp.seconds == 1_735_689_690)
        let header = try #require(Base64URL.decode(service.sign(SignJWTRequest(claims: SignerFixture.claims)).header))
        #expect(String(decoding: header, as: UTF8.self).contains(SignerFixture.ecKeyID))
    }

    @Test func settingsRefuseWhatTheAPIRefuses() {
        #expect(throws: ConfigurationError.self) { try SignerSettings(maxTokenExpirationSeconds: 599) }
        #expect(throws: ConfigurationError.self) { try SignerSettings(refreshHintSeconds: 0) }
        #expect(throws: Never.self) { try SignerSettings(refreshHintSeconds: 1, maxTokenExpirationSeconds: 600) }
    }
}
