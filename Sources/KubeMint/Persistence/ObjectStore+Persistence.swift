extension ObjectStore {
    /// Puts back objects loaded from a data directory, exactly as they were stored (uids,
    /// resourceVersions, filled token secrets): no defaults, no side effects, no observers.
    /// Only for an empty store without a journal.
    func restore(_ objects: [ResourceKind: [String: [String: JSONObject]]], resourceVersion: UInt64) {
        state.withLock { s in
            s.buckets = objects
            s.resourceVersion = resourceVersion
        }
    }

    /// From now on every commit is appended to `journal` and acknowledged only once durable.
    func attach(_ journal: StoreJournal) { state.withLock { $0.journal = journal } }

    /// Every object and the log position they include, taken atomically (for a snapshot).
    func captureForSnapshot() -> StoreCapture? {
        let taken = state.withLock { s -> (UInt64, UInt64, [ResourceKind: [String: [String: JSONObject]]])? in
            guard let journal = s.journal else { return nil }
            return (journal.appendedSeq, s.resourceVersion, s.buckets)
        }
        guard let (seq, version, buckets) = taken else { return nil }
        var objects: [(ResourceKind, JSONObject)] = []
        for resource in ResourceKind.allCases {
            for (_, bucket) in (buckets[resource] ?? [:]).sorted(by: { $0.key < $1.key }) {
                for (_, object) in bucket.sorted(by: { $0.key < $1.key }) { objects.append((resource, object)) }
            }
        }
        return StoreCapture(seq: seq, resourceVersion: version, objects: objects)
    }
}
