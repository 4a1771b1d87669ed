extension ObjectStore {
    /// The object, or nil: the non-throwing lookup for hot paths (TokenReview). `namespace` is
    /// ignored for cluster-scoped resources and defaults to `default` for namespaced ones.
    package func lookup(_ resource: ResourceKind, namespace: String? = nil, name: String)
        -> JSONObject?
    {
        let key = namespaceKey(resource, namespace)
        return state.withLock { $0.readableObject(resource, key, name) }
    }

    /// The object, or 404 `pods "x" not found`.
    package func get(_ resource: ResourceKind, namespace: String? = nil, name: String)
        throws(KubeError) -> JSONObject
    {
        guard let object = lookup(resource, namespace: namespace, name: name) else {
            throw KubeError.notFound(resource: resource.resource, group: resource.group, name: name)
        }
        return object
    }

    /// All objects of `resource` in `namespace`, or in every namespace when nil (cluster-scoped
    /// resources ignore it), sorted by namespace then name as etcd returns them.
    package func list(_ resource: ResourceKind, namespace: String? = nil) -> ObjectList {
        let (collected, version) = state.withLock { s -> ([(String, String, JSONObject)], UInt64) in
            var items: [(String, String, JSONObject)] = []
            let buckets = s.readableBucket(resource)
            if resource.isNamespaced, let namespace {
                let bucket = buckets[namespace] ?? [:]
                items.reserveCapacity(bucket.count)
                for (name, object) in bucket { items.append((namespace, name, object)) }
            } else {
                for (namespace, bucket) in buckets {
                    for (name, object) in bucket { items.append((namespace, name, object)) }
                }
            }
            return (items, s.readableResourceVersion)
        }
        let sorted = collected.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        return ObjectList(resource: resource, items: sorted.map(\.2), resourceVersion: String(version))
    }

    /// Number of stored objects of `resource` (all namespaces).
    package func count(_ resource: ResourceKind) -> Int {
        state.withLock { s in s.readableBucket(resource).values.reduce(0) { $0 + $1.count } }
    }
}
