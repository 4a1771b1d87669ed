import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// docs/kubernetes-behaviour.md §5/§6: every `status.error` text, user info, audiences, and odd tokens.
@Suite struct TokenReviewTests {
    let clock = ManualClock(Fixture.nowDate)
    let issuer: TokenIssuer
    let key: SigningKey

    init() throws {
        key = try Fixture.rsaKey()
        issuer = try Fixture.issuer(key: key, clock: clock)
    }

    func podToken(audiences: [String]? = nil, expirationSeconds: Int64? = nil) throws -> String {
        try issuer.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(
                audiences: audiences, expirationSeconds: expirationSeconds, boundObjectRef: Fixture.podRef)
        ).token
    }

    func signed(_ claims: ServiceAccountClaims) throws -> String { try issuer.minter.sign(claims) }

    func wrapped(_ message: String) -> String { "[invalid bearer token, \(message)]" }

    // MARK: Success

    @Test func podBoundSuccessStatusIsExact() throws {
        let token = try podToken(audiences: ["vault"])
        let result = issuer.review(token: token, audiences: ["vault"])
        #expect(result.authenticated)
        #expect(result.error == nil)
        #expect(
            result.status.jsonString
                == "{\"authenticated\":true,\"user\":{\"username\":\"system:serviceaccount:default:web\","
                + "\"uid\":\"0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
                + "\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:default\",\"system:authenticated\"],"
                + "\"extra\":{\"authentication.kubernetes.io/credential-id\":[\"JTI=6f1c4a53-0d4e-4b35-a0a6-3f3b6f0c2b71\"],"
                + "\"authentication.kubernetes.io/node-name\":[\"node-1\"],"
                + "\"authentication.kubernetes.io/node-uid\":[\"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\"],"
                + "\"authentication.kubernetes.io/pod-name\":[\"web-0\"],"
                + "\"authentication.kubernetes.io/pod-uid\":[\"5f4e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f\"]}},"
                + "\"audiences\":[\"vault\"]}")
    }

    @Test func failureStatusIsExact() throws {
        #expect(issuer.review(token: "garbage").status.jsonString == "{\"user\":{},\"error\":\"invalid bearer token\"}")
    }

    @Test func emptyTargetAudiencesMeanAPIAudiences() throws {
        let result = issuer.review(token: try podToken())
        #expect(result.audiences == [Fixture.issuer])
    }

    @Test func audiencesAreTheIntersectionInTargetOrder() throws {
        let token = try podToken(audiences: ["a", "b", "c"])
        #expect(issuer.review(token: token, audiences: ["c", "x", "a"]).audiences == ["c", "a"])
        #expect(issuer.review(token: token, audiences: ["b"]).audiences == ["b"])
    }

    /// Issue 16: 60k token audiences against 60k targets took 12.5 s on an event loop (a list
    /// search per target). The intersection is now a set lookup per target, in target order.
    @Test func largeAudienceListsIntersectInTargetOrder() throws {
        let carried = (0..<60_000).map { "aud-\($0)" }
        let token = try podToken(audiences: carried)
        let targets = (30_000..<90_000).reversed().map { "aud-\($0)" }
        let result = issuer.review(token: token, audiences: targets)
        #expect(result.authenticated)
        #expect(result.audiences == (30_000..<60_000).reversed().map { "aud-\($0)" })
    }

    @Test func extraKeysByBinding() throws {
        func extraKeys(_ ref: TokenRequest.BoundObjectReference?) throws -> [String] {
            let token = try issuer.requestToken(
                namespace: "default", name: "web", request: TokenRequest(boundObjectRef: ref)
            ).token
            return try #require(issuer.review(token: token).user).extra.map(\.key)
        }
        let prefix = "authentication.kubernetes.io/"
        #expect(try extraKeys(nil) == [prefix + "credential-id"])
        #expect(try extraKeys(.init(kind: "Secret", name: "web-token")) == [prefix + "credential-id"])
        #expect(
            try extraKeys(.init(kind: "Node", name: "node-1")) == [
                prefix + "credential-id", prefix + "node-name", prefix + "node-uid",
            ])
        #expect(
            try extraKeys(.init(kind: "Pod", name: "web-lost"))
                == [prefix + "credential-id", prefix + "node-name", prefix + "pod-name", prefix + "pod-uid"])
        #expect(
            try extraKeys(.init(kind: "Pod", name: "web-pending")) == [
                prefix + "credential-id", prefix + "pod-name", prefix + "pod-uid",
            ])
    }

    @Test func tokenWithoutJTIHasNoExtraAtAll() throws {
        var claims = Fixture.podClaims()
        claims.kubernetes.pod = nil
        claims.kubernetes.node = nil
        claims.tokenID = nil
        let result = issuer.review(token: try signed(claims))
        #expect(result.authenticated)
        #expect(
            result.status["user"]?.jsonString
                == "{\"username\":\"system:serviceaccount:default:web\",\"uid\":\"0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
                + "\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:default\",\"system:authenticated\"]}"
        )
    }

    @Test func everyConfiguredIssuerIsAccepted() throws {
        let issuer = try Fixture.issuer(
            configuration: IssuerConfiguration(issuers: ["https://new.example", "https://old.example"]), clock: clock)
        var claims = Fixture.podClaims(audiences: ["https://new.example"])
        claims.issuer = "https://old.example"
        #expect(issuer.review(token: try issuer.minter.sign(claims)).authenticated)
    }

    // MARK: Not ours: plain "invalid bearer token"

    @Test(arguments: [
        "garbage", "a.b", "a.b.c.d", "", "{\"alg\":\"none\"}.e30.", "not.base64!.sig",
        "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
    ])
    func unrecognisedTokens(token: String) throws {
        #expect(issuer.reviewError(token) == "invalid bearer token")
    }

    @Test func unknownIssuerIsNotMineEvenWhenWellSigned() throws {
        var claims = Fixture.podClaims()
        claims.issuer = "https://evil.example"
        #expect(issuer.reviewError(try signed(claims)) == "invalid bearer token")
        // checked before the signature: a bad signature under a foreign issuer is still just "invalid bearer token"
        let forged = try Craft.token(
            header: "{\"alg\":\"RS256\",\"kid\":\"nope\"}", payload: "{\"iss\":\"https://evil.example\"}"
        ) {
            _ in [1, 2, 3]
        }
        #expect(issuer.reviewError(forged) == "invalid bearer token")
    }

    @Test func payloadThatIsNotAnObjectOrHasNoIssuer() throws {
        #expect(issuer.reviewError(try Craft.signed("[1,2]", key: key)) == "invalid bearer token")
        #expect(issuer.reviewError(try Craft.signed("{\"sub\":\"x\"}", key: key)) == "invalid bearer token")
    }

    // MARK: Keys and signatures

    @Test func unknownKeyID() throws {
        let other = try SigningKey.generate(.rsa(bits: 2048))
        let token = try other.sign(Fixture.podClaims())
        #expect(issuer.reviewError(token) == wrapped("invalid signature, no keys found"))
    }

    @Test func badSignature() throws {
        var parts = try podToken().split(separator: ".").map(String.init)
        var signature = try #require(Base64URL.decode(parts[2]))
        signature[17] ^= 0x01
        parts[2] = Base64URL.encode(signature)
        #expect(
            issuer.reviewError(parts.joined(separator: "."))
                == "[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]")
    }

    @Test func otherKeyUnderOurKeyID() throws {
        let other = try SigningKey.generate(.rsa(bits: 2048))
        let token = try Craft.token(
            header: "{\"alg\":\"RS256\",\"kid\":\"\(Fixture.rsaKeyID)\"}",
            payload: Fixture.podClaims().payload.jsonString
        ) { try other.sign($0) }
        #expect(issuer.reviewError(token) == wrapped("go-jose/go-jose: error in cryptographic primitive"))
    }

    @Test func tokenWithoutKeyIDIsTriedAgainstAllKeys() throws {
        let token = try Craft.token(header: "{\"alg\":\"RS256\"}", payload: Fixture.podClaims().payload.jsonString) {
            try key.sign($0)
        }
        #expect(issuer.review(token: token).authenticated)
    }

    @Test func algNoneIsRejected() throws {
        let payload = Fixture.podClaims().payload.jsonString
        for header in ["{\"alg\":\"none\",\"kid\":\"\(Fixture.rsaKeyID)\"}", "{\"alg\":\"none\"}"] {
            let token = try Craft.token(header: header, payload: payload) { _ in [] }
            #expect(token.hasSuffix("."))
            #expect(issuer.reviewError(token) == wrapped("go-jose/go-jose: error in cryptographic primitive"))
        }
    }

    @Test func hs256WithThePublicKeyAsSecretIsRejected() throws {
        let payload = Fixture.podClaims().payload.jsonString
        let publicPEM = Array(try key.verificationKey.pem().utf8)
        let publicDER = key.verificationKey.subjectPublicKeyInfo
        for secret in [publicPEM, publicDER] {
            let token = try Craft.token(header: "{\"alg\":\"HS256\",\"kid\":\"\(Fixture.rsaKeyID)\"}", payload: payload)
            {
                try HMACSHA256.authenticate($0, key: secret)
            }
            #expect(issuer.reviewError(token) == wrapped("go-jose/go-jose: error in cryptographic primitive"))
        }
    }

    @Test func es256HeaderOnAnRSAKeyIsRejected() throws {
        let token = try Craft.token(
            header: "{\"alg\":\"ES256\",\"kid\":\"\(Fixture.rsaKeyID)\"}",
            payload: Fixture.podClaims().payload.jsonString
        ) { try key.sign($0) }
        #expect(issuer.reviewError(token) == wrapped("go-jose/go-jose: error in cryptographic primitive"))
    }

    // MARK: Audiences

    @Test func audienceMismatchUsesGoQuoting() throws {
        let token = try podToken(audiences: ["a", "b"])
        #expect(
            issuer.reviewError(token, audiences: ["c"])
                == "[invalid bearer token, token audiences [\"a\" \"b\"] is invalid for the target audiences [\"c\"]]")
        #expect(
            issuer.reviewError(token)
                == "[invalid bearer token, token audiences [\"a\" \"b\"] is invalid for the target audiences [\"https://kubernetes.default.svc.cluster.local\"]]"
        )
        let quoted = try podToken(audiences: ["x\"y", "tab\there"])
        #expect(
            issuer.reviewError(quoted, audiences: ["back\\slash"])
                == "[invalid bearer token, token audiences [\"x\\\"y\" \"tab\\there\"] is invalid for the target audiences [\"back\\\\slash\"]]"
        )
    }

    @Test func audienceIsCheckedBeforeExpiryAndLookups() throws {
        let token = try podToken(audiences: ["a"])
        clock.advance(by: 86400)
        let gone = issuer.with(objects: StaticClusterObjects())
        #expect(
            gone.reviewError(token, audiences: ["b"])
                == "[invalid bearer token, token audiences [\"a\"] is invalid for the target audiences [\"b\"]]")
    }

    @Test func audienceAsAStringIsAccepted() throws {
        var payload = Fixture.podClaims().payload
        payload["aud"] = .string(Fixture.issuer)
        let token = try Craft.signed(payload.jsonString, key: key)
        #expect(try DecodedToken(token).payload.hasPrefix("{\"aud\":\"https://kubernetes.default.svc.cluster.local\","))
        let result = issuer.review(token: token)
        #expect(result.authenticated)
        #expect(result.audiences == [Fixture.issuer])
    }

    @Test func audienceOfTheWrongTypeFailsToDecode() throws {
        for aud: JSONValue in [42, [1], ["ok", true]] {
            var payload = Fixture.podClaims().payload
            payload["aud"] = aud
            #expect(
                issuer.reviewError(try Craft.signed(payload.jsonString, key: key))
                    == wrapped("go-jose/go-jose/jwt: expected string or array value to unmarshal to Audience"))
        }
    }

    // MARK: Time (60 s leeway)

    @Test func expiryBoundaryIsExactlySixtySeconds() throws {
        let token = try podToken(expirationSeconds: 600)
        clock.set(Date(timeIntervalSince1970: TimeInterval(Fixture.now + 600 + 60)))
        #expect(issuer.review(token: token).authenticated)
        clock.advance(by: 1)
        #expect(issuer.reviewError(token) == "[invalid bearer token, service account token has expired]")
    }

    @Test func expiryComparesTheExactInstantNotWholeSeconds() throws {
        // go-jose: now.Add(-leeway).After(exp) with nanosecond time, so exp+60.5 s is expired.
        let token = try podToken(expirationSeconds: 600)
        clock.set(Date(timeIntervalSince1970: TimeInterval(Fixture.now + 600 + 60) + 0.5))
        #expect(issuer.reviewError(token) == "[invalid bearer token, service account token has expired]")
    }

    @Test func notValidYetBoundary() throws {
        let atLeeway = try signed(Fixture.podClaims(issuedAt: Fixture.now, notBefore: Fixture.now + 60))
        #expect(issuer.review(token: atLeeway).authenticated)
        let beyond = try signed(Fixture.podClaims(issuedAt: Fixture.now, notBefore: Fixture.now + 61))
        #expect(issuer.reviewError(beyond) == "[invalid bearer token, service account token is not valid yet]")
    }

    @Test func issuedInTheFutureBoundary() throws {
        let atLeeway = try signed(Fixture.podClaims(issuedAt: Fixture.now + 60, notBefore: Fixture.now))
        #expect(issuer.review(token: atLeeway).authenticated)
        let beyond = try signed(Fixture.podClaims(issuedAt: Fixture.now + 61, notBefore: Fixture.now))
        #expect(issuer.reviewError(beyond) == "[invalid bearer token, service account token is issued in the future]")
    }

    @Test func timeChecksRunInGoJoseOrder() throws {
        // nbf before exp before iat
        let all = try signed(
            Fixture.podClaims(issuedAt: Fixture.now + 500, notBefore: Fixture.now + 500, expiry: Fixture.now - 500))
        #expect(issuer.reviewError(all) == wrapped("service account token is not valid yet"))
        let expiredAndFuture = try signed(
            Fixture.podClaims(issuedAt: Fixture.now + 500, notBefore: Fixture.now, expiry: Fixture.now - 500))
        #expect(issuer.reviewError(expiredAndFuture) == wrapped("service account token has expired"))
    }

    @Test func expiryIsCheckedBeforeLookups() throws {
        let token = try podToken(expirationSeconds: 600)
        clock.advance(by: 3600)
        #expect(
            issuer.with(objects: StaticClusterObjects()).reviewError(token)
                == wrapped("service account token has expired"))
    }

    @Test func numericDateAsStringFailsToDecode() throws {
        for name in ["exp", "nbf", "iat"] {
            var payload = Fixture.podClaims().payload
            payload[name] = .string(String(Fixture.now + 3600))
            #expect(
                issuer.reviewError(try Craft.signed(payload.jsonString, key: key))
                    == wrapped("go-jose/go-jose/jwt: failed to unmarshal NumericDate"))
        }
    }

    @Test func fractionalExpIsTruncated() throws {
        var payload = Fixture.podClaims().payload
        payload["exp"] = .double(Double(Fixture.now + 600) + 0.9)
        let token = try Craft.signed(payload.jsonString, key: key)
        #expect(try DecodedToken(token).payload.contains("\"exp\":1735690200.9,"))
        clock.set(Date(timeIntervalSince1970: TimeInterval(Fixture.now + 660)))
        #expect(issuer.review(token: token).authenticated)
        clock.set(Date(timeIntervalSince1970: TimeInterval(Fixture.now + 660) + 0.5))
        #expect(issuer.reviewError(token) == wrapped("service account token has expired"))
    }

    @Test func hugeExpWithinInt64IsFarFuture() throws {
        var payload = Fixture.podClaims().payload
        payload["exp"] = .int(9_000_000_000_000_000_000)
        #expect(issuer.review(token: try Craft.signed(payload.jsonString, key: key)).authenticated)
    }

    @Test func expBeyondInt64IsRejected() throws {
        for text in ["99999999999999999999", "1e30"] {
            let payload = Fixture.podClaims().payload.jsonString.replacingOccurrences(
                of: "\"exp\":1735693200", with: "\"exp\":\(text)")
            let result = issuer.review(token: try Craft.signed(payload, key: key))
            #expect(!result.authenticated)
            #expect(result.error?.hasPrefix("[invalid bearer token, ") == true)
        }
    }

    // MARK: Lookups of bound tokens

    @Test func serviceAccountMissing() throws {
        var objects = try Fixture.cluster()
        objects.serviceAccounts["default/web"] = nil
        #expect(
            issuer.with(objects: objects).reviewError(try podToken())
                == "[invalid bearer token, serviceaccounts \"web\" not found]")
    }

    @Test func serviceAccountRecreated() throws {
        var objects = try Fixture.cluster()
        objects.serviceAccounts["default/web"] = LiveObject(name: "web", uid: "new-sa-uid")
        #expect(
            issuer.with(objects: objects).reviewError(try podToken())
                == "[invalid bearer token, service account UID (new-sa-uid) does not match claim (0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d)]"
        )
    }

    @Test func serviceAccountDeletedAfterLeeway() throws {
        let token = try podToken()
        var objects = try Fixture.cluster()
        objects.serviceAccounts["default/web"]?.deletionTimestamp = Fixture.nowDate.addingTimeInterval(-60)
        #expect(issuer.with(objects: objects).review(token: token).authenticated)
        objects.serviceAccounts["default/web"]?.deletionTimestamp = Fixture.nowDate.addingTimeInterval(-61)
        #expect(
            issuer.with(objects: objects).reviewError(token)
                == "[invalid bearer token, service account default/web has been deleted]")
        // uid is checked before deletion
        objects.serviceAccounts["default/web"]?.uid = "new"
        #expect(
            issuer.with(objects: objects).reviewError(token)
                == wrapped("service account UID (new) does not match claim (\(Fixture.saUID))"))
    }

    @Test func podDeleted() throws {
        var objects = try Fixture.cluster()
        objects.pods["default/web-0"] = nil
        #expect(
            issuer.with(objects: objects).reviewError(try podToken())
                == "[invalid bearer token, service account token has been invalidated]")
    }

    @Test func podRecreated() throws {
        var objects = try Fixture.cluster()
        objects.pods["default/web-0"]?.object.uid = "new-pod-uid"
        #expect(
            issuer.with(objects: objects).reviewError(try podToken())
                == "[invalid bearer token, pod UID (new-pod-uid) does not match service account pod ref claim (5f4e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f)]"
        )
    }

    @Test func terminatingPodKeepsTokensValidUntilSixtySecondsAfterDeletionTimestamp() throws {
        let token = try podToken()
        var objects = try Fixture.cluster()
        objects.pods["default/web-0"]?.object.deletionTimestamp = Fixture.nowDate.addingTimeInterval(30)
        #expect(issuer.with(objects: objects).review(token: token).authenticated)
        objects.pods["default/web-0"]?.object.deletionTimestamp = Fixture.nowDate.addingTimeInterval(-60)
        #expect(issuer.with(objects: objects).review(token: token).authenticated)
        objects.pods["default/web-0"]?.object.deletionTimestamp = Fixture.nowDate.addingTimeInterval(-61)
        #expect(
            issuer.with(objects: objects).reviewError(token) == wrapped("service account token has been invalidated"))
    }

    @Test func podBoundTokenIgnoresTheLiveNode() throws {
        var objects = try Fixture.cluster()
        objects.nodes["node-1"] = nil
        #expect(issuer.with(objects: objects).review(token: try podToken()).authenticated)
    }

    @Test func secretBoundTokens() throws {
        let token = try issuer.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(boundObjectRef: .init(kind: "Secret", name: "web-token"))
        ).token
        #expect(issuer.review(token: token).authenticated)
        var objects = try Fixture.cluster()
        objects.secrets["default/web-token"]?.object.uid = "new-secret-uid"
        #expect(
            issuer.with(objects: objects).reviewError(token)
                == "[invalid bearer token, secret UID (new-secret-uid) does not match service account secret ref claim (3c3c3c3c-2b2b-4a1a-9d9d-8e8e8e8e8e8e)]"
        )
        objects = try Fixture.cluster()
        objects.secrets["default/web-token"]?.object.deletionTimestamp = Fixture.nowDate.addingTimeInterval(-61)
        #expect(
            issuer.with(objects: objects).reviewError(token) == wrapped("service account token has been invalidated"))
        objects.secrets["default/web-token"] = nil
        #expect(
            issuer.with(objects: objects).reviewError(token) == wrapped("service account token has been invalidated"))
    }

    @Test func nodeBoundTokens() throws {
        let token = try issuer.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(boundObjectRef: .init(kind: "Node", name: "node-1"))
        ).token
        #expect(issuer.review(token: token).authenticated)
        var objects = try Fixture.cluster()
        objects.nodes["node-1"]?.uid = "new-node-uid"
        #expect(
            issuer.with(objects: objects).reviewError(token)
                == "[invalid bearer token, node UID (new-node-uid) does not match service account node ref claim (9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d)]"
        )
        objects.nodes["node-1"] = nil
        #expect(
            issuer.with(objects: objects).reviewError(token) == wrapped("service account token has been invalidated"))
    }

    @Test func lookupOrderServiceAccountThenPod() throws {
        var objects = try Fixture.cluster()
        objects.pods["default/web-0"] = nil
        objects.serviceAccounts["default/web"] = nil
        #expect(
            issuer.with(objects: objects).reviewError(try podToken()) == wrapped("serviceaccounts \"web\" not found"))
    }

    // MARK: Legacy secret tokens

    func legacyToken() throws -> String { try Fixture.golden("legacy-web-token.jwt") }

    @Test func legacyTokenAuthenticatesWithoutExtra() throws {
        clock.advance(by: 10 * 365 * 86400)  // no time checks at all
        let result = issuer.review(token: try legacyToken())
        #expect(
            result.status.jsonString
                == "{\"authenticated\":true,\"user\":{\"username\":\"system:serviceaccount:default:web\","
                + "\"uid\":\"0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
                + "\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:default\",\"system:authenticated\"]},"
                + "\"audiences\":[\"https://kubernetes.default.svc.cluster.local\"]}")
    }

    @Test func legacyTokenHasTheAPIAudiencesOnly() throws {
        #expect(
            issuer.reviewError(try legacyToken(), audiences: ["vault"])
                == "[invalid bearer token, token audiences [\"https://kubernetes.default.svc.cluster.local\"] is invalid for the target audiences [\"vault\"]]"
        )
    }

    @Test func legacySecretDeleted() throws {
        var objects = try Fixture.cluster()
        objects.secrets["default/web-token"] = nil
        #expect(
            issuer.with(objects: objects).reviewError(try legacyToken())
                == "[invalid bearer token, Token has been invalidated]")
        // any deletionTimestamp at all, even in the future
        objects = try Fixture.cluster()
        objects.secrets["default/web-token"]?.object.deletionTimestamp = Fixture.nowDate.addingTimeInterval(3600)
        #expect(issuer.with(objects: objects).reviewError(try legacyToken()) == wrapped("Token has been invalidated"))
    }

    @Test func legacyTokenMismatch() throws {
        var objects = try Fixture.cluster()
        objects.secrets["default/web-token"]?.token = "something-else"
        #expect(
            issuer.with(objects: objects).reviewError(try legacyToken())
                == "[invalid bearer token, Token does not match server's copy]")
    }

    @Test func legacyServiceAccountChecks() throws {
        var objects = try Fixture.cluster()
        objects.serviceAccounts["default/web"]?.uid = "other-uid"
        #expect(
            issuer.with(objects: objects).reviewError(try legacyToken())
                == wrapped("ServiceAccount UID (other-uid) does not match claim (\(Fixture.saUID))"))
        objects.serviceAccounts["default/web"]?.deletionTimestamp = Fixture.nowDate.addingTimeInterval(3600)
        #expect(
            issuer.with(objects: objects).reviewError(try legacyToken())
                == wrapped("ServiceAccount default/web has been deleted"))
        objects.serviceAccounts["default/web"] = nil
        #expect(
            issuer.with(objects: objects).reviewError(try legacyToken()) == wrapped("serviceaccounts \"web\" not found")
        )
    }

    @Test func legacyTokenMarkedInvalid() throws {
        var objects = try Fixture.cluster()
        objects.secrets["default/web-token"]?.labels["kubernetes.io/legacy-token-invalid-since"] = "2024-12-01"
        #expect(
            issuer.with(objects: objects).reviewError(try legacyToken())
                == "[invalid bearer token, the token in secret default/web-token for service account default/web has been marked invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the 'kubernetes.io/legacy-token-invalid-since' label from the secret to temporarily allow use of this token]"
        )
    }

    @Test func legacyClaimChecksInOrder() throws {
        let full: [(String, JSONValue)] = [
            ("iss", "kubernetes/serviceaccount"),
            ("kubernetes.io/serviceaccount/namespace", "default"),
            ("kubernetes.io/serviceaccount/secret.name", "web-token"),
            ("kubernetes.io/serviceaccount/service-account.name", "web"),
            ("kubernetes.io/serviceaccount/service-account.uid", .string(Fixture.saUID)),
            ("sub", "system:serviceaccount:default:web"),
        ]
        let cases: [(drop: String, message: String)] = [
            ("sub", "sub claim is missing"),
            ("kubernetes.io/serviceaccount/namespace", "namespace claim is missing"),
            ("kubernetes.io/serviceaccount/secret.name", "secretName claim is missing"),
            ("kubernetes.io/serviceaccount/service-account.name", "serviceAccountName claim is missing"),
            ("kubernetes.io/serviceaccount/service-account.uid", "serviceAccountUID claim is missing"),
        ]
        for (drop, message) in cases {
            let payload = JSONObject(full.filter { $0.0 != drop })
            #expect(issuer.reviewError(try Craft.signed(payload.jsonString, key: key)) == wrapped(message))
        }
        let wrongSubject = JSONObject(
            full.map { $0.0 == "sub" ? ($0.0, JSONValue.string("system:serviceaccount:default:db")) : $0 })
        #expect(
            issuer.reviewError(try Craft.signed(wrongSubject.jsonString, key: key)) == wrapped("sub claim is invalid"))
    }
}

extension SigningKey {
    /// A bound token for `claims` under this key's own Kubernetes header.
    fileprivate func sign(_ claims: ServiceAccountClaims) throws -> String {
        try JWS.sign(payload: claims.payload.serialized(), with: self)
    }
}
