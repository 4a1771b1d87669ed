import Testing

@testable import KubeMint

/// The RBAC authorizer over stored roles and bindings: which binding allows, the apiserver's
/// reasons, role references that do not resolve, aggregation, and the subject index
/// (docs/kubernetes-behaviour.md §21.3).
@Suite struct RBACAuthorizerTests {
    static let sa = RequestUser.serviceAccount(namespace: "team", name: "builder")

    static func binding(
        _ kind: ResourceKind, _ name: String, namespace: String? = nil, role: (String, String), subjects: [JSONValue]
    ) -> JSONObject {
        var metadata: JSONObject = ["name": .string(name)]
        if let namespace { metadata["namespace"] = .string(namespace) }
        return [
            "metadata": .object(metadata), "subjects": .array(subjects),
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": .string(role.0), "name": .string(role.1)],
        ]
    }

    static let podReader: JSONObject = [
        "metadata": ["name": "pod-reader"],
        "rules": [["verbs": ["get", "list"], "apiGroups": [""], "resources": ["pods"]]],
    ]

    func store() throws -> ObjectStore {
        let (store, _) = makeStore()
        try store.create(.namespaces, ["metadata": ["name": "team"]])
        try store.create(.clusterroles, Self.podReader)
        return store
    }

    func pods(_ verb: String, namespace: String, user: RequestUser = sa) -> AuthorizationAttributes {
        AuthorizationAttributes(user: user, verb: verb, group: "", resource: "pods", namespace: namespace)
    }

    @Test func nothingBoundIsDeniedWithoutAReason() throws {
        let index = RBACIndex(store: try store())
        #expect(index.decide(pods("get", namespace: "team")) == RBACIndex.Decision(allowed: false, reason: ""))
    }

