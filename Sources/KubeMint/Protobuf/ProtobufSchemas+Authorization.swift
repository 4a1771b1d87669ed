// authorization.k8s.io/v1 (k8s.io/api/authorization/v1/generated.proto): the access reviews
// kubectl auth can-i sends as protobuf (docs/kubernetes-behaviour.md §21.5). Dropped:
// ResourceAttributes' fieldSelector (8) and labelSelector (9).
extension ProtobufSchemas {
    /// `ResourceAttributes`.
    static let resourceAttributes = ProtobufMessageSchema(
        "ResourceAttributes",
        [
            ProtobufField(1, "namespace", .string, .omitEmpty),
            ProtobufField(2, "verb", .string, .omitEmpty),
            ProtobufField(3, "group", .string, .omitEmpty),
            ProtobufField(4, "version", .string, .omitEmpty),
            ProtobufField(5, "resource", .string, .omitEmpty),
            ProtobufField(6, "subresource", .string, .omitEmpty),
            ProtobufField(7, "name", .string, .omitEmpty),
        ])

    /// `NonResourceAttributes`.
    static let nonResourceAttributes = ProtobufMessageSchema(
        "NonResourceAttributes",
        [ProtobufField(1, "path", .string, .omitEmpty), ProtobufField(2, "verb", .string, .omitEmpty)])

    /// `SubjectAccessReviewStatus`.
    static let subjectAccessReviewStatus = ProtobufMessageSchema(
        "SubjectAccessReviewStatus",
        [
            ProtobufField(1, "allowed", .bool, .always),
            ProtobufField(4, "denied", .bool, .omitEmpty),
            ProtobufField(2, "reason", .string, .omitEmpty),
            ProtobufField(3, "evaluationError", .string, .omitEmpty),
        ])

    /// A review: metadata, a spec of `specFields`, the common status.
    static func accessReview(_ name: String, _ specFields: [ProtobufField]) -> ProtobufMessageSchema {
        ProtobufMessageSchema(
            name,
            [
                metadata,
                ProtobufField(2, "spec", .message(ProtobufMessageSchema(name + "Spec", specFields)), .always),
                ProtobufField(3, "status", .message(subjectAccessReviewStatus), .always),
            ])
    }

    static let accessReviewAttributes = [
        ProtobufField(1, "resourceAttributes", .message(resourceAttributes), .optional),
        ProtobufField(2, "nonResourceAttributes", .message(nonResourceAttributes), .optional),
    ]

    static let subjectAccessReviewSpec =
        accessReviewAttributes + [
            ProtobufField(3, "user", .string, .omitEmpty),
            ProtobufField(4, "groups", .string, repeated: true, .omitEmpty),
            ProtobufField(5, "extra", .stringListMap, .omitEmpty),
            ProtobufField(6, "uid", .string, .omitEmpty),
        ]

    /// `SelfSubjectAccessReview`.
    static let selfSubjectAccessReview = accessReview("SelfSubjectAccessReview", accessReviewAttributes)
    /// `SubjectAccessReview`.
    static let subjectAccessReview = accessReview("SubjectAccessReview", subjectAccessReviewSpec)
    /// `LocalSubjectAccessReview`.
    static let localSubjectAccessReview = accessReview("LocalSubjectAccessReview", subjectAccessReviewSpec)

    /// `SelfSubjectRulesReview` (its status is the server's answer; clients send it empty).
    static let selfSubjectRulesReview = ProtobufMessageSchema(
        "SelfSubjectRulesReview",
        [
            metadata,
            ProtobufField(
                2, "spec",
                .message(
                    ProtobufMessageSchema(
                        "SelfSubjectRulesReviewSpec", [ProtobufField(1, "namespace", .string, .omitEmpty)])),
                .always),
        ])
}
