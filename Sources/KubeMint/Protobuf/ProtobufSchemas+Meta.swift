/// The message schemas kubemint decodes, by Kubernetes API group. Field numbers come from the
/// `generated.proto` files of kubernetes/api and kubernetes/apimachinery; JSON names, member order
/// and presence from the Go `json:` tags in the matching `types.go`.
enum ProtobufSchemas {}

// apimachinery: runtime.TypeMeta and meta/v1.
extension ProtobufSchemas {
    /// `runtime.TypeMeta {1: apiVersion, 2: kind}`.
    static let typeMeta = ProtobufMessageSchema(
        "TypeMeta",
        [
            ProtobufField(1, "apiVersion", .string, .always),
            ProtobufField(2, "kind", .string, .always),
        ])

    /// `metav1.OwnerReference`.
    static let ownerReference = ProtobufMessageSchema(
        "OwnerReference",
        [
            ProtobufField(5, "apiVersion", .string, .always),
            ProtobufField(1, "kind", .string, .always),
            ProtobufField(3, "name", .string, .always),
            ProtobufField(4, "uid", .string, .always),
            ProtobufField(6, "controller", .bool, .optional),
            ProtobufField(7, "blockOwnerDeletion", .bool, .optional),
        ])

    /// `metav1.ObjectMeta`. Dropped: `managedFields` (17). `creationTimestamp` is written as `null`
    /// when zero, as apimachinery before `omitzero` (kubectl ≤ 1.33) wrote it.
    static let objectMeta = ProtobufMessageSchema(
        "ObjectMeta",
        [
            ProtobufField(1, "name", .string, .omitEmpty),
            ProtobufField(2, "generateName", .string, .omitEmpty),
            ProtobufField(3, "namespace", .string, .omitEmpty),
            ProtobufField(4, "selfLink", .string, .omitEmpty),
            ProtobufField(5, "uid", .string, .omitEmpty),
            ProtobufField(6, "resourceVersion", .string, .omitEmpty),
            ProtobufField(7, "generation", .int64, .omitEmpty),
            ProtobufField(8, "creationTimestamp", .time, .always),
            ProtobufField(9, "deletionTimestamp", .time, .optional),
            ProtobufField(10, "deletionGracePeriodSeconds", .int64, .optional),
            ProtobufField(11, "labels", .stringMap, .omitEmpty),
            ProtobufField(12, "annotations", .stringMap, .omitEmpty),
            ProtobufField(13, "ownerReferences", .message(ownerReference), repeated: true, .omitEmpty),
            ProtobufField(14, "finalizers", .string, repeated: true, .omitEmpty),
        ])

    /// The `metadata` member every top-level kind has (field 1, a Go struct: always written).
    static let metadata = ProtobufField(1, "metadata", .message(objectMeta), .always)
}
