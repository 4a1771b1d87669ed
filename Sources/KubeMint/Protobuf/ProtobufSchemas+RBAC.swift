// rbac.authorization.k8s.io/v1 (k8s.io/api/rbac/v1/generated.proto): what kubectl create
// role|clusterrole|rolebinding|clusterrolebinding sends (docs/kubernetes-behaviour.md §21.1).
extension ProtobufSchemas {
    /// `PolicyRule`.
    static let policyRule = ProtobufMessageSchema(
        "PolicyRule",
        [
            ProtobufField(1, "verbs", .string, repeated: true, .nullable),
            ProtobufField(2, "apiGroups", .string, repeated: true, .omitEmpty),
            ProtobufField(3, "resources", .string, repeated: true, .omitEmpty),
            ProtobufField(4, "resourceNames", .string, repeated: true, .omitEmpty),
            ProtobufField(5, "nonResourceURLs", .string, repeated: true, .omitEmpty),
        ])

    /// `LabelSelectorRequirement`.
    static let labelSelectorRequirement = ProtobufMessageSchema(
        "LabelSelectorRequirement",
        [
            ProtobufField(1, "key", .string, .always),
            ProtobufField(2, "operator", .string, .always),
            ProtobufField(3, "values", .string, repeated: true, .omitEmpty),
        ])

    /// `LabelSelector`.
    static let labelSelector = ProtobufMessageSchema(
        "LabelSelector",
        [
            ProtobufField(1, "matchLabels", .stringMap, .omitEmpty),
            ProtobufField(2, "matchExpressions", .message(labelSelectorRequirement), repeated: true, .omitEmpty),
        ])

    /// `Role`.
    static let role = ProtobufMessageSchema(
        "Role", [metadata, ProtobufField(2, "rules", .message(policyRule), repeated: true, .nullable)])

    /// `ClusterRole`.
    static let clusterRole = ProtobufMessageSchema(
        "ClusterRole",
        [
            metadata,
            ProtobufField(2, "rules", .message(policyRule), repeated: true, .nullable),
            ProtobufField(
                3, "aggregationRule",
                .message(
                    ProtobufMessageSchema(
                        "AggregationRule",
                        [ProtobufField(1, "clusterRoleSelectors", .message(labelSelector), repeated: true, .omitEmpty)])
                ),
                .optional),
        ])

    /// `Subject`.
    static let subject = ProtobufMessageSchema(
        "Subject",
        [
            ProtobufField(1, "kind", .string, .always),
            ProtobufField(2, "apiGroup", .string, .omitEmpty),
            ProtobufField(3, "name", .string, .always),
            ProtobufField(4, "namespace", .string, .omitEmpty),
        ])

    /// `RoleRef`.
    static let roleRef = ProtobufMessageSchema(
        "RoleRef",
        [
            ProtobufField(1, "apiGroup", .string, .always),
            ProtobufField(2, "kind", .string, .always),
            ProtobufField(3, "name", .string, .always),
        ])

    /// `RoleBinding` and `ClusterRoleBinding` (the same fields).
    static func binding(_ name: String) -> ProtobufMessageSchema {
        ProtobufMessageSchema(
            name,
            [
                metadata,
                ProtobufField(2, "subjects", .message(subject), repeated: true, .omitEmpty),
                ProtobufField(3, "roleRef", .message(roleRef), .always),
            ])
    }
}
