import Foundation
import Testing

@testable import KubeMint

@Suite struct StoreLifecycleTests {
    @Test func startsLikeAFreshCluster() {
        let (store, _) = makeStore()
        #expect(
            store.list(.namespaces).items.compactMap(\.name) == [
                "default", "kube-node-lease", "kube-public", "kube-system",
            ])
        let accounts = store.list(.serviceaccounts).items.map { "\($0.namespace!)/\($0.name!)" }
        #expect(
            accounts == ["default/default", "kube-node-lease/default", "kube-public/default", "kube-system/default"])
        // The root-ca-cert-publisher's ConfigMap, in every namespace.
        let configMaps = store.list(.configmaps).items.map { "\($0.namespace!)/\($0.name!)" }
        #expect(configMaps == ObjectStore.systemNamespaces.sorted().map { "\($0)/kube-root-ca.crt" })
        #expect(store.resourceVersion == "12")
    }

    @Test func createFillsServerFieldsInApiserverOrder() throws {
        let (store, _) = makeStore()
        let pod = try store.create(
            .pods, namespace: "default",
            [
                "spec": [
                    "containers": [["name": "c", "image": "nginx"]], "nodeName": "node-1",
                    "automountServiceAccountToken": false,
                ],
                "metadata": ["labels": ["b": "2", "a": "1"], "name": "web-0"], "extra": ["kept": true],
            ])
        let uid = try #require(pod.uid)
        #expect(uid.count == 36 && uid == uid.lowercased())
        #expect(
            pod.jsonString
                == #"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-0","namespace":"default","uid":"\#(uid)","resourceVersion":"13","generation":1,"creationTimestamp":"2025-01-01T00:00:00Z","labels":{"a":"1","b":"2"}},"spec":{"containers":[{"name":"c","image":"nginx"}],"nodeName":"node-1","automountServiceAccountToken":false,"serviceAccountName":"default","serviceAccount":"default"},"status":{"phase":"Pending","qosClass":"BestEffort"},"extra":{"kept":true}}"#
        )
        #expect(try store.get(.pods, namespace: "default", name: "web-0") == pod)
    }

    @Test func seededUIDsAreReproducible() throws {
        let (first, _) = makeStore()
        let (second, _) = makeStore()
        let a = try first.create(.serviceaccounts, namespace: "default", ["metadata": ["name": "x"]])
        let b = try second.create(.serviceaccounts, namespace: "default", ["metadata": ["name": "x"]])
        #expect(a.uid == b.uid)
        #expect(SeededUIDGenerator(seed: 1).newUID() != SeededUIDGenerator(seed: 2).newUID())
    }

    @Test func namespacesGetLabelFinalizerPhaseAndDefaultAccount() throws {
        let (store, clock) = makeStore()
        clock.advance(by: 61)
        let namespace = try store.create(.namespaces, ["metadata": ["name": "team-a", "namespace": "ignored"]])
        #expect(namespace.namespace == nil)
        #expect(namespace.string(at: ["metadata", "labels", "kubernetes.io/metadata.name"]) == "team-a")
        #expect(namespace.value(at: ["spec", "finalizers"]) == ["kubernetes"])
        #expect(namespace.string(at: ["status", "phase"]) == "Active")
        #expect(namespace.string(at: ["metadata", "creationTimestamp"]) == "2025-01-01T00:01:01Z")
        let account = try store.get(.serviceaccounts, namespace: "team-a", name: "default")
        #expect(account.string(at: ["metadata", "resourceVersion"]) == "14")
        let rootCA = try store.get(.configmaps, namespace: "team-a", name: "kube-root-ca.crt")
        #expect(rootCA.string(at: ["metadata", "resourceVersion"]) == "15")
        #expect(rootCA.string(at: ["metadata", "creationTimestamp"]) == "2025-01-01T00:01:01Z")
    }

    @Test func generateNameAppendsFiveSuffixCharacters() throws {
        let (store, _) = makeStore()
        let secret = try store.create(.secrets, namespace: "default", ["metadata": ["generateName": "tok-"]])
        let name = try #require(secret.name)
        #expect(name.hasPrefix("tok-") && name.count == 9)
        #expect(name.dropFirst(4).allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        #expect(secret.string(at: ["metadata", "generateName"]) == "tok-")
        let long = String(repeating: "a", count: 70)
        let node = try store.create(.nodes, ["metadata": ["generateName": .string(long)]])
        #expect(node.name?.count == 63)
    }

    @Test func secretsMergeStringDataAndDefaultType() throws {
        let (store, _) = makeStore()
        let secret = try store.create(
            .secrets, namespace: "default",
            [
                "metadata": ["name": "s"], "stringData": ["b": "two", "a": "uno"],
                "data": ["a": "b25l", "c": "dGhyZWU="],
            ])
        #expect(secret["stringData"] == nil)
        #expect(secret["data"]?.objectValue?.jsonString == #"{"a":"dW5v","b":"dHdv","c":"dGhyZWU="}"#)
        #expect(secret["type"] == "Opaque")
        #expect(secret.keys == ["kind", "apiVersion", "metadata", "data", "type"])
    }

    @Test func listsAreSortedAndStripTypeMeta() throws {
        let (store, _) = makeStore()
        try store.create(.namespaces, ["metadata": ["name": "b"]])
        for (namespace, name) in [("default", "z"), ("b", "a"), ("default", "m")] {
            try store.create(.pods, namespace: namespace, ["metadata": ["name": .string(name)]])
        }
        #expect(store.list(.pods).items.map { "\($0.namespace!)/\($0.name!)" } == ["b/a", "default/m", "default/z"])
        let list = store.list(.pods, namespace: "default")
        #expect(list.items.compactMap(\.name) == ["m", "z"])
        #expect(list.resourceVersion == store.resourceVersion)
        let json = list.jsonObject
        #expect(json.keys == ["kind", "apiVersion", "metadata", "items"])
        #expect(json["kind"] == "PodList")
        #expect(json.value(at: ["metadata", "resourceVersion"]) == .string(list.resourceVersion))
        #expect(json["items"]?[0]?["kind"] == nil)
        #expect(json["items"]?[0]?["metadata"]?["name"] == "m")
        #expect(store.list(.pods, namespace: "nowhere").items.isEmpty)
    }

    @Test func deleteReturnsTheObjectAndEmitsEvents() throws {
        let (store, _) = makeStore()
        let recorder = EventRecorder()
        store.observe(recorder.record)
        let created = try store.create(.pods, namespace: "default", ["metadata": ["name": "p"]])
        let deleted = try store.delete(.pods, namespace: "default", name: "p")
        #expect(deleted == created)
        #expect(store.lookup(.pods, namespace: "default", name: "p") == nil)
        #expect(recorder.summary == ["ADDED pods default/p", "DELETED pods default/p"])
        let events = recorder.events.withLock { $0 }
        #expect(events[1].object.string(at: ["metadata", "resourceVersion"]) == "14")
        #expect(events[1].resourceVersion == 14)
    }

    @Test func updateBumpsResourceVersionAndKeepsIdentity() throws {
        let (store, _) = makeStore()
        let created = try store.create(.secrets, namespace: "default", ["metadata": ["name": "s"]])
        let updated = try store.update(.secrets, namespace: "default", name: "s") { secret in
            secret.setValue("2025-01-01", at: ["metadata", "labels", "kubernetes.io/legacy-token-last-used"])
            secret.setValue("other", at: ["metadata", "name"])
        }
        #expect(updated.name == "s")
        #expect(updated.uid == created.uid)
        #expect(updated.string(at: ["metadata", "resourceVersion"]) == "14")
        #expect(throws: KubeError.notFound(resource: "secrets", name: "x")) {
            try store.update(.secrets, namespace: "default", name: "x") { _ in }
        }
    }
}
