import Foundation
import Testing

@testable import KubeMint

/// Scheduled pods, a terminating pod and a terminating namespace survive a restart of the data
/// directory, and their deletions finish after it (docs/kubernetes-behaviour.md §19).
@Suite struct LifecyclePersistenceTests {
    @Test func terminatingPodsAndNamespacesSurviveARestart() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let before: [String]
        do {
            let (store, data) = try openDataStore(path, seed: 1)
            defer { data.close() }
            store.setGracefulPodDeletion(true)
            try store.bootstrapNodes(count: 1)
            try store.create(.namespaces, ["metadata": ["name": "team"]])
            for (namespace, name) in [("default", "web"), ("team", "job")] {
                try store.create(
                    .pods, namespace: namespace,
                    ["metadata": ["name": .string(name)], "spec": ["containers": [["name": "c", "image": "i"]]]])
            }
            #expect(PodScheduler(store: store).step() == 4)
            try store.delete(.pods, name: "web", gracePeriodSeconds: 20)
            try store.delete(.namespaces, name: "team")
            before = storeDump(store)
        }
        let (store, data) = try openDataStore(path, seed: 2)
        defer { data.close() }
        #expect(storeDump(store) == before)
        let web = try store.get(.pods, name: "web")
        #expect(web.string(at: ["status", "phase"]) == "Running")
        #expect(web.string(at: ["metadata", "deletionTimestamp"]) == "2025-01-01T00:00:20Z")
        #expect(store.lookup(.namespaces, name: "team")?.string(at: ["status", "phase"]) == "Terminating")
        store.setGracefulPodDeletion(true)
        try #require(store.clock as? ManualClock).advance(by: 30)
        #expect(store.finishGracefulDeletions() == 2)
        #expect(store.lookup(.pods, name: "web") == nil)
        #expect(store.lookup(.namespaces, name: "team") == nil)
    }
}
