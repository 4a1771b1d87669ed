import Foundation
import KubeMint
import KubeMintServer
import Testing

/// RBAC under `--auth token` through the HTTP surface (docs/kubernetes-behaviour.md §21): the
/// default policy, bindings created over the API, the apiserver's 403 bodies, access reviews
/// and impersonation.
@Suite struct RBACServerTests {
    struct Setup {
        let cluster: Cluster
        let api: KubeAPI

        init(reviewers: Set<String> = [], publicDiscovery: Bool = true) throws {
            cluster = try Cluster()
            api = KubeAPI(
                issuer: cluster.issuer, jwksURI: Cluster.jwksURI, store: cluster.store, adminToken: "admin-secret",
                policy: AccessPolicy(mode: .token, tokenReviewers: reviewers, publicDiscovery: publicDiscovery))
        }

        func send(
            _ method: String, _ target: String, token: String?, body: String = "", headers: [String: String] = [:]
        )
            async -> APIResponse
        {
            var all = headers
            if let token { all["Authorization"] = "Bearer \(token)" }
            if !body.isEmpty, all["Content-Type"] == nil { all["Content-Type"] = "application/json" }
            return await api.handle(APIRequest(method: method, target: target, headers: all, body: Array(body.utf8)))
        }

        func admin(_ method: String, _ target: String, _ body: String = "", headers: [String: String] = [:]) async
            -> APIResponse
        {
            await send(method, target, token: "admin-secret", body: body, headers: headers)
        }

        func token(_ account: String) async throws -> String {
            _ = try await cluster.createServiceAccount(account)
            return try await cluster.requestToken(account)
        }
    }

    @Test func theDefaultPolicyIsStoredWithItsLabels() async throws {
        let setup = try Setup()
        let list = try await setup.admin("GET", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings").json()
        let names = (list["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }
        #expect(
            names == [
                "cluster-admin", "kubemint:public-discovery", "system:basic-user", "system:discovery",
                "system:public-info-viewer", "system:service-account-issuer-discovery",
            ])
        let role = try await setup.admin("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:auth-delegator")
            .json()
        #expect(role["metadata"]?["labels"]?.jsonString == #"{"kubernetes.io/bootstrapping":"rbac-defaults"}"#)
    }

    @Test func anUnboundServiceAccountGetsTheApiserversForbiddenBody() async throws {
        let setup = try Setup()
        let token = try await setup.token("robot")
        let response = await setup.send("GET", "/api/v1/namespaces/default/serviceaccounts", token: token)
        #expect(response.status == 403)
        #expect(
            response.text
                == statusBody(
                    #""message":"serviceaccounts is forbidden: User \"system:serviceaccount:default:robot\" cannot list resource \"serviceaccounts\" in API group \"\" in the namespace \"default\"","reason":"Forbidden","details":{"kind":"serviceaccounts"},"code":403"#
                ))
        let token403 = await setup.send(
            "POST", "/api/v1/namespaces/default/serviceaccounts/robot/token", token: token, body: #"{"spec":{}}"#)
        #expect(
            token403.text.contains(
                #"serviceaccounts \"robot\" is forbidden: User \"system:serviceaccount:default:robot\" cannot create resource \"serviceaccounts/token\" in API group \"\" in the namespace \"default\""#
            ))
    }

    @Test func aRoleBindingGrantsInItsNamespaceOnly() async throws {
        let setup = try Setup()
        let token = try await setup.token("robot")
        let created = await setup.admin(
            "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
            #"{"metadata":{"name":"robot-view"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},"subjects":[{"kind":"ServiceAccount","name":"robot","namespace":"default"}]}"#
        )
        #expect(created.status == 201, "\(created.text)")
        #expect(await setup.send("GET", "/api/v1/namespaces/default/pods", token: token).status == 200)
        #expect(await setup.send("GET", "/api/v1/namespaces/kube-system/pods", token: token).status == 403)
        // view does not read secrets; edit would.
        #expect(await setup.send("GET", "/api/v1/namespaces/default/secrets", token: token).status == 403)
    }

    @Test func tokenReviewersAreBoundToAuthDelegator() async throws {
        let setup = try Setup(reviewers: ["default/reviewer"])
        let reviewer = try await setup.token("reviewer")
        let other = try await setup.token("other")
        let body = #"{"spec":{"token":"\#(other)"}}"#
        #expect(
            await setup.send("POST", "/apis/authentication.k8s.io/v1/tokenreviews", token: reviewer, body: body).status
                == 201)
        let refused = await setup.send("POST", "/apis/authentication.k8s.io/v1/tokenreviews", token: other, body: body)
        #expect(
            refused.text.contains(
                #"tokenreviews.authentication.k8s.io is forbidden: User \"system:serviceaccount:default:other\" cannot create resource \"tokenreviews\" in API group \"authentication.k8s.io\" at the cluster scope"#
            ))
        let binding = await setup.admin(
            "GET", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubemint:token-reviewer:default:reviewer")
        #expect(binding.status == 200)
    }

