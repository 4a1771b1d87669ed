/// Loads manifests into an ``ObjectStore`` the way a fixture wants them, not the way
/// `kubectl create -f` would fail on them:
/// - objects are created in dependency order — Namespaces, Nodes, ServiceAccounts, Secrets,
///   Pods — keeping file order within each kind, so a pod may come before its namespace;
/// - a namespace named by an object but neither present nor in the manifests is **created
///   implicitly** (kubectl would fail with `namespaces "x" not found`);
/// - a Pod goes through ServiceAccount admission like any other: its ServiceAccount must be in the
///   store or in the manifests (docs/kubernetes-behaviour.md §20.1), and it gets the
///   `kube-api-access-…` volume;
/// - a `kube-root-ca.crt` ConfigMap (in `kubectl get cm -A -o yaml` output) is skipped when the
///   namespace already has one: the root-ca-cert-publisher owns it (§20.2);
/// - `metadata.uid` in a manifest is kept (pin UIDs for golden tests) and a stale
///   `resourceVersion` is ignored, so `kubectl get -o yaml` output loads as is.
/// Everything is read and checked for supported kinds before the first object is created;
/// if the store refuses an object, the objects created before it stay.
/// With `skipExisting` (a server restarted on its data directory) an object whose name is already
/// taken is left as stored instead of failing with AlreadyExists, so loading is idempotent.
package enum ManifestLoader {
    /// Reads `paths` (files or folders, in the given order) and creates their objects; returns
    /// the created objects in creation order (implicit namespaces included).
    @discardableResult
    package static func load(paths: [String], into store: ObjectStore, skipExisting: Bool = false)
        throws(ManifestError) -> [JSONObject]
    {
        var objects: [ManifestObject] = []
        for path in paths { objects += try ManifestReader.objects(atPath: path) }
        return try load(objects, into: store, skipExisting: skipExisting)
    }

    /// Creates already-read objects; see the type's documentation for the rules.
    @discardableResult
    package static func load(_ objects: [ManifestObject], into store: ObjectStore, skipExisting: Bool = false)
        throws(ManifestError) -> [JSONObject]
    {
        var resolved: [(ResourceKind, ManifestObject)] = []
        for manifest in objects {
            let kind = manifest.object["kind"]?.stringValue ?? ""
            guard let resource = ResourceKind(kind: kind) else {
                let supported = ResourceKind.allCases.map(\.kind).joined(separator: ", ")
                let what = kind.isEmpty ? "object has no kind" : "kind \"\(kind)\" is not supported by kubemint"
                throw ManifestError(
                    source: manifest.source, document: manifest.document, item: manifest.item,
                    message: "\(what) (supported: \(supported))")
            }
            resolved.append((resource, manifest))
        }
        // Stable: Swift's sort is not guaranteed stable, so sort by (rank, original position).
        let ordered = resolved.enumerated().sorted {
            ($0.element.0.dependencyRank, $0.offset) < ($1.element.0.dependencyRank, $1.offset)
        }.map(\.element)

        var created: [JSONObject] = []
        let declared = Set(ordered.filter { $0.0 == .namespaces }.compactMap { $0.1.object.name })
        var implicit: [String] = []
        for (resource, manifest) in ordered where resource.isNamespaced {
            let namespace = nonEmpty(manifest.object.namespace) ?? "default"
            if !declared.contains(namespace) && !implicit.contains(namespace)
                && store.lookup(.namespaces, name: namespace) == nil
            {
                implicit.append(namespace)
            }
        }
        for (resource, manifest) in ordered {
            if resource != .namespaces && !implicit.isEmpty {
                for namespace in implicit {
                    created.append(try create(.namespaces, ["metadata": ["name": .string(namespace)]], manifest, store))
                }
                implicit = []
            }
            if skipExisting || (resource == .configmaps && manifest.object.name == RootCAPublisher.configMapName),
                let name = nonEmpty(manifest.object.name),
                store.lookup(resource, namespace: nonEmpty(manifest.object.namespace), name: name) != nil
            {
                continue
            }
            created.append(try create(resource, manifest.object, manifest, store))
        }
        return created
    }

    private static func create(
        _ resource: ResourceKind, _ object: JSONObject, _ origin: ManifestObject, _ store: ObjectStore
    ) throws(ManifestError) -> JSONObject {
        do {
            return try store.create(resource, namespace: nonEmpty(object.namespace), object, options: .manifest)
        } catch {
            throw ManifestError(
                source: origin.source, document: origin.document, item: origin.item,
                message:
                    "Error from server (\(error.reason.isEmpty ? "InternalError" : error.reason)): \(error.message)",
                kubeError: error)
        }
    }
}
