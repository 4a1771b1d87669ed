// rbac.authorization.k8s.io/v1 (k8s.io/api v0.33.9 rbac/v1/generated.proto; docs/kubernetes-behaviour.md §21.1, §25.1).
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

    /// `Role`.
    static let role = ProtobufMessageSchema(
        "Role",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "rules", .message(policyRule), repeated: true, .nullable),
        ])

    /// `AggregationRule`.
    static let aggregationRule = ProtobufMessageSchema(
        "AggregationRule",
        [
            ProtobufField(1, "clusterRoleSelectors", .message(labelSelector), repeated: true, .omitEmpty)
        ])

    /// `ClusterRole`.
    static let clusterRole = ProtobufMessageSchema(
        "ClusterRole",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "rules", .message(policyRule), repeated: true, .nullable),
            ProtobufField(3, "aggregationRule", .message(aggregationRule), .optional),
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

    /// `RoleBinding`.
    static let roleBinding = ProtobufMessageSchema(
        "RoleBinding",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "subjects", .message(subject), repeated: true, .omitEmpty),
            ProtobufField(3, "roleRef", .message(roleRef), .always),
        ])

    /// `ClusterRoleBinding`.
    static let clusterRoleBinding = ProtobufMessageSchema(
        "ClusterRoleBinding",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "subjects", .message(subject), repeated: true, .omitEmpty),
            ProtobufField(3, "roleRef", .message(roleRef), .always),
        ])
}
