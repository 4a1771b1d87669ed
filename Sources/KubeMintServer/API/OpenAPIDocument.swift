import KubeMint

/// Just enough OpenAPI v3 for kubectl's default `--validate=strict`: the index at `/openapi/v3`
/// and a `api/v1` document whose PATCH operations accept `fieldValidation`, which tells kubectl
/// the server validates fields itself, so it skips client-side schema checks (docs/kubernetes-behaviour.md §9.4).
/// Its paths are the core group's stored kinds of ``RouteTable/resources``, in table order. (Their
/// PATCH operation is that signal to kubectl, not a verb kubemint serves.)
enum OpenAPIDocument {
    static let hash = "kubemint-v1"

    /// The index at `/openapi/v3` or the core group's document at `/openapi/v3/api/v1`.
    static func response(_ path: OpenAPIPath) -> APIResponse {
        switch path {
        case .index:
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
        case .coreGroup:
            return .json(.object(coreDocument))
        }
    }

    static let coreDocument: JSONObject = {
        var paths = JSONObject()
        for entry in RouteTable.resources where entry.groupVersion == RouteTable.core && entry.storedKind != nil {
            let path =
                entry.namespaced
                ? "\(entry.groupVersion.path)/namespaces/{namespace}/\(entry.resource)/{name}"
                : "\(entry.groupVersion.path)/\(entry.resource)/{name}"
            let gvk = JSONObject([("group", .string("")), ("version", .string("v1")), ("kind", .string(entry.kind))])
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
                ("operationId", .string("patchCoreV1\(entry.kind)")),
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
