import Testing

@testable import KubeMint

/// Validation of the RBAC kinds with the apiserver's field errors (pkg/apis/rbac/validation;
/// docs/kubernetes-behaviour.md §21.1).
@Suite struct RBACValidationTests {
    func createError(_ resource: ResourceKind, _ object: JSONObject) -> KubeError? {
        let (store, _) = makeStore()
        return kubeError { try store.create(resource, namespace: resource.isNamespaced ? "default" : nil, object) }
    }

    func created(_ resource: ResourceKind, _ object: JSONObject) -> Bool {
        let (store, _) = makeStore()
        return (try? store.create(resource, object)) != nil
    }

    @Test func rulesNeedVerbsGroupsAndResources() throws {
        let error = try #require(
            createError(
                .roles,
                [
                    "metadata": ["name": "r"],
                    "rules": [["resources": ["pods"]], ["verbs": ["get"], "nonResourceURLs": ["/x"]]],
                ]))
        #expect(error.code == 422)
        #expect(
            error.message
                == #"Role.rbac.authorization.k8s.io "r" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group, rules[1].nonResourceURLs: Invalid value: []string{"/x"}: namespaced rules cannot apply to non-resource URLs]"#
        )
    }

    @Test func clusterRolesMayNotMixResourcesAndURLs() throws {
        let error = try #require(
            createError(
                .clusterroles,
                [
                    "metadata": ["name": "c"],
                    "rules": [["verbs": ["get"], "resources": ["pods"], "nonResourceURLs": ["/x"]]],
                ]))
        #expect(
            error.message
                == #"ClusterRole.rbac.authorization.k8s.io "c" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/x"}: rules cannot apply to both regular resources and non-resource URLs"#
        )
    }

    @Test func unknownVerbsAreAccepted() {
        #expect(
            created(
                .clusterroles,
                [
                    "metadata": ["name": "odd"],
                    "rules": [["verbs": ["frobnicate"], "apiGroups": ["x"], "resources": ["y"]]],
                ]))
    }

    @Test func bindingsCheckRoleRefAndSubjects() throws {
        let error = try #require(
            createError(
                .clusterrolebindings,
                [
                    "metadata": ["name": "system:b"],
                    "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "x"],
                    "subjects": [["kind": "ServiceAccount", "name": "sa"], ["kind": "Robot", "name": "r"]],
                ]))
        #expect(
            error.message
                == #"ClusterRoleBinding.rbac.authorization.k8s.io "system:b" is invalid: [roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", subjects[0].namespace: Required value, subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"]"#
        )
    }

    @Test func namesArePathSegments() throws {
        #expect(created(.clusterroles, ["metadata": ["name": "system:auth-delegator-2"]]))
        let error = try #require(createError(.clusterroles, ["metadata": ["name": "a/b"]]))
        #expect(error.message.hasSuffix(#"metadata.name: Invalid value: "a/b": may not contain '/'"#))
    }

    @Test func roleRefCannotChange() throws {
        let (store, _) = makeStore()
        var binding: JSONObject = [
            "metadata": ["name": "b"],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"],
        ]
        try store.create(.clusterrolebindings, binding)
        binding["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit"]
        let error = try #require(kubeError { try store.replace(.clusterrolebindings, name: "b", binding) })
        #expect(
            error.message.hasSuffix(
                #"roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef"#
            ))
    }

    @Test func wrongTypesAreRefusedAsGoDecodes() throws {
        let error = try #require(createError(.clusterroles, ["metadata": ["name": "c"], "rules": [["verbs": "get"]]]))
        #expect(error.code == 400)
        #expect(
            error.message
                == #"ClusterRole in version "v1" cannot be handled as a ClusterRole: json: cannot unmarshal string into Go struct field PolicyRule.rules.verbs of type []string"#
        )
    }
}
