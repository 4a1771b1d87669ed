// authentication.k8s.io/v1: TokenRequest, TokenReview, SelfSubjectReview.
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

    /// `TokenRequestSpec`. Dropped: `attestations` (5).
    /// A zero-length `boundObjectRef` decodes, as in Go, to a non-nil empty reference (`{}`), not `null`.
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
            metadata,
            ProtobufField(2, "spec", .message(tokenRequestSpec), .always),
            ProtobufField(3, "status", .message(tokenRequestStatus), .always),
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

    /// `TokenReviewSpec`.
    static let tokenReviewSpec = ProtobufMessageSchema(
        "TokenReviewSpec",
        [
            ProtobufField(1, "token", .string, .omitEmpty),
            ProtobufField(2, "audiences", .string, repeated: true, .omitEmpty),
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
            metadata,
            ProtobufField(2, "spec", .message(tokenReviewSpec), .always),
            ProtobufField(3, "status", .message(tokenReviewStatus), .always),
        ])

    /// `SelfSubjectReview` (its status is the server's answer; clients send it empty).
    static let selfSubjectReview = ProtobufMessageSchema(
        "SelfSubjectReview",
        [
            metadata,
            ProtobufField(
                2, "status",
                .message(
                    ProtobufMessageSchema(
                        "SelfSubjectReviewStatus", [ProtobufField(1, "userInfo", .message(userInfo), .always)])),
                .always),
        ])
}
