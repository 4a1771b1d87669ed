import KubeMint

/// `/openapi/v2`: one Swagger 2.0 document for all group versions, from the same schemas and
/// operations as the v3 documents (docs/kubernetes-behaviour.md §17). JSON by default, gnostic
/// protobuf when the client asks for it (kubectl does, to validate manifests of kinds without a
/// PATCH operation, such as TokenReview). Built once.
enum OpenAPIV2Document {
    /// The JSON document.
    static let document: JSONObject = {
        var paths: [(String, JSONValue)] = []
        var roots: [ObjectSchema] = []
        for groupVersion in RouteTable.groupVersions {
            let entries = RouteTable.resources.filter { $0.groupVersion == groupVersion }
            paths += OpenAPIOperations.paths(entries, groupVersion, dialect: .v2).members
            roots += OpenAPIDocument.roots(groupVersion)
        }
        return JSONObject([
            ("swagger", .string("2.0")),
            (
                "info",
                .object(JSONObject([("title", .string("Kubernetes")), ("version", .string(APIDiscovery.gitVersion))]))
            ),
            ("paths", .object(JSONObject(paths.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }))),
            ("definitions", .object(OpenAPISchemaJSON(dialect: .v2).definitions(roots))),
        ])
    }()

    /// The JSON body, with the trailing newline.
    static let json: [UInt8] = JSONValue.object(document).serialized() + [UInt8(ascii: "\n")]

    /// The protobuf body.
    static let protobuf: [UInt8] = OpenAPIV2Protobuf.encode(document)

    /// The document in the form `request`'s Accept header asks for.
    static func response(_ request: APIRequest) -> APIResponse {
        let accept = request.headers["accept"] ?? ""
        if accept.contains(OpenAPIV2Protobuf.acceptedPrefix) {
            return APIResponse(status: 200, headers: [("Content-Type", OpenAPIV2Protobuf.contentType)], body: protobuf)
        }
        return APIResponse(status: 200, headers: [("Content-Type", "application/json")], body: json)
    }
}
