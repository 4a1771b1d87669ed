/// Create and update validation of the RBAC kinds, worded as the apiserver's
/// `pkg/apis/rbac/validation` (docs/kubernetes-behaviour.md §21). Metadata and names are
/// checked by ``ObjectValidation`` (RBAC names are path segments: `ValidateRBACName`).
package enum RBACValidation {
    /// `ValidateRole` / `ValidateClusterRole`: every rule, and a ClusterRole's aggregation rule.
    package static func errors(role: JSONObject, as resource: ResourceKind) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, rule) in (role["rules"]?.arrayValue ?? []).enumerated() {
            errors += ruleErrors(
                PolicyRule(json: rule.objectValue ?? JSONObject()), namespaced: resource == .roles,
                at: "rules[\(index)]")
        }
        if resource == .clusterroles, let aggregation = role["aggregationRule"]?.objectValue {
            if (aggregation["clusterRoleSelectors"]?.arrayValue ?? []).isEmpty {
                errors.append(
                    FieldError(
                        .required, field: "aggregationRule.clusterRoleSelectors",
                        detail: "at least one clusterRoleSelector required if aggregationRule is non-nil"))
            }
        }
        return errors
    }

    /// `ValidatePolicyRule`.
    static func ruleErrors(_ rule: PolicyRule, namespaced: Bool, at path: String) -> [FieldError] {
        var errors: [FieldError] = []
        if rule.verbs.isEmpty {
            errors.append(
                FieldError(.required, field: "\(path).verbs", detail: "verbs must contain at least one value"))
        }
        if !rule.nonResourceURLs.isEmpty {
            let urls = FieldError.Value.raw(goStringSlice(rule.nonResourceURLs))
            if namespaced {
                errors.append(
                    FieldError(
                        .invalid, field: "\(path).nonResourceURLs", value: urls,
                        detail: "namespaced rules cannot apply to non-resource URLs"))
            }
            if !rule.apiGroups.isEmpty || !rule.resources.isEmpty || !rule.resourceNames.isEmpty {
                errors.append(
                    FieldError(
                        .invalid, field: "\(path).nonResourceURLs", value: urls,
                        detail: "rules cannot apply to both regular resources and non-resource URLs"))
            }
            return errors
        }
        if rule.apiGroups.isEmpty {
            errors.append(
                FieldError(
                    .required, field: "\(path).apiGroups", detail: "resource rules must supply at least one api group"))
        }
        if rule.resources.isEmpty {
            errors.append(
                FieldError(
                    .required, field: "\(path).resources", detail: "resource rules must supply at least one resource"))
        }
        return errors
    }

    /// `ValidateRoleBinding` / `ValidateClusterRoleBinding`: the role reference and the subjects.
    package static func errors(binding: JSONObject, as resource: ResourceKind) -> [FieldError] {
        var errors: [FieldError] = []
        let apiGroup = binding.string(at: ["roleRef", "apiGroup"]) ?? ""
        if apiGroup != ResourceKind.rbacGroup {
            errors.append(notSupported("roleRef.apiGroup", apiGroup, [ResourceKind.rbacGroup]))
        }
        let kind = binding.string(at: ["roleRef", "kind"]) ?? ""
        let kinds = resource == .rolebindings ? ["Role", "ClusterRole"] : ["ClusterRole"]
        if !kinds.contains(kind) { errors.append(notSupported("roleRef.kind", kind, kinds)) }
        let roleName = binding.string(at: ["roleRef", "name"]) ?? ""
        if roleName.isEmpty {
            errors.append(FieldError(.required, field: "roleRef.name"))
        } else {
            for message in NameValidation.pathSegmentName(roleName) {
                errors.append(FieldError(.invalid, field: "roleRef.name", value: .string(roleName), detail: message))
            }
        }
        for (index, subject) in (binding["subjects"]?.arrayValue ?? []).enumerated() {
            errors += subjectErrors(
                subject.objectValue ?? JSONObject(), namespaced: resource == .rolebindings, at: "subjects[\(index)]")
        }
        return errors
    }

    /// `ValidateRoleBindingSubject`.
    static func subjectErrors(_ subject: JSONObject, namespaced: Bool, at path: String) -> [FieldError] {
        var errors: [FieldError] = []
        let name = subject["name"]?.stringValue ?? ""
        let apiGroup = subject["apiGroup"]?.stringValue ?? ""
        if name.isEmpty { errors.append(FieldError(.required, field: "\(path).name")) }
        switch subject["kind"]?.stringValue ?? "" {
        case "ServiceAccount":
            if !name.isEmpty {
                for message in NameValidation.dns1123Subdomain(name) {
                    errors.append(FieldError(.invalid, field: "\(path).name", value: .string(name), detail: message))
                }
            }
            if !apiGroup.isEmpty { errors.append(notSupported("\(path).apiGroup", apiGroup, [""])) }
            if !namespaced && (subject["namespace"]?.stringValue ?? "").isEmpty {
                errors.append(FieldError(.required, field: "\(path).namespace"))
            }
        case "User", "Group":
            if apiGroup != ResourceKind.rbacGroup {
                errors.append(notSupported("\(path).apiGroup", apiGroup, [ResourceKind.rbacGroup]))
            }
        case let kind:
            errors.append(notSupported("\(path).kind", kind, ["ServiceAccount", "User", "Group"]))
        }
        return errors
    }

    /// `ValidateRoleBindingUpdate`: the role reference never changes.
    package static func roleRefErrors(updating old: JSONObject, to new: JSONObject) -> [FieldError] {
        let before = roleRef(old)
        let after = roleRef(new)
        guard before != after else { return [] }
        let printed =
            "rbac.RoleRef{APIGroup:\"\(goQuoteBody(after[0]))\", Kind:\"\(goQuoteBody(after[1]))\", Name:\"\(goQuoteBody(after[2]))\"}"
        return [FieldError(.invalid, field: "roleRef", value: .raw(printed), detail: "cannot change roleRef")]
    }

    private static func roleRef(_ binding: JSONObject) -> [String] {
        ["apiGroup", "kind", "name"].map { binding.string(at: ["roleRef", $0]) ?? "" }
    }

    /// The defaults `SetDefaults_RoleBinding`/`SetDefaults_Subject` give: `roleRef.apiGroup` and a
    /// User's or Group's `apiGroup` become `rbac.authorization.k8s.io` when empty.
    package static func applyDefaults(_ binding: inout JSONObject) {
        if (binding.string(at: ["roleRef", "apiGroup"]) ?? "").isEmpty, binding["roleRef"]?.objectValue != nil {
            binding.setValue(.string(ResourceKind.rbacGroup), at: ["roleRef", "apiGroup"])
        }
        guard var subjects = binding["subjects"]?.arrayValue else { return }
        for index in subjects.indices {
            guard var subject = subjects[index].objectValue,
                ["User", "Group"].contains(subject["kind"]?.stringValue ?? ""),
                (subject["apiGroup"]?.stringValue ?? "").isEmpty
            else { continue }
            subject["apiGroup"] = .string(ResourceKind.rbacGroup)
            subjects[index] = .object(subject)
        }
        binding["subjects"] = .array(subjects)
    }

    /// `field.NotSupported`: `Unsupported value: "x": supported values: "a", "b"`.
    private static func notSupported(_ field: String, _ value: String, _ supported: [String]) -> FieldError {
        FieldError(
            .notSupported, field: field, value: .string(value),
            detail: "supported values: " + supported.map { "\"\(goQuoteBody($0))\"" }.joined(separator: ", "))
    }

    /// Go's `%#v` of a `[]string`: `[]string{"/a", "/b"}`.
    static func goStringSlice(_ values: [String]) -> String {
        "[]string{" + values.map { "\"\(goQuoteBody($0))\"" }.joined(separator: ", ") + "}"
    }
}
