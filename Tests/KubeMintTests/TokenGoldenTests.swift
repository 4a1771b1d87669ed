import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// docs/kubernetes-behaviour.md §2: the exact bytes of minted tokens. The golden files in testdata/golden/ were made
/// with the openssl CLI from the payload layout of §2.2 there (see testdata/golden/README.md), so they are an
/// oracle independent of kubemint.
@Suite struct TokenGoldenTests {
    static let header = "{\"alg\":\"RS256\",\"kid\":\"z2Snc7zZXTa1evWhCteS3IGD_dlQ-SuzsR3w_XwBAuY\"}"

    @Test func podBoundTokenEqualsGolden() throws {
        let result = try Fixture.issuer().requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(expirationSeconds: 3600, boundObjectRef: Fixture.podRef))
        let decoded = try DecodedToken(result.token)
        #expect(decoded.header == Self.header)
        #expect(
            decoded.payload
                == "{\"aud\":[\"https://kubernetes.default.svc.cluster.local\"],\"exp\":1735693200,\"iat\":1735689600,"
                + "\"iss\":\"https://kubernetes.default.svc.cluster.local\",\"jti\":\"6f1c4a53-0d4e-4b35-a0a6-3f3b6f0c2b71\","
                + "\"kubernetes.io\":{\"namespace\":\"default\",\"node\":{\"name\":\"node-1\",\"uid\":\"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\"},"
                + "\"pod\":{\"name\":\"web-0\",\"uid\":\"5f4e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f\"},"
                + "\"serviceaccount\":{\"name\":\"web\",\"uid\":\"0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"}},"
                + "\"nbf\":1735689600,\"sub\":\"system:serviceaccount:default:web\"}")
        #expect(decoded.payload == (try Fixture.golden("pod-bound-3600.payload.json")))
        #expect(result.token == (try Fixture.golden("pod-bound-3600.jwt")))
        #expect(decoded.signature.count == 256)
    }

    @Test func extendedKubeAPIAccessTokenEqualsGolden() throws {
        // kube-api-access volumes ask for 3607 s: exp is a year out, warnafter is now+3607
        // (docs/kubernetes-behaviour.md §4.4).
        let result = try Fixture.issuer().requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(expirationSeconds: 3607, boundObjectRef: Fixture.podRef))
        #expect(try DecodedToken(result.token).payload == (try Fixture.golden("pod-bound-3607-extended.payload.json")))
        #expect(result.token == (try Fixture.golden("pod-bound-3607-extended.jwt")))
    }

    @Test func legacySecretTokenEqualsGolden() throws {
        let claims = LegacyClaims(
            namespace: "default", secretName: "web-token", serviceAccountName: "web", serviceAccountUID: Fixture.saUID)
        let token = try Fixture.issuer().minter.sign(claims)
        let decoded = try DecodedToken(token)
        #expect(decoded.header == Self.header)
        #expect(
            decoded.payload
                == "{\"iss\":\"kubernetes/serviceaccount\",\"kubernetes.io/serviceaccount/namespace\":\"default\","
                + "\"kubernetes.io/serviceaccount/secret.name\":\"web-token\","
                + "\"kubernetes.io/serviceaccount/service-account.name\":\"web\","
                + "\"kubernetes.io/serviceaccount/service-account.uid\":\"0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
                + "\"sub\":\"system:serviceaccount:default:web\"}")
        #expect(token == (try Fixture.golden("legacy-web-token.jwt")))
    }

    @Test func unboundTokenHasOnlyNamespaceAndServiceAccount() throws {
        let result = try Fixture.issuer().requestToken(
            namespace: "default", name: "web", request: TokenRequest(audiences: ["vault"], expirationSeconds: 600))
        #expect(
            try DecodedToken(result.token).payload
                == "{\"aud\":[\"vault\"],\"exp\":1735690200,\"iat\":1735689600,\"iss\":\"https://kubernetes.default.svc.cluster.local\","
                + "\"jti\":\"6f1c4a53-0d4e-4b35-a0a6-3f3b6f0c2b71\",\"kubernetes.io\":{\"namespace\":\"default\","
                + "\"serviceaccount\":{\"name\":\"web\",\"uid\":\"0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"}},"
                + "\"nbf\":1735689600,\"sub\":\"system:serviceaccount:default:web\"}")
    }

    @Test func secretAndNodeBoundClaims() throws {
        let issuer = try Fixture.issuer()
        let secret = try issuer.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(boundObjectRef: .init(kind: "Secret", name: "web-token")))
        #expect(
            try DecodedToken(secret.token).payload.contains(
                "\"kubernetes.io\":{\"namespace\":\"default\",\"secret\":{\"name\":\"web-token\",\"uid\":\"3c3c3c3c-2b2b-4a1a-9d9d-8e8e8e8e8e8e\"},"
                    + "\"serviceaccount\":{\"name\":\"web\",\"uid\":\"0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"}},"))
        let node = try issuer.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(boundObjectRef: .init(kind: "Node", name: "node-1")))
        #expect(
            try DecodedToken(node.token).payload.contains(
                "\"kubernetes.io\":{\"namespace\":\"default\",\"node\":{\"name\":\"node-1\",\"uid\":\"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\"},"
                    + "\"serviceaccount\":{\"name\":\"web\",\"uid\":\"0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"}},"))
    }

    @Test func es256TokensVerifyAndCarryTheECKeyID() throws {
        let issuer = try Fixture.issuer(key: Fixture.ecKey())
        let result = try issuer.requestToken(
            namespace: "default", name: "web", request: TokenRequest(boundObjectRef: Fixture.podRef))
        let decoded = try DecodedToken(result.token)
        #expect(decoded.header == "{\"alg\":\"ES256\",\"kid\":\"C_DkZUx2pwzgMqDKnMSHtBmCNFjqv7-hUdIby_sZElk\"}")
        #expect(decoded.signature.count == 64)  // JOSE R||S, not DER
        #expect(try CompactJWS(result.token).isSigned(by: Fixture.ecKey().verificationKey))
        #expect(issuer.review(token: result.token).authenticated)
        // The payload is as deterministic as with RSA; only the signature differs.
        #expect(decoded.payload == (try DecodedToken(Fixture.golden("pod-bound-3600.jwt"))).payload)
    }

    @Test func keyIDsMatchOpenSSL() throws {
        #expect(try Fixture.rsaKey().keyID == Fixture.rsaKeyID)
        #expect(try Fixture.ecKey().keyID == Fixture.ecKeyID)
        #expect(Fixture.rsaKeyID.count == 43)
    }

    @Test func defaultJTIIsALowerCaseUUID() throws {
        let keys = try KeySet(signingKey: Fixture.rsaKey())
        let issuer = TokenIssuer(
            configuration: IssuerConfiguration(), minter: TokenMinter(keyRing: KeyRing(keys)),
            clock: ManualClock(Fixture.nowDate), objects: try Fixture.cluster())
        let first = try issuer.requestToken(namespace: "default", name: "web", request: TokenRequest())
        let second = try issuer.requestToken(namespace: "default", name: "web", request: TokenRequest())
        let jti = try #require(first.claims.tokenID)
        #expect(jti.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
        #expect(first.claims.tokenID != second.claims.tokenID)
        #expect(try DecodedToken(first.token).payload.contains("\"jti\":\"\(jti)\""))
    }
}

