extension ObjectStore {
    /// Creates the default ClusterRoles and ClusterRoleBindings of ``BootstrapPolicy`` that are
    /// missing and repairs those still annotated `rbac.authorization.kubernetes.io/autoupdate:
    /// "true"` (missing labels, annotations, rules, selectors and subjects added; nothing removed),
    /// as the apiserver's `rbac/bootstrap-roles` post-start hook does; objects whose annotation is
    /// not "true" and every other object are left as they are (docs/kubernetes-behaviour.md §21.2).
    /// Then fills the aggregated roles' rules.
    package func reconcileBootstrapPolicy() {
        for role in BootstrapPolicy.clusterRoles { reconcile(.clusterroles, BootstrapPolicy.object(role)) }
        for binding in BootstrapPolicy.clusterRoleBindings {
            reconcile(.clusterrolebindings, BootstrapPolicy.object(binding))
        }
        aggregateClusterRoles()
    }

    /// Creates `expected` when absent; adds what it lacks to a stored object that allows autoupdate.
    package func reconcile(_ resource: ResourceKind, _ expected: JSONObject) {
        guard let name = expected.name else { return }
        guard let existing = lookup(resource, name: name) else {
            _ = try? create(resource, expected)
            return
        }
        guard existing.string(at: ["metadata", "annotations", BootstrapPolicy.autoupdateAnnotation]) == "true" else {
            return
        }
        var merged = existing
        for key in ["labels", "annotations"] {
            for member in expected.value(at: ["metadata", key])?.objectValue?.members ?? []
            where merged.value(at: ["metadata", key, member.key]) == nil {
                merged.setValue(member.value, at: ["metadata", key, member.key])
            }
        }
        for key in ["rules", "subjects"] {
            var items = merged[key]?.arrayValue ?? []
            for item in expected[key]?.arrayValue ?? [] where !items.contains(item) { items.append(item) }
            if !items.isEmpty || merged[key] != nil { merged[key] = .array(items) }
        }
        if let selectors = expected.value(at: ["aggregationRule", "clusterRoleSelectors"])?.arrayValue {
            var items = merged.value(at: ["aggregationRule", "clusterRoleSelectors"])?.arrayValue ?? []
            for item in selectors where !items.contains(item) { items.append(item) }
            merged.setValue(.array(items), at: ["aggregationRule", "clusterRoleSelectors"])
        }
        if resource == .clusterrolebindings, merged["roleRef"] != expected["roleRef"] {
            // The role reference cannot change: the apiserver deletes and recreates the binding.
            _ = try? delete(resource, name: name)
            _ = try? create(resource, expected)
            return
        }
        if merged != existing { _ = try? replace(resource, name: name, merged) }
    }

    /// Writes every aggregated ClusterRole's collected rules (the clusterrole-aggregation
    /// controller's sync), until no role changes.
    package func aggregateClusterRoles() {
        for _ in 0..<8 {
            let roles = list(.clusterroles).items
            let updates = roles.compactMap { ClusterRoleAggregation.updated($0, in: roles) }
            if updates.isEmpty { return }
            for role in updates { _ = try? replace(.clusterroles, name: role.name ?? "", role) }
        }
    }
}
