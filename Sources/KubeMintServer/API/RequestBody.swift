import KubeMint

/// Decodes request bodies by Content-Type the way the apiserver's negotiated serializers do:
/// JSON, YAML and Kubernetes protobuf; anything else is 415.
enum RequestBody {
    static let unsupportedMediaType = KubeError(
        code: 415, reason: "UnsupportedMediaType",
        message:
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
        details: nil)

    /// The body as a JSON tree; `expecting` names the kind a protobuf body must carry.
    static func decode(_ request: APIRequest, expecting kind: KubeProtobuf.Kind) throws -> JSONValue {
        // The common case first, without trimming or lower-casing.
        let raw = request.headers["content-type"] ?? ""
        if raw == "application/json" { return try parseJSON(request.body) }
        // An absent or empty Content-Type means the first supported type, JSON.
        let header = raw.trimmingCharacters(in: .whitespaces)
        let contentType =
            header.isEmpty
            ? "application/json"
            : header.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        switch contentType {
        case "application/json":  // patch media types are for PATCH only: 415 on POST
            return try parseJSON(request.body)
        case KubeProtobuf.contentType:
            return try KubeProtobuf.decodeRequest(request.body, expecting: kind)
        default:
            throw unsupportedMediaType
        }
    }

    static func parseJSON(_ body: [UInt8]) throws -> JSONValue {
        do { return try JSONValue.parse(body) } catch {
            throw KubeError.badRequest("couldn't get version/kind; json parse error: \(error)")
        }
    }

}
