import KubeMint

extension KubeAPI {
    /// Refuses, as the apiserver's RBAC storage does, a role or binding `object` that would grant
    /// the caller's user more than it holds (docs/kubernetes-behaviour.md §21.6): unless the user is
    /// in `system:masters`, a role needs `escalate` or rules the user holds (an `aggregationRule`
    /// needs every right); a binding needs `bind` on its role or the role's rules.
    func checkEscalation(
        _ resource: ResourceKind, namespace: String?, name: String?, _ object: JSONObject, _ request: APIRequest
    ) throws(KubeError) {
        guard policy.mode == .token, resource.isRBAC, let user = requestUser(request),
            !user.groups.contains("system:masters")
        else { return }
        let scope = resource.isNamespaced ? (namespace ?? "") : ""
        let objectName = object.name ?? name ?? ""
        func forbidden(_ why: String) -> KubeError {
            let subject = "\(resource.resource).\(ResourceKind.rbacGroup) \"\(objectName)\""
            return KubeError(
                code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(why)",
                details: KubeError.Details(name: objectName, group: ResourceKind.rbacGroup, kind: resource.resource))
        }
        func confirm(_ rules: [PolicyRule], scope: String) throws(KubeError) {
            let (owned, errors) = rbacIndex.rules(for: user, namespace: scope)
            let missing = EscalationCheck.uncovered(rules, by: owned)
            if !missing.isEmpty {
                throw forbidden(EscalationCheck.message(user: user, missing: missing, resolutionErrors: errors))
            }
        }
        switch resource {
        case .roles, .clusterroles:
            let escalate = AuthorizationAttributes(
                user: user, verb: "escalate", group: ResourceKind.rbacGroup, resource: resource.resource,
                namespace: scope, name: name ?? "")
            if authorize(escalate).allowed { return }
            try confirm(RBACIndex.rules(of: object), scope: scope)
            if resource == .clusterroles, object["aggregationRule"]?.objectValue != nil {
                let missing = EscalationCheck.uncovered(
                    EscalationCheck.fullAuthority, by: rbacIndex.rules(for: user, namespace: "").rules)
                if !missing.isEmpty { throw forbidden("must have cluster-admin privileges to use the aggregationRule") }
            }
        default:
            let binding = RoleBinding(json: object)
            let roleResource = binding.roleKind == "Role" ? "roles" : "clusterroles"
            let bind = AuthorizationAttributes(
                user: user, verb: "bind", group: ResourceKind.rbacGroup, resource: roleResource, namespace: scope,
                name: binding.roleName)
            if authorize(bind).allowed { return }
            let roleRules: [PolicyRule]
            switch rbacIndex.roleRules(binding.roleKind, binding.roleName, namespace: scope) {
            case .success(let rules): roleRules = rules
            case .failure(let error): throw forbidden(error.message)
            }
            try confirm(roleRules, scope: scope)
        }
    }
}

extension KubeAPI {
    /// ``checkEscalation(_:namespace:name:_:_:)`` for a patch: the stored object with the patch
    /// applied (an apply configuration is judged as sent).
    func checkPatchEscalation(
        _ resource: ResourceKind, namespace: String?, name: String, type: PatchType, _ request: APIRequest
    ) throws {
        guard policy.mode == .token, resource.isRBAC, let store else { return }
        let patched: JSONObject
        if type == .apply {
            guard case .object(let object) = try RequestBody.parseJSON(request.body) else { return }
            patched = object
        } else {
            guard let current = store.lookup(resource, namespace: namespace, name: name) else { return }
            patched = try ObjectStore.applyPatch(type, request.body, to: current)
        }
        try checkEscalation(resource, namespace: namespace, name: name, patched, request)
    }
}
