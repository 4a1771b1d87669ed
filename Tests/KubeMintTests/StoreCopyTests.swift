import Foundation
import Testing

@testable import KubeMint

/// ``ObjectStore/copy(clock:uids:)``: a fresh cluster made from another store's state instead of
/// the bootstrap's creates must be that store, and stay apart from it.
@Suite struct StoreCopyTests {
    private let start = Date(timeIntervalSince1970: 1_735_689_600)

    /// Every object of every kind, and the resource version.
    private func dump(_ store: ObjectStore) -> [String] {
        ResourceKind.allCases.flatMap { store.list($0).items.map(\.jsonString) } + [store.resourceVersion]
    }

    @Test func aCopyOfAFreshClusterAnswersAsAFreshClusterDoes() throws {
        let templateUIDs = SeededUIDGenerator(seed: 1)
        // The template's generator is where a fresh store's is after the bootstrap: replay it.
        let bootstrapped = ObjectStore(clock: ManualClock(start), uids: templateUIDs)
        let copy = bootstrapped.copy(clock: ManualClock(start), uids: templateUIDs.copy())
        let fresh = ObjectStore(clock: ManualClock(start), uids: SeededUIDGenerator(seed: 1))
        #expect(dump(copy) == dump(fresh))
        // The next writes give the same objects, uids and resource versions.
        let account: JSONObject = ["metadata": ["name": "builder"]]
        let inCopy = try copy.create(.serviceaccounts, namespace: "default", account)
        let inFresh = try fresh.create(.serviceaccounts, namespace: "default", account)
        #expect(inCopy.jsonString == inFresh.jsonString)
        _ = try copy.create(.namespaces, ["metadata": ["name": "team"]])
        _ = try fresh.create(.namespaces, ["metadata": ["name": "team"]])
        #expect(dump(copy) == dump(fresh))
    }

    @Test func aCopyAndItsOriginalChangeApart() throws {
        let original = ObjectStore(clock: ManualClock(start), uids: SeededUIDGenerator(seed: 7))
        let before = dump(original)
        let copy = original.copy(clock: ManualClock(start), uids: SeededUIDGenerator(seed: 8))
        _ = try copy.create(.namespaces, ["metadata": ["name": "only-in-the-copy"]])
        _ = try copy.delete(.serviceaccounts, namespace: "default", name: "default")
        #expect(dump(original) == before)
        _ = try original.create(.nodes, ["metadata": ["name": "only-in-the-original"]])
        #expect(copy.lookup(.nodes, name: "only-in-the-original") == nil)
        #expect(copy.lookup(.namespaces, name: "only-in-the-copy") != nil)
        #expect(original.lookup(.namespaces, name: "only-in-the-copy") == nil)
    }

    @Test func observersOfTheOriginalDoNotSeeTheCopysChanges() throws {
        let original = ObjectStore(clock: ManualClock(start), uids: SeededUIDGenerator(seed: 3))
        let recorder = EventRecorder()
        _ = original.observe { recorder.record($0) }
        let copy = original.copy(clock: ManualClock(start), uids: SeededUIDGenerator(seed: 4))
        _ = try copy.create(.namespaces, ["metadata": ["name": "quiet"]])
        #expect(recorder.events.withLock { $0.isEmpty })
        _ = try original.create(.namespaces, ["metadata": ["name": "heard"]])
        #expect(recorder.events.withLock { !$0.isEmpty })
    }

    @Test func aCopiedSeededGeneratorGoesOnWhereTheOriginalIs() {
        let original = SeededUIDGenerator(seed: 5)
        _ = original.newUID()
        let copy = original.copy()
        #expect(copy.newUID() == original.newUID())
        #expect(copy.nameSuffix(count: 5) == original.nameSuffix(count: 5))
        _ = copy.newUID()
        #expect(copy.newUID() != original.newUID())
    }
}
