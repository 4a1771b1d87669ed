import KubeMint

/// The `paths` of a group version's OpenAPI v3 document (docs/kubernetes-behaviour.md §17): for each
/// ``RouteTable`` entry the operations of the verbs it serves, on the collection's and the object's
/// path, each with `x-kubernetes-action` and `x-kubernetes-group-version-kind`. Writes (POST, PUT,
/// PATCH) take `fieldValidation`, the parameter kubectl looks for on PATCH to leave field
/// validation to the server (docs/kubernetes-behaviour.md §9.4).
enum OpenAPIOperations {
    /// (verb, HTTP method, `x-kubernetes-action`, operation id verb, on the collection's path)
    static let operations: [(verb: String, method: String, action: String, id: String, collection: Bool)] = [
        ("list", "get", "list", "list", true), ("create", "post", "post", "create", true),
        ("get", "get", "get", "read", false), ("update", "put", "put", "replace", false),
        ("patch", "patch", "patch", "patch", false), ("delete", "delete", "delete", "delete", false),
    ]

    /// The paths of `entries`, all of `groupVersion`, sorted as the apiserver writes them.
    static func paths(
        _ entries: [ResourceEndpoint], _ groupVersion: GroupVersion, dialect: OpenAPISchemaJSON.Dialect
    ) -> JSONObject {
        var paths: [(String, JSONValue)] = []
        for entry in entries {
            let kindGroupVersion = entry.kindGroupVersion ?? groupVersion
            let gvk = JSONObject([
                ("group", .string(kindGroupVersion.group)), ("kind", .string(entry.kind)),
                ("version", .string(kindGroupVersion.version)),
            ])
            let scope = entry.namespaced ? "/namespaces/{namespace}" : ""
            let collectionPath = groupVersion.path + scope + "/" + entry.resource
            var onCollection: [(String, JSONValue)] = []
            var onObject: [(String, JSONValue)] = []
            for operation in operations where entry.verbs.contains(operation.verb) {
                let value = JSONValue.object(
                    self.operation(operation, entry, groupVersion, gvk: gvk, dialect: dialect))
                // A subresource serves its verbs on one path, below an object.
                if operation.collection && entry.subresource == nil {
                    onCollection.append((operation.method, value))
                } else {
                    onObject.append((operation.method, value))
                }
            }
            if !onCollection.isEmpty { paths.append((collectionPath, OpenAPISchemaJSON.sorted(onCollection))) }
            if !onObject.isEmpty {
                let objectPath = collectionPath + "/{name}" + (entry.subresource.map { "/" + $0 } ?? "")
                paths.append((objectPath, OpenAPISchemaJSON.sorted(onObject)))
            }
        }
        return JSONObject(paths.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) })
    }

    /// One operation.
    static func operation(
        _ operation: (verb: String, method: String, action: String, id: String, collection: Bool),
        _ entry: ResourceEndpoint, _ groupVersion: GroupVersion, gvk: JSONObject, dialect: OpenAPISchemaJSON.Dialect
    ) -> JSONObject {
        var members: [(String, JSONValue)] = [
            ("description", .string("\(operation.verb) \(entry.name)")),
            ("operationId", .string(operationID(operation.id, entry, groupVersion))),
            ("responses", .object(JSONObject([("200", .object(JSONObject([("description", .string("OK"))])))]))),
            ("x-kubernetes-action", .string(operation.action)),
            ("x-kubernetes-group-version-kind", .object(gvk)),
        ]
        if ["create", "update", "patch"].contains(operation.verb) {
            members.append(("parameters", .array([.object(fieldValidationParameter(dialect))])))
        }
        return JSONObject(members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) })
    }

    /// `createCoreV1NamespacedPod`, `createAuthenticationV1TokenReview`, as upstream names operations.
    static func operationID(_ verb: String, _ entry: ResourceEndpoint, _ groupVersion: GroupVersion) -> String {
        let group = groupVersion.group.isEmpty ? "core" : String(groupVersion.group.prefix { $0 != "." })
        let subresource = entry.subresource.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? ""
        // A subresource is named after the kind it belongs to: createCoreV1NamespacedServiceAccountToken.
        let kind = entry.subresource == nil ? entry.kind : (ResourceKind(rawValue: entry.resource)?.kind ?? entry.kind)
        return verb + group.prefix(1).uppercased() + group.dropFirst() + groupVersion.version.prefix(1).uppercased()
            + groupVersion.version.dropFirst() + (entry.namespaced ? "Namespaced" : "") + kind + subresource
    }

    /// The `fieldValidation` query parameter; OpenAPI 3 puts its type under `schema`, Swagger 2 beside it.
    static func fieldValidationParameter(_ dialect: OpenAPISchemaJSON.Dialect) -> JSONObject {
        let type: [(String, JSONValue)] = [("type", .string("string")), ("uniqueItems", .bool(true))]
        let placed: [(String, JSONValue)] = dialect == .v3 ? [("schema", .object(JSONObject(type)))] : type
        return JSONObject(
            [
                (
                    "description",
                    .string(
                        "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields."
                    )
                ),
                ("in", .string("query")), ("name", .string("fieldValidation")),
            ] + placed)
    }
}
