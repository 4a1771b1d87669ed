import Testing

@testable import KubeMint

/// What the kubelet sends a credential provider plugin, and when it does not call it
/// (docs/kubernetes-behaviour.md §23.2).
@Suite struct CredentialProviderRequestTests {
    let provider = CredentialProviderConfig.Provider(
        name: "p", matchImages: ["*.registry.example"], defaultCacheDuration: 3600,
        apiVersion: "credentialprovider.kubelet.k8s.io/v1", args: [], env: [],
        tokenAttributes: .init(
            serviceAccountTokenAudience: "registry.example", cacheType: "ServiceAccount", requireServiceAccount: true,
            requiredServiceAccountAnnotationKeys: ["registry.example/robot"],
            optionalServiceAccountAnnotationKeys: ["registry.example/region", "registry.example/absent"]))

    let pod: JSONObject = [
        "metadata": ["name": "web", "namespace": "shop", "uid": "pod-uid"],
        "spec": [
            "serviceAccountName": "builder",
            "containers": [["name": "app", "image": "eu.registry.example/shop/web:1"]],
        ],
    ]

    let account: JSONObject = [
        "metadata": [
            "name": "builder", "namespace": "shop", "uid": "sa-uid",
            "annotations": ["registry.example/robot": "robot<1>", "registry.example/region": "eu", "other": "x"],
        ]
    ]

    func decide(
        _ provider: CredentialProviderConfig.Provider? = nil, image: String = "eu.registry.example/shop/web:1",
        pod: JSONObject? = nil, account: JSONObject?? = nil
    ) async -> CredentialProviderRequest.Decision {
        await CredentialProviderRequest.decide(
            provider: provider ?? self.provider, image: image, pod: pod ?? self.pod,
            serviceAccount: account ?? self.account,
            token: { namespace, sa, saUID, audience, podName, podUID in
                "token-for-\(namespace)-\(sa)-\(saUID)-\(audience)-\(podName)-\(podUID)"
            })
    }

    @Test func theRequestCarriesTheBoundTokenAndTheAnnotations() async throws {
        guard case .call(let call) = await decide() else {
            Issue.record("expected a call")
            return
        }
        #expect(call.image == "eu.registry.example/shop/web")
        #expect(call.serviceAccountToken == "token-for-shop-builder-sa-uid-registry.example-web-pod-uid")
        #expect(
            call.body
                == "{\"kind\":\"CredentialProviderRequest\",\"apiVersion\":\"credentialprovider.kubelet.k8s.io/v1\",\"image\":\"eu.registry.example/shop/web\",\"serviceAccountToken\":\"token-for-shop-builder-sa-uid-registry.example-web-pod-uid\",\"serviceAccountAnnotations\":{\"registry.example/region\":\"eu\",\"registry.example/robot\":\"robot\\u003c1\\u003e\"}}\n"
        )
    }

    @Test func aProviderWithoutTokenAttributesGetsTheImageOnly() async {
        var plain = provider
        plain.tokenAttributes = nil
        plain.apiVersion = "credentialprovider.kubelet.k8s.io/v1beta1"
        guard case .call(let call) = await decide(plain) else {
            Issue.record("expected a call")
            return
        }
        #expect(
            call.body
                == "{\"kind\":\"CredentialProviderRequest\",\"apiVersion\":\"credentialprovider.kubelet.k8s.io/v1beta1\",\"image\":\"eu.registry.example/shop/web\"}\n"
        )
    }

    @Test func theKubeletSkipsThePluginWhereItWould() async {
        #expect(await decide(image: "docker.io/library/nginx") == .notMatched)
        var noAccount = pod
        noAccount.setValue(nil, at: ["spec", "serviceAccountName"])
        #expect(await decide(pod: noAccount) == .skipped("Service account name is empty for pod shop/web"))
        #expect(
            await decide(account: .some(nil))
                == .skipped("Failed to get service account shop/builder: serviceaccount \"builder\" not found"))
        var unannotated = account
        unannotated.setValue(nil, at: ["metadata", "annotations", "registry.example/robot"])
        #expect(
            await decide(account: unannotated)
                == .skipped(
                    "Failed to get service account data shop/builder: required annotation registry.example/robot not found"
                ))
        #expect(
            await decide(image: "EU.registry.example/Shop")
                == .skipped(
                    "couldn't parse image name \"EU.registry.example/Shop\": invalid reference format: repository name (Shop) must be lowercase"
                ))
    }

    @Test func withoutRequireServiceAccountAPodWithoutOneStillCallsThePlugin() async {
        var optional = provider
        optional.tokenAttributes?.requireServiceAccount = false
        optional.tokenAttributes?.requiredServiceAccountAnnotationKeys = []
        var noAccount = pod
        noAccount.setValue(nil, at: ["spec", "serviceAccountName"])
        guard case .call(let call) = await decide(optional, pod: noAccount) else {
            Issue.record("expected a call")
            return
        }
        #expect(call.serviceAccountToken == nil && call.serviceAccountAnnotations.isEmpty)
    }
}
