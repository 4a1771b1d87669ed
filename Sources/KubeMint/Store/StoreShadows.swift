/// What keeps commits that are not yet durable out of readers' sight without copying the store's
/// maps: for every key such a commit changed, the key's durable value (nil: absent) and the last
/// commit that changed it. Readers see `buckets` with these values put back; when commits become
/// durable their keys are released (or their durable value moves forward); when they fail, the
/// durable values are written back into `buckets`. Costs O(keys changed), whatever the store's size.
struct StoreShadows {
    struct Entry {
        /// The key's value as of the last durable commit; nil when it did not exist.
        var durable: JSONObject?
        /// The last commit that changed the key (0 while that commit's body still runs).
        var lastSeq: UInt64
    }

    private var entries: [ResourceKind: [String: [String: Entry]]] = [:]
    /// Keys changed by the commit whose body is running, to be stamped with its sequence number.
    private var unstamped: [(ResourceKind, String, String)] = []

    var isEmpty: Bool { entries.isEmpty }

    func entry(_ resource: ResourceKind, _ namespace: String, _ name: String) -> Entry? {
        entries[resource]?[namespace]?[name]
    }

    /// Before a commit changes a key: remembers its durable value, unless an earlier pending
    /// commit already did (then `current` is not durable and the remembered value stays).
    mutating func willChange(_ resource: ResourceKind, _ namespace: String, _ name: String, current: JSONObject?) {
        if entries[resource]?[namespace]?[name] == nil {
            entries[resource, default: [:]][namespace, default: [:]][name] = Entry(durable: current, lastSeq: 0)
        }
        unstamped.append((resource, namespace, name))
    }

    /// The running commit was appended to the log as `seq`.
    mutating func committed(seq: UInt64) {
        for (resource, namespace, name) in unstamped { entries[resource]?[namespace]?[name]?.lastSeq = seq }
        unstamped = []
    }

    /// Commits up to `seq`, whose events are `events` in order, are durable.
    mutating func published(_ events: [StoreEvent], upTo seq: UInt64) {
        for event in events {
            let (namespace, name) = StoreBuckets.key(event.object, event.resource)
            guard let entry = entries[event.resource]?[namespace]?[name] else { continue }
            if entry.lastSeq <= seq {
                remove(event.resource, namespace, name)
            } else {
                entries[event.resource]?[namespace]?[name]?.durable = event.type == .deleted ? nil : event.object
            }
        }
    }

    /// Every pending commit failed: writes the durable values back into `buckets` and forgets them.
    mutating func rollBack(_ buckets: inout StoreBuckets.Buckets) {
        for (resource, namespaces) in entries {
            for (namespace, names) in namespaces {
                for (name, entry) in names {
                    if let durable = entry.durable {
                        buckets[resource, default: [:]][namespace, default: [:]][name] = durable
                    } else {
                        buckets[resource]?[namespace]?[name] = nil
                        if buckets[resource]?[namespace]?.isEmpty == true { buckets[resource]?[namespace] = nil }
                    }
                }
            }
        }
        entries = [:]
        unstamped = []
    }

    /// `bucket` (namespace → name → object of `resource`) as readers see it.
    func apply(to bucket: [String: [String: JSONObject]], _ resource: ResourceKind) -> [String: [String: JSONObject]] {
        guard let shadowed = entries[resource] else { return bucket }
        var result = bucket
        for (namespace, names) in shadowed {
            for (name, entry) in names { result[namespace, default: [:]][name] = entry.durable }
            if result[namespace]?.isEmpty == true { result[namespace] = nil }
        }
        return result
    }

    private mutating func remove(_ resource: ResourceKind, _ namespace: String, _ name: String) {
        entries[resource]?[namespace]?[name] = nil
        if entries[resource]?[namespace]?.isEmpty == true { entries[resource]?[namespace] = nil }
        if entries[resource]?.isEmpty == true { entries[resource] = nil }
    }
}

extension ObjectStore.State {
    /// Remembers the durable value of a key a journaled commit is about to change.
    mutating func shadowBeforeChange(_ resource: ResourceKind, _ namespace: String, _ name: String) {
        guard journal != nil else { return }
        shadows.willChange(resource, namespace, name, current: buckets[resource]?[namespace]?[name])
    }
}