    @Test func withoutPublicDiscoveryAnonymousCallersGet401() async throws {
        let closed = try Setup(publicDiscovery: false)
        #expect(await closed.send("GET", "/openid/v1/jwks", token: nil).status == 401)
        #expect(await closed.send("GET", "/healthz", token: nil).status == 200)
        // Service accounts read discovery through the default binding to system:serviceaccounts.
        let token = try await closed.token("robot")
        #expect(await closed.send("GET", "/openid/v1/jwks", token: token).status == 200)
        let open = try Setup(publicDiscovery: true)
        #expect(await open.send("GET", "/openid/v1/jwks", token: nil).status == 200)
    }

    @Test func selfSubjectAccessReviewAnswersWithTheReason() async throws {
        let setup = try Setup()
        let token = try await setup.token("robot")
        let body =
            #"{"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","spec":{"resourceAttributes":{"verb":"create","group":"authentication.k8s.io","resource":"selfsubjectreviews"}}}"#
        let response = await setup.send(
            "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", token: token, body: body)
        #expect(response.status == 201)
        #expect(
            response.text
                == #"{"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"resourceAttributes":{"verb":"create","group":"authentication.k8s.io","resource":"selfsubjectreviews"}},"status":{"allowed":true,"reason":"RBAC: allowed by ClusterRoleBinding \"system:basic-user\" of ClusterRole \"system:basic-user\" to Group \"system:authenticated\""}}"#
                + "\n")
        let denied = try await setup.send(
            "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", token: token,
            body: #"{"spec":{"resourceAttributes":{"verb":"list","resource":"pods","namespace":"default"}}}"#
        ).json()
        #expect(denied["status"]?.jsonString == #"{"allowed":false}"#)
    }

    @Test func subjectAccessReviewNeedsAuthDelegatorAndAUser() async throws {
        let setup = try Setup()
        let path = "/apis/authorization.k8s.io/v1/subjectaccessreviews"
        let body =
            #"{"spec":{"user":"system:serviceaccount:default:x","groups":["system:serviceaccounts"],"nonResourceAttributes":{"path":"/openid/v1/jwks","verb":"get"}}}"#
        let answer = try await setup.admin("POST", path, body).json()
        #expect(
            answer["status"]?.jsonString
                == #"{"allowed":true,"reason":"RBAC: allowed by ClusterRoleBinding \"system:service-account-issuer-discovery\" of ClusterRole \"system:service-account-issuer-discovery\" to Group \"system:serviceaccounts\""}"#
        )
        let invalid = await setup.admin("POST", path, #"{"spec":{}}"#)
        #expect(invalid.status == 422)
        #expect(
            invalid.text.contains(
                #"SubjectAccessReview.authorization.k8s.io \"\" is invalid: [spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: \"\": at least one of user or group must be specified]"#
            ))
        let token = try await setup.token("robot")
        #expect(await setup.send("POST", path, token: token, body: body).status == 403)
    }

    @Test func rulesReviewListsTheCallersRules() async throws {
        let setup = try Setup()
        let token = try await setup.token("robot")
        let review = try await setup.send(
            "POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", token: token,
            body: #"{"spec":{"namespace":"default"}}"#
        ).json()
        let resources = (review["status"]?["resourceRules"]?.arrayValue ?? []).map(\.jsonString)
        #expect(
            resources.contains(
                #"{"verbs":["create"],"apiGroups":["authentication.k8s.io"],"resources":["selfsubjectreviews"]}"#))
        #expect(review["status"]?["incomplete"] == false)
        let missing = await setup.send(
            "POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", token: token, body: #"{"spec":{}}"#)
        #expect(missing.status == 400 && missing.text.contains("no namespace on request"))
    }

    @Test func impersonationNeedsTheImpersonateVerb() async throws {
        let setup = try Setup()
        let token = try await setup.token("robot")
        let refused = await setup.send(
            "GET", "/api/v1/namespaces/default/pods", token: token, headers: ["Impersonate-User": "jane"])
        #expect(refused.status == 403)
        #expect(
            refused.text.contains(
                #"users \"jane\" is forbidden: User \"system:serviceaccount:default:robot\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope"#
            ))
        // The admin may; as the service account the request is judged by the account's rights.
        let asRobot = await setup.admin(
            "GET", "/api/v1/namespaces/default/pods",
            headers: ["Impersonate-User": "system:serviceaccount:default:robot"])
        #expect(asRobot.status == 403)
        #expect(asRobot.text.contains(#"User \"system:serviceaccount:default:robot\" cannot list resource \"pods\""#))
        let review = try await setup.admin(
            "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            #"{"spec":{"resourceAttributes":{"verb":"get","resource":"pods","namespace":"default"}}}"#,
            headers: ["Impersonate-User": "jane", "Impersonate-Group": "system:masters"]
        ).json()
        #expect(review["status"]?["allowed"] == true)
        // kubectl auth whoami --as: SelfSubjectReview names the impersonated user.
        let whoami = try await setup.admin(
            "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", "{}",
            headers: ["Impersonate-User": "system:serviceaccount:default:robot"]
        ).json()
        #expect(
            whoami["status"]?["userInfo"]?.jsonString
                == #"{"username":"system:serviceaccount:default:robot","groups":["system:serviceaccounts","system:serviceaccounts:default","system:authenticated"]}"#
        )
    }

    @Test func grantingMoreThanOneHoldsIsRefused() async throws {
        let setup = try Setup()
        let token = try await setup.token("manager")
        // The manager may manage roles and bindings in default (admin there), nothing more.
        let granted = await setup.admin(
            "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
            #"{"metadata":{"name":"manager-admin"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"},"subjects":[{"kind":"ServiceAccount","name":"manager","namespace":"default"}]}"#
        )
        #expect(granted.status == 201, "\(granted.text)")
        let path = "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles"
        let held = await setup.send(
            "POST", path, token: token,
            body:
                #"{"metadata":{"name":"pods"},"rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["pods"]}]}"#
        )
        #expect(held.status == 201, "\(held.text)")
        let refused = await setup.send(
            "POST", path, token: token,
            body: #"{"metadata":{"name":"nodes"},"rules":[{"verbs":["get"],"apiGroups":[""],"resources":["nodes"]}]}"#)
        #expect(refused.status == 403)
        #expect(
            refused.text.contains(
                #"roles.rbac.authorization.k8s.io \"nodes\" is forbidden: user \"system:serviceaccount:default:manager\" (groups=[\"system:serviceaccounts\" \"system:serviceaccounts:default\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\"]}"#
            ),
            "\(refused.text)")
        let bindEdit = await setup.send(
            "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", token: token,
            body:
                #"{"metadata":{"name":"b"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"User","name":"x"}]}"#
        )
        #expect(bindEdit.status == 403)
        let bindMissing = await setup.send(
            "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", token: token,
            body:
                #"{"metadata":{"name":"c"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"nope"},"subjects":[{"kind":"User","name":"x"}]}"#
        )
        #expect(
            bindMissing.text.contains(
                #"rolebindings.rbac.authorization.k8s.io \"c\" is forbidden: clusterrole.rbac.authorization.k8s.io \"nope\" not found"#
            ))
        // A patch is judged by its result.
        let patch = await setup.send(
            "PATCH", path + "/pods", token: token,
            body: #"{"rules":[{"verbs":["*"],"apiGroups":["*"],"resources":["*"]}]}"#,
            headers: ["Content-Type": "application/merge-patch+json"])
        #expect(patch.status == 403)
        // The admin (system:masters) may bind a role that does not exist.
        let admin = await setup.admin(
            "POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
            #"{"metadata":{"name":"dangling"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"nope"},"subjects":[{"kind":"User","name":"x"}]}"#
        )
        #expect(admin.status == 201)
    }
}
