import KubeMint

extension KubeAPI {
    /// `POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token` (docs/kubernetes-behaviour.md §4).
    func tokenRequest(_ request: APIRequest, namespace: String, name: String) throws -> APIResponse {
        let body = try RequestBody.decode(request, expecting: .tokenRequest)
        let tokenRequest = try TokenRequest(json: body)
        let result = try issuer.requestToken(namespace: namespace, name: name, request: tokenRequest)
        return .json(result.response, status: 201, warnings: result.warnings)
    }

    /// `POST /apis/authentication.k8s.io/v1/tokenreviews` (docs/kubernetes-behaviour.md §6): the request echoed
    /// with a status.
    func tokenReview(_ request: APIRequest) throws -> APIResponse {
        let body = try RequestBody.decode(request, expecting: .tokenReview)
        guard case .object(let root) = body else {
            throw KubeError.badRequest(
                "TokenReview in version \"v1\" cannot be handled as a TokenReview: expected a JSON object")
        }
        try Self.expectKind(root, "TokenReview")
        for member in ["metadata", "spec", "status"] {
            if let value = root[member], value != .null, value.objectValue == nil {
                throw KubeError.badRequest(
                    "TokenReview in version \"v1\" cannot be handled as a TokenReview: \(member) must be an object")
            }
        }
        let spec = root["spec"]?.objectValue ?? JSONObject()
        guard case .string(let token)? = spec["token"] ?? .string(""), !token.isEmpty else {
            if let value = spec["token"], value.stringValue == nil, value != .null {
                throw KubeError.badRequest(
                    "TokenReview in version \"v1\" cannot be handled as a TokenReview: spec.token must be a string")
            }
            throw KubeError.badRequest("token is required for TokenReview in authentication")
        }
        var audiences: [String] = []
        if let list = spec["audiences"], list != .null {
            guard case .array(let items) = list, items.allSatisfy({ $0.stringValue != nil }) else {
                throw KubeError.badRequest(
                    "TokenReview in version \"v1\" cannot be handled as a TokenReview: spec.audiences must be an array of strings"
                )
            }
            audiences = items.compactMap(\.stringValue)
        }
        let result = issuer.review(token: token, audiences: audiences)
        var metadata = root["metadata"]?.objectValue ?? JSONObject()
        metadata["creationTimestamp"] = .null
        var echoedSpec = JSONObject([("token", .string(token))])
        if !audiences.isEmpty { echoedSpec["audiences"] = .array(audiences.map(JSONValue.string)) }
        let response = JSONObject([
            ("kind", .string("TokenReview")), ("apiVersion", .string("authentication.k8s.io/v1")),
            ("metadata", .object(metadata)), ("spec", .object(echoedSpec)), ("status", .object(result.status)),
        ])
        return .json(response, status: 201, warnings: result.warnings)
    }

    /// `POST /apis/authentication.k8s.io/v1/selfsubjectreviews` (docs/kubernetes-behaviour.md §7): who the
    /// bearer token is.
    func selfSubjectReview(_ request: APIRequest) throws -> APIResponse {
        if !request.body.isEmpty {
            let body = try RequestBody.decode(request, expecting: .selfSubjectReview)
            if case .object(let root) = body { try Self.expectKind(root, "SelfSubjectReview") }
        }
        let userInfo: JSONObject
        if let token = request.bearerToken, token == adminToken {
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

    /// A body that names a kind must name this one (an absent kind is accepted, as Vault sends none).
    static func expectKind(_ root: JSONObject, _ kind: String) throws {
        for member in ["kind", "apiVersion"] {
            if let value = root[member], value != .null, value.stringValue == nil {
                throw KubeError.badRequest(
                    "couldn't get version/kind; json parse error: \(member) must be a string")
            }
        }
        if let given = root["kind"]?.stringValue, !given.isEmpty, given != kind {
            throw KubeError.badRequest(
                "the API version in the data (\(root["apiVersion"]?.stringValue ?? "")) does not match the expected API version (authentication.k8s.io/v1)"
            )
        }
    }
}
