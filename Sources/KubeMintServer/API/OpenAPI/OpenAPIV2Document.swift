import KubeMint

/// `/openapi/v2`: one Swagger 2.0 document for all group versions, from the same schemas and
/// operations as the v3 documents (docs/kubernetes-behaviour.md §17). JSON by default, gnostic
/// protobuf when the client asks for it (kubectl does, to validate manifests of kinds without a
/// PATCH operation, such as TokenReview). Built once per release.
struct OpenAPIV2Document: Sendable {
    /// The JSON body, with the trailing newline.
    let json: [UInt8]
    /// The protobuf body.
    let protobuf: [UInt8]

    /// The document of `api`'s release.
    init(_ api: ServedAPI) {
        let document = Self.document(api)
        json = JSONValue.object(document).serialized() + [UInt8(ascii: "\n")]
        protobuf = OpenAPIV2Protobuf.encode(document)
    }

    /// The JSON document.
    static func document(_ api: ServedAPI) -> JSONObject {
        var paths: [(String, JSONValue)] = []
        var roots: [ObjectSchema] = []
        for groupVersion in api.groupVersions {
            let entries = api.resources.filter { $0.groupVersion == groupVersion }
            paths += OpenAPIOperations.paths(entries, groupVersion, dialect: .v2).members
            roots += OpenAPIDocument.roots(groupVersion, api)
        }
        return JSONObject([
            ("swagger", .string("2.0")),
            (
                "info",
                .object(JSONObject([("title", .string("Kubernetes")), ("version", .string(api.release.gitVersion))]))
            ),
            ("paths", .object(JSONObject(paths.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }))),
            ("definitions", .object(OpenAPISchemaJSON(dialect: .v2).definitions(roots))),
        ])
    }

    /// The document in the form `request`'s Accept header asks for.
    func response(_ request: APIRequest) -> APIResponse {
        let accept = request.headers["accept"] ?? ""
        if accept.contains(OpenAPIV2Protobuf.acceptedPrefix) {
            return APIResponse(status: 200, headers: [("Content-Type", OpenAPIV2Protobuf.contentType)], body: protobuf)
        }
        return APIResponse(status: 200, headers: [("Content-Type", "application/json")], body: json)
    }
}
