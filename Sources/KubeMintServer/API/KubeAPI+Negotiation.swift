import KubeMint

extension KubeAPI {
    /// `response` in the form the request's Accept header selects (docs/kubernetes-behaviour.md
    /// §25.3): unchanged for JSON (and for YAML, which kubemint does not write yet), the protobuf
    /// encoding of its object for `application/vnd.kubernetes.protobuf`, or the 406 Status (in JSON,
    /// as the apiserver writes it) when no clause is acceptable. The apiserver negotiates after the
    /// work is done, so a create with an unacceptable Accept has still created its object.
    func negotiated(_ response: APIResponse, _ request: APIRequest) -> APIResponse {
        guard response.watch == nil else { return response }  // a watch negotiated its own stream
        guard let choice = MediaTypeNegotiation.negotiate(request.headers["accept"]) else {
            return Self.rawJSON(response)
        }
        guard choice.format == .protobuf, let object = response.object else { return response }
        let body: [UInt8]
        do {
            body = try KubeProtobuf.encode(object)
        } catch {
            // A struct kubemint keeps as sent (a probe, an affinity) has no protobuf schema here:
            // answer in JSON when the client takes it, as the only faithful bytes kubemint has.
            var json = response
            json.body = response.jsonBody
            return Self.acceptsJSON(request) ? json : Self.rawJSON(json)
        }
        var encoded = APIResponse(
            status: response.status,
            headers: response.headers.map { header in
                header.name == "Content-Type" ? (name: header.name, value: KubeProtobuf.contentType) : header
            }, body: body)
        encoded.object = object
        return encoded
    }

    /// What `WriteObjectNegotiated` writes when negotiation fails: an error answer as it is, a
    /// success as the 406 Status — both through `WriteRawJSON` (indented JSON, no newline).
    private static func rawJSON(_ response: APIResponse) -> APIResponse {
        let failed = response.status < 200 || response.status >= 400
        let status =
            failed ? response.object : StatusEncoding.status(MediaTypeNegotiation.notAcceptable())
        guard let status else { return response }
        return APIResponse(
            status: failed ? response.status : 406,
            headers: response.headers.map { header in
                header.name == "Content-Type" ? (name: header.name, value: "application/json") : header
            }, body: JSONValue.object(status).indentedSerialized())
    }

    /// Whether some clause of the Accept header takes JSON.
    private static func acceptsJSON(_ request: APIRequest) -> Bool {
        MediaTypeNegotiation.parse(request.headers["accept"] ?? "").contains { clause in
            (clause.type == "application" && (clause.subType == "json" || clause.subType == "*"))
                || (clause.type == "*" && clause.subType == "*")
        }
    }
}
