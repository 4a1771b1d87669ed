/// The default ClusterRoles and ClusterRoleBindings the apiserver creates at start, those that
/// matter around service accounts (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go`;
/// docs/kubernetes-behaviour.md §21.2). Each carries the label `kubernetes.io/bootstrapping:
/// rbac-defaults` and the annotation `rbac.authorization.kubernetes.io/autoupdate: "true"`.
package enum BootstrapPolicy {
    /// `Read` of policy.go.
    static let read = ["get", "list", "watch"]
    /// `Write` of policy.go.
    static let write = ["create", "update", "patch", "delete", "deletecollection"]
    /// `ReadWrite` of policy.go.
    static let readWrite = read + write

    /// A resource rule.
    static func rule(_ verbs: [String], _ groups: [String], _ resources: [String]) -> PolicyRule {
        PolicyRule(verbs: verbs, apiGroups: groups, resources: resources)
    }

    /// A non-resource rule.
    static func urls(_ verbs: [String], _ urls: [String]) -> PolicyRule {
        PolicyRule(verbs: verbs, nonResourceURLs: urls)
    }

    /// A default ClusterRole: name, rules, extra labels and the aggregation label it selects.
    package struct Role: Sendable {
        /// The name.
        package let name: String
        /// The rules (none for an aggregated role: the controller fills them).
        package let rules: [PolicyRule]
        /// Labels besides `kubernetes.io/bootstrapping`.
        package let labels: [(String, String)]
        /// `aggregationRule.clusterRoleSelectors[0].matchLabels`' one label, if aggregated.
        package let aggregatesLabel: String?

        init(_ name: String, _ rules: [PolicyRule], labels: [(String, String)] = [], aggregates: String? = nil) {
            self.name = name
            self.rules = rules
            self.labels = labels
            self.aggregatesLabel = aggregates
        }
    }

    /// The default ClusterRoles kubemint creates.
    package static let clusterRoles: [Role] = [
        Role("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
        Role(
            "system:discovery",
            [
                urls(
                    ["get"],
                    [
                        "/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api",
                        "/api/*", "/apis", "/apis/*",
                    ])
            ]),
        Role(
            "system:basic-user",
            [
                rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
            ]),
        Role("system:public-info-viewer", [urls(["get"], ["/livez", "/readyz", "/healthz", "/version", "/version/"])]),
        Role("admin", [], aggregates: "rbac.authorization.k8s.io/aggregate-to-admin"),
        Role(
            "edit", [], labels: [("rbac.authorization.k8s.io/aggregate-to-admin", "true")],
            aggregates: "rbac.authorization.k8s.io/aggregate-to-edit"),
        Role(
            "view", [], labels: [("rbac.authorization.k8s.io/aggregate-to-edit", "true")],
            aggregates: "rbac.authorization.k8s.io/aggregate-to-view"),
        Role(
            "system:aggregate-to-admin", BootstrapAggregateRules.admin,
            labels: [("rbac.authorization.k8s.io/aggregate-to-admin", "true")]),
        Role(
            "system:aggregate-to-edit", BootstrapAggregateRules.edit,
            labels: [("rbac.authorization.k8s.io/aggregate-to-edit", "true")]),
        Role(
            "system:aggregate-to-view", BootstrapAggregateRules.view,
            labels: [("rbac.authorization.k8s.io/aggregate-to-view", "true")]),
        Role(
            "system:auth-delegator",
            [
                rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
                rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
            ]),
        Role(
            "system:service-account-issuer-discovery",
            [urls(["get"], ["/.well-known/openid-configuration", "/openid/v1/jwks"])]),
    ]

    /// A default ClusterRoleBinding: its name (the role's) and the groups it binds.
    package struct Binding: Sendable {
        /// The binding's and the role's name.
        package let name: String
        /// The groups bound.
        package let groups: [String]
    }

    /// The default ClusterRoleBindings kubemint creates (`clusterRoleBindings()` of policy.go).
    package static let clusterRoleBindings: [Binding] = [
        Binding(name: "cluster-admin", groups: ["system:masters"]),
        Binding(name: "system:discovery", groups: ["system:authenticated"]),
        Binding(name: "system:basic-user", groups: ["system:authenticated"]),
        Binding(name: "system:public-info-viewer", groups: ["system:authenticated", "system:unauthenticated"]),
        Binding(name: "system:service-account-issuer-discovery", groups: ["system:serviceaccounts"]),
    ]

    /// The label every default object carries.
    package static let bootstrappingLabel = ("kubernetes.io/bootstrapping", "rbac-defaults")
    /// The annotation that lets reconciliation on start repair a default object.
    package static let autoupdateAnnotation = "rbac.authorization.kubernetes.io/autoupdate"

    /// The metadata of a default object named `name`.
    static func metadata(_ name: String, labels: [(String, String)]) -> JSONObject {
        var labelObject = JSONObject()
        for (key, value) in labels + [bootstrappingLabel] { labelObject[key] = .string(value) }
        return JSONObject([
            ("name", .string(name)), ("labels", .object(labelObject)),
            ("annotations", .object(JSONObject([(autoupdateAnnotation, .string("true"))]))),
        ])
    }

    /// A default ClusterRole as stored.
    package static func object(_ role: Role) -> JSONObject {
        var object = JSONObject([
            ("kind", .string("ClusterRole")), ("apiVersion", .string("rbac.authorization.k8s.io/v1")),
            ("metadata", .object(metadata(role.name, labels: role.labels))),
            ("rules", .array(role.rules.map { .object($0.json) })),
        ])
        if let label = role.aggregatesLabel {
            object["aggregationRule"] = [
                "clusterRoleSelectors": [.object(JSONObject([("matchLabels", .object(JSONObject([(label, "true")])))]))]
            ]
        }
        return object
    }

    /// A ClusterRoleBinding of ClusterRole `role` to `subjects`, as stored.
    package static func bindingObject(
        name: String, role: String, subjects: [RoleBinding.Subject], labels: [(String, String)]? = nil
    ) -> JSONObject {
        let subjectValues: [JSONValue] = subjects.map { subject in
            var object = JSONObject([("kind", .string(subject.kind))])
            if subject.kind != "ServiceAccount" { object["apiGroup"] = .string(ResourceKind.rbacGroup) }
            object["name"] = .string(subject.name)
            if !subject.namespace.isEmpty { object["namespace"] = .string(subject.namespace) }
            return .object(object)
        }
        return JSONObject([
            ("kind", .string("ClusterRoleBinding")), ("apiVersion", .string("rbac.authorization.k8s.io/v1")),
            (
                "metadata",
                labels.map { .object(metadata(name, labels: $0)) } ?? .object(JSONObject([("name", .string(name))]))
            ),
            ("subjects", .array(subjectValues)),
            (
                "roleRef",
                .object(
                    JSONObject([
                        ("apiGroup", .string(ResourceKind.rbacGroup)), ("kind", .string("ClusterRole")),
                        ("name", .string(role)),
                    ]))
            ),
        ])
    }

    /// A default ClusterRoleBinding as stored.
    package static func object(_ binding: Binding) -> JSONObject {
        bindingObject(
            name: binding.name, role: binding.name,
            subjects: binding.groups.map { RoleBinding.Subject(kind: "Group", name: $0) },
            labels: [])
    }
}
