/// Applying a stored event to a store's object map (resource → namespace → name → object), as
/// loading replays the log and as the durable view catches up with the commits written.
enum StoreBuckets {
    typealias Buckets = [ResourceKind: [String: [String: JSONObject]]]

    /// Puts (added, modified) or removes (deleted) the event's object.
    static func apply(_ event: StoreEvent, to buckets: inout Buckets) {
        switch event.type {
        case .added, .modified: put(event.object, event.resource, into: &buckets)
        case .deleted: remove(event.object, event.resource, from: &buckets)
        }
    }

    /// Stores `object` under its namespace and name.
    static func put(_ object: JSONObject, _ resource: ResourceKind, into buckets: inout Buckets) {
        let (namespace, name) = key(object, resource)
        buckets[resource, default: [:]][namespace, default: [:]][name] = object
    }

    private static func remove(_ object: JSONObject, _ resource: ResourceKind, from buckets: inout Buckets) {
        let (namespace, name) = key(object, resource)
        buckets[resource]?[namespace]?[name] = nil
        if buckets[resource]?[namespace]?.isEmpty == true { buckets[resource]?[namespace] = nil }
    }

    /// The (namespace, name) an object is kept under: "" for cluster-scoped resources.
    static func key(_ object: JSONObject, _ resource: ResourceKind) -> (String, String) {
        (resource.isNamespaced ? (nonEmpty(object.namespace) ?? "default") : "", object.name ?? "")
    }
}
