import Foundation
import KubeMint
import Testing

/// `--kube-version` and `--feature-gates` (docs/kubernetes-behaviour.md §26): the release table,
/// the flag's errors, and the token rules each gate changes.
@Suite struct KubeReleaseTests {
    @Test func versionsParseAndOutOfRangeOnesAreRefused() throws {
        #expect(try KubeRelease(parsing: "1.33").gitVersion == "v1.33.0")
        #expect(try KubeRelease(parsing: "v1.34.2").gitVersion == "v1.34.2")
        #expect(KubeRelease.newest.gitVersion == "v1.36.0")
        for bad in ["1.29", "1.37", "2.33", "1", "1.33.x", "v", "1..33", "1.33.0.1", "１.33"] {
            #expect(throws: ConfigurationError.self) { try KubeRelease(parsing: bad) }
        }
        #expect(throws: ConfigurationError("--kube-version 1.29: kubemint emulates Kubernetes 1.30 to 1.36")) {
            try KubeRelease(parsing: "1.29")
        }
    }

    @Test func defaultsFollowTheVersionedSpecs() {
        let at30 = FeatureGates(defaultsAtMinor: 30)
        #expect(at30.isEnabled(.serviceAccountTokenJTI))
        #expect(!at30.isEnabled(.serviceAccountTokenNodeBinding))  // alpha in 1.30
        #expect(!at30.exists(.serviceAccountNodeAudienceRestriction))
        #expect(FeatureGates(defaultsAtMinor: 31).isEnabled(.serviceAccountTokenNodeBinding))
        #expect(!FeatureGates(defaultsAtMinor: 32).isEnabled(.serviceAccountNodeAudienceRestriction))
        #expect(FeatureGates(defaultsAtMinor: 33).isEnabled(.serviceAccountNodeAudienceRestriction))
        #expect(!FeatureGates(defaultsAtMinor: 33).exists(.tokenRequestServiceAccountUIDValidation))
        #expect(FeatureGates(defaultsAtMinor: 34).isEnabled(.tokenRequestServiceAccountUIDValidation))
        // kubemint's own defaults: the features it is used to test are on wherever they exist.
        #expect(FeatureGates(defaultsAtMinor: 33).isEnabled(.kubeletServiceAccountTokenForCredentialProviders))
        #expect(!FeatureGates(defaultsAtMinor: 33).exists(.podCertificateRequest))
        #expect(FeatureGates(defaultsAtMinor: 35).isEnabled(.podCertificateRequest))
    }

    @Test func theFlagGivesTheApiserversErrors() throws {
        #expect(try FeatureGates(minor: 31, flag: "ServiceAccountTokenJTI=false").isEnabled(.serviceAccountTokenJTI) == false)
        #expect(try FeatureGates(minor: 30, flag: " ServiceAccountTokenNodeBinding = true ,").isEnabled(.serviceAccountTokenNodeBinding))
        let cases: [(Int, String, String)] = [
            (33, "ServiceAccountTokenJTI=false", "cannot set feature gate ServiceAccountTokenJTI to false, feature is locked to true"),
            (33, "TokenRequestServiceAccountUIDValidation=true",
             "cannot set feature gate TokenRequestServiceAccountUIDValidation to true, feature is PreAlpha at emulated version 1.33"),
            (36, "ServiceAccountTokenJTI", "missing bool value for ServiceAccountTokenJTI"),
            (36, "PodCertificateRequest=yes",
             "invalid value of PodCertificateRequest=yes, err: strconv.ParseBool: parsing \"yes\": invalid syntax"),
        ]
        for (minor, flag, message) in cases {
            #expect(throws: ConfigurationError(message)) { try FeatureGates(minor: minor, flag: flag) }
        }
        #expect {
            try FeatureGates(minor: 36, flag: "SidecarContainers=true")
        } throws: { ($0 as? ConfigurationError)?.message.hasPrefix("unrecognized feature gate: SidecarContainers (") == true }
        #expect(throws: ConfigurationError("--feature-gates Nope=true: unrecognized feature gate: Nope (kubemint models only the gates that change what it emulates: \(KubeFeature.allCases.map(\.rawValue).joined(separator: ", ")))")) {
            try KubeRelease(parsing: "1.36", featureGates: "Nope=true")
        }
    }

    @Test func versionInfoHasTheCompatibilityMembersFrom133On() throws {
        let at32 = KubeRelease(minor: 32).versionInfo
        #expect(at32.keys == ["major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform"])
        let at34 = KubeRelease(minor: 34).versionInfo
        #expect(Array(at34.keys.prefix(7)) == ["major", "minor", "emulationMajor", "emulationMinor", "minCompatibilityMajor", "minCompatibilityMinor", "gitVersion"])
        #expect(at34["minor"] == "34" && at34["emulationMinor"] == "34" && at34["minCompatibilityMinor"] == "33")
        #expect(at34["gitVersion"] == "v1.34.0")
    }

    private func issuer(_ release: KubeRelease) throws -> TokenIssuer {
        try Fixture.issuer(configuration: IssuerConfiguration(release: release))
    }

    @Test func from134AForeignUIDIsAConflictAndTheAnswerCarriesTheAccountsUID() throws {
        let issuer = try issuer(KubeRelease(minor: 34))
        #expect(
            throws: KubeError.conflict(
                resource: "TokenRequest", group: "authentication.k8s.io", name: "web",
                why: "the UID in the token request (stale) does not match the UID of the service account (\(Fixture.saUID))")
        ) {
            try issuer.requestToken(namespace: "default", name: "web", request: TokenRequest(metadataUID: "stale"))
        }
        let matching = try issuer.requestToken(
            namespace: "default", name: "web", request: TokenRequest(metadataUID: Fixture.saUID))
        #expect(matching.response["metadata"]?["uid"] == .string(Fixture.saUID))
        #expect(matching.warnings.isEmpty)
    }

    @Test func withTheUIDGateOffAForeignUIDIsOnlyAWarning() throws {
        let issuer = try issuer(try KubeRelease(parsing: "1.35", featureGates: "TokenRequestServiceAccountUIDValidation=false"))
        let result = try issuer.requestToken(namespace: "default", name: "web", request: TokenRequest(metadataUID: "stale"))
        #expect(result.response["metadata"]?["uid"] == "stale")
        #expect(
            result.warnings == [
                "the UID in the token request (stale) does not match the UID of the service account (\(Fixture.saUID)) but TokenRequestServiceAccountUIDValidation is not enabled. In the future, this will return a conflict error"
            ])
    }

    @Test func in130NodeBindingIsOffUnlessTheGateTurnsItOn() throws {
        let node = TokenRequest(boundObjectRef: .init(kind: "Node", name: "node-1"))
        #expect(
            throws: KubeError.badRequest(
                "cannot bind token to a Node object as the \"ServiceAccountTokenNodeBinding\" feature-gate is disabled")
        ) {
            try issuer(KubeRelease(minor: 30)).requestToken(namespace: "default", name: "web", request: node)
        }
        let on = try issuer(try KubeRelease(parsing: "1.30", featureGates: "ServiceAccountTokenNodeBinding=true"))
        #expect(try on.requestToken(namespace: "default", name: "web", request: node).claims.kubernetes.node?.name == "node-1")
    }

    @Test func withJTIAndPodNodeInfoOffTokensAndReviewsLoseThem() throws {
        let off = try issuer(
            try KubeRelease(parsing: "1.31", featureGates: "ServiceAccountTokenJTI=false,ServiceAccountTokenPodNodeInfo=false"))
        let result = try off.requestToken(namespace: "default", name: "web", request: TokenRequest(boundObjectRef: Fixture.podRef))
        #expect(result.claims.tokenID == nil)
        #expect(result.claims.kubernetes.node == nil)
        #expect(!result.claims.payload.keys.contains("jti"))
        let user = try #require(off.review(token: result.token).user)
        #expect(user.extra.map(\.key) == ["authentication.kubernetes.io/pod-name", "authentication.kubernetes.io/pod-uid"])
        // A token minted with both (by an issuer with the gates on) is reviewed without the extras.
        let on = try issuer(KubeRelease(minor: 31)).requestToken(
            namespace: "default", name: "web", request: TokenRequest(boundObjectRef: Fixture.podRef))
        #expect(on.claims.tokenID != nil && on.claims.kubernetes.node != nil)
        #expect(try #require(off.review(token: on.token).user).extra.count == 2)
    }

    @Test func tokenAttributesNeedTheKubeletGateAndVanishBefore133() throws {
        let path = Fixture.testdata("credential-provider/config.yaml")
        let at33 = try CredentialProviderConfig.load(path: path, features: FeatureGates(defaultsAtMinor: 33))
        #expect(at33.providers.contains { $0.tokenAttributes != nil })
        #expect {
            try CredentialProviderConfig.load(
                path: path,
                features: try FeatureGates(minor: 34, flag: "KubeletServiceAccountTokenForCredentialProviders=false"))
        } throws: {
            "\($0)".contains(
                "providers.tokenAttributes: Forbidden: tokenAttributes is not supported when KubeletServiceAccountTokenForCredentialProviders feature gate is disabled"
            )
        }
        let at32 = try CredentialProviderConfig.load(path: path, features: FeatureGates(defaultsAtMinor: 32))
        #expect(at32.providers.allSatisfy { $0.tokenAttributes == nil })
    }
}
