// meta/v1: TypeMeta's fields, ObjectMeta, ListMeta, Status, DeleteOptions (docs/kubernetes-behaviour.md §17).
extension KubeSchemas {
    static let meta = "io.k8s.apimachinery.pkg.apis.meta.v1."

    /// `apiVersion` and `kind`, the first two fields of every top-level object.
    static let typeMeta: [SchemaField] = [
        SchemaField(
            "apiVersion", .text,
            "The versioned schema of this object, such as v1 or authentication.k8s.io/v1. Servers convert to it."),
        SchemaField("kind", .text, "The REST resource this object is, in CamelCase, such as Pod. Cannot be updated."),
    ]

    /// `metadata` of a top-level object.
    static let metadataField = SchemaField(
        "metadata", .object(objectMeta), "Standard object metadata: name, namespace, labels, annotations and more.")

    /// `metadata` of a list.
    static let listMetadataField = SchemaField(
        "metadata", .object(listMeta), "Standard list metadata: resource version and continue token.")

    /// `OwnerReference`.
    static let ownerReference = ObjectSchema(
        meta + "OwnerReference", "Names an object that owns this one; the owner must be in the same namespace.",
        [
            SchemaField("apiVersion", .text, "API version of the owner.", required: true),
            SchemaField("kind", .text, "Kind of the owner.", required: true),
            SchemaField("name", .text, "Name of the owner.", required: true),
            SchemaField("uid", .text, "UID of the owner.", required: true),
            SchemaField("controller", .boolean, "True when the owner is the managing controller."),
            SchemaField(
                "blockOwnerDeletion", .boolean,
                "True when the owner cannot be deleted from storage before this object is removed."),
        ])

    /// `ManagedFieldsEntry`: written by the server, kept as sent.
    static let managedFieldsEntry = ObjectSchema(
        meta + "ManagedFieldsEntry", "Which manager owns which fields of an object, and through which operation.",
        listsSomeFields: true,
        [
            SchemaField("manager", .text, "Who manages these fields."),
            SchemaField("operation", .text, "Apply or Update: the operation that set the fields."),
            SchemaField("apiVersion", .text, "The version of the fields' schema."),
            SchemaField("time", .time, "When the fields last changed."),
            SchemaField("fieldsType", .text, "The format of fieldsV1: always FieldsV1."),
            SchemaField("fieldsV1", .anything, "The set of fields, in the FieldsV1 format."),
            SchemaField("subresource", .text, "The subresource that changed the fields, if any."),
        ])

    /// `ObjectMeta`.
    static let objectMeta = ObjectSchema(
        meta + "ObjectMeta", "Metadata every persisted object has: identity, labels, annotations and ownership.",
        [
            SchemaField(
                "name", .text,
                "Unique name within a namespace; required on create unless generateName is set. Cannot be updated."),
            SchemaField(
                "generateName", .text, "Prefix from which the server makes a unique name when name is empty."),
            SchemaField(
                "namespace", .text, "The namespace the object lives in; empty for cluster-scoped kinds."),
            SchemaField("selfLink", .text, "Deprecated and no longer set by the server."),
            SchemaField(
                "uid", .text, "Unique identifier the server assigns at creation, never reused. Read-only."),
            SchemaField(
                "resourceVersion", .text,
                "Opaque version of the object, for optimistic concurrency on update and for watches. Read-only."),
            SchemaField("generation", .int64, "Sequence number of changes to the desired state. Read-only."),
            SchemaField("creationTimestamp", .time, "When the object was created, in UTC. Read-only."),
            SchemaField("deletionTimestamp", .time, "When the object will be deleted; set by the server. Read-only."),
            SchemaField(
                "deletionGracePeriodSeconds", .int64, "Seconds granted to terminate gracefully before removal."),
            SchemaField("labels", .stringMap, "Key/value pairs for organising and selecting objects."),
            SchemaField("annotations", .stringMap, "Key/value pairs for tools; not used for selection."),
            SchemaField(
                "ownerReferences",
                .list(
                    .object(ownerReference),
                    ListSemantics(listType: .map(keys: ["uid"]), mergeKey: "uid", strategicMerge: true)),
                "Objects this one depends on; when all owners are gone it is garbage collected."),
            SchemaField(
                "finalizers", .list(.text, .mergedSet),
                "Conditions that must be cleared before the object is removed from storage."),
            SchemaField(
                "managedFields", .list(.object(managedFieldsEntry), .atomic),
                "Which field managers own which fields; maintained by the server."),
        ])

