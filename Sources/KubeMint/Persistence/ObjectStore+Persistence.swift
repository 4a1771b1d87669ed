extension ObjectStore {
    /// Puts back objects loaded from a data directory, exactly as they were stored (uids,
    /// resourceVersions, filled token secrets): no defaults, no side effects, no observers.
    /// Only for an empty store without a journal; `seq` is the last log record they include.
    func restore(
        _ objects: [ResourceKind: [String: [String: JSONObject]]], resourceVersion: UInt64, seq: UInt64
    ) {
        state.withLock { s in
            s.buckets = objects
            s.resourceVersion = resourceVersion
            s.visibleResourceVersion = resourceVersion
            s.visibleSeq = seq
        }
    }

    /// From now on every commit is appended to `journal`, and visible and acknowledged only once durable.
    func attach(_ journal: StoreJournal) { state.withLock { $0.journal = journal } }

    /// The journal's view of this store (held weakly), warning through `warn`.
    func journalHooks(warn: @escaping @Sendable (String) -> Void) -> StoreJournal.Hooks {
        StoreJournal.Hooks(
            capture: { [weak self] in self?.captureForSnapshot() },
            publish: { [weak self] records in self?.publish(records) },
            rollBack: { [weak self] discard in
                guard let self else { return discard() }
                rollBack(discard)
            }, warn: warn)
    }

    /// Makes `records`, now on disk, visible to readers and queues their events for observers.
    func publish(_ records: [StoreJournal.Record]) {
        guard let last = records.last else { return }
        state.withLock { s in
            for record in records { s.shadows.published(record.events, upTo: last.seq) }
            s.visibleResourceVersion = max(
                s.visibleResourceVersion, last.events.last?.resourceVersion ?? s.visibleResourceVersion)
            s.visibleSeq = last.seq
            if !s.observers.isEmpty {
                for record in records { s.pendingEvents.append(contentsOf: record.events) }
            }
        }
    }

    /// Runs `discard` (the journal dropping its queued commits) under the lock and puts the
    /// writers' view back to the durable one: the commits that failed leave no trace.
    func rollBack(_ discard: () -> Void) {
        state.withLock { s in
            discard()
            s.shadows.rollBack(&s.buckets)
            s.resourceVersion = s.visibleResourceVersion
        }
    }

    /// Every durable object and the log position they include, taken atomically (for a snapshot).
    func captureForSnapshot() -> StoreCapture? {
        let taken = state.withLock { s -> (UInt64, UInt64, StoreBuckets.Buckets, StoreShadows)? in
            guard s.journal != nil else { return nil }
            return (s.visibleSeq, s.visibleResourceVersion, s.buckets, s.shadows)
        }
        guard let (seq, version, buckets, shadows) = taken else { return nil }
        var objects: [(ResourceKind, JSONObject)] = []
        for resource in ResourceKind.allCases {
            let durable = shadows.apply(to: buckets[resource] ?? [:], resource)
            for (_, bucket) in durable.sorted(by: { $0.key < $1.key }) {
                for (_, object) in bucket.sorted(by: { $0.key < $1.key }) { objects.append((resource, object)) }
            }
        }
        return StoreCapture(seq: seq, resourceVersion: version, objects: objects)
    }
}
