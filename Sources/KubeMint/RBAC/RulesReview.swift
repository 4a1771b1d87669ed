/// `SelfSubjectRulesReview` (`pkg/registry/authorization/selfsubjectrulesreview`;
/// docs/kubernetes-behaviour.md §21.5): every rule that applies to the caller in a namespace,
/// resource rules and non-resource rules apart, as RBAC's `RulesFor` lists them.
package enum RulesReview {
    /// The answer to `body` for `user` from `index`; 400 without `spec.namespace`.
    package static func response(_ body: JSONObject, user: RequestUser, index: RBACIndex) throws(KubeError)
        -> JSONObject
    {
        let spec = body["spec"]?.objectValue ?? JSONObject()
        let namespace = spec["namespace"]?.stringValue ?? ""
        guard !namespace.isEmpty else { throw KubeError.badRequest("no namespace on request") }
        let (rules, errors) = index.rules(for: user, namespace: namespace)
        var resourceRules: [JSONValue] = []
        var nonResourceRules: [JSONValue] = []
        for rule in rules {
            if !rule.resources.isEmpty {
                var object = JSONObject([("verbs", .array(rule.verbs.map(JSONValue.string)))])
                for (key, list) in [
                    ("apiGroups", rule.apiGroups), ("resources", rule.resources), ("resourceNames", rule.resourceNames),
                ]
                where !list.isEmpty {
                    object[key] = .array(list.map(JSONValue.string))
                }
                resourceRules.append(.object(object))
            }
            if !rule.nonResourceURLs.isEmpty {
                nonResourceRules.append(
                    .object(
                        JSONObject([
                            ("verbs", .array(rule.verbs.map(JSONValue.string))),
                            ("nonResourceURLs", .array(rule.nonResourceURLs.map(JSONValue.string))),
                        ])))
            }
        }
        var status = JSONObject([
            ("resourceRules", .array(resourceRules)), ("nonResourceRules", .array(nonResourceRules)),
            ("incomplete", .bool(false)),
        ])
        if !errors.isEmpty {
            status["evaluationError"] = .string(
                errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]")
        }
        var metadata = body["metadata"]?.objectValue ?? JSONObject()
        metadata["creationTimestamp"] = .null
        return JSONObject([
            ("kind", .string("SelfSubjectRulesReview")), ("apiVersion", .string("authorization.k8s.io/v1")),
            ("metadata", .object(metadata)), ("spec", .object(spec)), ("status", .object(status)),
        ])
    }
}
