import KubeMint

extension KubeAPI {
    /// `GET`, `PUT` and `PATCH` of `…/{name}/status` (docs/kubernetes-behaviour.md §24.2): what a
    /// signer calls to issue, deny or fail a PodCertificateRequest.
    func objectStatus(_ resource: ResourceKind, _ path: ResourcePath, verb: String, _ request: APIRequest) async throws
        -> APIResponse
    {
        guard let store, let name = path.name else { return notFound(request) }
        let namespace = path.namespace
        switch verb {
        case "get":
            return .json(try store.get(resource, namespace: namespace, name: name))
        case "update":
            let validation = try FieldValidation(query: request.query["fieldValidation"], optionsKind: "UpdateOptions")
            let (object, warnings) = try Self.objectBody(resource, request, validation)
            let replaced = try await store.replaceStatusAsync(
                resource, namespace: namespace, name: name, object, manager: Self.fieldManager(request))
            return .json(replaced, warnings: warnings)
        case "patch":
            let validation = try FieldValidation(query: request.query["fieldValidation"], optionsKind: "PatchOptions")
            guard let type = PatchType(contentType: request.headers["content-type"] ?? ""), type != .apply else {
                throw PatchType.unsupportedMediaType
            }
            let (patched, warnings) = try await store.patchStatusAsync(
                resource, namespace: namespace, name: name, type: type, request.body, validation: validation,
                manager: Self.fieldManager(request))
            return .json(patched, warnings: warnings)
        default:
            throw KubeError.methodNotAllowed
        }
    }
}
