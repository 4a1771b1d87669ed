// authorization.k8s.io/v1: SubjectAccessReview, SelfSubjectAccessReview, LocalSubjectAccessReview,
// SelfSubjectRulesReview (upstream's staging/src/k8s.io/api/authorization/v1/types.go;
// docs/kubernetes-behaviour.md §21.5).
extension KubeSchemas {
    static let authorization = "io.k8s.api.authorization.v1."

    /// The `authorization.k8s.io/v1` kind `kind`.
    static func authorizationKind(_ kind: String) -> [SchemaKind] { [SchemaKind("authorization.k8s.io", "v1", kind)] }

    /// `ResourceAttributes`.
    static let resourceAttributes = ObjectSchema(
        authorization + "ResourceAttributes", "A resource request to check.",
        [
            SchemaField("namespace", .text, "The namespace; empty for cluster-scoped resources or all namespaces."),
            SchemaField("verb", .text, "The verb: get, list, create, … or * for all."),
            SchemaField("group", .text, "The API group; * for all."),
            SchemaField("version", .text, "The API version; * for all."),
            SchemaField("resource", .text, "The resource; * for all."),
            SchemaField("subresource", .text, "The subresource."),
            SchemaField("name", .text, "The object's name; empty for all."),
            SchemaField("fieldSelector", .anything, "A field selector the request is limited to."),
            SchemaField("labelSelector", .anything, "A label selector the request is limited to."),
        ])

    /// `NonResourceAttributes`.
    static let nonResourceAttributes = ObjectSchema(
        authorization + "NonResourceAttributes", "A request for a path outside resources to check.",
        [SchemaField("path", .text, "The URL path."), SchemaField("verb", .text, "The HTTP verb, lower-case.")])

    /// `SubjectAccessReviewStatus`.
    static let subjectAccessReviewStatus = ObjectSchema(
        authorization + "SubjectAccessReviewStatus", "The authorizers' answer.",
        [
            SchemaField("allowed", .boolean, "Whether the action is allowed.", required: true),
            SchemaField("denied", .boolean, "Whether an authorizer denied it outright."),
            SchemaField("reason", .text, "Why, as the authorizers say it."),
            SchemaField("evaluationError", .text, "An error met while deciding; the answer may still hold."),
        ])

    /// A review kind: spec of `specFields`, the common status.
    static func accessReview(_ kind: String, _ description: String, _ specFields: [SchemaField]) -> ObjectSchema {
        topLevelKind(
            authorization + kind, description, authorizationKind(kind),
            [
                SchemaField(
                    "spec", .object(ObjectSchema(authorization + kind + "Spec", "What to check.", specFields)),
                    "What to check.", required: true),
                SchemaField("status", .object(subjectAccessReviewStatus), "The answer; set by the server."),
            ])
    }

    static let attributeFields = [
        SchemaField("resourceAttributes", .object(resourceAttributes), "A resource request."),
        SchemaField("nonResourceAttributes", .object(nonResourceAttributes), "A non-resource request."),
    ]

    static let subjectFields =
        attributeFields + [
            SchemaField("user", .text, "The user to check."),
            SchemaField("groups", .atomicStrings, "The user's groups."),
            SchemaField("extra", .map(.atomicStrings), "The user's extra attributes."),
            SchemaField("uid", .text, "The user's UID."),
        ]

    /// `SelfSubjectAccessReview`.
    package static let selfSubjectAccessReview = accessReview(
        "SelfSubjectAccessReview", "Whether the caller may perform an action.", attributeFields)
    /// `SubjectAccessReview`.
    package static let subjectAccessReview = accessReview(
        "SubjectAccessReview", "Whether a user or group may perform an action.", subjectFields)
    /// `LocalSubjectAccessReview`.
    package static let localSubjectAccessReview = accessReview(
        "LocalSubjectAccessReview", "Whether a user or group may perform an action in one namespace.", subjectFields)

    /// `SelfSubjectRulesReview`.
    package static let selfSubjectRulesReview = topLevelKind(
        authorization + "SelfSubjectRulesReview", "What the caller may do in a namespace.",
        authorizationKind("SelfSubjectRulesReview"),
        [
            SchemaField(
                "spec",
                .object(
                    ObjectSchema(
                        authorization + "SelfSubjectRulesReviewSpec", "The namespace to list rules for.",
                        [SchemaField("namespace", .text, "The namespace.")])), "The namespace.", required: true),
            SchemaField(
                "status",
                .object(
                    ObjectSchema(
                        authorization + "SubjectRulesReviewStatus", "The rules.",
                        [
                            SchemaField(
                                "resourceRules", .list(.anything, .atomic), "Rules on resources.", required: true),
                            SchemaField(
                                "nonResourceRules", .list(.anything, .atomic), "Rules on paths.", required: true),
                            SchemaField(
                                "incomplete", .boolean, "Whether the list may be missing rules.", required: true),
                            SchemaField("evaluationError", .text, "An error met while listing."),
                        ])), "The rules; set by the server."),
        ])
}
