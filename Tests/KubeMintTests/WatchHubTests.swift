import Testing

@testable import KubeMint

@Suite struct WatchHubTests {
    private func filter(
        _ resource: ResourceKind = .secrets, namespace: String? = "default", labels: String? = nil,
        fields: String? = nil
    ) throws -> WatchFilter {
        WatchFilter(
            resource: resource, namespace: namespace,
            selector: try ObjectSelector(kind: resource, labelSelector: labels, fieldSelector: fields))
    }

    private func configMap(_ name: String, labels: JSONObject = JSONObject()) -> JSONObject {
        ["metadata": ["name": .string(name), "labels": .object(labels)]]
    }

    /// The events queued for `watcher` right now, as "TYPE name@rv".
    private func drain(_ watcher: Watcher) async -> [String] {
        var seen: [String] = []
        while watcher.backlog > 0, let event = await watcher.next() {
            let name = event.object["metadata"]?["name"]?.stringValue ?? "-"
            let version = event.object["metadata"]?["resourceVersion"]?.stringValue ?? "?"
            seen.append("\(event.type.rawValue) \(name)@\(version)")
        }
        return seen
    }

    @Test func currentStateComesAsAddedThenChanges() async throws {
        let (store, _) = makeStore()
        let hub = WatchHub(store: store)
        let first = try store.create(.secrets, namespace: "default", configMap("a"))
        try store.create(.secrets, namespace: "kube-system", configMap("x"))
        let watcher = hub.watch(try filter(), options: try WatchOptions(query: [:]))
        let version = first["metadata"]?["resourceVersion"]?.stringValue ?? ""
        #expect(await drain(watcher) == ["ADDED a@\(version)"])
        let second = try store.create(.secrets, namespace: "default", configMap("b"))
        try store.delete(.secrets, namespace: "default", name: "a")
        let v2 = Int(second["metadata"]?["resourceVersion"]?.stringValue ?? "") ?? 0
        #expect(await drain(watcher) == ["ADDED b@\(v2)", "DELETED a@\(v2 + 1)"])
        hub.close(watcher)
        #expect(hub.openWatches == 0)
        #expect(await watcher.next() == nil)
    }

    @Test func resumesFromAVersionAndSaysGoneBeforeTheWindow() async throws {
        let (store, _) = makeStore()
        let hub = WatchHub(store: store, historyCapacity: 2)
        let start = UInt64(store.resourceVersion) ?? 0
        for name in ["a", "b", "c"] { try store.create(.secrets, namespace: "default", configMap(name)) }
        let resumed = hub.watch(try filter(), options: try WatchOptions(query: ["resourceVersion": "\(start + 1)"]))
        #expect(await drain(resumed) == ["ADDED b@\(start + 2)", "ADDED c@\(start + 3)"])
        let old = hub.watch(try filter(), options: try WatchOptions(query: ["resourceVersion": "\(start)"]))
        let error = await old.next()
        #expect(error?.type == .error)
        #expect(error?.failure?.code == 410)
        #expect(error?.failure?.message == "too old resource version: \(start) (\(start + 1))")
        #expect(await old.next() == nil)
        #expect(old.ending == .error)
    }

