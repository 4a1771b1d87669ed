// authentication.k8s.io/v1: TokenRequest, TokenReview, SelfSubjectReview.
extension KubeSchemas {
    static let authentication = "io.k8s.api.authentication.v1."

    /// The `authentication.k8s.io/v1` kind `kind`.
    static func authenticationKind(_ kind: String) -> [SchemaKind] {
        [SchemaKind("authentication.k8s.io", "v1", kind)]
    }

    /// `UserInfo`.
    static let userInfo = ObjectSchema(
        authentication + "UserInfo", "Who a user is: name, UID, groups and extra attributes.",
        [
            SchemaField("username", .text, "The user's name, such as system:serviceaccount:NS:NAME."),
            SchemaField("uid", .text, "A unique value for the user across time."),
            SchemaField("groups", .atomicStrings, "The groups the user is in."),
            SchemaField("extra", .map(.atomicStrings), "Extra attributes, such as the pod a token is bound to."),
        ])

    /// `TokenRequest`.
    package static let tokenRequest = topLevelKind(
        authentication + "TokenRequest", "Asks for a bound token of a service account.",
        authenticationKind("TokenRequest"),
        [
            SchemaField(
                "spec",
                .object(
                    ObjectSchema(
                        authentication + "TokenRequestSpec", "What the token should say.",
                        [
                            SchemaField(
                                "audiences", .atomicStrings,
                                "Who the token is for; the API server's audiences by default.", required: true),
                            SchemaField(
                                "expirationSeconds", .int64, "Requested lifetime; the server may change it."),
                            SchemaField(
                                "boundObjectRef",
                                .object(
                                    ObjectSchema(
                                        authentication + "BoundObjectReference",
                                        "An object the token is bound to: it dies with the object.",
                                        [
                                            SchemaField("kind", .text, "Pod, Secret or Node."),
                                            SchemaField("apiVersion", .text, "The object's API version."),
                                            SchemaField("name", .text, "The object's name."),
                                            SchemaField("uid", .text, "The object's UID."),
                                        ])), "The object the token is bound to."),
                        ])), "The requested token.", required: true),
            SchemaField(
                "status",
                .object(
                    ObjectSchema(
                        authentication + "TokenRequestStatus", "The issued token.",
                        [
                            SchemaField("token", .text, "The token.", required: true),
                            SchemaField("expirationTimestamp", .time, "When the token expires.", required: true),
                        ])), "The issued token; set by the server."),
        ])

    /// `TokenReview`.
    package static let tokenReview = topLevelKind(
        authentication + "TokenReview", "Asks whether a token is valid and whom it belongs to.",
        authenticationKind("TokenReview"),
        [
            SchemaField(
                "spec",
                .object(
                    ObjectSchema(
                        authentication + "TokenReviewSpec", "The token to review.",
                        [
                            SchemaField("token", .text, "The opaque bearer token."),
                            SchemaField("audiences", .atomicStrings, "Audiences the token must be valid for."),
                        ])), "The token to review.", required: true),
            SchemaField(
                "status",
                .object(
                    ObjectSchema(
                        authentication + "TokenReviewStatus", "The result of the review.",
                        [
                            SchemaField("authenticated", .boolean, "Whether the token is valid."),
                            SchemaField("user", .object(userInfo), "Whom the token belongs to."),
                            SchemaField("audiences", .atomicStrings, "Audiences the token is valid for."),
                            SchemaField("error", .text, "Why the token could not be checked."),
                        ])), "The result; set by the server."),
        ])

    /// `SelfSubjectReview`.
    static let selfSubjectReview = topLevelKind(
        authentication + "SelfSubjectReview", "Asks who the caller is, as the server authenticated it.",
        authenticationKind("SelfSubjectReview"),
        [
            SchemaField(
                "status",
                .object(
                    ObjectSchema(
                        authentication + "SelfSubjectReviewStatus", "The caller's identity.",
                        [SchemaField("userInfo", .object(userInfo), "The caller.")])), "The caller; set by the server.")
        ])
}
