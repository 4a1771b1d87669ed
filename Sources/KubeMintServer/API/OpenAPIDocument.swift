import KubeMint

/// Just enough OpenAPI v3 for kubectl's default `--validate=strict`: the index at `/openapi/v3`
/// and a `api/v1` document whose PATCH operations accept `fieldValidation`, which tells kubectl
/// the server validates fields itself, so it skips client-side schema checks (docs/kubernetes-behaviour.md §9.4).
enum OpenAPIDocument {
    static let hash = "kubemint-v1"

    static func response(for request: APIRequest) -> APIResponse? {
        guard request.method == "GET" else { return nil }
        switch request.path {
        case "/openapi/v3", "/openapi/v3/":
            return .json(
                .object(
                    JSONObject([
                        (
                            "paths",
                            .object(
                                JSONObject([
                                    (
                                        "api/v1",
                                        .object(
                                            JSONObject([
                                                ("serverRelativeURL", .string("/openapi/v3/api/v1?hash=\(hash)"))
                                            ]))
                                    )
                                ]))
                        )
                    ])))
        case "/openapi/v3/api/v1":
            return .json(.object(coreDocument))
        default:
            return nil
        }
    }

    static let coreDocument: JSONObject = {
        var paths = JSONObject()
        for resource in ResourceKind.allCases {
            let path =
                resource.isNamespaced
                ? "/api/v1/namespaces/{namespace}/\(resource.rawValue)/{name}" : "/api/v1/\(resource.rawValue)/{name}"
            let gvk = JSONObject([("group", .string("")), ("version", .string("v1")), ("kind", .string(resource.kind))])
            let parameter = JSONObject([
                ("name", .string("fieldValidation")), ("in", .string("query")),
                (
                    "description",
                    .string(
                        "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields."
                    )
                ),
                ("schema", .object(JSONObject([("type", .string("string")), ("uniqueItems", .bool(true))]))),
            ])
            let patch = JSONObject([
                ("operationId", .string("patchCoreV1\(resource.kind)")),
                ("parameters", .array([.object(parameter)])),
                ("responses", .object(JSONObject())),
                ("x-kubernetes-action", .string("patch")),
                ("x-kubernetes-group-version-kind", .object(gvk)),
            ])
            paths[path] = .object(JSONObject([("patch", .object(patch))]))
        }
        return JSONObject([
            ("openapi", .string("3.0.0")),
            (
                "info",
                .object(JSONObject([("title", .string("Kubernetes")), ("version", .string(APIDiscovery.gitVersion))]))
            ),
            ("paths", .object(paths)),
        ])
    }()
}
