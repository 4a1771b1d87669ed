import Foundation

extension ObjectStore {
    /// The apiserver's answer to a second DELETE of a namespace that is still terminating.
    static let namespaceStillTerminating =
        "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will "
        + "automatically be purged by the system."

    /// Deletes namespace `name` as the namespace registry and controller do together
    /// (docs/kubernetes-behaviour.md §19, "Namespace lifecycle"): the namespace is marked
    /// (`deletionTimestamp`, phase `Terminating`), its ConfigMaps, Secrets and ServiceAccounts go,
    /// its pods are deleted as a DELETE would delete them (gracefully when that is on), and the
    /// namespace itself goes once no pod is left — in the same commit when none waits, else when
    /// its last pod goes (``removeNamespaceIfDone(_:in:)``). Returns the object the DELETE answers
    /// with and the events. 409 when it is already terminating.
    static func terminateNamespace(_ existing: JSONObject, _ name: String, now: Date, in s: inout State)
        throws(KubeError) -> (JSONObject, [StoreEvent])
    {
        if existing.value(at: ["metadata", "deletionTimestamp"]) != nil {
            throw KubeError.conflict(resource: "namespaces", name: name, why: namespaceStillTerminating)
        }
        var events: [StoreEvent] = []
        var marked = existing
        marked.setValue(.string(now.rfc3339), at: ["metadata", "deletionTimestamp"])
        marked.setValue("Terminating", at: ["status", "phase"])
        let waiting = (s.buckets[.pods]?[name] ?? [:]).contains { _, pod in
            if case .graceful = s.gracefulPods ? podDeletion(pod, requested: nil, now: now) : .immediate { return true }
            return false
        }
        if waiting { events.append(put(marked, .namespaces, "", name, type: .modified, in: &s)) }
        for member in (s.buckets[.pods]?[name] ?? [:]).keys.sorted() {
            guard let pod = s.object(.pods, name, member) else { continue }
            events += deletePod(pod, name, member, gracePeriodSeconds: nil, now: now, in: &s).1
        }
        for contained in [ResourceKind.configmaps, .secrets, .serviceaccounts] {
            for member in (s.buckets[contained]?[name] ?? [:]).keys.sorted() {
                if let event = remove(contained, name, member, in: &s) { events.append(event) }
            }
        }
        if waiting { return (events[0].object, events) }
        events.append(remove(.namespaces, "", name, in: &s)!)
        return (marked, events)
    }

    /// Removes `namespace` if it is terminating and holds no pod any more: the namespace
    /// controller's last step once the content it waited for is gone.
    static func removeNamespaceIfDone(_ namespace: String, in s: inout State) -> StoreEvent? {
        guard let object = s.object(.namespaces, "", namespace),
            object.value(at: ["metadata", "deletionTimestamp"]) != nil,
            (s.buckets[.pods]?[namespace] ?? [:]).isEmpty
        else { return nil }
        return remove(.namespaces, "", namespace, in: &s)
    }

    /// 403 for a create in a namespace that is terminating, as the NamespaceLifecycle admission
    /// plugin answers it (with its `NamespaceTerminating` cause).
    static func refuseCreate(in namespace: JSONObject?, _ resource: ResourceKind, name: String) throws(KubeError) {
        guard let namespace, namespace.value(at: ["metadata", "deletionTimestamp"]) != nil else { return }
        let namespaceName = namespace.name ?? ""
        var error = KubeError.forbidden(
            resource: resource.resource, name: name,
            why: "unable to create new content in namespace \(namespaceName) because it is being terminated")
        error.details?.causes = [
            KubeError.Cause(
                reason: "NamespaceTerminating", message: "namespace \(namespaceName) is being terminated",
                field: "metadata.namespace")
        ]
        throw error
    }
}
