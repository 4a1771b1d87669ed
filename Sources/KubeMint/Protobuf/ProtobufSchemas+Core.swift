// core/v1 ServiceAccount, Secret, ConfigMap, Namespace, Node (k8s.io/api v0.33.9 core/v1/generated.proto;
// docs/kubernetes-behaviour.md §25.1).
extension ProtobufSchemas {
    /// `ObjectReference`.
    static let objectReference = ProtobufMessageSchema(
        "ObjectReference",
        [
            ProtobufField(1, "kind", .string, .omitEmpty),
            ProtobufField(2, "namespace", .string, .omitEmpty),
            ProtobufField(3, "name", .string, .omitEmpty),
            ProtobufField(4, "uid", .string, .omitEmpty),
            ProtobufField(5, "apiVersion", .string, .omitEmpty),
            ProtobufField(6, "resourceVersion", .string, .omitEmpty),
            ProtobufField(7, "fieldPath", .string, .omitEmpty),
        ])

    /// `ServiceAccount`.
    static let serviceAccount = ProtobufMessageSchema(
        "ServiceAccount",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "secrets", .message(objectReference), repeated: true, .omitEmpty),
            ProtobufField(3, "imagePullSecrets", .message(localObjectReference), repeated: true, .omitEmpty),
            ProtobufField(4, "automountServiceAccountToken", .bool, .optional),
        ])

    /// `Secret`.
    static let secret = ProtobufMessageSchema(
        "Secret",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(5, "immutable", .bool, .optional),
            ProtobufField(2, "data", .bytesMap, .omitEmpty),
            ProtobufField(4, "stringData", .stringMap, .omitEmpty),
            ProtobufField(3, "type", .string, .omitEmpty),
        ])

    /// `ConfigMap`.
    static let configMap = ProtobufMessageSchema(
        "ConfigMap",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(4, "immutable", .bool, .optional),
            ProtobufField(2, "data", .stringMap, .omitEmpty),
            ProtobufField(3, "binaryData", .bytesMap, .omitEmpty),
        ])

    /// `NamespaceSpec`.
    static let namespaceSpec = ProtobufMessageSchema(
        "NamespaceSpec",
        [
            ProtobufField(1, "finalizers", .string, repeated: true, .omitEmpty)
        ])

    /// `NamespaceCondition`.
    static let namespaceCondition = ProtobufMessageSchema(
        "NamespaceCondition",
        [
            ProtobufField(1, "type", .string, .always),
            ProtobufField(2, "status", .string, .always),
            ProtobufField(4, "lastTransitionTime", .time, .always),
            ProtobufField(5, "reason", .string, .omitEmpty),
            ProtobufField(6, "message", .string, .omitEmpty),
        ])

    /// `NamespaceStatus`.
    static let namespaceStatus = ProtobufMessageSchema(
        "NamespaceStatus",
        [
            ProtobufField(1, "phase", .string, .omitEmpty),
            ProtobufField(2, "conditions", .message(namespaceCondition), repeated: true, .omitEmpty),
        ])

    /// `Namespace`.
    static let namespace = ProtobufMessageSchema(
        "Namespace",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "spec", .message(namespaceSpec), .always),
            ProtobufField(3, "status", .message(namespaceStatus), .always),
        ])

    /// `Taint`.
    static let taint = ProtobufMessageSchema(
        "Taint",
        [
            ProtobufField(1, "key", .string, .always),
            ProtobufField(2, "value", .string, .omitEmpty),
            ProtobufField(3, "effect", .string, .always),
            ProtobufField(4, "timeAdded", .time, .optional),
        ])

    /// `NodeSpec`.
    static let nodeSpec = ProtobufMessageSchema(
        "NodeSpec",
        [
            ProtobufField(1, "podCIDR", .string, .omitEmpty),
            ProtobufField(7, "podCIDRs", .string, repeated: true, .omitEmpty),
            ProtobufField(3, "providerID", .string, .omitEmpty),
            ProtobufField(4, "unschedulable", .bool, .omitEmpty),
            ProtobufField(5, "taints", .message(taint), repeated: true, .omitEmpty),
            ProtobufField(6, "configSource", .message(nodeConfigSource), .optional),
            ProtobufField(2, "externalID", .string, .omitEmpty),
        ])

    /// `Node`.
    static let node = ProtobufMessageSchema(
        "Node",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "spec", .message(nodeSpec), .always),
            ProtobufField(3, "status", .message(nodeStatus), .always),
        ])
}
