/// The status subresource (`…/{name}/status`) of the kinds that have one kubemint serves
/// (PodCertificateRequest): get, update and patch change only `status`, checked by the kind's
/// status rules (docs/kubernetes-behaviour.md §24.2).
extension ObjectStore {
    /// The kinds whose status is written only through the status subresource.
    package static let statusSubresourceKinds: Set<ResourceKind> = [.podcertificaterequests]

    /// `PUT …/status`: `input`'s status replaces the stored one (metadata, spec and the rest stay
    /// as stored, as the strategy's `PrepareForUpdate` for status resets them); 409 when
    /// `input`'s non-empty resourceVersion is not current, 422 when the status rules refuse it.
    @discardableResult
    package func replaceStatusAsync(
        _ resource: ResourceKind, namespace: String? = nil, name: String, _ input: JSONObject, manager: String? = nil
    ) async throws(KubeError) -> JSONObject {
        let (object, durability) = try replacePending(
            resource, namespace: namespace, name: name, input, manager: manager, statusOnly: true)
        try await durability.waitAsync()
        return object
    }

    /// ``replaceStatusAsync(_:namespace:name:_:manager:)`` for kubemint's own controllers: blocks
    /// until durable; `basedOn` is the resourceVersion the new status was computed from (409 when
    /// the object moved on).
    @discardableResult
    package func replaceStatus(
        _ resource: ResourceKind, namespace: String? = nil, name: String, _ input: JSONObject, basedOn: String?,
        manager: String? = nil
    ) throws(KubeError) -> JSONObject {
        let (object, durability) = try replacePending(
            resource, namespace: namespace, name: name, input, basedOn: basedOn, manager: manager, statusOnly: true)
        try durability.wait()
        return object
    }

    /// `PATCH …/status`: the patch applied to the stored object, of which only `status` is kept.
    package func patchStatusAsync(
        _ resource: ResourceKind, namespace: String? = nil, name: String, type: PatchType, _ body: [UInt8],
        validation: FieldValidation, manager: String? = nil
    ) async throws(KubeError) -> (object: JSONObject, warnings: [String]) {
        let (object, warnings, durability) = try patchPending(
            resource, namespace: namespace, name: name, type: type, body, validation: validation, manager: manager,
            statusOnly: true)
        try await durability.waitAsync()
        return (object, warnings)
    }

    /// `existing` with `object`'s status, validated by the kind's status rules (422), with the
    /// write recorded in managedFields.
    func prepareStatusUpdate(
        _ object: JSONObject, replacing existing: JSONObject, as resource: ResourceKind, manager: String?
    ) throws(KubeError) -> JSONObject {
        var updated = existing
        updated["status"] = object["status"] ?? .object(JSONObject())
        var errors: [FieldError] = []
        if resource == .podcertificaterequests {
            errors = PodCertificateStatusValidation.errors(updating: existing, to: updated, now: clock.now())
        }
        guard errors.isEmpty else {
            throw KubeError.invalid(
                kind: resource.kind, group: resource.group, name: existing.name ?? "", errors: errors)
        }
        return try finishUpdate(updated, replacing: existing, as: resource, manager: manager)
    }
}
