import KubeMint

extension KubeAPI {
    /// Create, get, list, update (PUT), patch and delete of stored objects, for a verb ``RouteTable``
    /// let through; 404 without a store. A write is answered only once it is durable (`--data-dir`).
    func objects(_ resource: ResourceKind, _ path: ResourcePath, verb: String, _ request: APIRequest) async throws
        -> APIResponse
    {
        guard let store else { return notFound(request) }
        let namespace = path.namespace
        switch (verb, path.name) {
        case ("get", let name?):
            let object = try store.get(resource, namespace: namespace, name: name)
            if TablePrinter.wanted(request) {
                return .json(
                    TablePrinter.table(
                        resource, items: [object],
                        resourceVersion: object["metadata"]?["resourceVersion"]?.stringValue ?? "",
                        now: issuer.clock.now()))
            }
            return .json(object)
        case ("list", nil), ("watch", nil):
            // The apiserver decodes the list options, selectors included, before anything else.
            let selector = try Self.selector(resource, request)
            if WatchOptions.isWatch(request.query) {
                return try watch(resource, namespace: namespace, selector: selector, request)
            }
            let list = selector.filter(store.list(resource, namespace: namespace))
            if TablePrinter.wanted(request) {
                return .json(
                    TablePrinter.table(
                        resource, items: list.items, resourceVersion: list.resourceVersion, now: issuer.clock.now()))
            }
            return .json(list.jsonObject)
        case ("create", nil):
            let validation = try FieldValidation(query: request.query["fieldValidation"], optionsKind: "CreateOptions")
            let (object, warnings) = try Self.objectBody(resource, request, validation)
            try checkEscalation(resource, namespace: namespace, name: nil, object, request)
            let created = try await store.createAsync(
                resource, namespace: namespace, object, manager: Self.fieldManager(request))
            return .json(created, status: 201, warnings: warnings)
        case ("update", let name?):
            let validation = try FieldValidation(query: request.query["fieldValidation"], optionsKind: "UpdateOptions")
            let (object, warnings) = try Self.objectBody(resource, request, validation)
            try checkEscalation(resource, namespace: namespace, name: name, object, request)
            let replaced = try await store.replaceAsync(
                resource, namespace: namespace, name: name, object, manager: Self.fieldManager(request))
            return .json(replaced, warnings: warnings)
        case ("patch", let name?):
            let validation = try FieldValidation(query: request.query["fieldValidation"], optionsKind: "PatchOptions")
            guard let type = PatchType(contentType: request.headers["content-type"] ?? "") else {
                throw PatchType.unsupportedMediaType
            }
            let options = PatchOptions(fieldManager: request.query["fieldManager"], force: request.query["force"])
            try options.validate(isApply: type == .apply)
            try checkPatchEscalation(resource, namespace: namespace, name: name, type: type, request)
            if type == .apply {
                let (object, created) = try await store.applyAsync(
                    resource, namespace: namespace, name: name, request.body, manager: options.fieldManager ?? "",
                    force: options.force ?? false)
                return .json(object, status: created ? 201 : 200)
            }
            let (patched, warnings) = try await store.patchAsync(
                resource, namespace: namespace, name: name, type: type, request.body, validation: validation,
                manager: Self.fieldManager(request))
            return .json(patched, warnings: warnings)
        case ("delete", let name?):
            let grace = try Self.gracePeriodSeconds(request)
            let deleted = try await store.deleteAsync(
                resource, namespace: namespace, name: name, gracePeriodSeconds: grace)
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

    /// The manager a write is recorded under in managedFields (docs/kubernetes-behaviour.md §18):
    /// the `fieldManager` parameter, else the User-Agent up to its first `/` (`kubectl-edit/v1.32.0
    /// (linux/amd64) …` → `kubectl-edit`), as the apiserver's `managerOrUserAgent` derives it.
    static func fieldManager(_ request: APIRequest) -> String {
        if let manager = request.query["fieldManager"], !manager.isEmpty { return manager }
        let agent = request.headers["user-agent"] ?? ""
        return String(agent.prefix { $0 != "/" })
    }

    /// The body of a create or update of `resource`: a JSON or protobuf object (400 otherwise),
    /// strictly decoded under `validation` (docs/kubernetes-behaviour.md §17), with its warnings.
    static func objectBody(_ resource: ResourceKind, _ request: APIRequest, _ validation: FieldValidation) throws
        -> (JSONObject, [String])
    {
        let kind = KubeProtobuf.Kind(apiVersion: resource.apiVersion, kind: resource.kind)
        let cannotBeHandled =
            "\(resource.kind) in version \"\(resource.version)\" cannot be handled as a \(resource.kind): "
        let (body, warnings) = try RequestBody.decodeChecked(
            request, expecting: kind, schema: KubeSchemas.schema(for: resource), validation: validation
        ) { KubeError.badRequest(cannotBeHandled + $0) }
        guard case .object(let object) = body else {
            throw KubeError.badRequest(cannotBeHandled + "expected a JSON object")
        }
        return (object, warnings)
    }

    /// The `labelSelector` and `fieldSelector` of a list of `resource`; a bad one is the apiserver's
    /// 400 (docs/kubernetes-behaviour.md §13).
    static func selector(_ resource: ResourceKind, _ request: APIRequest) throws(KubeError) -> ObjectSelector {
        do {
            return try ObjectSelector(
                kind: resource, labelSelector: request.query["labelSelector"],
                fieldSelector: request.query["fieldSelector"])
        } catch {
            throw error.kubeError
        }
    }
}
