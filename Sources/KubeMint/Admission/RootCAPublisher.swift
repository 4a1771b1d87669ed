import Dispatch
import Foundation

/// The root-ca-cert-publisher controller of kube-controller-manager (docs/kubernetes-behaviour.md
/// §20.2): a `kube-root-ca.crt` ConfigMap holding the cluster CA as `ca.crt`, with the controller's
/// description annotation, in every namespace that is not terminating. The store puts it into a new
/// namespace in the namespace's own commit (as it does the `default` ServiceAccount); this
/// controller re-creates it when deleted and restores its data and annotation when edited, and
/// ``syncAll()`` publishes it into namespaces that predate it (a data directory written by an
/// older kubemint, or a CA that changed). Its writes run on its own serial queue, never on the
/// thread that delivered the event.
package final class RootCAPublisher: StoreController {
    /// The ConfigMap's name.
    package static let configMapName = "kube-root-ca.crt"
    /// Its one data key.
    package static let key = "ca.crt"
    /// The annotation the controller sets.
    package static let descriptionAnnotation = "kubernetes.io/description"
    /// The controller's text for that annotation.
    package static let description =
        "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the "
        + "internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of "
        + "Kubernetes clusters."

    let store: ObjectStore
    /// The serial queue its work runs on.
    package let queue = DispatchQueue(label: "kubemint.root-ca-publisher")
    /// Its hold on the store's events.
    package let subscription: StoreSubscription

    /// A publisher for `store`'s namespaces; ``start()`` sets it going.
    package init(store: ObjectStore) {
        self.store = store
        subscription = StoreSubscription(store: store)
    }

    /// The ConfigMap as the controller creates it in `namespace` (system fields still to set).
    static func configMap(namespace: String, caPEM: String) -> JSONObject {
        [
            "kind": "ConfigMap", "apiVersion": "v1",
            "metadata": [
                "name": .string(configMapName), "namespace": .string(namespace),
                "annotations": [descriptionAnnotation: .string(description)],
            ],
            "data": [key: .string(caPEM)],
        ]
    }

    /// `configMap` as the controller leaves it (`data` exactly `{ca.crt}`, the annotation added
    /// when absent), or nil when it is already right: data equal and the annotation non-empty.
    static func repaired(_ configMap: JSONObject, caPEM: String) -> JSONObject? {
        let data: JSONObject = [key: .string(caPEM)]
        let annotation = configMap.string(at: ["metadata", "annotations", descriptionAnnotation])
        if configMap["data"]?.objectValue == data, !(annotation ?? "").isEmpty { return nil }
        var fixed = configMap
        fixed["data"] = .object(data)
        if annotation == nil {
            fixed.setValue(.string(description), at: ["metadata", "annotations", descriptionAnnotation])
        }
        return fixed
    }

    /// Publishes into (or repairs in) every namespace, blocking until done.
    package func syncAll() {
        queue.sync {
            for namespace in store.list(.namespaces).items.compactMap(\.name) { sync(namespace) }
        }
    }

    /// Queues the work `event` asks for (``StoreController``).
    package func handle(_ event: StoreEvent) {
        guard event.resource == .configmaps, event.object.name == Self.configMapName,
            let namespace = event.object.namespace
        else { return }
        if event.type == .added, Self.repaired(event.object, caPEM: store.rootCACertificatePEM) == nil { return }
        queue.async { self.sync(namespace) }
    }

    /// The controller's `syncNamespace`: create when missing, repair when edited; nothing in a
    /// namespace that is gone or terminating. A write that loses a race is retried by the event
    /// it raced with.
    private func sync(_ namespace: String) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let space = store.lookup(.namespaces, name: namespace),
            space.value(at: ["metadata", "deletionTimestamp"]) == nil,
            space.string(at: ["status", "phase"]) != "Terminating"
        else { return }
        let caPEM = store.rootCACertificatePEM
        guard let existing = store.lookup(.configmaps, namespace: namespace, name: Self.configMapName) else {
            _ = try? store.create(.configmaps, namespace: namespace, Self.configMap(namespace: namespace, caPEM: caPEM))
            return
        }
        guard let fixed = Self.repaired(existing, caPEM: caPEM) else { return }
        _ = try? store.replace(.configmaps, namespace: namespace, name: Self.configMapName, fixed)
    }
}
