/// The bounded window of recent store events a watch can resume from, like the apiserver's watch
/// cache (`storage/cacher/watch_cache.go`): the last ``capacity`` events, and the resource version
/// just before the oldest of them (``floor``). A watch from a resource version below the floor
/// gets 410 `too old resource version` (docs/kubernetes-behaviour.md §16).
package struct WatchHistory: Sendable {
    /// How many events are kept.
    package let capacity: Int
    /// The events, oldest first, at most ``capacity``; a ring starting at `start`.
    private var ring: [StoreEvent] = []
    private var start = 0
    /// The resource version before the oldest retained event: every event after it is in the window.
    package private(set) var floor: UInt64
    /// The resource version of the newest event seen (or the floor before any).
    package private(set) var latest: UInt64

    /// An empty window of `capacity` events (at least 1) that starts after `resourceVersion`.
    package init(capacity: Int, startingAfter resourceVersion: UInt64) {
        self.capacity = max(1, capacity)
        floor = resourceVersion
        latest = resourceVersion
    }

    /// Appends `event` (events come in commit order); the oldest falls out when the window is full.
    /// An event not newer than ``latest`` is ignored.
    package mutating func append(_ event: StoreEvent) {
        guard event.resourceVersion > latest else { return }
        latest = event.resourceVersion
        if ring.count < capacity {
            ring.append(event)
            return
        }
        floor = ring[start].resourceVersion
        ring[start] = event
        start = (start + 1) % capacity
    }

    /// The retained events after `resourceVersion`, oldest first; 410 when the window no longer
    /// reaches back to it.
    package func events(after resourceVersion: UInt64) throws(KubeError) -> [StoreEvent] {
        if resourceVersion < floor { throw Self.tooOld(resourceVersion, floor: floor) }
        var result: [StoreEvent] = []
        for offset in 0..<ring.count {
            let event = ring[(start + offset) % ring.count]
            if event.resourceVersion > resourceVersion { result.append(event) }
        }
        return result
    }

    /// The cacher's 410: `too old resource version: <asked> (<oldest it can serve from>)`,
    /// reason `Expired` (`errors.NewResourceExpired`).
    package static func tooOld(_ resourceVersion: UInt64, floor: UInt64) -> KubeError {
        KubeError(
            code: 410, reason: "Expired",
            message: "too old resource version: \(resourceVersion) (\(floor))")
    }
}
