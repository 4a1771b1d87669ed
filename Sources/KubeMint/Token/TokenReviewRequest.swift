/// A decoded `authentication.k8s.io/v1` TokenReview (docs/kubernetes-behaviour.md §6), beside
/// ``TokenRequest``: the body's checks and their 400s live here, so the server only decodes the
/// body (JSON, YAML or protobuf into a ``JSONValue``), calls ``TokenIssuer/review(token:audiences:)``
/// and encodes ``response(_:)``.
package struct TokenReviewRequest: Sendable, Equatable {
    /// `metadata` as sent (echoed in the response), empty when absent.
    package var metadata: JSONObject
    /// `spec.token`: never empty.
    package var token: String
    /// `spec.audiences`; empty means the API audiences.
    package var audiences: [String]

    /// A request for `token` against `audiences`.
    package init(token: String, audiences: [String] = [], metadata: JSONObject = JSONObject()) {
        self.token = token
        self.audiences = audiences
        self.metadata = metadata
    }

    /// Decodes the body, in the apiserver's order: a JSON object; `kind`/`apiVersion` (an absent
    /// kind is accepted, as Vault sends none); `metadata`, `spec`, `status` objects or null;
    /// `spec.token` a non-empty string; `spec.audiences` an array of strings. Each failure is a 400.
    package init(json: JSONValue) throws(KubeError) {
        guard case .object(let root) = json else { throw Self.decodeError("expected a JSON object") }
        try AuthenticationTypeMeta.check(root, kind: "TokenReview")
        for member in ["metadata", "spec", "status"] {
            if let value = root[member], value != .null, value.objectValue == nil {
                throw Self.decodeError("\(member) must be an object")
            }
        }
        let spec = root["spec"]?.objectValue ?? JSONObject()
        guard case .string(let token)? = spec["token"] ?? .string(""), !token.isEmpty else {
            if let value = spec["token"], value.stringValue == nil, value != .null {
                throw Self.decodeError("spec.token must be a string")
            }
            throw KubeError.badRequest("token is required for TokenReview in authentication")
        }
        var audiences: [String] = []
        if let list = spec["audiences"], list != .null {
            guard case .array(let items) = list, items.allSatisfy({ $0.stringValue != nil }) else {
                throw Self.decodeError("spec.audiences must be an array of strings")
            }
            audiences = items.compactMap(\.stringValue)
        }
        self.init(token: token, audiences: audiences, metadata: root["metadata"]?.objectValue ?? JSONObject())
    }

    /// The TokenReview the apiserver answers with: the request's metadata (with
    /// `creationTimestamp: null`) and spec echoed, and `result`'s status.
    package func response(_ result: TokenReviewResult) -> JSONObject {
        var metadata = metadata
        metadata["creationTimestamp"] = .null
        var spec = JSONObject([("token", .string(token))])
        if !audiences.isEmpty { spec["audiences"] = .array(audiences.map(JSONValue.string)) }
        return JSONObject([
            ("kind", .string("TokenReview")), ("apiVersion", .string("authentication.k8s.io/v1")),
            ("metadata", .object(metadata)), ("spec", .object(spec)), ("status", .object(result.status)),
        ])
    }

    private static func decodeError(_ why: String) -> KubeError {
        KubeError.badRequest("TokenReview in version \"v1\" cannot be handled as a TokenReview: \(why)")
    }
}

/// The `kind`/`apiVersion` check of the `authentication.k8s.io/v1` request bodies (TokenReview,
/// SelfSubjectReview; docs/kubernetes-behaviour.md §6, §7).
package enum AuthenticationTypeMeta {
    /// A body that names a kind must name `kind` (an absent or empty kind is accepted, as Vault
    /// sends none); `kind` and `apiVersion` must be strings or null. Failures are 400s.
    package static func check(_ root: JSONObject, kind: String) throws(KubeError) {
        for member in ["kind", "apiVersion"] {
            if let value = root[member], value != .null, value.stringValue == nil {
                throw KubeError.badRequest("couldn't get version/kind; json parse error: \(member) must be a string")
            }
        }
        if let given = root["kind"]?.stringValue, !given.isEmpty, given != kind {
            throw KubeError.badRequest(
                "the API version in the data (\(root["apiVersion"]?.stringValue ?? "")) does not match the expected API version (authentication.k8s.io/v1)"
            )
        }
    }
}
