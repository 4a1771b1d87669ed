import Testing

@testable import KubeMint

/// The default ClusterRoles and ClusterRoleBindings against the apiserver's bootstrap policy
/// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go: `clusterRoles()` and
/// `clusterRoleBindings()`; docs/kubernetes-behaviour.md §21.2), and reconciliation on start.
@Suite struct BootstrapPolicyTests {
    /// name → rules as `verbs | apiGroups | resources | nonResourceURLs`, written from policy.go.
    static let expectedRules: [String: [String]] = [
        "cluster-admin": ["* | * | * | ", "* |  |  | *"],
        "system:discovery": [
            "get |  |  | /livez,/readyz,/healthz,/version,/version/,/openapi,/openapi/*,/api,/api/*,/apis,/apis/*"
        ],
        "system:basic-user": [
            "create | authorization.k8s.io | selfsubjectaccessreviews,selfsubjectrulesreviews | ",
            "create | authentication.k8s.io | selfsubjectreviews | ",
        ],
        "system:public-info-viewer": ["get |  |  | /livez,/readyz,/healthz,/version,/version/"],
        "system:auth-delegator": [
            "create | authentication.k8s.io | tokenreviews | ",
            "create | authorization.k8s.io | subjectaccessreviews | ",
        ],
        "system:service-account-issuer-discovery": ["get |  |  | /.well-known/openid-configuration,/openid/v1/jwks"],
        "system:aggregate-to-admin": [
            "create | authorization.k8s.io | localsubjectaccessreviews | ",
            "get,list,watch,create,update,patch,delete,deletecollection | rbac.authorization.k8s.io | roles,rolebindings | ",
        ],
        "admin": [], "edit": [], "view": [],
    ]

    static func describe(_ rule: PolicyRule) -> String {
        [rule.verbs, rule.apiGroups, rule.resources, rule.nonResourceURLs].map { $0.joined(separator: ",") }
            .joined(separator: " | ")
    }

    @Test func rolesHaveTheApiserversRules() {
        let byName = Dictionary(uniqueKeysWithValues: BootstrapPolicy.clusterRoles.map { ($0.name, $0) })
        for (name, rules) in Self.expectedRules {
            let role = try? #require(byName[name], "\(name) missing")
            #expect(role?.rules.map(Self.describe) == rules, "\(name)")
        }
        #expect(
            byName["system:aggregate-to-view"]?.rules.first.map(Self.describe)?.hasPrefix("get,list,watch |  | pods,")
                == true)
    }

    @Test func aggregationLabelsChainAdminEditView() {
        let objects = Dictionary(
            uniqueKeysWithValues: BootstrapPolicy.clusterRoles.map { ($0.name, BootstrapPolicy.object($0)) })
        #expect(
            objects["admin"]?["aggregationRule"]
                == ["clusterRoleSelectors": [["matchLabels": ["rbac.authorization.k8s.io/aggregate-to-admin": "true"]]]]
        )
        #expect(
            objects["edit"]?.value(at: ["metadata", "labels", "rbac.authorization.k8s.io/aggregate-to-admin"]) == "true"
        )
        #expect(
            objects["view"]?.value(at: ["metadata", "labels", "rbac.authorization.k8s.io/aggregate-to-edit"]) == "true")
        for object in objects.values {
            #expect(object.value(at: ["metadata", "labels", "kubernetes.io/bootstrapping"]) == "rbac-defaults")
            #expect(
                object.value(at: ["metadata", "annotations", "rbac.authorization.kubernetes.io/autoupdate"]) == "true")
        }
    }

    @Test func bindingsAreTheApiserversDefaults() {
        let bindings = BootstrapPolicy.clusterRoleBindings.map { "\($0.name) → \($0.groups.joined(separator: ","))" }
        #expect(
            bindings == [
                "cluster-admin → system:masters", "system:discovery → system:authenticated",
                "system:basic-user → system:authenticated",
                "system:public-info-viewer → system:authenticated,system:unauthenticated",
                "system:service-account-issuer-discovery → system:serviceaccounts",
            ])
    }

    @Test func reconcilingCreatesAggregatesAndKeepsUserEdits() throws {
        let (store, _) = makeStore()
        store.reconcileBootstrapPolicy()
        #expect(store.count(.clusterroles) == BootstrapPolicy.clusterRoles.count)
        #expect(store.count(.clusterrolebindings) == BootstrapPolicy.clusterRoleBindings.count)
        let view = try #require(store.lookup(.clusterroles, name: "view"))
        let edit = try #require(store.lookup(.clusterroles, name: "edit"))
        let admin = try #require(store.lookup(.clusterroles, name: "admin"))
        let viewRules = RBACIndex.rules(of: view)
        #expect(viewRules == BootstrapAggregateRules.view)
        #expect(Array(RBACIndex.rules(of: edit).suffix(viewRules.count)) == viewRules)
        #expect(RBACIndex.rules(of: admin).count > RBACIndex.rules(of: edit).count)

        // A default role with autoupdate "false" is the user's: kept as edited.
        var discovery = try #require(store.lookup(.clusterroles, name: "system:discovery"))
        discovery.setValue("false", at: ["metadata", "annotations", BootstrapPolicy.autoupdateAnnotation])
        discovery["rules"] = [["verbs": ["get"], "nonResourceURLs": ["/healthz"]]]
        try store.replace(.clusterroles, name: "system:discovery", discovery)
        // One still autoupdating gets its missing rule back; a deleted one comes back.
        var basic = try #require(store.lookup(.clusterroles, name: "system:basic-user"))
        basic["rules"] = [["verbs": ["get"], "nonResourceURLs": ["/extra"]]]
        try store.replace(.clusterroles, name: "system:basic-user", basic)
        try store.delete(.clusterrolebindings, name: "cluster-admin")
        let version = store.resourceVersion
        store.reconcileBootstrapPolicy()
        #expect(store.resourceVersion != version)
        #expect(RBACIndex.rules(of: try #require(store.lookup(.clusterroles, name: "system:discovery"))).count == 1)
        let repaired = RBACIndex.rules(of: try #require(store.lookup(.clusterroles, name: "system:basic-user")))
        #expect(repaired.map(Self.describe) == ["get |  |  | /extra"] + Self.expectedRules["system:basic-user"]!)
        #expect(store.lookup(.clusterrolebindings, name: "cluster-admin") != nil)
        // Nothing to do: nothing written.
        let settled = store.resourceVersion
        store.reconcileBootstrapPolicy()
        #expect(store.resourceVersion == settled)
    }
}
