// authorization.k8s.io/v1 access and rules reviews (k8s.io/api v0.33.9 authorization/v1/generated.proto;
// docs/kubernetes-behaviour.md §21.5, §25.1).
extension ProtobufSchemas {
    /// `FieldSelectorRequirement`.
    static let fieldSelectorRequirement = ProtobufMessageSchema(
        "FieldSelectorRequirement",
        [
            ProtobufField(1, "key", .string, .always),
            ProtobufField(2, "operator", .string, .always),
            ProtobufField(3, "values", .string, repeated: true, .omitEmpty),
        ])

    /// `FieldSelectorAttributes`.
    static let fieldSelectorAttributes = ProtobufMessageSchema(
        "FieldSelectorAttributes",
        [
            ProtobufField(1, "rawSelector", .string, .omitEmpty),
            ProtobufField(2, "requirements", .message(fieldSelectorRequirement), repeated: true, .omitEmpty),
        ])

    /// `LabelSelectorAttributes`.
    static let labelSelectorAttributes = ProtobufMessageSchema(
        "LabelSelectorAttributes",
        [
            ProtobufField(1, "rawSelector", .string, .omitEmpty),
            ProtobufField(2, "requirements", .message(labelSelectorRequirement), repeated: true, .omitEmpty),
        ])

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
            ProtobufField(8, "fieldSelector", .message(fieldSelectorAttributes), .optional),
            ProtobufField(9, "labelSelector", .message(labelSelectorAttributes), .optional),
        ])

    /// `NonResourceAttributes`.
    static let nonResourceAttributes = ProtobufMessageSchema(
        "NonResourceAttributes",
        [
            ProtobufField(1, "path", .string, .omitEmpty),
            ProtobufField(2, "verb", .string, .omitEmpty),
        ])

    /// `SubjectAccessReviewSpec`.
    static let subjectAccessReviewSpec = ProtobufMessageSchema(
        "SubjectAccessReviewSpec",
        [
            ProtobufField(1, "resourceAttributes", .message(resourceAttributes), .optional),
            ProtobufField(2, "nonResourceAttributes", .message(nonResourceAttributes), .optional),
            ProtobufField(3, "user", .string, .omitEmpty),
            ProtobufField(4, "groups", .string, repeated: true, .omitEmpty),
            ProtobufField(5, "extra", .stringListMap, .omitEmpty),
            ProtobufField(6, "uid", .string, .omitEmpty),
        ])

    /// `SubjectAccessReviewStatus`.
    static let subjectAccessReviewStatus = ProtobufMessageSchema(
        "SubjectAccessReviewStatus",
        [
            ProtobufField(1, "allowed", .bool, .always),
            ProtobufField(4, "denied", .bool, .omitEmpty),
            ProtobufField(2, "reason", .string, .omitEmpty),
            ProtobufField(3, "evaluationError", .string, .omitEmpty),
        ])

    /// `SubjectAccessReview`.
    static let subjectAccessReview = ProtobufMessageSchema(
        "SubjectAccessReview",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "spec", .message(subjectAccessReviewSpec), .always),
            ProtobufField(3, "status", .message(subjectAccessReviewStatus), .always),
        ])

    /// `SelfSubjectAccessReviewSpec`.
    static let selfSubjectAccessReviewSpec = ProtobufMessageSchema(
        "SelfSubjectAccessReviewSpec",
        [
            ProtobufField(1, "resourceAttributes", .message(resourceAttributes), .optional),
            ProtobufField(2, "nonResourceAttributes", .message(nonResourceAttributes), .optional),
        ])

    /// `SelfSubjectAccessReview`.
    static let selfSubjectAccessReview = ProtobufMessageSchema(
        "SelfSubjectAccessReview",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "spec", .message(selfSubjectAccessReviewSpec), .always),
            ProtobufField(3, "status", .message(subjectAccessReviewStatus), .always),
        ])

    /// `LocalSubjectAccessReview`.
    static let localSubjectAccessReview = ProtobufMessageSchema(
        "LocalSubjectAccessReview",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "spec", .message(subjectAccessReviewSpec), .always),
            ProtobufField(3, "status", .message(subjectAccessReviewStatus), .always),
        ])

    /// `SelfSubjectRulesReviewSpec`.
    static let selfSubjectRulesReviewSpec = ProtobufMessageSchema(
        "SelfSubjectRulesReviewSpec",
        [
            ProtobufField(1, "namespace", .string, .omitEmpty)
        ])

    /// `ResourceRule`.
    static let resourceRule = ProtobufMessageSchema(
        "ResourceRule",
        [
            ProtobufField(1, "verbs", .string, repeated: true, .nullable),
            ProtobufField(2, "apiGroups", .string, repeated: true, .omitEmpty),
            ProtobufField(3, "resources", .string, repeated: true, .omitEmpty),
            ProtobufField(4, "resourceNames", .string, repeated: true, .omitEmpty),
        ])

    /// `NonResourceRule`.
    static let nonResourceRule = ProtobufMessageSchema(
        "NonResourceRule",
        [
            ProtobufField(1, "verbs", .string, repeated: true, .nullable),
            ProtobufField(2, "nonResourceURLs", .string, repeated: true, .omitEmpty),
        ])

    /// `SubjectRulesReviewStatus`.
    static let subjectRulesReviewStatus = ProtobufMessageSchema(
        "SubjectRulesReviewStatus",
        [
            ProtobufField(1, "resourceRules", .message(resourceRule), repeated: true, .nullable),
            ProtobufField(2, "nonResourceRules", .message(nonResourceRule), repeated: true, .nullable),
            ProtobufField(3, "incomplete", .bool, .always),
            ProtobufField(4, "evaluationError", .string, .omitEmpty),
        ])

    /// `SelfSubjectRulesReview`.
    static let selfSubjectRulesReview = ProtobufMessageSchema(
        "SelfSubjectRulesReview",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "spec", .message(selfSubjectRulesReviewSpec), .always),
            ProtobufField(3, "status", .message(subjectRulesReviewStatus), .always),
        ])
}
