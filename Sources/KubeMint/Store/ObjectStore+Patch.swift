extension ObjectStore {
    /// How often a patch is re-applied when another write changed the object between reading it
    /// and committing (the apiserver retries the same way, from the new object).
    static let patchAttempts = 100

    /// Patches an object as `PATCH …/{resource}/{name}` does and returns it as stored
    /// (docs/kubernetes-behaviour.md §14): the patch is applied to the stored object and the
    /// result goes through ``replace(_:namespace:name:_:)``'s checks, so a `resourceVersion` the
    /// patch sets must be current (409), immutable fields stay (422) and a changed name is 400.
    /// A missing object is 404 (checked before the patch is read, as the apiserver does); a
    /// malformed patch is 400; a JSON Patch that does not apply (a failed `test` among them) is
    /// the apiserver's generic 422. Nothing is stored on error.
    /// With a data directory, returns once the change is durable (blocking the thread: async
    /// callers use ``patchAsync(_:namespace:name:type:_:)``).
    @discardableResult
    package func patch(
        _ resource: ResourceKind, namespace: String? = nil, name: String, type: PatchType, _ body: [UInt8]
    ) throws(KubeError) -> JSONObject {
        let (object, _, durability) = try patchPending(
            resource, namespace: namespace, name: name, type: type, body, validation: .ignore)
        try durability.wait()
        return object
    }

    /// ``patch(_:namespace:name:type:_:)`` that waits for durability without blocking a thread:
    /// what the HTTP API calls before it answers 200.
    @discardableResult
    package func patchAsync(
        _ resource: ResourceKind, namespace: String? = nil, name: String, type: PatchType, _ body: [UInt8],
        manager: String? = nil
    ) async throws(KubeError) -> JSONObject {
        try await patchAsync(
            resource, namespace: namespace, name: name, type: type, body, validation: .ignore, manager: manager
        ).object
    }

    /// ``patchAsync(_:namespace:name:type:_:manager:)`` under a `fieldValidation` directive: unknown
    /// fields of the patched object are dropped, and reported as warnings (``FieldValidation/warn``)
    /// or as the apiserver's 422 (``FieldValidation/strict``; docs/kubernetes-behaviour.md §17).
    package func patchAsync(
        _ resource: ResourceKind, namespace: String? = nil, name: String, type: PatchType, _ body: [UInt8],
        validation: FieldValidation, manager: String? = nil
    ) async throws(KubeError) -> (object: JSONObject, warnings: [String]) {
        let (object, warnings, durability) = try patchPending(
            resource, namespace: namespace, name: name, type: type, body, validation: validation, manager: manager)
        try await durability.waitAsync()
        return (object, warnings)
    }

    /// The patch, committed but possibly not yet durable; `statusOnly` patches the status
    /// subresource (only the patched `status` is kept).
    func patchPending(
        _ resource: ResourceKind, namespace: String?, name: String, type: PatchType, _ body: [UInt8],
        validation: FieldValidation, manager: String? = nil, statusOnly: Bool = false
    ) throws(KubeError) -> (JSONObject, [String], Durability) {
        let namespaceKey = self.namespaceKey(resource, namespace)
        var attempt = 1
        while true {
            guard let current = state.withLock({ $0.object(resource, namespaceKey, name) }) else {
                throw KubeError.notFound(resource: resource.resource, group: resource.group, name: name)
            }
            let (patched, warnings) = try Self.checkFields(
                resource, type, body, Self.applyPatch(type, body, to: current), validation)
            let currentVersion = current.string(at: ["metadata", "resourceVersion"])
            do {
                let (object, durability) = try replacePending(
                    resource, namespace: namespaceKey, name: name, patched, basedOn: currentVersion, manager: manager,
                    statusOnly: statusOnly)
                return (object, warnings, durability)
            } catch let error where error.reason == "Conflict" && attempt < Self.patchAttempts {
                // Retry only when the patch did not ask for a version itself.
                let asked = nonEmpty(patched.string(at: ["metadata", "resourceVersion"]))
                guard asked == nil || asked == currentVersion else { throw error }
                attempt += 1
            }
        }
    }

    /// `current` with the patch applied, as an object; the apiserver's errors otherwise.
    package static func applyPatch(_ type: PatchType, _ body: [UInt8], to current: JSONObject) throws(KubeError)
        -> JSONObject
    {
        let patched: JSONValue
        do {
            switch type {
            case .merge: patched = JSONMergePatch.apply(try JSONMergePatch.parse(body), to: .object(current))
            case .strategicMerge:
                patched = .object(try StrategicMergePatch.apply(try StrategicMergePatch.parse(body), to: current))
            case .apply:
                // A configuration to apply, not a patch: ``applyAsync`` takes it, with its field manager.
                throw KubeError.badRequest("an apply configuration needs a field manager: PATCH it over HTTP")
            case .json:
                let patch = try JSONPatch(body)
                guard patch.operations.count <= JSONPatch.maxOperations else {
                    throw KubeError(
                        code: 413, reason: "RequestEntityTooLarge",
                        message:
                            "Request entity too large: The allowed maximum operations in a JSON patch is \(JSONPatch.maxOperations), got \(patch.operations.count)"
                    )
                }
                patched = try patch.apply(to: .object(current))
            }
        } catch let error as JSONPatchError {
            switch error.reason {
            case .malformed: throw KubeError.badRequest(error.description)
            // The apiserver answers every JSON Patch that does not apply with this generic 422.
            case .notApplicable, .testFailed:
                throw KubeError(
                    code: 422, reason: "Invalid",
                    message: "the server rejected our request due to an error in our request",
                    details: KubeError.Details())
            }
        } catch let error as KubeError {
            throw error
        } catch {
            throw KubeError.internalError("applying a patch: \(error)")
        }
        guard case .object(let object) = patched else {
            throw KubeError.invalid(
                kind: "", name: "",
                errors: [
                    FieldError(
                        .invalid, field: "patch", value: .string(patched.jsonString),
                        detail: "couldn't get version/kind; json parse error: json: cannot unmarshal "
                            + "\(ResourceKind.jsonTypeName(patched)) into Go value of type struct { APIVersion string "
                            + #""json:\"apiVersion,omitempty\""; Kind string "json:\"kind,omitempty\"" }"#)
                ])
        }
        return object
    }

    /// The patched object without unknown fields, and the warnings `validation` asks for; under
    /// ``FieldValidation/strict`` the apiserver's 422 (a `patch` field error whose value is the
    /// patched object, or for a strategic merge patch the patch in Go's `%+v`).
    static func checkFields(
        _ resource: ResourceKind, _ type: PatchType, _ body: [UInt8], _ patched: JSONObject,
        _ validation: FieldValidation
    ) throws(KubeError) -> (JSONObject, [String]) {
        let (checked, problems) = StrictFieldCheck.check(patched, against: KubeSchemas.schema(for: resource))
        let warnings = try validation.outcome(of: problems) { message in
            let value: String
            if type == .strategicMerge, let patch = try? JSONValue.parse(body) {
                value = patch.goPrinted
            } else {
                value = JSONValue.object(patched).jsonString
            }
            return KubeError.invalid(
                kind: "", name: "",
                errors: [FieldError(.invalid, field: "patch", value: .string(value), detail: message)])
        }
        return (checked, warnings)
    }
}
