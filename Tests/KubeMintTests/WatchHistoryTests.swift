import Testing

@testable import KubeMint

@Suite struct WatchHistoryTests {
    private func event(_ version: UInt64) -> StoreEvent {
        StoreEvent(
            type: .added, resource: .configmaps,
            object: ["metadata": ["name": .string("c\(version)"), "namespace": "default"]], resourceVersion: version)
    }

    @Test func keepsTheLastEventsAndServesThoseAfterAVersion() throws {
        var history = WatchHistory(capacity: 3, startingAfter: 10)
        for version in UInt64(11)...12 { history.append(event(version)) }
        #expect(try history.events(after: 10).map(\.resourceVersion) == [11, 12])
        #expect(try history.events(after: 12).isEmpty)
        // A version not reached yet: nothing yet, no error (the watch waits for it).
        #expect(try history.events(after: 50).isEmpty)
        for version in UInt64(13)...15 { history.append(event(version)) }
        #expect(history.floor == 12)
        #expect(history.latest == 15)
        #expect(try history.events(after: 12).map(\.resourceVersion) == [13, 14, 15])
        #expect(try history.events(after: 14).map(\.resourceVersion) == [15])
    }

    @Test func aVersionOlderThanTheWindowIsTheCachersGone() throws {
        var history = WatchHistory(capacity: 2, startingAfter: 4)
        for version in UInt64(5)...9 { history.append(event(version)) }
        #expect(history.floor == 7)
        #expect(throws: KubeError(code: 410, reason: "Expired", message: "too old resource version: 6 (7)")) {
            try history.events(after: 6)
        }
        #expect(try history.events(after: 7).map(\.resourceVersion) == [8, 9])
    }

    @Test func eventsNotNewerThanTheLatestAreIgnored() throws {
        var history = WatchHistory(capacity: 4, startingAfter: 10)
        history.append(event(9))
        history.append(event(10))
        history.append(event(11))
        history.append(event(11))
        #expect(try history.events(after: 0 + 10).map(\.resourceVersion) == [11])
    }
}
