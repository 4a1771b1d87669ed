import Foundation
import KubeMint
import KubeMintCrypto
import KubeMintServer
import Testing

/// The whole service-account token lifecycle over ``KubeAPI``, as the Python client, Vault and
/// kubectl see it (docs/kubernetes-behaviour.md §4, §5, §6, §7).
@Suite struct LifecycleTests {
    static let groups = #"["system:serviceaccounts","system:serviceaccounts:default","system:authenticated"]"#
    static let jsonHeaders = ["Cache-Control: no-cache, private", "Content-Type: application/json"]

    @Test func podBoundTokenFromRequestToInvalidation() async throws {
        let cluster = try Cluster(maxExpirationSeconds: 7200)
        let accountUID = try await cluster.createServiceAccount("web")
        let nodeUID = try await cluster.createNode("node-1")
        let podUID = try await cluster.createPod("web-0", serviceAccount: "web", node: "node-1")

        // TokenRequest bound to the pod, longer than the server's cap.
        let request = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts/web/token",
            #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","metadata":{"creationTimestamp":null},"spec":{"audiences":["vault"],"expirationSeconds":10000,"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0","uid":"\#(podUID)"}},"status":{"token":"","expirationTimestamp":null}}"#
        )
        #expect(request.status == 201)
        #expect(
            request.headerLines
                == Self.jsonHeaders + [
                    #"Warning: 299 - "requested expiration of 10000 seconds shortened to 7200 seconds""#
                ])
        let token = try #require(try request.json()["status"]?["token"]?.stringValue)
        #expect(
            request.text
                == #"{"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","metadata":{"name":"web","namespace":"default","uid":"\#(accountUID)","creationTimestamp":"2025-01-01T00:00:00Z"},"spec":{"audiences":["vault"],"expirationSeconds":7200,"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0","uid":"\#(podUID)"}},"status":{"token":"\#(token)","expirationTimestamp":"2025-01-01T02:00:00Z"}}"#
                + "\n")

        // The JWT itself: header {alg,kid}, sorted compact claims with the pod's node.
        let parts = token.split(separator: ".").map { String(decoding: Base64URL.decode($0) ?? [], as: UTF8.self) }
        #expect(parts[0] == #"{"alg":"RS256","kid":"\#(Cluster.rsaKeyID)"}"#)
        #expect(
            parts[1]
                == #"{"aud":["vault"],"exp":1735696800,"iat":1735689600,"iss":"https://kubernetes.default.svc.cluster.local","jti":"\#(Cluster.jti)","kubernetes.io":{"namespace":"default","node":{"name":"node-1","uid":"\#(nodeUID)"},"pod":{"name":"web-0","uid":"\#(podUID)"},"serviceaccount":{"name":"web","uid":"\#(accountUID)"}},"nbf":1735689600,"sub":"system:serviceaccount:default:web"}"#
        )

        // TokenReview: 201, the spec echoed, the user with every extra key, the audiences.
        let review = await cluster.post(
            "/apis/authentication.k8s.io/v1/tokenreviews",
            #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"\#(token)","audiences":["vault"]}}"#
        )
        #expect(review.status == 201)
        #expect(review.headerLines == Self.jsonHeaders)
        #expect(
            review.text
                == #"{"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"token":"\#(token)","audiences":["vault"]},"status":{"authenticated":true,"user":{"username":"system:serviceaccount:default:web","uid":"\#(accountUID)","groups":\#(Self.groups),"extra":{"authentication.kubernetes.io/credential-id":["JTI=\#(Cluster.jti)"],"authentication.kubernetes.io/node-name":["node-1"],"authentication.kubernetes.io/node-uid":["\#(nodeUID)"],"authentication.kubernetes.io/pod-name":["web-0"],"authentication.kubernetes.io/pod-uid":["\#(podUID)"]}},"audiences":["vault"]}}"#
                + "\n")

        // The token's audience is not an API audience, so without spec.audiences it is rejected.
        let mismatch = await cluster.post(
            "/apis/authentication.k8s.io/v1/tokenreviews",
            #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"\#(token)"}}"#)
        #expect(mismatch.status == 201)
        #expect(
            mismatch.text
                == #"{"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"token":"\#(token)"},"status":{"user":{},"error":"[invalid bearer token, token audiences [\"vault\"] is invalid for the target audiences [\"https://kubernetes.default.svc.cluster.local\"]]"}}"#
                + "\n")
        #expect(
            try await cluster.reviewError(token, audiences: ["other", "x"])
                == #"[invalid bearer token, token audiences ["vault"] is invalid for the target audiences ["other" "x"]]"#
        )

        // Pod deleted: invalidated.
        let deleted = await cluster.delete("/api/v1/namespaces/default/pods/web-0")
        #expect(deleted.status == 200)
        #expect(
            try await cluster.reviewError(token, audiences: ["vault"])
                == "[invalid bearer token, service account token has been invalidated]")

        // Pod recreated under the same name: the old token names the old uid.
        let newPodUID = try await cluster.createPod("web-0", serviceAccount: "web", node: "node-1")
        #expect(newPodUID != podUID)
        #expect(
            try await cluster.reviewError(token, audiences: ["vault"])
                == "[invalid bearer token, pod UID (\(newPodUID)) does not match service account pod ref claim (\(podUID))]"
        )
        // A binding to the old uid is refused at request time (409, kind in the message).
        let stale = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts/web/token",
            #"{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0","uid":"\#(podUID)"}}}"#)
        #expect(stale.status == 409)
        #expect(
            stale.text
                == statusBody(
                    #""message":"Operation cannot be fulfilled on Pod \"web-0\": the UID in the bound object reference (\#(podUID)) does not match the UID in record. The object might have been deleted and then recreated","reason":"Conflict","details":{"name":"web-0","kind":"Pod"},"code":409"#
                ))

        // A new token for the new pod works.
        let fresh = try await cluster.requestToken(
            "web", body: #"{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0"}}}"#)
        let freshReview = try await cluster.review(fresh)
        #expect(freshReview["status"]?["authenticated"] == true)
        #expect(
            freshReview["status"]?["user"]?["extra"]?["authentication.kubernetes.io/pod-uid"] == [.string(newPodUID)])
        #expect(freshReview["status"]?["audiences"] == [.string(Cluster.issuerURL)])

        // Service account deleted, then recreated.
        #expect(await cluster.delete("/api/v1/namespaces/default/serviceaccounts/web").status == 200)
        #expect(try await cluster.reviewError(fresh) == #"[invalid bearer token, serviceaccounts "web" not found]"#)
        let newAccountUID = try await cluster.createServiceAccount("web")
        #expect(
            try await cluster.reviewError(fresh)
                == "[invalid bearer token, service account UID (\(newAccountUID)) does not match claim (\(accountUID))]"
        )
        let afterRecreate = try await cluster.requestToken(
            "web", body: #"{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0"}}}"#)
        #expect(try await cluster.reviewError(afterRecreate) == nil)

        // Expiry, with go-jose's 60 s leeway: exp + 60 still passes, exp + 61 does not.
        cluster.clock.advance(by: 3600 + 60)
        #expect(try await cluster.reviewError(afterRecreate) == nil)
        cluster.clock.advance(by: 1)
        #expect(
            try await cluster.reviewError(afterRecreate)
                == "[invalid bearer token, service account token has expired]")
    }

    @Test func unboundTokenDefaultsAndUserWithoutPodExtras() async throws {
        let cluster = try Cluster()
        let accountUID = try await cluster.createServiceAccount("build-robot")
        let response = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts/build-robot/token",
            #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"audiences":null,"expirationSeconds":null,"boundObjectRef":null}}"#
        )
        #expect(response.status == 201)
        #expect(response.headerLines == Self.jsonHeaders)
        let token = try #require(try response.json()["status"]?["token"]?.stringValue)
        #expect(
            response.text
                == #"{"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","metadata":{"name":"build-robot","namespace":"default","uid":"\#(accountUID)","creationTimestamp":"2025-01-01T00:00:00Z"},"spec":{"audiences":["https://kubernetes.default.svc.cluster.local"],"expirationSeconds":3600,"boundObjectRef":null},"status":{"token":"\#(token)","expirationTimestamp":"2025-01-01T01:00:00Z"}}"#
                + "\n")
        let review = try await cluster.review(token)
        #expect(
            review["status"]?.jsonString
                == #"{"authenticated":true,"user":{"username":"system:serviceaccount:default:build-robot","uid":"\#(accountUID)","groups":\#(Self.groups),"extra":{"authentication.kubernetes.io/credential-id":["JTI=\#(Cluster.jti)"]}},"audiences":["https://kubernetes.default.svc.cluster.local"]}"#
        )
    }

    /// kube-api-access volumes ask for 3607 s: a pod-bound token for API audiences lives a year
    /// with `warnafter`, but the response reports 3607 (docs/kubernetes-behaviour.md §4.4).
    @Test func kubeAPIAccessExtension() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createServiceAccount("web")
        _ = try await cluster.createPod("web-0", serviceAccount: "web", node: nil)
        let bound = #""boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0"}"#
        let response = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts/web/token",
            #"{"spec":{"expirationSeconds":3607,\#(bound)}}"#)
        let json = try response.json()
        #expect(json["spec"]?["expirationSeconds"] == 3607)
        #expect(json["status"]?["expirationTimestamp"] == "2025-01-01T01:00:07Z")
        let claims = try jwtClaims(try #require(json["status"]?["token"]?.stringValue))
        #expect(claims["exp"] == .int(Cluster.startSeconds + 31_536_000))
        #expect(claims["kubernetes.io"]?["warnafter"] == .int(Cluster.startSeconds + 3607))
        #expect(claims["kubernetes.io"]?["node"] == nil)  // unscheduled pod

        // Not for an audience outside the API audiences.
        let vault = try await cluster.requestToken(
            "web", body: #"{"spec":{"audiences":["vault"],"expirationSeconds":3607,\#(bound)}}"#)
        #expect(try jwtClaims(vault)["exp"] == .int(Cluster.startSeconds + 3607))
        #expect(try jwtClaims(vault)["kubernetes.io"]?["warnafter"] == nil)
    }

    @Test func podOnAMissingNodeGetsTheNodeNameOnly() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createServiceAccount("web")
        _ = try await cluster.createPod("web-0", serviceAccount: "web", node: "ghost")
        let token = try await cluster.requestToken(
            "web", body: #"{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0"}}}"#)
        #expect(try jwtClaims(token)["kubernetes.io"]?["node"]?.jsonString == #"{"name":"ghost"}"#)
        let extra = try await cluster.review(token)["status"]?["user"]?["extra"]
        #expect(extra?["authentication.kubernetes.io/node-name"] == ["ghost"])
        #expect(extra?["authentication.kubernetes.io/node-uid"] == nil)
    }

    @Test func secretAndNodeBoundTokensAreInvalidatedWithTheirObject() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createServiceAccount("web")
        let secretUID = try #require(
            try await cluster.create(
                "/api/v1/namespaces/default/secrets", #"{"metadata":{"name":"bind-me"},"type":"Opaque"}"#
            )["metadata"]?["uid"]?.stringValue)
        let nodeUID = try await cluster.createNode("node-1")
        let secretBound = try await cluster.requestToken(
            "web", body: #"{"spec":{"boundObjectRef":{"kind":"Secret","apiVersion":"v1","name":"bind-me"}}}"#)
        let nodeBound = try await cluster.requestToken(
            "web", body: #"{"spec":{"boundObjectRef":{"kind":"Node","apiVersion":"v1","name":"node-1"}}}"#)
        #expect(try jwtClaims(secretBound)["kubernetes.io"]?["secret"]?["uid"] == .string(secretUID))
        let nodeExtra = try await cluster.review(nodeBound)["status"]?["user"]?["extra"]
        #expect(nodeExtra?["authentication.kubernetes.io/node-uid"] == [.string(nodeUID)])
        #expect(nodeExtra?["authentication.kubernetes.io/pod-name"] == nil)
        #expect(try await cluster.reviewError(secretBound) == nil)

        #expect(await cluster.delete("/api/v1/namespaces/default/secrets/bind-me").status == 200)
        #expect(await cluster.delete("/api/v1/nodes/node-1").status == 200)
        let invalidated = "[invalid bearer token, service account token has been invalidated]"
        #expect(try await cluster.reviewError(secretBound) == invalidated)
        #expect(try await cluster.reviewError(nodeBound) == invalidated)
        let newNodeUID = try await cluster.createNode("node-1")
        #expect(
            try await cluster.reviewError(nodeBound)
                == "[invalid bearer token, node UID (\(newNodeUID)) does not match service account node ref claim (\(nodeUID))]"
        )
    }

    // MARK: - TokenRequest errors (docs/kubernetes-behaviour.md §4.3)

    @Test func expirationShorterThanTenMinutesIsTheApiserversInvalidStatus() async throws {
        let cluster = try Cluster()
        let before = await cluster.snapshot()
        let response = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts/default/token", #"{"spec":{"expirationSeconds":599}}"#)
        #expect(response.status == 422)
        #expect(response.headerLines == Self.jsonHeaders)
        #expect(
            response.text
                == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes","reason":"Invalid","details":{"group":"authentication.k8s.io","kind":"TokenRequest","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: 599: may not specify a duration less than 10 minutes","field":"spec.expirationSeconds"}]},"code":422}"#
                + "\n")
        #expect(await cluster.snapshot() == before)
    }

    @Test func expirationLongerThanTwoToTheThirtyTwo() async throws {
        let cluster = try Cluster()
        let ok = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts/default/token", #"{"spec":{"expirationSeconds":4294967296}}"#)
        #expect(ok.status == 201)
        let response = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts/default/token", #"{"spec":{"expirationSeconds":4294967297}}"#)
        #expect(response.status == 422)
        #expect(
            response.text
                == statusBody(
                    #""message":"TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds","reason":"Invalid","details":{"group":"authentication.k8s.io","kind":"TokenRequest","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds","field":"spec.expirationSeconds"}]},"code":422"#
                ))
    }

    @Test func metadataMustMatchTheURL() async throws {
        let cluster = try Cluster()
        let name = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts/default/token", #"{"metadata":{"name":"other"}}"#)
        #expect(name.status == 422)
        #expect(
            name.text
                == statusBody(
                    #""message":"TokenRequest.authentication.k8s.io \"default\" is invalid: metadata.name: Invalid value: \"other\": must match the service account name if specified","reason":"Invalid","details":{"name":"default","group":"authentication.k8s.io","kind":"TokenRequest","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"other\": must match the service account name if specified","field":"metadata.name"}]},"code":422"#
                ))
        let namespace = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts/default/token", #"{"metadata":{"namespace":"kube-system"}}"#)
        #expect(namespace.status == 422)
        #expect(
            try namespace.json()["message"]
                == #"TokenRequest.authentication.k8s.io "default" is invalid: metadata.namespace: Invalid value: "kube-system": must match the service account namespace if specified"#
        )
    }

    @Test func missingServiceAccountIsNotFound() async throws {
        let cluster = try Cluster()
        let response = await cluster.post("/api/v1/namespaces/default/serviceaccounts/nope/token", "{}")
        #expect(response.status == 404)
        #expect(
            response.text
                == statusBody(
                    #""message":"serviceaccounts \"nope\" not found","reason":"NotFound","details":{"name":"nope","kind":"serviceaccounts"},"code":404"#
                ))
    }

    @Test(arguments: [
        (
            #"{"kind":"Pod","apiVersion":"v1","name":"ghost"}"#, 404,
            #""message":"pods \"ghost\" not found","reason":"NotFound","details":{"name":"ghost","kind":"pods"},"code":404"#
        ),
        (
            #"{"kind":"Secret","apiVersion":"v1","name":"ghost"}"#, 404,
            #""message":"secrets \"ghost\" not found","reason":"NotFound","details":{"name":"ghost","kind":"secrets"},"code":404"#
        ),
        (
            #"{"kind":"Node","apiVersion":"v1","name":"ghost"}"#, 404,
            #""message":"nodes \"ghost\" not found","reason":"NotFound","details":{"name":"ghost","kind":"nodes"},"code":404"#
        ),
        (
            #"{"kind":"ConfigMap","apiVersion":"v1","name":"x"}"#, 400,
            #""message":"cannot bind token to object of type /v1, Kind=ConfigMap","reason":"BadRequest","code":400"#
        ),
        (
            #"{"kind":"Pod","apiVersion":"apps/v1","name":"x"}"#, 400,
            #""message":"cannot bind token to object of type apps/v1, Kind=Pod","reason":"BadRequest","code":400"#
        ),
        (
            #"{"kind":"Pod","apiVersion":"v1","name":""}"#, 400,
            #""message":"Name parameter required.","reason":"BadRequest","code":400"#
        ),
        (
            #"{"kind":"Pod","apiVersion":"v1","name":"other-0"}"#, 400,
            #""message":"cannot bind token for serviceaccount \"web\" to pod running with different serviceaccount name.","reason":"BadRequest","code":400"#
        ),
    ])
    func boundObjectErrors(_ ref: String, _ code: Int, _ fields: String) async throws {
        let cluster = try Cluster()
        _ = try await cluster.createServiceAccount("web")
        _ = try await cluster.createPod("other-0", serviceAccount: "default", node: nil)
        let before = await cluster.snapshot()
        let response = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts/web/token", #"{"spec":{"boundObjectRef":\#(ref)}}"#)
        #expect(response.status == code)
        #expect(response.text == statusBody(fields))
        #expect(await cluster.snapshot() == before)
    }

    // MARK: - TokenReview request forms (docs/kubernetes-behaviour.md §6, §9.5)

    /// Vault posts `{"spec":{…}}` with no kind/apiVersion and reads `status` as an object.
    @Test func vaultStyleTokenReviewIsAccepted() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createServiceAccount("vault-auth")
        let token = try await cluster.requestToken("vault-auth", body: #"{"spec":{"audiences":["vault"]}}"#)
        let response = await cluster.post(
            "/apis/authentication.k8s.io/v1/tokenreviews", #"{"spec":{"token":"\#(token)","audiences":["vault"]}}"#)
        #expect(response.status == 201)
        let json = try response.json()
        #expect(json["kind"] == "TokenReview")
        #expect(json["apiVersion"] == "authentication.k8s.io/v1")
        #expect(json["status"]?["authenticated"] == true)
        #expect(json["status"]?["audiences"] == ["vault"])
        #expect(json["status"]?["user"]?["username"] == "system:serviceaccount:default:vault-auth")

        // A failure still has an object status with an (empty) user.
        let garbage = await cluster.post(
            "/apis/authentication.k8s.io/v1/tokenreviews", #"{"spec":{"token":"not-a-jwt","audiences":["vault"]}}"#)
        #expect(garbage.status == 201)
        #expect(
            garbage.text
                == #"{"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"token":"not-a-jwt","audiences":["vault"]},"status":{"user":{},"error":"invalid bearer token"}}"#
                + "\n")
    }

    @Test(arguments: [
        #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":""}}"#,
        #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{}}"#,
        #"{"spec":{"token":null,"audiences":["vault"]}}"#, "{}",
    ])
    func emptyTokenIsABadRequestWithoutDetails(_ body: String) async throws {
        let cluster = try Cluster()
        let response = await cluster.post("/apis/authentication.k8s.io/v1/tokenreviews", body)
        #expect(response.status == 400)
        #expect(response.headerLines == Self.jsonHeaders)
        #expect(
            response.text
                == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"token is required for TokenReview in authentication","reason":"BadRequest","code":400}"#
                + "\n")
    }

    @Test func reviewErrorsForForeignTokens() async throws {
        let cluster = try Cluster()
        let token = try await cluster.requestToken("default")
        // Another key: same claims shape, unknown kid.
        let other = try Cluster(signingKeyFile: "keys/ec-p256.pkcs8.pem")
        let foreign = try await other.requestToken("default")
        #expect(
            try await cluster.reviewError(foreign) == "[invalid bearer token, invalid signature, no keys found]")
        // A flipped signature byte.
        var bytes = Array(token.utf8)
        bytes[bytes.count - 5] = bytes[bytes.count - 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(
            try await cluster.reviewError(String(decoding: bytes, as: UTF8.self))
                == "[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]")
        // Another issuer is not ours at all.
        let elsewhere = try Cluster(issuers: ["https://elsewhere.example.com"])
        #expect(try await cluster.reviewError(try await elsewhere.requestToken("default")) == "invalid bearer token")
    }

    // MARK: - SelfSubjectReview (docs/kubernetes-behaviour.md §7)

    @Test func selfSubjectReviewWithABearerToken() async throws {
        let cluster = try Cluster()
        let accountUID = try await cluster.createServiceAccount("web")
        let token = try await cluster.requestToken("web")
        cluster.clock.advance(by: 90)
        let response = await cluster.post(
            "/apis/authentication.k8s.io/v1/selfsubjectreviews",
            #"{"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"status":{"userInfo":{}}}"#,
            headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"])
        #expect(response.status == 201)
        #expect(response.headerLines == Self.jsonHeaders)
        #expect(
            response.text
                == #"{"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":"2025-01-01T00:01:30Z"},"status":{"userInfo":{"username":"system:serviceaccount:default:web","uid":"\#(accountUID)","groups":\#(Self.groups),"extra":{"authentication.kubernetes.io/credential-id":["JTI=\#(Cluster.jti)"]}}}}"#
                + "\n")
    }

    @Test(arguments: ["Bearer not-a-jwt", "Bearer VAULT-AUDIENCE", "Bearer EXPIRED"])
    func selfSubjectReviewWithABadTokenIsUnauthorized(_ authorization: String) async throws {
        let cluster = try Cluster()
        var header = authorization
        if authorization.hasSuffix("VAULT-AUDIENCE") {
            header = "Bearer " + (try await cluster.requestToken("default", body: #"{"spec":{"audiences":["vault"]}}"#))
        } else if authorization.hasSuffix("EXPIRED") {
            header = "Bearer " + (try await cluster.requestToken("default"))
            cluster.clock.advance(by: 3600 + 61)
        }
        let response = await cluster.post(
            "/apis/authentication.k8s.io/v1/selfsubjectreviews", #"{"kind":"SelfSubjectReview"}"#,
            headers: ["Content-Type": "application/json", "Authorization": header])
        #expect(response.status == 401)
        #expect(response.headerLines == Self.jsonHeaders)
        #expect(
            response.text
                == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#
                + "\n")
    }
}