    @Test func selectorsTurnMatchChangesIntoAddedAndDeleted() async throws {
        let (store, _) = makeStore()
        let hub = WatchHub(store: store)
        try store.create(.secrets, namespace: "default", configMap("a", labels: ["app": "web"]))
        let watcher = hub.watch(try filter(labels: "app=web"), options: try WatchOptions(query: [:]))
        _ = await drain(watcher)
        let relabel = Array(#"{"metadata":{"labels":{"app":"db"}}}"#.utf8)
        let back = Array(#"{"metadata":{"labels":{"app":"web"}}}"#.utf8)
        let moved = try store.patch(.secrets, namespace: "default", name: "a", type: .merge, relabel)
        // Stopping to match is a DELETED of the object as it last matched, at the change's version.
        let deleted = await watcher.next()
        #expect(deleted?.type == .deleted)
        #expect(deleted?.object["metadata"]?["labels"]?["app"]?.stringValue == "web")
        #expect(deleted?.object["metadata"]?["resourceVersion"] == moved["metadata"]?["resourceVersion"])
        try store.patch(.secrets, namespace: "default", name: "a", type: .merge, relabel)
        #expect(await drain(watcher).isEmpty)
        try store.patch(.secrets, namespace: "default", name: "a", type: .merge, back)
        let readded = await drain(watcher)
        #expect(readded.count == 1 && readded[0].hasPrefix("ADDED a@"))
    }

    @Test func namespaceAndResourceScopeTheEvents() async throws {
        let (store, _) = makeStore()
        let hub = WatchHub(store: store)
        let watcher = hub.watch(
            try filter(namespace: "kube-system"),
            options: try WatchOptions(query: ["resourceVersion": store.resourceVersion]))
        try store.create(.secrets, namespace: "default", configMap("a"))
        try store.create(.configmaps, namespace: "kube-system", configMap("s"))
        try store.create(.secrets, namespace: "kube-system", configMap("b"))
        let events = await drain(watcher)
        #expect(events.count == 1 && events[0].hasPrefix("ADDED b@"))
        let everywhere = hub.watch(try filter(namespace: nil), options: try WatchOptions(query: [:]))
        #expect(await drain(everywhere).count == 2)
    }

    @Test func aWatcherThatFallsBehindIsClosedAndForgotten() async throws {
        let (store, hub, watcher) = try watchFromNow(watcherCapacity: 2)
        for name in ["a", "b"] { try store.create(.secrets, namespace: "default", configMap(name)) }
        #expect(watcher.backlog == 2)
        #expect(watcher.ending == nil)
        try store.create(.secrets, namespace: "default", configMap("c"))
        #expect(watcher.ending == .overflow)
        #expect(watcher.backlog == 0)
        #expect(hub.openWatches == 0)
        #expect(await watcher.next() == nil)
    }

    @Test func initialEventsEndWithTheAnnotatedBookmark() async throws {
        let (store, _) = makeStore()
        let hub = WatchHub(store: store)
        try store.create(.secrets, namespace: "default", configMap("a"))
        let options = try WatchOptions(query: [
            "sendInitialEvents": "true", "resourceVersionMatch": "NotOlderThan", "allowWatchBookmarks": "true",
        ])
        let watcher = hub.watch(try filter(), options: options)
        #expect(await watcher.next()?.type == .added)
        let end = await watcher.next()
        #expect(end?.type == .bookmark)
        #expect(
            end?.object
                == BookmarkObject.make(
                    .secrets, resourceVersion: UInt64(store.resourceVersion) ?? 0, endsInitialEvents: true))
        hub.sendBookmark(to: watcher)
        let periodic = await watcher.next()
        #expect(periodic?.object["metadata"]?["resourceVersion"]?.stringValue == store.resourceVersion)
        #expect(periodic?.object["metadata"]?["annotations"] == nil)
    }

    @Test func bookmarkObjectsAreTheZeroValueOfTheKind() {
        let pod = BookmarkObject.make(.pods, resourceVersion: 7)
        #expect(
            String(decoding: JSONValue.object(pod).serialized(), as: UTF8.self)
                == #"{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"7","creationTimestamp":null},"spec":{"containers":null},"status":{}}"#
        )
        let account = BookmarkObject.make(.serviceaccounts, resourceVersion: 8)
        #expect(
            String(decoding: JSONValue.object(account).serialized(), as: UTF8.self)
                == #"{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"resourceVersion":"8","creationTimestamp":null}}"#
        )
    }

    /// A hub over a fresh store, and a watch of `default`'s ConfigMaps from the store's current version.
    private func watchFromNow(watcherCapacity: Int = WatchHub.defaultWatcherCapacity) throws
        -> (ObjectStore, WatchHub, Watcher)
    {
        let (store, _) = makeStore()
        let hub = WatchHub(store: store, watcherCapacity: watcherCapacity)
        let watcher = hub.watch(
            try filter(), options: try WatchOptions(query: ["resourceVersion": store.resourceVersion]))
        return (store, hub, watcher)
    }

    /// A reader waiting for the next event is released (nil) by a shutdown of the hub and by the
    /// cancellation of its task; after a shutdown new watches end at once.
    @Test(arguments: [Watcher.Ending.shutdown, .stopped])
    func aWaitingReaderIsReleased(by ending: Watcher.Ending) async throws {
        let (_, hub, watcher) = try watchFromNow()
        let waiting = Task { await watcher.next() }
        if ending == .shutdown { hub.shutDown() } else { waiting.cancel() }
        #expect(await waiting.value == nil)
        #expect(watcher.ending == ending)
        if ending == .shutdown {
            // Even a watch whose initial state is not empty (every namespace has kube-root-ca.crt).
            let late = hub.watch(try filter(.configmaps), options: try WatchOptions(query: [:]))
            #expect(await late.next() == nil)
        }
    }
}
