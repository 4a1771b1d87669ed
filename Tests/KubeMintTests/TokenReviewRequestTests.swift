import KubeMint
import Testing

/// docs/kubernetes-behaviour.md §6: decoding a TokenReview body, its 400s word for word, and the echo.
@Suite struct TokenReviewRequestTests {
    static let handledAs = "TokenReview in version \"v1\" cannot be handled as a TokenReview: "

    static func parse(_ body: String) throws -> TokenReviewRequest {
        try TokenReviewRequest(json: JSONValue.parse(body))
    }

    @Test func vaultStyleBodyWithoutKind() throws {
        let request = try Self.parse(#"{"spec":{"token":"a.b.c","audiences":["vault","api"]}}"#)
        #expect(request == TokenReviewRequest(token: "a.b.c", audiences: ["vault", "api"]))
        let full = try Self.parse(
            #"{"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1","metadata":{"name":"x"},"spec":{"token":"t","audiences":null},"status":{}}"#
        )
        #expect(full == TokenReviewRequest(token: "t", metadata: JSONObject([("name", .string("x"))])))
    }

    @Test(arguments: [
        (#"[]"#, handledAs + "expected a JSON object"),
        (#"{"kind":5,"spec":{"token":"t"}}"#, "couldn't get version/kind; json parse error: kind must be a string"),
        (
            #"{"apiVersion":[],"spec":{"token":"t"}}"#,
            "couldn't get version/kind; json parse error: apiVersion must be a string"
        ),
        (
            #"{"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1beta1","spec":{"token":"t"}}"#,
            "the API version in the data (authentication.k8s.io/v1beta1) does not match the expected API version (authentication.k8s.io/v1)"
        ),
        (#"{"metadata":"x","spec":{"token":"t"}}"#, handledAs + "metadata must be an object"),
        (#"{"spec":[]}"#, handledAs + "spec must be an object"),
        (#"{"spec":{"token":"t"},"status":1}"#, handledAs + "status must be an object"),
        (#"{"spec":{"token":5}}"#, handledAs + "spec.token must be a string"),
        (#"{"spec":{"token":""}}"#, "token is required for TokenReview in authentication"),
        (#"{"spec":{"token":null,"audiences":["vault"]}}"#, "token is required for TokenReview in authentication"),
        (#"{}"#, "token is required for TokenReview in authentication"),
        (#"{"spec":{"token":"t","audiences":"vault"}}"#, handledAs + "spec.audiences must be an array of strings"),
        (#"{"spec":{"token":"t","audiences":["vault",1]}}"#, handledAs + "spec.audiences must be an array of strings"),
    ])
    func badBodiesAreBadRequests(body: String, message: String) throws {
        #expect(throws: KubeError.badRequest(message)) { try Self.parse(body) }
    }

    @Test func theResponseEchoesTheRequestWithTheStatus() throws {
        let request = try Self.parse(#"{"metadata":{"name":"r"},"spec":{"token":"not-a-jwt","audiences":["vault"]}}"#)
        let result = try Fixture.issuer().review(token: request.token, audiences: request.audiences)
        #expect(
            request.response(result).jsonString
                == #"{"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1","metadata":{"name":"r","creationTimestamp":null},"#
                + #""spec":{"token":"not-a-jwt","audiences":["vault"]},"status":{"user":{},"error":"invalid bearer token"}}"#
        )
        let bare = TokenReviewRequest(token: "t").response(result)
        #expect(bare["spec"] == .object(JSONObject([("token", .string("t"))])))
    }

    @Test func selfSubjectReviewKindCheck() throws {
        try AuthenticationTypeMeta.check(JSONObject(), kind: "SelfSubjectReview")
        try AuthenticationTypeMeta.check(JSONObject([("kind", .string(""))]), kind: "SelfSubjectReview")
        #expect(
            throws: KubeError.badRequest(
                "the API version in the data () does not match the expected API version (authentication.k8s.io/v1)")
        ) {
            try AuthenticationTypeMeta.check(JSONObject([("kind", .string("TokenReview"))]), kind: "SelfSubjectReview")
        }
    }
}
