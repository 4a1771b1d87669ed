extension ObjectStore {
    /// A new store holding this store's objects at its resource version, with its token filler and
    /// graceful-deletion setting, reading time from `clock` and UIDs from `uids`; the two share no
    /// state after this (objects are copy-on-write values). For a fresh cluster per run without the
    /// bootstrap's creates (the fuzz targets make one per input). Observers are not copied: they
    /// watch this store. A store with a data directory is not copied (its log belongs to it).
    package func copy(clock: any KubeClock, uids: any UIDGenerator) -> ObjectStore {
        let copied = state.withLock { state in
            precondition(state.journal == nil, "ObjectStore.copy: a store with a data directory is not copied")
            precondition(!state.delivering && state.pendingEvents.isEmpty, "ObjectStore.copy: events in flight")
            var copied = state
            copied.observers = []
            return copied
        }
        let store = ObjectStore(clock: clock, uids: uids, bootstrap: false)
        store.state.withLock { $0 = copied }
        return store
    }
}
