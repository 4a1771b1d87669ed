/// The clusterrole-aggregation controller's rule (`pkg/controller/clusterroleaggregation`): a
/// ClusterRole with an `aggregationRule` holds the rules of every other ClusterRole one of its
/// selectors matches, in selector order, then name order, each rule once (docs/kubernetes-behaviour.md §21).
package enum ClusterRoleAggregation {
    /// Every ClusterRole's effective rules by name: stored rules, or for aggregated roles the
    /// aggregation, repeated until nothing changes (an aggregated role can select another).
    package static func effectiveRules(_ clusterRoles: [JSONObject]) -> [String: [PolicyRule]] {
        let sorted = clusterRoles.sorted { ($0.name ?? "") < ($1.name ?? "") }
        var rules: [String: [PolicyRule]] = [:]
        for role in sorted { rules[role.name ?? ""] = RBACIndex.rules(of: role) }
        let aggregated = sorted.filter { $0["aggregationRule"]?.objectValue != nil }
        guard !aggregated.isEmpty else { return rules }
        for _ in 0...aggregated.count {
            var changed = false
            for role in aggregated {
                let name = role.name ?? ""
                let next = aggregate(role, from: sorted, rules: rules)
                if next != rules[name] {
                    rules[name] = next
                    changed = true
                }
            }
            if !changed { break }
        }
        return rules
    }

    /// The rules `role`'s aggregation rule collects from `roles` (whose rules are `rules`).
    static func aggregate(_ role: JSONObject, from roles: [JSONObject], rules: [String: [PolicyRule]]) -> [PolicyRule] {
        var collected: [PolicyRule] = []
        let selectors = (role.value(at: ["aggregationRule", "clusterRoleSelectors"])?.arrayValue ?? [])
            .compactMap(\.objectValue)
        for selector in selectors {
            for other in roles where other.name != role.name && matches(selector, other) {
                for rule in rules[other.name ?? ""] ?? [] where !collected.contains(rule) { collected.append(rule) }
            }
        }
        return collected
    }

    /// Whether a `metav1.LabelSelector` (matchLabels and matchExpressions) selects `object`.
    static func matches(_ selector: JSONObject, _ object: JSONObject) -> Bool {
        let labels = (object.value(at: ["metadata", "labels"])?.objectValue?.members ?? [])
            .reduce(into: [String: String]()) { $0[$1.key] = $1.value.stringValue ?? "" }
        for member in selector["matchLabels"]?.objectValue?.members ?? []
        where labels[member.key] != member.value.stringValue {
            return false
        }
        for expression in (selector["matchExpressions"]?.arrayValue ?? []).compactMap(\.objectValue) {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            let present = labels[key]
            let holds: Bool =
                switch expression["operator"]?.stringValue ?? "" {
                case "In": present.map(values.contains) ?? false
                case "NotIn": present.map { !values.contains($0) } ?? true
                case "Exists": present != nil
                case "DoesNotExist": present == nil
                default: false
                }
            if !holds { return false }
        }
        return true
    }

    /// The stored ClusterRole `role` with its `rules` replaced by the aggregation, or nil when the
    /// role aggregates nothing or already holds exactly those rules.
    package static func updated(_ role: JSONObject, in clusterRoles: [JSONObject]) -> JSONObject? {
        guard role["aggregationRule"]?.objectValue != nil, let name = role.name else { return nil }
        guard let rules = effectiveRules(clusterRoles)[name], rules != RBACIndex.rules(of: role) else { return nil }
        var updated = role
        updated["rules"] = .array(rules.map { .object($0.json) })
        return updated
    }
}