    /// `ListMeta`.
    static let listMeta = ObjectSchema(
        meta + "ListMeta", "Metadata of a list: its resource version and a continue token for paging.",
        [
            SchemaField("selfLink", .text, "Deprecated and no longer set by the server."),
            SchemaField("resourceVersion", .text, "The version of the list, for watching from it. Read-only."),
            SchemaField("continue", .text, "Token to fetch the next page when the list was limited."),
            SchemaField("remainingItemCount", .int64, "How many items follow this page, when known."),
        ])

    /// `StatusCause`.
    static let statusCause = ObjectSchema(
        meta + "StatusCause", "One cause of an error: reason, message and the field it concerns.",
        [
            SchemaField("reason", .text, "Machine-readable cause, such as FieldValueInvalid."),
            SchemaField("message", .text, "Human-readable description of the cause."),
            SchemaField(
                "field", .text, "The field the cause concerns, as a JSON path such as spec.containers[0].name."),
        ])

    /// `StatusDetails`.
    static let statusDetails = ObjectSchema(
        meta + "StatusDetails", "More about a failed request: which object, and why.",
        [
            SchemaField("name", .text, "Name of the object the status is about."),
            SchemaField("group", .text, "API group of the object."),
            SchemaField("kind", .text, "Kind of the object."),
            SchemaField("uid", .text, "UID of the object."),
            SchemaField("causes", .list(.object(statusCause), .atomic), "The individual causes of the error."),
            SchemaField("retryAfterSeconds", .int32, "Seconds a client should wait before retrying."),
        ])

    /// `Status`, the answer to failed requests and to some deletes.
    package static let status = ObjectSchema(
        meta + "Status", "The result of a call that returns no object: success or why it failed.",
        kinds: [SchemaKind("", "v1", "Status")],
        typeMeta + [
            listMetadataField,
            SchemaField("status", .text, "Success or Failure."),
            SchemaField("message", .text, "Human-readable description of the status."),
            SchemaField("reason", .text, "Machine-readable reason, such as NotFound or AlreadyExists."),
            SchemaField("details", .object(statusDetails), "More about the reason, depending on it."),
            SchemaField("code", .int32, "The HTTP status code."),
        ])

    /// `Preconditions`.
    static let preconditions = ObjectSchema(
        meta + "Preconditions", "What must hold for the delete to proceed.",
        [
            SchemaField("uid", .text, "The object's UID must be this."),
            SchemaField("resourceVersion", .text, "The object's resource version must be this."),
        ])

    /// `DeleteOptions`, the optional body of a delete.
    package static let deleteOptions = ObjectSchema(
        meta + "DeleteOptions", "Options for a delete.",
        kinds: [SchemaKind("", "v1", "DeleteOptions"), SchemaKind("authentication.k8s.io", "v1", "DeleteOptions")],
        typeMeta + [
            SchemaField("gracePeriodSeconds", .int64, "Seconds before the object is deleted; 0 deletes at once."),
            SchemaField("preconditions", .object(preconditions), "What must hold for the delete to proceed."),
            SchemaField("orphanDependents", .boolean, "Deprecated: use propagationPolicy."),
            SchemaField("propagationPolicy", .text, "Orphan, Background or Foreground garbage collection."),
            SchemaField("dryRun", .atomicStrings, "All: process the request without persisting it."),
            SchemaField(
                "ignoreStoreReadErrorWithClusterBreakingPotential", .boolean,
                "Delete an object that cannot be read from storage; dangerous."),
        ])
}
