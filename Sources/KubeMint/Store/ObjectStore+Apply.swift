extension ObjectStore {
    /// Server-side apply as `PATCH …/{resource}/{name}` with `application/apply-patch+yaml` does
    /// it (docs/kubernetes-behaviour.md §18): creates the object when it does not exist (then
    /// `created` is true: 201), else merges the configuration into it through ``ServerSideApply``
    /// and stores it with ``replace(_:namespace:name:_:)``'s checks. An apply that changes nothing
    /// is not written (the resourceVersion stays). Nothing is stored on error. Returns once the
    /// change is durable, without blocking a thread.
    package func applyAsync(
        _ resource: ResourceKind, namespace: String? = nil, name: String, _ body: [UInt8], manager: String,
        force: Bool
    ) async throws(KubeError) -> (object: JSONObject, created: Bool) {
        let (object, created, durability) = try applyPending(
            resource, namespace: namespace, name: name, body,
            apply: ServerSideApply(
                manager: manager, force: force, resource: resource))
        try await durability.waitAsync()
        return (object, created)
    }

    /// The apply, committed but possibly not yet durable.
    func applyPending(
        _ resource: ResourceKind, namespace: String?, name: String, _ body: [UInt8], apply: ServerSideApply
    ) throws(KubeError) -> (JSONObject, Bool, Durability) {
        let config = try ApplyConfiguration.parse(body)
        let namespaceKey = self.namespaceKey(resource, namespace)
        var attempt = 1
        while true {
            attempt += 1
            guard let current = state.withLock({ $0.object(resource, namespaceKey, name) }) else {
                let outcome = try apply.apply(config, to: nil, now: clock.now())
                guard let given = outcome.object.name, given == name else {
                    throw KubeError.badRequest(
                        "the name of the object (\(outcome.object.name ?? "")) does not match the name on the URL (\(name))"
                    )
                }
                do {
                    let (object, durability) = try createPending(
                        resource, namespace: namespaceKey, outcome.object, options: .api)
                    return (object, true, durability)
                } catch let error where error.reason == "AlreadyExists" && attempt < Self.patchAttempts {
                    continue  // created meanwhile: apply to it
                }
            }
            let outcome = try apply.apply(config, to: current, now: clock.now())
            guard outcome.changed else { return (current, false, .immediate) }
            let currentVersion = current.string(at: ["metadata", "resourceVersion"])
            do {
                let (object, durability) = try replacePending(
                    resource, namespace: namespaceKey, name: name, outcome.object, basedOn: currentVersion)
                return (object, false, durability)
            } catch let error where error.reason == "Conflict" && attempt < Self.patchAttempts {
                // Retry only when the configuration did not ask for a version itself.
                let asked = nonEmpty(config.string(at: ["metadata", "resourceVersion"]))
                guard asked == nil || asked == currentVersion else { throw error }
            }
        }
    }
}
