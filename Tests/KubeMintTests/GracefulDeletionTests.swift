import Foundation
import Testing

@testable import KubeMint

/// Graceful deletion of pods on the store's clock (docs/kubernetes-behaviour.md §19).
@Suite struct GracefulDeletionTests {
    /// A store with graceful deletion on, one fake node, and a pod `p` bound to it.
    func cluster(spec extra: JSONObject = [:]) throws -> (ObjectStore, ManualClock) {
        let (store, clock) = makeStore()
        store.setGracefulPodDeletion(true)
        try store.bootstrapNodes(count: 1)
        var spec: JSONObject = ["nodeName": "kubemint-node-0", "containers": [["name": "app", "image": "x"]]]
        for member in extra.members { spec[member.key] = member.value }
        try store.create(.pods, ["metadata": ["name": "p"], "spec": .object(spec)])
        return (store, clock)
    }

    @Test func deleteMarksThePodAndTheClockEndsIt() throws {
        let (store, clock) = try cluster()
        let answered = try store.delete(.pods, name: "p")
        #expect(answered.string(at: ["metadata", "deletionTimestamp"]) == "2025-01-01T00:00:30Z")
        #expect(answered.value(at: ["metadata", "deletionGracePeriodSeconds"]) == .int(30))
        #expect(answered.value(at: ["metadata", "generation"]) == .int(2))
        #expect(store.lookup(.pods, name: "p") == answered)
        clock.advance(by: 29)
        #expect(store.finishGracefulDeletions() == 0)
        clock.advance(by: 1)
        #expect(store.finishGracefulDeletions() == 1)
        #expect(store.lookup(.pods, name: "p") == nil)
    }

    @Test func gracePeriodComesFromTheRequestThenThePod() throws {
        let (store, _) = try cluster(spec: ["terminationGracePeriodSeconds": 5])
        #expect(try store.delete(.pods, name: "p").value(at: ["metadata", "deletionGracePeriodSeconds"]) == .int(5))
        let (other, _) = try cluster(spec: ["terminationGracePeriodSeconds": 5])
        let negative = try other.delete(.pods, name: "p", gracePeriodSeconds: -7)
        #expect(negative.value(at: ["metadata", "deletionGracePeriodSeconds"]) == .int(1))
        #expect(negative.string(at: ["metadata", "deletionTimestamp"]) == "2025-01-01T00:00:01Z")
    }

    @Test func aSecondDeleteMayOnlyShorten() throws {
        let (store, clock) = try cluster()
        try store.delete(.pods, name: "p", gracePeriodSeconds: 20)
        clock.advance(by: 5)
        let longer = try store.delete(.pods, name: "p", gracePeriodSeconds: 60)
        #expect(longer.string(at: ["metadata", "deletionTimestamp"]) == "2025-01-01T00:00:20Z")
        let shorter = try store.delete(.pods, name: "p", gracePeriodSeconds: 10)
        // Moved by the difference from the first request's time, as rest.BeforeDelete does.
        #expect(shorter.string(at: ["metadata", "deletionTimestamp"]) == "2025-01-01T00:00:10Z")
        #expect(shorter.value(at: ["metadata", "deletionGracePeriodSeconds"]) == .int(10))
        #expect(shorter.value(at: ["metadata", "generation"]) == .int(2))
        try store.delete(.pods, name: "p", gracePeriodSeconds: 0)
        #expect(store.lookup(.pods, name: "p") == nil)
    }

    @Test func unscheduledOrZeroGraceGoesAtOnce() throws {
        let (store, _) = try cluster()
        try store.create(
            .pods, ["metadata": ["name": "floating"], "spec": ["containers": [["name": "a", "image": "x"]]]])
        try store.delete(.pods, name: "floating", gracePeriodSeconds: 30)
        #expect(store.lookup(.pods, name: "floating") == nil)
        try store.delete(.pods, name: "p", gracePeriodSeconds: 0)
        #expect(store.lookup(.pods, name: "p") == nil)
    }

    @Test func withoutGracefulDeletionPodsGoAtOnce() throws {
        let (store, _) = makeStore()
        try store.create(.pods, ["metadata": ["name": "p"], "spec": ["nodeName": "n", "containers": []]])
        try store.delete(.pods, name: "p")
        #expect(store.lookup(.pods, name: "p") == nil)
    }

    @Test func aPodRecreatedUnderTheSameNameIsNotRemoved() throws {
        let (store, clock) = try cluster()
        try store.delete(.pods, name: "p", gracePeriodSeconds: 1)
        clock.advance(by: 2)
        try store.delete(.pods, name: "p", gracePeriodSeconds: 0)
        try store.create(
            .pods, ["metadata": ["name": "p"], "spec": ["nodeName": "kubemint-node-0", "containers": []]])
        #expect(store.finishGracefulDeletions() == 0)
        #expect(store.lookup(.pods, name: "p") != nil)
    }
}
