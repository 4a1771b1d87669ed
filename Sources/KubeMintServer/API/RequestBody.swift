import KubeMint

/// Decodes request bodies by Content-Type the way the apiserver's negotiated serializers do:
/// JSON, YAML and Kubernetes protobuf; anything else is 415.
enum RequestBody {
    static let unsupportedMediaType = KubeError(
        code: 415, reason: "UnsupportedMediaType",
        message:
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
        details: nil)

    /// The media types a body may have.
    enum MediaType {
        /// `application/json` (also for an absent or empty Content-Type).
        case json
        /// `application/vnd.kubernetes.protobuf`.
        case protobuf
    }

    /// The body's media type by Content-Type; 415 for any other.
    static func mediaType(_ request: APIRequest) throws -> MediaType {
        // The common case first, without trimming or lower-casing.
        let raw = request.headers["content-type"] ?? ""
        if raw == "application/json" { return .json }
        // An absent or empty Content-Type means the first supported type, JSON.
        let header = raw.trimmingCharacters(in: .whitespaces)
        let contentType =
            header.isEmpty
            ? "application/json"
            : header.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        switch contentType {
        case "application/json": return .json  // patch media types are for PATCH only: 415 on POST
        case KubeProtobuf.contentType: return .protobuf
        default: throw unsupportedMediaType
        }
    }

    /// The body as a JSON tree; `expecting` names the kind a protobuf body must carry.
    static func decode(_ request: APIRequest, expecting kind: KubeProtobuf.Kind) throws -> JSONValue {
        switch try mediaType(request) {
        case .json: try parseJSON(request.body)
        case .protobuf: try KubeProtobuf.decodeRequest(request.body, expecting: kind)
        }
    }

    /// The body of a create or update, strictly decoded against `schema` as the apiserver decodes
    /// into the Go struct (docs/kubernetes-behaviour.md §17): unknown fields dropped, and they and
    /// duplicate fields reported as `validation` asks (warnings, or `strictError` of the joined
    /// message). A protobuf body has neither: its decoder knows only the type's fields.
    static func decodeChecked(
        _ request: APIRequest, expecting kind: KubeProtobuf.Kind, schema: ObjectSchema, validation: FieldValidation,
        strictError: (String) -> KubeError
    ) throws -> (value: JSONValue, warnings: [String]) {
        switch try mediaType(request) {
        case .protobuf:
            return (try KubeProtobuf.decodeRequest(request.body, expecting: kind), [])
        case .json:
            let parsed: (value: JSONValue, duplicates: Set<String>)
            do { parsed = try JSONValue.parseReportingDuplicates(request.body) } catch {
                throw KubeError.badRequest("couldn't get version/kind; json parse error: \(error)")
            }
            guard case .object(let object) = parsed.value,
                object["kind"]?.stringValue.map({ kind in schema.kinds.contains { $0.kind == kind } }) ?? true
            else {
                return (parsed.value, [])  // not this kind: the kind check answers it
            }
            let (checked, problems) = StrictFieldCheck.check(object, against: schema, duplicates: parsed.duplicates)
            let warnings = try validation.outcome(of: problems, strictError: strictError)
            return (.object(checked), warnings)
        }
    }

    static func parseJSON(_ body: [UInt8]) throws -> JSONValue {
        do { return try JSONValue.parse(body) } catch {
            throw KubeError.badRequest("couldn't get version/kind; json parse error: \(error)")
        }
    }

}
