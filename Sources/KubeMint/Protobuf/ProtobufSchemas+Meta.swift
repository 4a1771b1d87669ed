/// The message schemas kubemint decodes, by Kubernetes API group. Field numbers come from the
/// `generated.proto` files of kubernetes/api and kubernetes/apimachinery; JSON names, member order
/// and presence from the Go `json:` tags in the matching `types.go`.
enum ProtobufSchemas {}

// apimachinery: runtime.TypeMeta and meta/v1 (k8s.io/apimachinery v0.33.9 pkg/apis/meta/v1/generated.proto;
// docs/kubernetes-behaviour.md §25.1).
extension ProtobufSchemas {
    /// `runtime.TypeMeta {1: apiVersion, 2: kind}`.
    static let typeMeta = ProtobufMessageSchema(
        "TypeMeta",
        [
            ProtobufField(1, "apiVersion", .string, .always),
            ProtobufField(2, "kind", .string, .always),
        ])

    /// `OwnerReference`.
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

    /// `ManagedFieldsEntry`.
    static let managedFieldsEntry = ProtobufMessageSchema(
        "ManagedFieldsEntry",
        [
            ProtobufField(1, "manager", .string, .omitEmpty),
            ProtobufField(2, "operation", .string, .omitEmpty),
            ProtobufField(3, "apiVersion", .string, .omitEmpty),
            ProtobufField(4, "time", .time, .optional),
            ProtobufField(6, "fieldsType", .string, .omitEmpty),
            ProtobufField(7, "fieldsV1", .fieldsV1, .optional),
            ProtobufField(8, "subresource", .string, .omitEmpty),
        ])

    /// `ObjectMeta`.
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
            ProtobufField(17, "managedFields", .message(managedFieldsEntry), repeated: true, .omitEmpty),
        ])

    /// `ListMeta`.
    static let listMeta = ProtobufMessageSchema(
        "ListMeta",
        [
            ProtobufField(1, "selfLink", .string, .omitEmpty),
            ProtobufField(2, "resourceVersion", .string, .omitEmpty),
            ProtobufField(3, "continue", .string, .omitEmpty),
            ProtobufField(4, "remainingItemCount", .int64, .optional),
        ])

    /// `StatusCause`.
    static let statusCause = ProtobufMessageSchema(
        "StatusCause",
        [
            ProtobufField(1, "reason", .string, .omitEmpty),
            ProtobufField(2, "message", .string, .omitEmpty),
            ProtobufField(3, "field", .string, .omitEmpty),
        ])

    /// `StatusDetails`.
    static let statusDetails = ProtobufMessageSchema(
        "StatusDetails",
        [
            ProtobufField(1, "name", .string, .omitEmpty),
            ProtobufField(2, "group", .string, .omitEmpty),
            ProtobufField(3, "kind", .string, .omitEmpty),
            ProtobufField(6, "uid", .string, .omitEmpty),
            ProtobufField(4, "causes", .message(statusCause), repeated: true, .omitEmpty),
            ProtobufField(5, "retryAfterSeconds", .int32, .omitEmpty),
        ])

    /// `Status`.
    static let status = ProtobufMessageSchema(
        "Status",
        [
            ProtobufField(1, "metadata", .message(listMeta), .always),
            ProtobufField(2, "status", .string, .omitEmpty),
            ProtobufField(3, "message", .string, .omitEmpty),
            ProtobufField(4, "reason", .string, .omitEmpty),
            ProtobufField(5, "details", .message(statusDetails), .optional),
            ProtobufField(6, "code", .int32, .omitEmpty),
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
}
