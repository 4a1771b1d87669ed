import Foundation
import Testing

@testable import KubeMint

/// The scheduler's timer tick: a pass only when a graceful deletion is due
/// (docs/kubernetes-behaviour.md §19.3), so an idle store is never scanned.
@Suite struct SchedulerTickTests {
    /// A store with graceful deletion, one fake node, two pods bound to it, and an observing scheduler.
    func cluster() throws -> (ObjectStore, ManualClock, PodScheduler) {
        let (store, clock) = makeStore()
        store.setGracefulPodDeletion(true)
        try store.bootstrapNodes(count: 1)
        for name in ["a", "b"] {
            try store.create(
                .pods,
                [
                    "metadata": ["name": .string(name)],
                    "spec": ["nodeName": "kubemint-node-0", "containers": [["name": "app", "image": "x"]]],
                ])
        }
        let scheduler = PodScheduler(store: store)
        scheduler.start()
        return (store, clock, scheduler)
    }

    @Test func anIdleStoreIsNotScanned() async throws {
        let (store, clock, scheduler) = try cluster()
        defer { scheduler.stop() }
        clock.advance(by: 3600)
        #expect(await scheduler.tickAsync() == false)
        #expect(store.list(.pods).items.count == 2)
    }

    @Test func aDueDeletionRunsOnePassAndThenTicksAreIdleAgain() async throws {
        let (store, clock, scheduler) = try cluster()
        defer { scheduler.stop() }
        _ = try store.delete(.pods, name: "a", gracePeriodSeconds: 10)
        clock.advance(by: 9)
        #expect(await scheduler.tickAsync() == false)
        #expect(store.lookup(.pods, name: "a") != nil)
        clock.advance(by: 1)
        #expect(await scheduler.tickAsync() == true)
        #expect(store.lookup(.pods, name: "a") == nil)
        #expect(store.lookup(.pods, name: "b") != nil)
        #expect(await scheduler.tickAsync() == false)
    }

    @Test func aPodTerminatingBeforeTheSchedulerStartedIsCollected() async throws {
        let (store, clock) = makeStore()
        store.setGracefulPodDeletion(true)
        try store.bootstrapNodes(count: 1)
        try store.create(
            .pods,
            [
                "metadata": ["name": "old"],
                "spec": ["nodeName": "kubemint-node-0", "containers": [["name": "app", "image": "x"]]],
            ])
        PodScheduler(store: store).step()
        _ = try store.delete(.pods, name: "old", gracePeriodSeconds: 5)
        let scheduler = PodScheduler(store: store)
        scheduler.start()
        defer { scheduler.stop() }
        clock.advance(by: 5)
        #expect(await scheduler.tickAsync() == true)
        #expect(store.lookup(.pods, name: "old") == nil)
    }

    @Test func aShortenedGracePeriodMovesTheDeadline() async throws {
        let (store, clock, scheduler) = try cluster()
        defer { scheduler.stop() }
        _ = try store.delete(.pods, name: "b", gracePeriodSeconds: 100)
        _ = try store.delete(.pods, name: "b", gracePeriodSeconds: 2)
        clock.advance(by: 2)
        #expect(await scheduler.tickAsync() == true)
        #expect(store.lookup(.pods, name: "b") == nil)
    }
}
