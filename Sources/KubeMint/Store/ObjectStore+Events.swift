extension ObjectStore {
    /// Registers `handler` to be called after every committed change, in commit order. Handlers
    /// run outside the store's lock (they may read or write the store); a change made by a
    /// handler is delivered after the current one. With concurrent writers a handler may run on
    /// another writer's thread, after the mutating call that caused the event has returned.
    @discardableResult
    package func observe(_ handler: @escaping @Sendable (StoreEvent) -> Void) -> StoreObserverToken {
        state.withLock { s in
            s.nextObserverID += 1
            s.observers.append((s.nextObserverID, handler))
            return StoreObserverToken(id: s.nextObserverID)
        }
    }

    /// Stops calling the observer registered with `token`.
    package func removeObserver(_ token: StoreObserverToken) {
        state.withLock { s in s.observers.removeAll { $0.id == token.id } }
    }

    /// Runs `body` under the lock; it must check everything before mutating. Its events are
    /// appended to the journal (if any) in commit order and queued for observers, then delivered
    /// (outside the lock) by whichever writer is not already delivering. Returns once the change is
    /// durable: see ``commitPending(_:)`` for the variant that lets the caller wait.
    func commit<R: Sendable>(_ body: (inout State) throws(KubeError) -> (R, [StoreEvent]))
        throws(KubeError) -> R
    {
        let (result, durability) = try commitPending(body)
        try durability.wait()
        return result
    }

    /// ``commit(_:)`` without waiting for the journal: the caller must wait on the returned
    /// ``Durability`` before acknowledging the change to anyone.
    func commitPending<R: Sendable>(_ body: (inout State) throws(KubeError) -> (R, [StoreEvent]))
        throws(KubeError) -> (R, Durability)
    {
        let (result, deliver, durability) = try state.withLock {
            (s: inout State) throws(KubeError) -> (R, Bool, Durability) in
            if let failure = s.journal?.failure { throw StoreJournal.refusal(failure) }
            let (result, events) = try body(&s)
            if let journal = s.journal {
                // Visible and delivered once durable (``publish(_:)``), never before.
                if events.isEmpty { return (result, false, Durability.immediate) }
                let outcome = journal.append(events)
                s.shadows.committed(seq: journal.appendedSeq)
                return (result, false, Durability(outcome: outcome, store: self))
            }
            let durability = Durability.immediate
            guard !s.observers.isEmpty, !events.isEmpty else { return (result, false, durability) }
            s.pendingEvents.append(contentsOf: events)
            if s.delivering { return (result, false, durability) }
            s.delivering = true
            return (result, true, durability)
        }
        if deliver { drainEvents() }
        return (result, durability)
    }

    /// Delivers the events that became durable, unless another writer is already delivering.
    func deliverDurableEvents() {
        let deliver = state.withLock { s -> Bool in
            guard !s.delivering, !s.pendingEvents.isEmpty else { return false }
            s.delivering = true
            return true
        }
        if deliver { drainEvents() }
    }

    private func drainEvents() {
        while true {
            let batch = state.withLock { s -> ([StoreEvent], [@Sendable (StoreEvent) -> Void])? in
                if s.pendingEvents.isEmpty {
                    s.delivering = false
                    return nil
                }
                let events = s.pendingEvents
                s.pendingEvents = []
                return (events, s.observers.map(\.handler))
            }
            guard let (events, handlers) = batch else { return }
            for event in events {
                for handler in handlers { handler(event) }
            }
        }
    }
}
