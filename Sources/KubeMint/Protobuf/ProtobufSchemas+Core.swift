// core/v1: ServiceAccount, Secret, ConfigMap, Namespace, Node (Pod is in ProtobufSchemas+Pod.swift).
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

    /// `LocalObjectReference`.
    static let localObjectReference = ProtobufMessageSchema(
        "LocalObjectReference", [ProtobufField(1, "name", .string, .omitEmpty)])

    /// `ServiceAccount`.
    static let serviceAccount = ProtobufMessageSchema(
        "ServiceAccount",
        [
            metadata,
            ProtobufField(2, "secrets", .message(objectReference), repeated: true, .omitEmpty),
            ProtobufField(3, "imagePullSecrets", .message(localObjectReference), repeated: true, .omitEmpty),
            ProtobufField(4, "automountServiceAccountToken", .bool, .optional),
        ])

    /// `Secret`: `data` values become standard base64 strings, as in JSON.
    static let secret = ProtobufMessageSchema(
        "Secret",
        [
            metadata,
            ProtobufField(5, "immutable", .bool, .optional),
            ProtobufField(2, "data", .bytesMap, .omitEmpty),
            ProtobufField(4, "stringData", .stringMap, .omitEmpty),
            ProtobufField(3, "type", .string, .omitEmpty),
        ])

    /// `ConfigMap`: `binaryData` values become standard base64 strings, as in JSON.
    static let configMap = ProtobufMessageSchema(
        "ConfigMap",
        [
            metadata,
            ProtobufField(4, "immutable", .bool, .optional),
            ProtobufField(2, "data", .stringMap, .omitEmpty),
            ProtobufField(3, "binaryData", .bytesMap, .omitEmpty),
        ])

    /// `Namespace`. Dropped: `status.conditions`.
    static let namespace = ProtobufMessageSchema(
        "Namespace",
        [
            metadata,
            ProtobufField(
                2, "spec",
                .message(
                    ProtobufMessageSchema(
                        "NamespaceSpec", [ProtobufField(1, "finalizers", .string, repeated: true, .omitEmpty)])),
                .always),
            ProtobufField(
                3, "status",
                .message(ProtobufMessageSchema("NamespaceStatus", [ProtobufField(1, "phase", .string, .omitEmpty)])),
                .always),
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

    /// `NodeSpec`. Dropped: `configSource` (6), `podPreemptionPolicy` (8).
    static let nodeSpec = ProtobufMessageSchema(
        "NodeSpec",
        [
            ProtobufField(1, "podCIDR", .string, .omitEmpty),
            ProtobufField(7, "podCIDRs", .string, repeated: true, .omitEmpty),
            ProtobufField(3, "providerID", .string, .omitEmpty),
            ProtobufField(4, "unschedulable", .bool, .omitEmpty),
            ProtobufField(5, "taints", .message(taint), repeated: true, .omitEmpty),
            ProtobufField(2, "externalID", .string, .omitEmpty),
        ])

    /// `Node`. Dropped: the whole `status` (written as `{}`).
    static let node = ProtobufMessageSchema(
        "Node",
        [
            metadata,
            ProtobufField(2, "spec", .message(nodeSpec), .always),
            ProtobufField(3, "status", .message(ProtobufMessageSchema("NodeStatus", [])), .always),
        ])
}
