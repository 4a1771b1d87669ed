import KubeMint

extension KubeAPI {
    /// core/v1 create, get, list and delete for the resources kubemint keeps; nil when the path is
    /// not one of them. A create or delete is answered only once it is durable (`--data-dir`).
    func objectRoute(_ request: APIRequest, _ path: PathSegments) async throws -> APIResponse? {
        guard let store else { return nil }
        let s = path.segments.map(String.init)
        guard s.count >= 3, s[0] == "api", s[1] == "v1" else { return nil }
        // /api/v1/{resource}[/{name}] for cluster-scoped, or all namespaces on list.
        // /api/v1/namespaces/{ns}/{resource}[/{name}] for namespaced.
        var namespace: String?
        var resourceName: String
        var name: String?
        if s.count >= 5, s[2] == "namespaces" {
            namespace = s[3]
            resourceName = s[4]
            if s.count == 6 { name = s[5] } else if s.count > 6 { return nil }
        } else {
            resourceName = s[2]
            if s.count == 4 { name = s[3] } else if s.count > 4 { return nil }
        }
        guard let resource = ResourceKind(rawValue: resourceName) else { return nil }
        if resource.isNamespaced != (namespace != nil) {
            // Namespaced resources may be listed across namespaces; nothing else works without one.
            guard resource.isNamespaced, name == nil, request.method == "GET" else { return nil }
        }
        switch (request.method, name) {
        case ("GET", let name?):
            let object = try store.get(resource, namespace: namespace, name: name)
            if TablePrinter.wanted(request) {
                return .json(
                    TablePrinter.table(
                        resource, items: [object],
                        resourceVersion: object["metadata"]?["resourceVersion"]?.stringValue ?? "",
                        now: issuer.clock.now()))
            }
            return .json(object)
        case ("GET", nil):
            if let watch = request.query["watch"], watch == "true" || watch == "1" {
                throw KubeError.status(
                    code: 405, reason: "MethodNotAllowed", message: "watch is not supported by kubemint")
            }
            let list = store.list(resource, namespace: namespace)
            if TablePrinter.wanted(request) {
                return .json(
                    TablePrinter.table(
                        resource, items: list.items, resourceVersion: list.resourceVersion, now: issuer.clock.now()))
            }
            return .json(list.jsonObject)
        case ("POST", nil):
            let kind = KubeProtobuf.Kind(apiVersion: "v1", kind: resource.kind)
            guard case .object(let object) = try RequestBody.decode(request, expecting: kind) else {
                throw KubeError.badRequest(
                    "\(resource.kind) in version \"v1\" cannot be handled as a \(resource.kind): expected a JSON object"
                )
            }
            return .json(try await store.createAsync(resource, namespace: namespace, object), status: 201)
        case ("DELETE", let name?):
            let deleted = try await store.deleteAsync(resource, namespace: namespace, name: name)
            if resource == .pods || resource == .namespaces { return .json(deleted) }
            return .json(
                JSONObject([
                    ("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object(JSONObject())),
                    ("status", .string("Success")),
                    (
                        "details",
                        .object(
                            JSONObject([
                                ("name", .string(name)), ("kind", .string(resource.rawValue)),
                                ("uid", deleted["metadata"]?["uid"] ?? .string("")),
                            ]))
                    ),
                ]))
        default:
            throw KubeError.methodNotAllowed
        }
    }
}
