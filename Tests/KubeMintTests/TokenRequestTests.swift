import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// docs/kubernetes-behaviour.md §4: TokenRequest defaults, validation, binding, cap, extension and the response.
@Suite struct TokenRequestTests {
    let issuer: TokenIssuer
    init() throws { issuer = try Fixture.issuer() }

    func request(_ request: TokenRequest, name: String = "web", namespace: String = "default") throws
        -> TokenRequestResult
    {
        try issuer.requestToken(namespace: namespace, name: name, request: request)
    }

    // MARK: Defaults and response

    @Test func defaultsAndExactResponse() throws {
        let result = try request(TokenRequest())
        #expect(result.claims.audiences == [Fixture.issuer])
        #expect(result.expirationSeconds == 3600)
        #expect(result.claims.expiry == Fixture.now + 3600)
        #expect(result.warnings.isEmpty)
        #expect(
            result.response.jsonString
                == "{\"kind\":\"TokenRequest\",\"apiVersion\":\"authentication.k8s.io/v1\","
                + "\"metadata\":{\"name\":\"web\",\"namespace\":\"default\",\"uid\":\"\(Fixture.saUID)\","
                + "\"creationTimestamp\":\"2025-01-01T00:00:00Z\"},"
                + "\"spec\":{\"audiences\":[\"https://kubernetes.default.svc.cluster.local\"],\"expirationSeconds\":3600,\"boundObjectRef\":null},"
                + "\"status\":{\"token\":\"\(result.token)\",\"expirationTimestamp\":\"2025-01-01T01:00:00Z\"}}")
    }

    @Test func defaultAudiencesAreAllAPIAudiencesInFlagOrder() throws {
        let issuer = try Fixture.issuer(
            configuration: IssuerConfiguration(issuers: [
                "https://one.example", "https://two.example", "https://three.example",
            ]))
        for audiences: [String]? in [nil, []] {
            let result = try issuer.requestToken(
                namespace: "default", name: "web", request: TokenRequest(audiences: audiences))
            #expect(result.claims.audiences == ["https://one.example", "https://two.example", "https://three.example"])
            #expect(result.claims.issuer == "https://one.example")
            #expect(
                try DecodedToken(result.token).payload.hasPrefix(
                    "{\"aud\":[\"https://one.example\",\"https://two.example\",\"https://three.example\"],"))
        }
    }

    @Test func boundObjectRefIsEchoedAsSentWithoutUIDFilledIn() throws {
        let result = try request(
            TokenRequest(audiences: ["vault"], expirationSeconds: 7200, boundObjectRef: Fixture.podRef))
        #expect(
            result.response["spec"]?.jsonString
                == "{\"audiences\":[\"vault\"],\"expirationSeconds\":7200,\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"name\":\"web-0\"}}"
        )
        #expect(result.response["status"]?["expirationTimestamp"] == .string("2025-01-01T02:00:00Z"))
    }

    @Test func emptyStringsInBoundObjectRefAreOmittedLikeGo() throws {
        // BoundObjectReference members are all `omitempty` (api/authentication/v1/types.go).
        let ref = TokenRequest.BoundObjectReference(kind: "Pod", apiVersion: "", name: "web-0", uid: "")
        let result = try request(TokenRequest(boundObjectRef: ref))
        #expect(result.response["spec"]?["boundObjectRef"]?.jsonString == "{\"kind\":\"Pod\",\"name\":\"web-0\"}")
    }

    @Test func before134TheResponseEchoesTheRequestUIDUnchecked() throws {
        let issuer = try Fixture.issuer(configuration: IssuerConfiguration(release: KubeRelease(minor: 33)))
        let unset = try issuer.requestToken(namespace: "default", name: "web", request: TokenRequest())
        #expect(unset.response["metadata"]?["uid"] == nil)
        let result = try issuer.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(metadataName: "web", metadataNamespace: "default", metadataUID: "u-1"))
        #expect(
            result.response["metadata"]?.jsonString
                == "{\"name\":\"web\",\"namespace\":\"default\",\"uid\":\"u-1\",\"creationTimestamp\":\"2025-01-01T00:00:00Z\"}"
        )
    }

    @Test func decodesClientGoBodyWithNulls() throws {
        let body = try JSONValue.parse(
            "{\"kind\":\"TokenRequest\",\"apiVersion\":\"authentication.k8s.io/v1\",\"metadata\":{\"creationTimestamp\":null},"
                + "\"spec\":{\"audiences\":null,\"expirationSeconds\":null,\"boundObjectRef\":null},"
                + "\"status\":{\"token\":\"\",\"expirationTimestamp\":null}}")
        let decoded = try TokenRequest(json: body)
        #expect(decoded == TokenRequest())
        #expect(try request(decoded).expirationSeconds == 3600)
    }

    // MARK: Validation (422)

    @Test func tooShortIsInvalidWithEmptyNameAndCauses() throws {
        let error = try #require(kubeError { _ = try request(TokenRequest(expirationSeconds: 599)) })
        #expect(error.code == 422)
        #expect(error.reason == "Invalid")
        #expect(
            error.message
                == "TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes"
        )
        #expect(
            error.details
                == KubeError.Details(
                    group: "authentication.k8s.io", kind: "TokenRequest",
                    causes: [
                        KubeError.Cause(
                            reason: "FieldValueInvalid",
                            message: "Invalid value: 599: may not specify a duration less than 10 minutes",
                            field: "spec.expirationSeconds")
                    ]))
        #expect(try request(TokenRequest(expirationSeconds: 600)).expirationSeconds == 600)
    }

    @Test func lifetimeErrorNamesNoObjectEvenWhenTheBodyNamesTheAccount() throws {
        // token.go: errors.NewInvalid(gvk.GroupKind(), "", errs) — the name is always empty
        // (docs/kubernetes-behaviour.md §4.3).
        let error = try #require(
            kubeError { _ = try request(TokenRequest(expirationSeconds: 60, metadataName: "web")) })
        #expect(
            error.message
                == "TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes"
        )
        #expect(error.details?.name == "")
    }

    @Test func tooLongIsInvalid() throws {
        let tooLong: Int64 = 4_294_967_297
        let error = try #require(kubeError { _ = try request(TokenRequest(expirationSeconds: tooLong)) })
        #expect(error.code == 422)
        #expect(
            error.message
                == "TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds"
        )
        #expect(error.details?.causes.map(\.field) == ["spec.expirationSeconds"])
        #expect(try request(TokenRequest(expirationSeconds: 4_294_967_296)).expirationSeconds == 4_294_967_296)
    }

    @Test func metadataNameMismatch() throws {
        let error = try #require(kubeError { _ = try request(TokenRequest(metadataName: "other")) })
        #expect(error.code == 422)
        #expect(
            error.message
                == "TokenRequest.authentication.k8s.io \"web\" is invalid: metadata.name: Invalid value: \"other\": must match the service account name if specified"
        )
        #expect(error.details?.name == "web")
        #expect(
            error.details?.causes.first?.message
                == "Invalid value: \"other\": must match the service account name if specified")
    }

    @Test func metadataNamespaceMismatch() throws {
        let error = try #require(kubeError { _ = try request(TokenRequest(metadataNamespace: "kube-system")) })
        #expect(error.code == 422)
        #expect(
            error.message
                == "TokenRequest.authentication.k8s.io \"web\" is invalid: metadata.namespace: Invalid value: \"kube-system\": must match the service account namespace if specified"
        )
    }

    @Test func metadataMismatchWinsOverMissingServiceAccount() throws {
        let error = try #require(
            kubeError { _ = try request(TokenRequest(metadataName: "other"), name: "ghost") })
        #expect(error.code == 422)
    }

    // MARK: Not found (404)

    @Test func serviceAccountMissing() throws {
        let error = try #require(kubeError { _ = try request(TokenRequest(expirationSeconds: 1), name: "ghost") })
        #expect(error.code == 404)
        #expect(error.reason == "NotFound")
        #expect(error.message == "serviceaccounts \"ghost\" not found")
        #expect(error.details == KubeError.Details(name: "ghost", kind: "serviceaccounts"))
    }

    @Test(arguments: [("Pod", "pods"), ("Secret", "secrets"), ("Node", "nodes")])
    func boundObjectMissing(kind: String, resource: String) throws {
        let error = try #require(
            kubeError { _ = try request(TokenRequest(boundObjectRef: .init(kind: kind, name: "nope"))) })
        #expect(error.code == 404)
        #expect(error.message == "\(resource) \"nope\" not found")
        #expect(error.details == KubeError.Details(name: "nope", kind: resource))
    }

    // MARK: Bad request (400)

    @Test func podRunningAnotherServiceAccount() throws {
        let error = try #require(
            kubeError { _ = try request(TokenRequest(boundObjectRef: .init(kind: "Pod", name: "db-0"))) })
        #expect(error.code == 400)
        #expect(error.reason == "BadRequest")
        #expect(
            error.message
                == "cannot bind token for serviceaccount \"web\" to pod running with different serviceaccount name.")
        #expect(error.details == nil)
    }

    @Test(arguments: [
        ("ConfigMap", "v1", "cannot bind token to object of type /v1, Kind=ConfigMap"),
        ("Pod", "apps/v1", "cannot bind token to object of type apps/v1, Kind=Pod"),
        ("Deployment", "apps/v1", "cannot bind token to object of type apps/v1, Kind=Deployment"),
    ])
    func unsupportedKinds(kind: String, apiVersion: String, message: String) throws {
        let error = try #require(
            kubeError {
                _ = try request(TokenRequest(boundObjectRef: .init(kind: kind, apiVersion: apiVersion, name: "x")))
            })
        #expect(error.code == 400)
        #expect(error.message == message)
    }

    @Test func versionIsNotCheckedAndAbsentAPIVersionMeansCoreGroup() throws {
        for apiVersion: String? in [nil, "v2", "v1beta1"] {
            let ref = TokenRequest.BoundObjectReference(kind: "Pod", apiVersion: apiVersion, name: "web-0")
            #expect(try request(TokenRequest(boundObjectRef: ref)).claims.kubernetes.pod?.name == "web-0")
        }
    }

    @Test func emptyNameIsNameParameterRequired() throws {
        for kind in ["Pod", "Secret", "Node"] {
            let error = try #require(
                kubeError { _ = try request(TokenRequest(boundObjectRef: .init(kind: kind, name: ""))) })
            #expect(error.code == 400)
            #expect(error.message == "Name parameter required.")
        }
    }

    @Test func nodeBindingGateOff() throws {
        let issuer = try Fixture.issuer(configuration: IssuerConfiguration(nodeBinding: false))
        let error = try #require(
            kubeError {
                _ = try issuer.requestToken(
                    namespace: "default", name: "web",
                    request: TokenRequest(boundObjectRef: .init(kind: "Node", name: "node-1")))
            })
        #expect(error.code == 400)
        #expect(
            error.message
                == "cannot bind token to a Node object as the \"ServiceAccountTokenNodeBinding\" feature-gate is disabled"
        )
    }

    // MARK: Conflict (409)

    @Test(arguments: [("Pod", "web-0"), ("Secret", "web-token"), ("Node", "node-1")])
    func boundUIDMismatch(kind: String, name: String) throws {
        let error = try #require(
            kubeError {
                _ = try request(TokenRequest(boundObjectRef: .init(kind: kind, name: name, uid: "stale-uid")))
            })
        #expect(error.code == 409)
        #expect(error.reason == "Conflict")
        #expect(
            error.message
                == "Operation cannot be fulfilled on \(kind) \"\(name)\": the UID in the bound object reference (stale-uid) does not match the UID in record. The object might have been deleted and then recreated"
        )
        #expect(error.details == KubeError.Details(name: name, kind: kind))
    }

    @Test func matchingBoundUIDIsAccepted() throws {
        let result = try request(TokenRequest(boundObjectRef: .init(kind: "Pod", name: "web-0", uid: Fixture.podUID)))
        #expect(result.claims.kubernetes.pod == ObjectReference(name: "web-0", uid: Fixture.podUID))
    }

    @Test func terminatingPodIsNotRejected() throws {
        var objects = try Fixture.cluster()
        objects.pods["default/web-0"]?.object.deletionTimestamp = Fixture.nowDate.addingTimeInterval(-3600)
        let result = try issuer.with(objects: objects).requestToken(
            namespace: "default", name: "web", request: TokenRequest(boundObjectRef: Fixture.podRef))
        #expect(result.claims.kubernetes.pod?.name == "web-0")
    }

    // MARK: Node claim of pod-bound tokens

    @Test func nodeClaimForPodOnNode() throws {
        let onNode = try request(TokenRequest(boundObjectRef: Fixture.podRef))
        #expect(
            try DecodedToken(onNode.token).payload.contains(
                "\"node\":{\"name\":\"node-1\",\"uid\":\"\(Fixture.nodeUID)\"}"))
        let lost = try request(TokenRequest(boundObjectRef: .init(kind: "Pod", name: "web-lost")))
        #expect(try DecodedToken(lost.token).payload.contains("\"node\":{\"name\":\"node-gone\"},\"pod\":"))
        let pending = try request(TokenRequest(boundObjectRef: .init(kind: "Pod", name: "web-pending")))
        #expect(!(try DecodedToken(pending.token).payload.contains("\"node\"")))
        #expect(pending.claims.kubernetes.node == nil)
    }

    // MARK: Max expiration

    @Test func maxExpirationCapsAndWarns() throws {
        let issuer = try Fixture.issuer(configuration: IssuerConfiguration(maxExpirationSeconds: 7200))
        let result = try issuer.requestToken(
            namespace: "default", name: "web", request: TokenRequest(expirationSeconds: 86400))
        #expect(result.expirationSeconds == 7200)
        #expect(result.claims.expiry == Fixture.now + 7200)
        #expect(result.warnings == ["requested expiration of 86400 seconds shortened to 7200 seconds"])
        #expect(result.response["spec"]?["expirationSeconds"] == .int(7200))
        #expect(result.response["status"]?["expirationTimestamp"] == .string("2025-01-01T02:00:00Z"))
        let under = try issuer.requestToken(
            namespace: "default", name: "web", request: TokenRequest(expirationSeconds: 7200))
        #expect(under.warnings.isEmpty)
    }

    @Test func capIsAppliedAfterValidation() throws {
        // Validation sees the requested value: 2^32+1 is refused even though the cap would lower it.
        let issuer = try Fixture.issuer(configuration: IssuerConfiguration(maxExpirationSeconds: 7200))
        let error = try #require(
            kubeError {
                _ = try issuer.requestToken(
                    namespace: "default", name: "web", request: TokenRequest(expirationSeconds: 4_294_967_297))
            })
        #expect(error.code == 422)
    }

    // MARK: The 3607 extension (docs/kubernetes-behaviour.md §4.4)

    @Test func extensionForPodBound3607() throws {
        let result = try request(TokenRequest(expirationSeconds: 3607, boundObjectRef: Fixture.podRef))
        #expect(result.claims.expiry == Fixture.now + 31_536_000)
        #expect(result.claims.kubernetes.warnAfter == Fixture.now + 3607)
        #expect(result.expirationSeconds == 3607)
        #expect(result.response["spec"]?["expirationSeconds"] == .int(3607))
        #expect(result.response["status"]?["expirationTimestamp"] == .string("2025-01-01T01:00:07Z"))
        #expect(try DecodedToken(result.token).payload.contains("\"exp\":1767225600,"))
        #expect(try DecodedToken(result.token).payload.contains("\"warnafter\":1735693207}"))
    }

    @Test func extensionWithExplicitAPIAudiences() throws {
        let issuer = try Fixture.issuer(
            configuration: IssuerConfiguration(issuers: ["https://a.example", "https://b.example"]))
        let result = try issuer.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(
                audiences: ["https://b.example"], expirationSeconds: 3607, boundObjectRef: Fixture.podRef))
        #expect(result.claims.expiry == Fixture.now + 31_536_000)
    }

    @Test func noExtensionWithANonAPIAudience() throws {
        let result = try request(
            TokenRequest(audiences: [Fixture.issuer, "vault"], expirationSeconds: 3607, boundObjectRef: Fixture.podRef))
        #expect(result.claims.expiry == Fixture.now + 3607)
        #expect(result.claims.kubernetes.warnAfter == nil)
        #expect(!(try DecodedToken(result.token).payload.contains("warnafter")))
    }

    @Test func noExtensionWhenNotPodBound() throws {
        for ref: TokenRequest.BoundObjectReference? in [
            nil, .init(kind: "Secret", name: "web-token"), .init(kind: "Node", name: "node-1"),
        ] {
            let result = try request(TokenRequest(expirationSeconds: 3607, boundObjectRef: ref))
            #expect(result.claims.expiry == Fixture.now + 3607)
            #expect(result.claims.kubernetes.warnAfter == nil)
        }
    }

    @Test func noExtensionWhenTurnedOffOrForOtherLifetimes() throws {
        let off = try Fixture.issuer(configuration: IssuerConfiguration(extendExpiration: false))
        let result = try off.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(expirationSeconds: 3607, boundObjectRef: Fixture.podRef))
        #expect(result.claims.expiry == Fixture.now + 3607)
        let other = try request(TokenRequest(expirationSeconds: 3608, boundObjectRef: Fixture.podRef))
        #expect(other.claims.expiry == Fixture.now + 3608)
        #expect(other.claims.kubernetes.warnAfter == nil)
    }

    @Test func capBelow3607PreventsTheExtension() throws {
        let issuer = try Fixture.issuer(configuration: IssuerConfiguration(maxExpirationSeconds: 3600))
        let result = try issuer.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(expirationSeconds: 3607, boundObjectRef: Fixture.podRef))
        #expect(result.claims.expiry == Fixture.now + 3600)
        #expect(result.claims.kubernetes.warnAfter == nil)
        #expect(result.warnings == ["requested expiration of 3607 seconds shortened to 3600 seconds"])
    }

    @Test func extendedTokenStillReviewsAfterWarnAfter() throws {
        let clock = ManualClock(Fixture.nowDate)
        let issuer = try Fixture.issuer(clock: clock)
        let result = try issuer.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(expirationSeconds: 3607, boundObjectRef: Fixture.podRef))
        clock.advance(by: 30 * 24 * 3600)
        #expect(issuer.review(token: result.token).authenticated)
        clock.advance(by: 340 * 24 * 3600)
        #expect(issuer.reviewError(result.token) == "[invalid bearer token, service account token has expired]")
    }
}
