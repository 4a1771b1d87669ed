import KubeMint

extension KubeAPI {
    /// `POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token` (docs/kubernetes-behaviour.md §4).
    func tokenRequest(_ request: APIRequest, namespace: String, name: String) throws -> APIResponse {
        let (body, fieldWarnings) = try Self.checkedBody(request, .tokenRequest, KubeSchemas.tokenRequest)
        let tokenRequest = try TokenRequest(json: body)
        let result = try issuer.requestToken(namespace: namespace, name: name, request: tokenRequest)
        return .json(result.response, status: 201, warnings: fieldWarnings + result.warnings)
    }

    /// `POST /apis/authentication.k8s.io/v1/tokenreviews` (docs/kubernetes-behaviour.md §6): the request echoed
    /// with a status.
    func tokenReview(_ request: APIRequest) throws -> APIResponse {
        let (body, fieldWarnings) = try Self.checkedBody(request, .tokenReview, KubeSchemas.tokenReview)
        let review = try TokenReviewRequest(json: body)
        let result = issuer.review(token: review.token, audiences: review.audiences)
        return .json(review.response(result), status: 201, warnings: fieldWarnings + result.warnings)
    }

    /// A create body strictly decoded under the request's `fieldValidation` (docs/kubernetes-behaviour.md §17).
    static func checkedBody(_ request: APIRequest, _ kind: KubeProtobuf.Kind, _ schema: ObjectSchema) throws
        -> (JSONValue, [String])
    {
        let validation = try FieldValidation(query: request.query["fieldValidation"], optionsKind: "CreateOptions")
        let name = schema.shortName
        return try RequestBody.decodeChecked(request, expecting: kind, schema: schema, validation: validation) {
            KubeError.badRequest("\(name) in version \"v1\" cannot be handled as a \(name): " + $0)
        }
    }

    /// `POST /apis/authentication.k8s.io/v1/selfsubjectreviews` (docs/kubernetes-behaviour.md §7): who the
    /// bearer token is.
    func selfSubjectReview(_ request: APIRequest) throws -> APIResponse {
        if !request.body.isEmpty {
            let body = try RequestBody.decode(request, expecting: .selfSubjectReview)
            if case .object(let root) = body { try AuthenticationTypeMeta.check(root, kind: "SelfSubjectReview") }
        }
        let userInfo: JSONObject
        if request.headers["impersonate-user"] != nil, let user = requestUser(request) {
            userInfo = user.userInfo  // the impersonated user (docs/kubernetes-behaviour.md §21.7)
        } else if let token = request.bearerToken, token == adminToken {
            userInfo = Self.adminUser
        } else if let token = request.bearerToken {
            let result = issuer.review(token: token)
            guard let user = result.user else { throw KubeError.unauthorized }
            userInfo = user.json
        } else {
            userInfo = JSONObject([
                ("username", .string("system:anonymous")), ("groups", .array([.string("system:unauthenticated")])),
            ])
        }
        let now = UnixTime.seconds(issuer.clock.now())
        let response = JSONObject([
            ("kind", .string("SelfSubjectReview")), ("apiVersion", .string("authentication.k8s.io/v1")),
            ("metadata", .object(JSONObject([("creationTimestamp", .string(UnixTime.rfc3339(now)))]))),
            ("status", .object(JSONObject([("userInfo", .object(userInfo))]))),
        ])
        return .json(response, status: 201)
    }
}
