extension ObjectStore {
    /// Deletes an object as `DELETE …/{resource}/{name}` does and returns it as it was stored.
    /// Deletion is immediate unless graceful pod deletion is on (``setGracefulPodDeletion(_:)``,
    /// `--nodes`): then a scheduled pod is marked with `deletionTimestamp` now plus its grace period
    /// (`gracePeriodSeconds`, else its own; docs/kubernetes-behaviour.md §19) and returned as
    /// stored, and ``finishGracefulDeletions()`` removes it when the period ends. Without it pods
    /// go at once (their tokens fail at once with `service account token has been invalidated`), and a
    /// Namespace takes everything in it along in the same commit (returned with
    /// `deletionTimestamp` and phase `Terminating`, as the apiserver answers). Controller side
    /// effects: deleting a ServiceAccount deletes its token Secrets; a deleted `default`
    /// ServiceAccount is recreated at once with a new UID. `default`, `kube-system` and
    /// `kube-public` cannot be deleted (403).
    /// With a data directory, returns once the change is durable (blocking the thread: async
    /// callers use ``deleteAsync(_:namespace:name:)``).
    @discardableResult
    package func delete(
        _ resource: ResourceKind, namespace: String? = nil, name: String, gracePeriodSeconds: Int64? = nil
    ) throws(KubeError) -> JSONObject {
        let (object, durability) = try deletePending(
            resource, namespace: namespace, name: name, gracePeriodSeconds: gracePeriodSeconds)
        try durability.wait()
        return object
    }

    /// ``delete(_:namespace:name:gracePeriodSeconds:)`` that waits for durability without blocking
    /// a thread: what the HTTP API calls before it answers.
    @discardableResult
    package func deleteAsync(
        _ resource: ResourceKind, namespace: String? = nil, name: String, gracePeriodSeconds: Int64? = nil
    ) async throws(KubeError) -> JSONObject {
        let (object, durability) = try deletePending(
            resource, namespace: namespace, name: name, gracePeriodSeconds: gracePeriodSeconds)
        try await durability.waitAsync()
        return object
    }

    /// The delete, committed but possibly not yet durable.
    func deletePending(_ resource: ResourceKind, namespace: String?, name: String, gracePeriodSeconds: Int64? = nil)
        throws(KubeError) -> (JSONObject, Durability)
    {
        let namespaceKey = self.namespaceKey(resource, namespace)
        let now = clock.now()
        return try commitPending { (s: inout State) throws(KubeError) -> (JSONObject, [StoreEvent]) in
            guard let existing = s.object(resource, namespaceKey, name) else {
                throw KubeError.notFound(resource: resource.resource, group: resource.group, name: name)
            }
            if resource == .namespaces && ObjectStore.immortalNamespaces.contains(name) {
                throw KubeError.forbidden(
                    resource: "namespaces", name: name, why: "this namespace may not be deleted")
            }
            var events: [StoreEvent] = []
            var returned = existing
            switch resource {
            case .namespaces:
                (returned, events) = try ObjectStore.terminateNamespace(existing, name, now: now, in: &s)
            case .serviceaccounts:
                events.append(ObjectStore.remove(resource, namespaceKey, name, in: &s)!)
                let secrets = (s.buckets[.secrets]?[namespaceKey] ?? [:]).filter { _, secret in
                    secret["type"]?.stringValue == SecretType.serviceAccountToken
                        && secret.string(at: [
                            "metadata", "annotations", SecretType.serviceAccountNameAnnotation,
                        ]) == name
                        && (secret.string(at: [
                            "metadata", "annotations", SecretType.serviceAccountUIDAnnotation,
                        ])
                            ?? existing.uid) == existing.uid
                }
                for secretName in secrets.keys.sorted() {
                    if let event = ObjectStore.remove(.secrets, namespaceKey, secretName, in: &s) {
                        events.append(event)
                    }
                }
                if name == "default", let home = s.object(.namespaces, "", namespaceKey),
                    home.value(at: ["metadata", "deletionTimestamp"]) == nil
                {
                    let account = defaultServiceAccount(namespace: namespaceKey, now: now)
                    events.append(
                        ObjectStore.put(
                            account, .serviceaccounts, namespaceKey, "default", type: .added, in: &s))
                }
            case .pods:
                (returned, events) = ObjectStore.deletePod(
                    existing, namespaceKey, name, gracePeriodSeconds: gracePeriodSeconds, now: now, in: &s)
            case .secrets, .configmaps, .nodes, .roles, .clusterroles, .rolebindings, .clusterrolebindings,
                .podcertificaterequests, .clustertrustbundles:
                events.append(ObjectStore.remove(resource, namespaceKey, name, in: &s)!)
            }
            return (returned, events)
        }
    }

    /// Changes a stored object in place (labels, annotations, status…) under a new resource
    /// version and reports MODIFIED. `body` runs under the store's lock: keep it short and do
    /// not call the store from it. Name, namespace, uid and creationTimestamp cannot change.
    @discardableResult
    package func update(
        _ resource: ResourceKind, namespace: String? = nil, name: String,
        _ body: (inout JSONObject) throws(KubeError) -> Void
    ) throws(KubeError) -> JSONObject {
        let namespaceKey = self.namespaceKey(resource, namespace)
        return try commit { (s: inout State) throws(KubeError) -> (JSONObject, [StoreEvent]) in
            guard let existing = s.object(resource, namespaceKey, name) else {
                throw KubeError.notFound(resource: resource.resource, group: resource.group, name: name)
            }
            var changed = existing
            try body(&changed)
            for field in ["name", "namespace", "uid", "creationTimestamp"] {
                changed.setValue(existing.value(at: ["metadata", field]), at: ["metadata", field])
            }
            changed["kind"] = existing["kind"]
            changed["apiVersion"] = existing["apiVersion"]
            let event = ObjectStore.put(
                CanonicalOrder.apply(changed, as: resource), resource, namespaceKey, name, type: .modified,
                in: &s)
            return (event.object, [event])
        }
    }
}
