// rbac.authorization.k8s.io/v1: Role, ClusterRole, RoleBinding, ClusterRoleBinding
// (upstream's staging/src/k8s.io/api/rbac/v1/types.go; docs/kubernetes-behaviour.md §21).
extension KubeSchemas {
    static let rbac = "io.k8s.api.rbac.v1."

    /// The `rbac.authorization.k8s.io/v1` kind `kind`.
    static func rbacKind(_ kind: String) -> [SchemaKind] { [SchemaKind(ResourceKind.rbacGroup, "v1", kind)] }

    /// `PolicyRule`.
    static let policyRule = ObjectSchema(
        rbac + "PolicyRule", "What a role allows: verbs on resources of API groups, or on non-resource URLs.",
        [
            SchemaField("verbs", .atomicStrings, "Verbs allowed; * allows every verb.", required: true),
            SchemaField(
                "apiGroups", .atomicStrings, "API groups of the resources; \"\" is the core group, * every group."),
            SchemaField("resources", .atomicStrings, "Resources (resource/subresource allowed); * every resource."),
            SchemaField(
                "resourceNames", .atomicStrings, "Object names the rule is limited to; empty allows every name."),
            SchemaField(
                "nonResourceURLs", .atomicStrings,
                "Paths outside resources, such as /healthz; a trailing * matches a prefix. ClusterRoles only."),
        ])

    /// The `rules` field of Roles and ClusterRoles.
    static let rulesField = SchemaField("rules", .atomicList(policyRule), "The rules of this role.")

    /// `Role`.
    static let role = topLevelKind(
        rbac + "Role", "Rules that a RoleBinding grants in one namespace.", rbacKind("Role"), [rulesField])

    /// `ClusterRole`.
    static let clusterRole = topLevelKind(
        rbac + "ClusterRole", "Rules granted cluster-wide by a ClusterRoleBinding, or in a namespace by a RoleBinding.",
        rbacKind("ClusterRole"),
        [
            rulesField,
            SchemaField(
                "aggregationRule",
                .object(
                    ObjectSchema(
                        rbac + "AggregationRule", "Which ClusterRoles' rules this role collects.",
                        [
                            SchemaField(
                                "clusterRoleSelectors", .atomicList(labelSelector),
                                "Selectors of the ClusterRoles whose rules are collected.")
                        ])),
                "When set, the controller manages rules: it collects those of the selected ClusterRoles."),
        ])

    /// `Subject`.
    static let subject = ObjectSchema(
        rbac + "Subject", "Who a binding grants to: a user, a group or a service account.",
        [
            SchemaField("kind", .text, "User, Group or ServiceAccount.", required: true),
            SchemaField(
                "apiGroup", .text, "rbac.authorization.k8s.io for users and groups, empty for service accounts."),
            SchemaField("name", .text, "The user, group or service account name.", required: true),
            SchemaField("namespace", .text, "A service account's namespace."),
        ])

    /// `RoleRef`.
    static let roleRef = ObjectSchema(
        rbac + "RoleRef", "The role a binding grants.",
        [
            SchemaField("apiGroup", .text, "The role's API group.", required: true),
            SchemaField("kind", .text, "Role or ClusterRole.", required: true),
            SchemaField("name", .text, "The role's name.", required: true),
        ])

    /// The fields of RoleBindings and ClusterRoleBindings.
    static let bindingFields = [
        SchemaField("subjects", .atomicList(subject), "Who is granted the role."),
        SchemaField("roleRef", .object(roleRef), "The role granted; it cannot change.", required: true),
    ]

    /// `RoleBinding`.
    static let roleBinding = topLevelKind(
        rbac + "RoleBinding", "Grants a Role or ClusterRole to subjects in one namespace.", rbacKind("RoleBinding"),
        bindingFields)

    /// `ClusterRoleBinding`.
    static let clusterRoleBinding = topLevelKind(
        rbac + "ClusterRoleBinding", "Grants a ClusterRole to subjects in every namespace.",
        rbacKind("ClusterRoleBinding"), bindingFields)
}
