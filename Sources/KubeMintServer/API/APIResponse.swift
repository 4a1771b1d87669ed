import KubeMint

/// An HTTP response from the API layer: status, headers in order, body bytes.
package struct APIResponse: Sendable {
    /// HTTP status code.
    package var status: Int
    /// Headers in the order they are sent.
    package var headers: [(name: String, value: String)]
    /// The body.
    package var body: [UInt8]
    /// A watch's streamed body, written instead of ``body`` (docs/kubernetes-behaviour.md §16).
    package var watch: WatchStream?
    /// The object ``body`` is the JSON of, kept so that negotiation can answer it in protobuf
    /// instead (docs/kubernetes-behaviour.md §25.3); nil for bodies that are not a Kubernetes object.
    package var object: JSONObject?

    /// A response with every member given.
    package init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header (case-insensitive).
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// A JSON body as the apiserver writes it: compact, trailing newline, `no-cache, private`
    /// unless the endpoint sets its own Cache-Control.
    package static func json(
        _ value: JSONValue, status: Int = 200, contentType: String = "application/json",
        cacheControl: String = "no-cache, private", warnings: [String] = []
    ) -> APIResponse {
        var headers: [(String, String)] = [("Cache-Control", cacheControl), ("Content-Type", contentType)]
        for warning in warnings { headers.append(("Warning", warningHeader(warning))) }
        var response = APIResponse(status: status, headers: headers.map { (name: $0.0, value: $0.1) })
        if case .object(let object) = value, contentType == "application/json" {
            response.object = object
            // The answer will be protobuf: its JSON is written only if encoding it fails.
            if Self.protobufExpected { return response }
        }
        response.body = value.serialized()
        response.body.append(UInt8(ascii: "\n"))
        return response
    }

    /// Set while a request whose Accept header prefers protobuf is answered
    /// (``KubeAPI/negotiated(_:_:)``): ``json(_:status:contentType:cacheControl:warnings:)`` then
    /// keeps the object and leaves the JSON unwritten, so an answer is serialized once.
    @TaskLocal package static var protobufExpected = false

    /// ``body``, or the JSON of ``object`` when ``json(_:status:contentType:cacheControl:warnings:)``
    /// left it unwritten.
    var jsonBody: [UInt8] {
        guard body.isEmpty, let object else { return body }
        return JSONValue.object(object).serialized() + [UInt8(ascii: "\n")]
    }

    /// `299 - "text"`, with `"` and `\` escaped as the apiserver's `NewWarningHeader` escapes them.
    static func warningHeader(_ text: String) -> String {
        var quoted = "299 - \""
        for character in text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// A JSON object body; see ``json(_:status:contentType:cacheControl:warnings:)``.
    package static func json(_ object: JSONObject, status: Int = 200, warnings: [String] = []) -> APIResponse {
        json(.object(object), status: status, warnings: warnings)
    }

    /// A plain-text body (health endpoints, `404 page not found`).
    package static func text(_ text: String, status: Int = 200) -> APIResponse {
        APIResponse(
            status: status,
            headers: [
                ("Cache-Control", "no-cache, private"), ("Content-Type", "text/plain; charset=utf-8"),
                ("X-Content-Type-Options", "nosniff"),
            ].map { (name: $0.0, value: $0.1) }, body: Array(text.utf8))
    }

    /// The `metav1.Status` for an error (docs/kubernetes-behaviour.md §8).
    package static func status(_ error: KubeError) -> APIResponse {
        json(.object(StatusEncoding.status(error)), status: error.code)
    }
}

/// `metav1.Status` in the apiserver's member order, empty members omitted.
package enum StatusEncoding {
    /// The Status object for `error`.
    package static func status(_ error: KubeError) -> JSONObject {
        var object = JSONObject([
            ("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object(JSONObject())),
            ("status", .string("Failure")),
        ])
        if !error.message.isEmpty { object["message"] = .string(error.message) }
        if !error.reason.isEmpty { object["reason"] = .string(error.reason) }
        if let details = error.details {
            var d = JSONObject()
            if !details.name.isEmpty { d["name"] = .string(details.name) }
            if !details.group.isEmpty { d["group"] = .string(details.group) }
            if !details.kind.isEmpty { d["kind"] = .string(details.kind) }
            if !details.uid.isEmpty { d["uid"] = .string(details.uid) }
            if !details.causes.isEmpty {
                d["causes"] = .array(
                    details.causes.map { cause in
                        var c = JSONObject()
                        if !cause.reason.isEmpty { c["reason"] = .string(cause.reason) }
                        if !cause.message.isEmpty { c["message"] = .string(cause.message) }
                        if !cause.field.isEmpty { c["field"] = .string(cause.field) }
                        return .object(c)
                    })
            }
            if details.retryAfterSeconds != 0 { d["retryAfterSeconds"] = .int(Int64(details.retryAfterSeconds)) }
            object["details"] = .object(d)
        }
        object["code"] = .int(Int64(error.code))
        return object
    }
}