    @Test func aRoleBindingOfAClusterRoleAllowsInItsNamespaceOnly() throws {
        let store = try store()
        try store.create(
            .rolebindings, namespace: "default",
            Self.binding(
                .rolebindings, "read-pods", namespace: "default", role: ("ClusterRole", "pod-reader"),
                subjects: [["kind": "ServiceAccount", "name": "builder", "namespace": "team"]]))
        let index = RBACIndex(store: store)
        #expect(
            index.decide(pods("list", namespace: "default"))
                == RBACIndex.Decision(
                    allowed: true,
                    reason:
                        #"RBAC: allowed by RoleBinding "read-pods/default" of ClusterRole "pod-reader" to ServiceAccount "builder/team""#
                ))
        #expect(!index.decide(pods("list", namespace: "team")).allowed)
        #expect(!index.decide(pods("list", namespace: "")).allowed)
        #expect(!index.decide(pods("delete", namespace: "default")).allowed)
    }

    @Test func aClusterRoleBindingToAGroupAllowsEverywhere() throws {
        let store = try store()
        try store.create(
            .clusterrolebindings,
            Self.binding(
                .clusterrolebindings, "all-sa-read", role: ("ClusterRole", "pod-reader"),
                subjects: [
                    ["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "someone-else"],
                    ["kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:serviceaccounts:team"],
                ]))
        let decision = RBACIndex(store: store).decide(pods("get", namespace: "anywhere"))
        #expect(
            decision.reason
                == #"RBAC: allowed by ClusterRoleBinding "all-sa-read" of ClusterRole "pod-reader" to Group "system:serviceaccounts:team""#
        )
        #expect(!RBACIndex(store: store).decide(pods("get", namespace: "x", user: RBACRuleTests.someone)).allowed)
    }

    @Test func aServiceAccountSubjectWithoutNamespaceTakesTheBindings() throws {
        let store = try store()
        try store.create(
            .roles, namespace: "team",
            ["metadata": ["name": "r"], "rules": [["verbs": ["get"], "apiGroups": [""], "resources": ["pods"]]]])
        try store.create(
            .rolebindings, namespace: "team",
            Self.binding(
                .rolebindings, "b", namespace: "team", role: ("Role", "r"),
                subjects: [["kind": "ServiceAccount", "name": "builder"]]))
        #expect(
            RBACIndex(store: store).decide(pods("get", namespace: "team")).reason
                == #"RBAC: allowed by RoleBinding "b/team" of Role "r" to ServiceAccount "builder/team""#)
    }

    @Test func bindingsToMissingRolesAreStoredAndGiveTheReason() throws {
        let store = try store()
        try store.create(
            .clusterrolebindings,
            Self.binding(
                .clusterrolebindings, "dangling", role: ("ClusterRole", "nope"),
                subjects: [["kind": "Group", "name": "system:authenticated"]]))
        try store.create(
            .rolebindings, namespace: "team",
            Self.binding(
                .rolebindings, "dangling-role", namespace: "team", role: ("Role", "gone"),
                subjects: [["kind": "Group", "name": "system:authenticated"]]))
        let decision = RBACIndex(store: store).decide(pods("get", namespace: "team"))
        #expect(
            decision
                == RBACIndex.Decision(
                    allowed: false,
                    reason:
                        #"RBAC: [clusterrole.rbac.authorization.k8s.io "nope" not found, role.rbac.authorization.k8s.io "gone" not found]"#
                ))
    }

    @Test func aggregatedRolesCollectTheSelectedRules() throws {
        let store = try store()
        try store.create(
            .clusterroles,
            [
                "metadata": ["name": "reader-of-all"],
                "aggregationRule": ["clusterRoleSelectors": [["matchLabels": ["agg": "yes"]]]],
            ])
        try store.create(
            .clusterroles,
            [
                "metadata": ["name": "secrets", "labels": ["agg": "yes"]],
                "rules": [["verbs": ["get"], "apiGroups": [""], "resources": ["secrets"]]],
            ])
        try store.create(
            .clusterrolebindings,
            Self.binding(
                .clusterrolebindings, "b", role: ("ClusterRole", "reader-of-all"),
                subjects: [["kind": "Group", "name": "system:serviceaccounts"]]))
        let request = AuthorizationAttributes(
            user: Self.sa, verb: "get", group: "", resource: "secrets", namespace: "x")
        #expect(RBACIndex(store: store).decide(request).allowed)
        store.aggregateClusterRoles()
        #expect(
            store.lookup(.clusterroles, name: "reader-of-all")?["rules"] == [
                ["verbs": ["get"], "apiGroups": [""], "resources": ["secrets"]]
            ])
    }

    @Test func theIndexReadsOnlyTheCallersBindings() throws {
        var bindings: [JSONObject] = []
        for n in 0..<10_000 {
            bindings.append(
                Self.binding(
                    .clusterrolebindings, "other-\(n)", role: ("ClusterRole", "missing-\(n)"),
                    subjects: [["kind": "User", "name": .string("user-\(n)")]]))
        }
        bindings.append(
            Self.binding(
                .clusterrolebindings, "mine", role: ("ClusterRole", "pod-reader"),
                subjects: [["kind": "ServiceAccount", "name": "builder", "namespace": "team"]]))
        let index = RBACIndex(
            roles: [], clusterRoles: [Self.podReader], roleBindings: [], clusterRoleBindings: bindings)
        #expect(index.bindings(for: Self.sa, namespace: "team").map(\.binding.name) == ["mine"])
        // Unrelated bindings to missing roles would put errors in the reason if they were visited.
        #expect(index.decide(pods("delete", namespace: "team")) == RBACIndex.Decision(allowed: false, reason: ""))
    }

    @Test func theAuthorizerSeesChangesAtOnce() throws {
        let store = try store()
        let authorizer = RBACAuthorizer(store: store)
        #expect(!authorizer.decide(pods("get", namespace: "team")).allowed)
        try store.create(
            .clusterrolebindings,
            Self.binding(
                .clusterrolebindings, "b", role: ("ClusterRole", "pod-reader"),
                subjects: [["kind": "Group", "name": "system:serviceaccounts"]]))
        #expect(authorizer.decide(pods("get", namespace: "team")).allowed)
        try store.delete(.clusterrolebindings, name: "b")
        #expect(!authorizer.decide(pods("get", namespace: "team")).allowed)
    }
}
