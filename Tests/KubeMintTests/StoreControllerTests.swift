import Foundation
import Testing

@testable import KubeMint

@Suite struct StoreControllerTests {
    @Test func deletingANamespaceDeletesEverythingInIt() throws {
        let (store, _) = makeStore()
        try store.create(.namespaces, ["metadata": ["name": "team"]])
        try store.create(.pods, namespace: "team", ["metadata": ["name": "p"]])
        try store.create(.secrets, namespace: "team", ["metadata": ["name": "s"]])
        try store.create(.pods, namespace: "default", ["metadata": ["name": "p"]])
        let recorder = EventRecorder()
        store.observe(recorder.record)
        let deleted = try store.delete(.namespaces, name: "team")
        #expect(deleted.string(at: ["status", "phase"]) == "Terminating")
        #expect(deleted.string(at: ["metadata", "deletionTimestamp"]) == "2025-01-01T00:00:00Z")
        #expect(
            recorder.summary == [
                "DELETED pods team/p", "DELETED configmaps team/kube-root-ca.crt", "DELETED secrets team/s",
                "DELETED serviceaccounts team/default", "DELETED namespaces team",
            ])
        #expect(store.lookup(.pods, namespace: "default", name: "p") != nil)
        #expect(store.list(.pods, namespace: "team").items.isEmpty)
        #expect(throws: KubeError.notFound(resource: "namespaces", name: "team")) {
            try store.create(.pods, namespace: "team", ["metadata": ["name": "p"]])
        }
    }

    @Test func systemNamespacesCannotBeDeleted() {
        let (store, _) = makeStore()
        do {
            try store.delete(.namespaces, name: "default")
            Issue.record("expected 403")
        } catch {
            #expect(error.code == 403)
            #expect(error.message == #"namespaces "default" is forbidden: this namespace may not be deleted"#)
        }
        #expect((try? store.delete(.namespaces, name: "kube-node-lease")) != nil)
    }

    @Test func deletedDefaultServiceAccountComesBackWithANewUID() throws {
        let (store, _) = makeStore()
        let old = try store.get(.serviceaccounts, namespace: "default", name: "default")
        try store.delete(.serviceaccounts, namespace: "default", name: "default")
        let new = try store.get(.serviceaccounts, namespace: "default", name: "default")
        #expect(new.uid != nil && new.uid != old.uid)
    }

    @Test func tokenSecretsAreFilledAndGoAwayWithTheirAccount() throws {
        let (store, _) = makeStore(filler: FakeFiller())
        let account = try store.create(.serviceaccounts, namespace: "default", ["metadata": ["name": "build-robot"]])
        let uid = try #require(account.uid)
        let secret = try store.create(
            .secrets, namespace: "default",
            [
                "metadata": [
                    "name": "build-robot-token", "annotations": ["kubernetes.io/service-account.name": "build-robot"],
                ],
                "type": "kubernetes.io/service-account-token",
            ])
        #expect(secret.string(at: ["metadata", "annotations", "kubernetes.io/service-account.uid"]) == uid)
        let data = try #require(secret["data"]?.objectValue)
        #expect(data.keys == ["ca.crt", "namespace", "token"])
        #expect(data["namespace"] == .string(Data("default".utf8).base64EncodedString()))
        let token = String(decoding: Data(base64Encoded: data["token"]?.stringValue ?? "")!, as: UTF8.self)
        #expect(token == "token-for-default-build-robot-token-build-robot-\(uid)")
        #expect(data["ca.crt"] == .string(Data(FakeFiller().caCertificatePEM.utf8).base64EncodedString()))

        try store.delete(.serviceaccounts, namespace: "default", name: "build-robot")
        #expect(store.lookup(.secrets, namespace: "default", name: "build-robot-token") == nil)
    }

    @Test func tokenSecretForAMissingAccountStaysUnfilled() throws {
        let (store, _) = makeStore(filler: FakeFiller())
        let secret = try store.create(
            .secrets, namespace: "default",
            [
                "metadata": ["name": "orphan", "annotations": ["kubernetes.io/service-account.name": "nobody"]],
                "type": "kubernetes.io/service-account-token",
            ])
        #expect(secret["data"] == nil)
        #expect(secret.string(at: ["metadata", "annotations", "kubernetes.io/service-account.uid"]) == nil)
    }

    @Test func observersMayWriteToTheStore() throws {
        let (store, _) = makeStore()
        let recorder = EventRecorder()
        store.observe { event in
            // A controller reacting to pods: label nodes for them.
            if event.type == .added, event.resource == .pods, let name = event.object.name {
                _ = try? store.create(.nodes, ["metadata": ["name": .string("node-for-\(name)")]])
            }
        }
        store.observe(recorder.record)
        try store.create(.pods, namespace: "default", ["metadata": ["name": "a"]])
        #expect(recorder.summary == ["ADDED pods default/a", "ADDED nodes node-for-a"])
    }

    @Test func removedObserversAreNotCalled() throws {
        let (store, _) = makeStore()
        let recorder = EventRecorder()
        let token = store.observe(recorder.record)
        try store.create(.nodes, ["metadata": ["name": "n1"]])
        store.removeObserver(token)
        try store.create(.nodes, ["metadata": ["name": "n2"]])
        #expect(recorder.summary == ["ADDED nodes n1"])
    }

    @Test func concurrentWritersAndReadersStayConsistent() async throws {
        let (store, _) = makeStore()
        let recorder = EventRecorder()
        store.observe(recorder.record)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        let name = "p-\(worker)-\(index)"
                        _ = try? store.create(.pods, namespace: "default", ["metadata": ["name": .string(name)]])
                        #expect(store.lookup(.pods, namespace: "default", name: name) != nil)
                        _ = store.lookup(.serviceaccounts, namespace: "default", name: "default")
                    }
                }
            }
            group.addTask {
                for _ in 0..<50 { _ = store.list(.pods) }
            }
        }
        #expect(store.count(.pods) == 1600)
        let versions = recorder.events.withLock { $0.map(\.resourceVersion) }
        #expect(versions.count == 1600)
        #expect(versions == versions.sorted())
        #expect(Set(store.list(.pods).items.compactMap(\.uid)).count == 1600)
    }
}
