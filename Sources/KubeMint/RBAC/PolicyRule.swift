/// One rule of a Role or ClusterRole (`rbac/v1.PolicyRule`) and how it matches a request, as
/// `plugin/pkg/auth/authorizer/rbac/rbac.go`'s `RuleAllows` decides (docs/kubernetes-behaviour.md §21).
package struct PolicyRule: Sendable, Hashable {
    /// Verbs (`get`, `create`, `*`).
    package var verbs: [String]
    /// API groups (`""` is the core group, `*` every group).
    package var apiGroups: [String]
    /// Resources, `resource/subresource`, `*`, `*/subresource` or `resource/*`.
    package var resources: [String]
    /// Object names the rule is limited to; empty means every name.
    package var resourceNames: [String]
    /// Non-resource paths (`/healthz`, `/apis/*`); a trailing `*` matches a prefix.
    package var nonResourceURLs: [String]

    /// A rule with the given lists.
    package init(
        verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
        nonResourceURLs: [String] = []
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }

    /// The rule a stored `rules[]` element holds; members of the wrong type read as empty (the
    /// type check refused them before anything was stored).
    package init(json: JSONObject) {
        func strings(_ key: String) -> [String] { json[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        self.init(
            verbs: strings("verbs"), apiGroups: strings("apiGroups"), resources: strings("resources"),
            resourceNames: strings("resourceNames"), nonResourceURLs: strings("nonResourceURLs"))
    }

    /// The rule as the API writes it: empty lists left out, in `PolicyRule`'s field order.
    package var json: JSONObject {
        var object = JSONObject([("verbs", .array(verbs.map(JSONValue.string)))])
        for (key, list) in [
            ("apiGroups", apiGroups), ("resources", resources), ("resourceNames", resourceNames),
            ("nonResourceURLs", nonResourceURLs),
        ] where !list.isEmpty {
            object[key] = .array(list.map(JSONValue.string))
        }
        return object
    }

    /// Whether the rule allows `request` (`RuleAllows`).
    package func allows(_ request: AuthorizationAttributes) -> Bool {
        guard verbs.contains("*") || verbs.contains(request.verb) else { return false }
        guard let path = request.nonResourcePath else {
            return (apiGroups.contains("*") || apiGroups.contains(request.group))
                && matchesResource(request.resource, subresource: request.subresource)
                && (resourceNames.isEmpty || resourceNames.contains(request.name))
        }
        return nonResourceURLs.contains { url in
            url == "*" || url == path || (url.hasSuffix("*") && path.hasPrefix(url.dropLast()))
        }
    }

    /// `ResourceMatches`: `*`, the exact `resource[/subresource]`, or `*/subresource`.
    private func matchesResource(_ resource: String, subresource: String) -> Bool {
        let combined = subresource.isEmpty ? resource : "\(resource)/\(subresource)"
        return resources.contains { rule in
            rule == "*" || rule == combined || (!subresource.isEmpty && rule == "*/\(subresource)")
        }
    }
}
