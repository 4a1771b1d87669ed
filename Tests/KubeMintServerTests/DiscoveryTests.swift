import Foundation
import KubeMint
import KubeMintServer
import Testing

/// OIDC discovery and JWKS as a relying party reads them (docs/kubernetes-behaviour.md §3.2, §3.3), and the API
/// discovery documents kubectl reads (docs/kubernetes-behaviour.md §9.3).
@Suite struct DiscoveryTests {
    static let cacheHeaders = ["Cache-Control: public, max-age=3600", "Content-Type: application/json"]

    @Test func discoveryDocumentIsTheApiserverStructInItsOrder() async throws {
        let cluster = try Cluster()
        let response = await cluster.get("/.well-known/openid-configuration")
        #expect(response.status == 200)
        #expect(response.headerLines == Self.cacheHeaders)
        #expect(
            response.text
                == #"{"issuer":"https://kubernetes.default.svc.cluster.local","jwks_uri":"https://127.0.0.1:8443/openid/v1/jwks","response_types_supported":["id_token"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"#
                + "\n")
    }

    @Test func jwksIsTheSigningKeyInGoJoseMemberOrder() async throws {
        let cluster = try Cluster()
        let response = await cluster.get("/openid/v1/jwks")
        #expect(response.status == 200)
        #expect(
            response.headerLines == ["Cache-Control: public, max-age=3600", "Content-Type: application/jwk-set+json"])
        #expect(response.body == (try ServerTestData.bytes("server/jwks-rsa.json")))
    }

    @Test func anECKeyAddsES256AndItsJWKInFileOrder() async throws {
        let cluster = try Cluster(otherKeyFiles: ["keys/ec-p256.pub.pem"])
        let discovery = await cluster.get("/.well-known/openid-configuration")
        #expect(discovery.text.contains(#","id_token_signing_alg_values_supported":["ES256","RS256"]}"#))
        let jwks = await cluster.get("/openid/v1/jwks")
        #expect(jwks.body == (try ServerTestData.bytes("server/jwks-rsa-ec.json")))
    }

    @Test func anECSigningKeyIsListedAloneAsES256() async throws {
        let cluster = try Cluster(signingKeyFile: "keys/ec-p256.pkcs8.pem")
        let discovery = await cluster.get("/.well-known/openid-configuration")
        #expect(discovery.text.hasSuffix(#""id_token_signing_alg_values_supported":["ES256"]}"# + "\n"))
        let token = try await cluster.requestToken("default")
        #expect(try await cluster.reviewError(token) == nil)
    }

    /// A real mock shipped `d`, `p`, `q`, … in its JWKS: private keys given as verification keys
    /// must show only their public half.
    @Test(arguments: [
        ["keys/ec-p256.pkcs8.pem"], ["keys/rsa-2048.pkcs1.pem", "keys/ec-p256.sec1-with-params.pem"],
    ])
    func jwksNeverCarriesAPrivateMember(_ privateKeyFiles: [String]) async throws {
        let cluster = try Cluster(signingKeyFile: "keys/rsa-2048.pkcs8.pem", otherKeyFiles: privateKeyFiles)
        let jwks = try await cluster.get("/openid/v1/jwks").json()
        let keys = try #require(jwks["keys"]?.arrayValue)
        #expect(keys.count == 1 + privateKeyFiles.count - (privateKeyFiles.contains("keys/rsa-2048.pkcs1.pem") ? 1 : 0))
        let allowed: Set<String> = ["use", "kty", "kid", "crv", "alg", "x", "y", "n", "e"]
        for key in keys {
            let members = Set(try #require(key.objectValue).keys)
            #expect(members.isSubset(of: allowed), "private member in \(key.jsonString)")
        }
    }

    /// Vault compares the issuer byte for byte: a trailing slash stays, in discovery and in `iss`.
    @Test func issuerIsServedByteForByteWithATrailingSlash() async throws {
        let issuer = "https://issuer.example.com/tenant-1/"
        let cluster = try Cluster(issuers: [issuer, "https://kubernetes.default.svc"])
        let discovery = await cluster.get("/.well-known/openid-configuration")
        #expect(discovery.text.hasPrefix(#"{"issuer":"https://issuer.example.com/tenant-1/","jwks_uri":"#))
        let token = try await cluster.requestToken("default")
        let claims = try jwtClaims(token)
        #expect(claims["iss"] == .string(issuer))
        // --api-audiences defaults to every issuer, in flag order.
        #expect(claims["aud"] == ["https://issuer.example.com/tenant-1/", "https://kubernetes.default.svc"])
        #expect(try await cluster.reviewError(token) == nil)
    }

    /// The discovery document is a Go `json.Marshal`: `&`, `<`, `>` are escaped as `\u0026` etc.
    @Test func issuerIsEscapedAsGoEscapesIt() async throws {
        let cluster = try Cluster(issuers: ["https://issuer.example.com/a&b<c>"])
        let discovery = await cluster.get("/.well-known/openid-configuration")
        #expect(discovery.text.hasPrefix(#"{"issuer":"https://issuer.example.com/a\u0026b\u003cc\u003e","#))
    }

    @Test func healthEndpointsAnswerOk() async throws {
        let cluster = try Cluster()
        for path in ["/healthz", "/livez", "/readyz"] {
            let response = await cluster.get(path)
            #expect(response.status == 200)
            #expect(response.text == "ok")
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
        }
    }

    // MARK: - API discovery (kubectl)

    @Test func apiVersionsNameTheAddressTheClientUsed() async throws {
        let cluster = try Cluster()
        let response = await cluster.get("/api", headers: ["Host": "127.0.0.1:41234"])
        #expect(response.status == 200)
        #expect(response.headerLines == ["Cache-Control: no-cache, private", "Content-Type: application/json"])
        #expect(
            response.text
                == #"{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:41234"}]}"#
                + "\n")
    }

    /// Authentication, authorization, certificates (v1beta1, docs/kubernetes-behaviour.md §24), then RBAC
    /// (docs/kubernetes-behaviour.md §21), in the apiserver's group order.
    @Test func apiGroupListHasAuthenticationAndRBAC() async throws {
        let cluster = try Cluster()
        let response = await cluster.get("/apis")
        #expect(
            response.text
                == #"{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"authentication.k8s.io","versions":[{"groupVersion":"authentication.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"authentication.k8s.io/v1","version":"v1"}},{"name":"authorization.k8s.io","versions":[{"groupVersion":"authorization.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"authorization.k8s.io/v1","version":"v1"}},{"name":"certificates.k8s.io","versions":[{"groupVersion":"certificates.k8s.io/v1beta1","version":"v1beta1"}],"preferredVersion":{"groupVersion":"certificates.k8s.io/v1beta1","version":"v1beta1"}},{"name":"rbac.authorization.k8s.io","versions":[{"groupVersion":"rbac.authorization.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"rbac.authorization.k8s.io/v1","version":"v1"}}]}"#
                + "\n")
    }

    /// The access reviews as the apiserver lists them: create only, the local one namespaced.
    @Test func authorizationResourceList() async throws {
        let cluster = try Cluster()
        let response = await cluster.get("/apis/authorization.k8s.io/v1")
        #expect(
            response.text
                == #"{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"authorization.k8s.io/v1","resources":[{"name":"localsubjectaccessreviews","singularName":"localsubjectaccessreview","namespaced":true,"kind":"LocalSubjectAccessReview","verbs":["create"]},{"name":"selfsubjectaccessreviews","singularName":"selfsubjectaccessreview","namespaced":false,"kind":"SelfSubjectAccessReview","verbs":["create"]},{"name":"selfsubjectrulesreviews","singularName":"selfsubjectrulesreview","namespaced":false,"kind":"SelfSubjectRulesReview","verbs":["create"]},{"name":"subjectaccessreviews","singularName":"subjectaccessreview","namespaced":false,"kind":"SubjectAccessReview","verbs":["create"]}]}"#
                + "\n")
    }

    /// The RBAC kinds as the apiserver lists them: no short names, cluster-scoped ClusterRoles
    /// and ClusterRoleBindings (verbs: those kubemint serves, without `deletecollection`).
    @Test func rbacResourceList() async throws {
        let cluster = try Cluster()
        let response = await cluster.get("/apis/rbac.authorization.k8s.io/v1")
        let verbs = #""verbs":["create","delete","get","list","patch","update","watch"]"#
        #expect(
            response.text
                == #"{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"rbac.authorization.k8s.io/v1","resources":[{"name":"clusterrolebindings","singularName":"clusterrolebinding","namespaced":false,"kind":"ClusterRoleBinding",\#(verbs)},{"name":"clusterroles","singularName":"clusterrole","namespaced":false,"kind":"ClusterRole",\#(verbs)},{"name":"rolebindings","singularName":"rolebinding","namespaced":true,"kind":"RoleBinding",\#(verbs)},{"name":"roles","singularName":"role","namespaced":true,"kind":"Role",\#(verbs)}]}"#
                + "\n")
    }

    @Test func coreResourceListHasTheTokenSubresourceAndShortNames() async throws {
        let cluster = try Cluster()
        let list = try await cluster.get("/api/v1").json()
        #expect(list["kind"] == "APIResourceList")
        #expect(list["apiVersion"] == nil)
        #expect(list["groupVersion"] == "v1")
        let resources = try #require(list["resources"]?.arrayValue)
        let byName = Dictionary(uniqueKeysWithValues: resources.map { ($0["name"]?.stringValue ?? "", $0) })
        #expect(
            Set(byName.keys) == [
                "namespaces", "serviceaccounts", "serviceaccounts/token", "pods", "secrets", "configmaps", "nodes",
            ])
        #expect(
            byName["serviceaccounts/token"]?.jsonString
                == #"{"name":"serviceaccounts/token","singularName":"","namespaced":true,"group":"authentication.k8s.io","version":"v1","kind":"TokenRequest","verbs":["create"]}"#
        )
        #expect(
            byName["serviceaccounts"]?.jsonString
                == #"{"name":"serviceaccounts","singularName":"serviceaccount","namespaced":true,"kind":"ServiceAccount","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["sa"]}"#
        )
        #expect(byName["namespaces"]?["namespaced"] == false)
        #expect(byName["nodes"]?["namespaced"] == false)
    }

    @Test func authenticationResourceList() async throws {
        let cluster = try Cluster()
        let response = await cluster.get("/apis/authentication.k8s.io/v1")
        #expect(
            response.text
                == #"{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"authentication.k8s.io/v1","resources":[{"name":"selfsubjectreviews","singularName":"selfsubjectreview","namespaced":false,"kind":"SelfSubjectReview","verbs":["create"]},{"name":"tokenreviews","singularName":"tokenreview","namespaced":false,"kind":"TokenReview","verbs":["create"]}]}"#
                + "\n")
    }
}
