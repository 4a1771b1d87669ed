extension ObjectStore {
    /// The apiserver's message for a write against a resourceVersion that is no longer current.
    package static let modifiedSinceRead =
        "the object has been modified; please apply your changes to the latest version and try again"

    /// Replaces an object as `PUT …/{resource}/{name}` (`kubectl replace`) does and returns it as
    /// stored (docs/kubernetes-behaviour.md §14). Checks, in the apiserver's order: kind/apiVersion
    /// and decoding (400), body name and namespace match the URL (400), the object exists (404:
    /// no create on update for these kinds), a non-empty `metadata.resourceVersion` is the current
    /// one (409 Conflict; empty means an unconditional update), then the create-time validation
    /// plus the update rules of ``UpdateValidation`` (422). uid (when empty), creationTimestamp and
    /// status (pods, nodes, namespaces) are kept from the stored object. Nothing is stored on error.
    /// With a data directory, returns once the change is durable (blocking the thread: async
    /// callers use ``replaceAsync(_:namespace:name:_:)``).
    @discardableResult
    package func replace(_ resource: ResourceKind, namespace: String? = nil, name: String, _ input: JSONObject)
        throws(KubeError) -> JSONObject
    {
        let (object, durability) = try replacePending(resource, namespace: namespace, name: name, input)
        try durability.wait()
        return object
    }

    /// ``replace(_:namespace:name:_:)`` that waits for durability without blocking a thread: what
    /// the HTTP API calls before it answers 200.
    @discardableResult
    package func replaceAsync(
        _ resource: ResourceKind, namespace: String? = nil, name: String, _ input: JSONObject, manager: String? = nil
    ) async throws(KubeError) -> JSONObject {
        let (object, durability) = try replacePending(
            resource, namespace: namespace, name: name, input, manager: manager)
        try await durability.waitAsync()
        return object
    }

    /// The replace, committed but possibly not yet durable. `basedOn`, when given, is the
    /// resourceVersion the input was computed from (a patch): the commit fails with 409 if the
    /// stored object moved on meanwhile, whatever the input says. `manager`, when given, is recorded
    /// as the `Update` manager of what the write changes (docs/kubernetes-behaviour.md §18).
    /// `statusOnly` makes it a write of the status subresource: only `status` is taken from the
    /// input, and the kind's status rules validate it (docs/kubernetes-behaviour.md §24.2).
    func replacePending(
        _ resource: ResourceKind, namespace: String?, name: String, _ input: JSONObject, basedOn: String? = nil,
        manager: String? = nil, statusOnly: Bool = false
    ) throws(KubeError) -> (JSONObject, Durability) {
        try resource.checkTypeMeta(of: input)
        var object = input
        if statusOnly {
            try FieldTypeCheck.check(object, as: resource)  // defaults would reset the status
        } else {
            try ObjectDefaults.apply(to: &object, as: resource)
        }
        let namespaceKey = self.namespaceKey(resource, namespace)
        guard let given = object.name, given == name else {
            throw KubeError.badRequest(
                "the name of the object (\(object.name ?? "")) does not match the name on the URL (\(name))")
        }
        try ObjectStore.placeInNamespace(&object, resource, namespaceKey)
        object["kind"] = .string(resource.kind)
        object["apiVersion"] = .string(resource.apiVersion)
        let precondition = nonEmpty(object.string(at: ["metadata", "resourceVersion"]))
        if let precondition, UInt64(precondition) == nil {
            throw KubeError.invalid(
                kind: resource.kind, group: resource.group, name: name,
                errors: [
                    FieldError(
                        .invalid, field: "metadata.resourceVersion", value: .string(precondition),
                        detail: "strconv.ParseUint: parsing \"\(goQuoteBody(precondition))\": invalid syntax")
                ])
        }
        var attempt = 1
        while true {
            // Validation runs outside the store's lock, against the object as read here; the commit
            // then only checks that nobody changed it meanwhile.
            guard let existing = state.withLock({ $0.object(resource, namespaceKey, name) }) else {
                throw KubeError.notFound(resource: resource.resource, group: resource.group, name: name)
            }
            let current = existing.string(at: ["metadata", "resourceVersion"])
            for expected in [precondition, basedOn] {
                if let expected, expected != current { throw conflict(resource, name) }
            }
            let prepared =
                statusOnly
                ? try prepareStatusUpdate(object, replacing: existing, as: resource, manager: manager)
                : try prepareUpdate(object, replacing: existing, as: resource, manager: manager)
            do {
                return try commitPending { (s: inout State) throws(KubeError) -> (JSONObject, [StoreEvent]) in
                    guard let stored = s.object(resource, namespaceKey, name) else {
                        throw KubeError.notFound(resource: resource.resource, group: resource.group, name: name)
                    }
                    guard stored.string(at: ["metadata", "resourceVersion"]) == current else {
                        throw conflict(resource, name)
                    }
                    let event = ObjectStore.put(prepared, resource, namespaceKey, name, type: .modified, in: &s)
                    return (event.object, [event])
                }
            } catch let error
                where error.reason == "Conflict" && precondition == nil && basedOn == nil
                && attempt < Self.updateAttempts
            {
                // An unconditional update lost a race: validate again against the new object.
                attempt += 1
            }
        }
    }

    /// How often an unconditional update is retried when another write lands between reading the
    /// stored object and committing.
    static let updateAttempts = 100

    /// 409 for a write against a version that is no longer current.
    private func conflict(_ resource: ResourceKind, _ name: String) -> KubeError {
        KubeError.conflict(
            resource: resource.resource, group: resource.group, name: name, why: ObjectStore.modifiedSinceRead)
    }

    /// `object` ready to replace `existing`: system fields carried over, validated (422), in
    /// canonical order, within the depth limit.
    func prepareUpdate(
        _ object: JSONObject, replacing existing: JSONObject, as resource: ResourceKind, manager: String?
    ) throws(KubeError) -> JSONObject {
        var updated = object
        UpdateValidation.carryOver(from: existing, into: &updated, as: resource)
        if resource == .namespaces { ObjectDefaults.labelNamespace(&updated) }
        let errors =
            UpdateValidation.errors(updating: existing, to: updated, as: resource)
            + ObjectValidation.errors(creating: updated, as: resource, replacing: existing)
        guard errors.isEmpty else {
            throw KubeError.invalid(
                kind: resource.kind, group: resource.group, name: updated.name ?? "", errors: errors)
        }
        return try finishUpdate(updated, replacing: existing, as: resource, manager: manager)
    }

    /// `updated`, validated, with the write recorded in managedFields, in canonical order, within
    /// the depth limit.
    func finishUpdate(
        _ updated: JSONObject, replacing existing: JSONObject, as resource: ResourceKind, manager: String?
    ) throws(KubeError) -> JSONObject {
        var updated = updated
        ManagedFieldsEntry.recordUpdate(
            from: existing, into: &updated, manager: manager, resource: resource, now: clock.now())
        let prepared = CanonicalOrder.apply(updated, as: resource)
        try ObjectStore.checkDepth(prepared)
        return prepared
    }
}
