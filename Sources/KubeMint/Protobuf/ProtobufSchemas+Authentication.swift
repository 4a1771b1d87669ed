// authentication.k8s.io/v1 TokenRequest, TokenReview, SelfSubjectReview (k8s.io/api v0.33.9
// authentication/v1/generated.proto; docs/kubernetes-behaviour.md §25.1).
extension ProtobufSchemas {
    /// `BoundObjectReference`.
    static let boundObjectReference = ProtobufMessageSchema(
        "BoundObjectReference",
        [
            ProtobufField(1, "kind", .string, .omitEmpty),
            ProtobufField(2, "apiVersion", .string, .omitEmpty),
            ProtobufField(3, "name", .string, .omitEmpty),
            ProtobufField(4, "uid", .string, .omitEmpty),
        ])

    /// `TokenRequestSpec`.
    static let tokenRequestSpec = ProtobufMessageSchema(
        "TokenRequestSpec",
        [
            ProtobufField(1, "audiences", .string, repeated: true, .nullable),
            ProtobufField(4, "expirationSeconds", .int64, .nullable),
            ProtobufField(3, "boundObjectRef", .message(boundObjectReference), .nullable),
        ])

    /// `TokenRequestStatus`.
    static let tokenRequestStatus = ProtobufMessageSchema(
        "TokenRequestStatus",
        [
            ProtobufField(1, "token", .string, .always),
            ProtobufField(2, "expirationTimestamp", .time, .always),
        ])

    /// `TokenRequest`.
    static let tokenRequest = ProtobufMessageSchema(
        "TokenRequest",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "spec", .message(tokenRequestSpec), .always),
            ProtobufField(3, "status", .message(tokenRequestStatus), .always),
        ])

    /// `TokenReviewSpec`.
    static let tokenReviewSpec = ProtobufMessageSchema(
        "TokenReviewSpec",
        [
            ProtobufField(1, "token", .string, .omitEmpty),
            ProtobufField(2, "audiences", .string, repeated: true, .omitEmpty),
        ])

    /// `UserInfo`.
    static let userInfo = ProtobufMessageSchema(
        "UserInfo",
        [
            ProtobufField(1, "username", .string, .omitEmpty),
            ProtobufField(2, "uid", .string, .omitEmpty),
            ProtobufField(3, "groups", .string, repeated: true, .omitEmpty),
            ProtobufField(4, "extra", .stringListMap, .omitEmpty),
        ])

    /// `TokenReviewStatus`.
    static let tokenReviewStatus = ProtobufMessageSchema(
        "TokenReviewStatus",
        [
            ProtobufField(1, "authenticated", .bool, .omitEmpty),
            ProtobufField(2, "user", .message(userInfo), .always),
            ProtobufField(4, "audiences", .string, repeated: true, .omitEmpty),
            ProtobufField(3, "error", .string, .omitEmpty),
        ])

    /// `TokenReview`.
    static let tokenReview = ProtobufMessageSchema(
        "TokenReview",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "spec", .message(tokenReviewSpec), .always),
            ProtobufField(3, "status", .message(tokenReviewStatus), .always),
        ])

    /// `SelfSubjectReviewStatus`.
    static let selfSubjectReviewStatus = ProtobufMessageSchema(
        "SelfSubjectReviewStatus",
        [
            ProtobufField(1, "userInfo", .message(userInfo), .always)
        ])

    /// `SelfSubjectReview`.
    static let selfSubjectReview = ProtobufMessageSchema(
        "SelfSubjectReview",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "status", .message(selfSubjectReviewStatus), .always),
        ])
}
