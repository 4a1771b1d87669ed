import KubeMintLocks

/// One open watch: the events waiting for its stream, in order. The hub enqueues (never blocks);
/// the stream's writer awaits ``next()``. The initial events are a separate, already-built list
/// (like the cacher's cache interval); later events go to a queue of at most ``capacity``: a
/// watcher that falls that far behind is closed, as the cacher terminates an unresponsive watcher,
/// and its client lists and watches again (docs/kubernetes-behaviour.md §16).
package final class Watcher: Sendable {
    /// Why a watch ended.
    package enum Ending: Sendable, Equatable {
        /// Its queue overflowed: the client read too slowly.
        case overflow
        /// `timeoutSeconds` passed, the client went away, or the stream was stopped.
        case stopped
        /// The server is shutting down.
        case shutdown
        /// It sent an ERROR event (e.g. 410) and ends after it.
        case error
    }

    fileprivate struct State {
        /// The initial events not yet read.
        var initial: ArraySlice<WatchEvent> = []
        /// The live events, read from `head` on.
        var pending: [WatchEvent] = []
        var head = 0
        var ending: Ending?
        var waiter: CheckedContinuation<WatchEvent?, Never>?
    }

    /// The filter the hub applies to store events for this watcher.
    package let filter: WatchFilter
    /// Whether it gets periodic bookmarks.
    package let wantsBookmarks: Bool
    /// The most live events that may wait unread.
    package let capacity: Int
    /// The resource version the watch starts after: live events up to it are already covered.
    package let startsAfter: UInt64
    /// The identity the hub keeps it under.
    let id: UInt64
    private let state: LockedValue<State>

    /// A watcher whose stream begins with `initial`; with `ending`, it ends after them.
    init(
        id: UInt64, filter: WatchFilter, wantsBookmarks: Bool, capacity: Int, startsAfter: UInt64,
        initial: [WatchEvent], ending: Ending? = nil
    ) {
        self.id = id
        self.filter = filter
        self.wantsBookmarks = wantsBookmarks
        self.capacity = max(1, capacity)
        self.startsAfter = startsAfter
        var state = State()
        state.initial = initial[...]
        state.ending = ending
        self.state = LockedValue(state)
    }

    /// Why it ended, once it has (events may still wait to be read).
    package var ending: Ending? { state.withLock { $0.ending } }

    /// The number of events waiting to be read.
    package var backlog: Int { state.withLock { $0.initial.count + $0.pending.count - $0.head } }

    /// Queues a live event; closes the watch when more than ``capacity`` are waiting.
    func enqueue(_ event: WatchEvent) {
        let resume = state.withLock { s -> (CheckedContinuation<WatchEvent?, Never>, WatchEvent)? in
            guard s.ending == nil else { return nil }
            if let waiter = s.waiter {
                s.waiter = nil
                return (waiter, event)
            }
            if s.pending.count - s.head >= capacity {
                s.ending = .overflow
                s.dropQueued()
                return nil
            }
            s.pending.append(event)
            return nil
        }
        if let (waiter, event) = resume { waiter.resume(returning: event) }
    }

    /// Queues `event` as the last one and ends the watch with `ending` after it.
    func enqueueFinal(_ event: WatchEvent, ending: Ending) {
        let waiter = state.withLock { s -> CheckedContinuation<WatchEvent?, Never>? in
            guard s.ending == nil else { return nil }
            s.ending = ending
            if let waiter = s.waiter {
                s.waiter = nil
                return waiter
            }
            s.pending.append(event)
            return nil
        }
        waiter?.resume(returning: event)
    }

    /// Ends the watch: queued events are dropped and ``next()`` returns nil.
    package func stop(_ ending: Ending = .stopped) {
        let waiter = state.withLock { s -> CheckedContinuation<WatchEvent?, Never>? in
            if s.ending == nil { s.ending = ending }
            if ending != .error { s.dropQueued() }
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next event, waiting for one; nil once the watch has ended (cancelling the waiting task
    /// stops the watch).
    package func next() async -> WatchEvent? {
        if let ready = takeReady() { return ready }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<WatchEvent?, Never>) in
                let immediate = state.withLock { s -> WatchEvent?? in
                    if let event = s.take() { return .some(event) }
                    if s.ending != nil || Task.isCancelled { return .some(nil) }
                    s.waiter = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            stop()
        }
    }

    /// `.some(event)` when one is queued, `.some(nil)` when the watch has ended with nothing
    /// queued, nil when the reader must wait.
    private func takeReady() -> WatchEvent?? {
        state.withLock { s in
            if let event = s.take() { return .some(event) }
            return s.ending != nil ? .some(nil) : nil
        }
    }
}

extension Watcher.State {
    /// Removes and returns the oldest queued event.
    fileprivate mutating func take() -> WatchEvent? {
        if let first = initial.popFirst() { return first }
        guard head < pending.count else { return nil }
        let event = pending[head]
        head += 1
        if head == pending.count {
            pending = []
            head = 0
        } else if head >= 1024, head * 2 >= pending.count {
            pending.removeFirst(head)
            head = 0
        }
        return event
    }

    /// Forgets every queued event.
    fileprivate mutating func dropQueued() {
        initial = []
        pending = []
        head = 0
    }
}
