import KubeMintLocks

/// Serves watches over an ``ObjectStore``, like the apiserver's cacher: it observes every store
/// event (the observer only enqueues, so writers never wait for a watcher), keeps a bounded
/// ``WatchHistory`` to resume from, and hands each open ``Watcher`` the events its
/// ``WatchFilter`` lets through (docs/kubernetes-behaviour.md §16).
package final class WatchHub: Sendable {
    /// Events kept for resuming (`resourceVersion=N`); older versions get 410.
    package static let defaultHistoryCapacity = 1000
    /// Live events a watcher may leave unread before it is closed (the cacher's largest channel).
    package static let defaultWatcherCapacity = 1000

    private struct State {
        var history: WatchHistory
        var watchers: [UInt64: Watcher] = [:]
        var nextID: UInt64 = 0
        var shutDown = false
    }

    /// The observed store.
    package let store: ObjectStore
    /// Live events a watcher may leave unread.
    package let watcherCapacity: Int
    private let state: LockedValue<State>
    private let observation: StoreObserverToken

    /// A hub over `store` that keeps the last `historyCapacity` events and closes a watcher with
    /// more than `watcherCapacity` unread. Its history starts at the store's current version.
    package init(
        store: ObjectStore, historyCapacity: Int = WatchHub.defaultHistoryCapacity,
        watcherCapacity: Int = WatchHub.defaultWatcherCapacity
    ) {
        self.store = store
        self.watcherCapacity = watcherCapacity
        let state = LockedValue(State(history: WatchHistory(capacity: historyCapacity, startingAfter: 0)))
        self.state = state
        observation = store.observe { event in WatchHub.deliver(event, state) }
        // Events delivered before this point are older than the version read here and are ignored.
        let current = UInt64(store.resourceVersion) ?? 0
        state.withLock { $0.history = WatchHistory(capacity: historyCapacity, startingAfter: current) }
    }

    deinit { store.removeObserver(observation) }

    /// The number of open watches.
    package var openWatches: Int { state.withLock { $0.watchers.count } }

    /// The resource version of the newest event the hub has seen.
    package var latestResourceVersion: UInt64 { state.withLock { $0.history.latest } }

    /// Opens a watch of what `filter` selects, starting as `options` say. A start older than the
    /// history gives a watcher whose only event is the 410 ERROR.
    package func watch(_ filter: WatchFilter, options: WatchOptions) -> Watcher {
        var initial: [WatchEvent] = []
        var startsAfter: UInt64
        if options.sendsInitialState {
            let list = store.list(filter.resource, namespace: filter.namespace)
            startsAfter = UInt64(list.resourceVersion) ?? 0
            initial = list.items.filter(filter.includes).map { WatchEvent(type: .added, object: $0) }
            if options.marksInitialEventsEnd {
                let end = BookmarkObject.make(filter.resource, resourceVersion: startsAfter, endsInitialEvents: true)
                initial.append(WatchEvent(type: .bookmark, object: end))
            }
        } else if case .after(let version) = options.start {
            startsAfter = version
        } else {
            startsAfter = UInt64(store.resourceVersion) ?? 0
        }
        return state.withLock { s -> Watcher in
            s.nextID += 1
            let replay: [StoreEvent]
            do throws(KubeError) {
                replay = try s.history.events(after: startsAfter)
            } catch {
                return Watcher(
                    id: s.nextID, filter: filter, wantsBookmarks: false, capacity: 1, startsAfter: startsAfter,
                    initial: [.error(error)], ending: .error)
            }
            initial += replay.compactMap(filter.watchEvent(for:))
            let watcher = Watcher(
                id: s.nextID, filter: filter, wantsBookmarks: options.allowBookmarks, capacity: watcherCapacity,
                // After a shutdown a new watch ends at once, without its initial state.
                startsAfter: startsAfter, initial: s.shutDown ? [] : initial, ending: s.shutDown ? .shutdown : nil)
            if !s.shutDown { s.watchers[watcher.id] = watcher }
            return watcher
        }
    }

    /// Queues a BOOKMARK at the newest resource version seen for `watcher`, if it asked for them.
    package func sendBookmark(to watcher: Watcher) {
        guard watcher.wantsBookmarks else { return }
        state.withLock { s in
            guard s.watchers[watcher.id] != nil else { return }
            let version = max(s.history.latest, watcher.startsAfter)
            watcher.enqueue(
                WatchEvent(
                    type: .bookmark, object: BookmarkObject.make(watcher.filter.resource, resourceVersion: version)))
        }
    }

    /// Closes `watcher` and forgets it.
    package func close(_ watcher: Watcher) {
        _ = state.withLock { $0.watchers.removeValue(forKey: watcher.id) }
        watcher.stop()
    }

    /// Ends every open watch and refuses new ones (they end at once): the server is stopping.
    package func shutDown() {
        let open = state.withLock { s -> [Watcher] in
            s.shutDown = true
            defer { s.watchers = [:] }
            return Array(s.watchers.values)
        }
        for watcher in open { watcher.stop(.shutdown) }
    }

    /// The store observer: records `event` and queues it for every watcher it concerns; a watcher
    /// that overflowed is dropped.
    private static func deliver(_ event: StoreEvent, _ state: LockedValue<State>) {
        state.withLock { s in
            s.history.append(event)
            for (id, watcher) in s.watchers {
                guard event.resourceVersion > watcher.startsAfter,
                    let watchEvent = watcher.filter.watchEvent(for: event)
                else { continue }
                watcher.enqueue(watchEvent)
                if watcher.ending != nil { s.watchers[id] = nil }
            }
        }
    }
}