/// `ServiceAccountClaims.payloadJSON()` is the one writer of a bound token's payload (the minting hot
/// path): for every shape of claims its bytes are compact JSON that the project's parser and
/// serialiser reproduce exactly (so the `payload` tree derived from them is the same document), and
/// the typed reader gives back the claims that were written.
@Suite struct ClaimsPayloadJSONTests {
    static let references: [ObjectReference?] = [
        nil, ObjectReference(name: "web-0", uid: "5f4e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f"),
        ObjectReference(name: "only-name", uid: ""), ObjectReference(name: "", uid: "only-uid"),
        ObjectReference(name: "", uid: ""),
    ]

    @Test func equalsTheSerialisedPayloadForEveryShape() throws {
        var checked = 0
        for audiences in [[], ["https://kubernetes.default.svc.cluster.local"], ["a", "b<&>\u{2028}\"\\"]] {
            for tokenID: String? in [nil, "6f1c4a53-0d4e-4b35-a0a6-3f3b6f0c2b71"] {
                for warnAfter: Int64? in [nil, 1_735_693_207, -5] {
                    for pod in Self.references {
                        for node in Self.references {
                            for secret in [nil, Self.references[1]] {
                                let claims = ServiceAccountClaims(
                                    issuer: "https://issuer.example/\u{e9}\t", audiences: audiences,
                                    issuedAt: 1_735_689_600, notBefore: -1, expiry: Int64.max, tokenID: tokenID,
                                    kubernetes: KubernetesIOClaims(
                                        namespace: "ns<1>",
                                        serviceAccount: pod ?? ObjectReference(name: "web", uid: ""), pod: pod,
                                        secret: secret, node: node, warnAfter: warnAfter))
                                #expect(claims.payloadJSON() == claims.payload.serialized())
                                #expect(try ServiceAccountClaims(payload: claims.payload) == claims)
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(checked == 3 * 2 * 3 * 5 * 5 * 2)
    }
}
