/// What the apiserver's authenticator chain concluded about a token (docs/kubernetes-behaviour.md §5, §6).
public struct TokenReviewResult: Sendable, Equatable {
    /// The user, when authenticated.
    public var user: ServiceAccountUser?
    /// The intersection of the token's and the target audiences, in target order.
    public var audiences: [String]
    /// The aggregated error text (`[invalid bearer token, …]`), when not authenticated.
    public var error: String?
    /// Response `Warning` values (legacy auto-generated secret tokens).
    public var warnings: [String]

    /// Whether the token authenticated.
    public var authenticated: Bool { user != nil }

    static func rejected(_ message: String) -> TokenReviewResult {
        TokenReviewResult(user: nil, audiences: [], error: message, warnings: [])
    }

    /// The TokenReview `status` object: `user` always present (`{}` on failure), empty members omitted.
    package var status: JSONObject {
        var status = JSONObject()
        if authenticated { status["authenticated"] = .bool(true) }
        status["user"] = .object(user?.json ?? JSONObject())
        if !audiences.isEmpty { status["audiences"] = .array(audiences.map(JSONValue.string)) }
        if let error { status["error"] = .string(error) }
        return status
    }
}
