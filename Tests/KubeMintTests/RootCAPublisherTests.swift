import Foundation
import Testing

@testable import KubeMint

/// Issue 20: the root-ca-cert-publisher's `kube-root-ca.crt` in every namespace, re-created when
/// deleted, restored when edited (docs/kubernetes-behaviour.md §20.2).
@Suite struct RootCAPublisherTests {
    static let ca = "-----BEGIN CERTIFICATE-----\nROOT\n-----END CERTIFICATE-----\n"

    private func published(_ store: ObjectStore, _ namespace: String) -> JSONObject? {
        store.lookup(.configmaps, namespace: namespace, name: "kube-root-ca.crt")
    }

    @Test func everyNamespaceHasItFromTheStart() throws {
        let (store, _) = makeStore(filler: CAFiller(caCertificatePEM: Self.ca))
        try store.create(.namespaces, ["metadata": ["name": "team"]])
        for namespace in ObjectStore.systemNamespaces + ["team"] {
            let configMap = try #require(published(store, namespace))
            let uid = try #require(configMap.uid)
            let version = try #require(configMap.string(at: ["metadata", "resourceVersion"]))
            let created = try #require(configMap.string(at: ["metadata", "creationTimestamp"]))
            #expect(
                configMap.jsonString
                    == #"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"kube-root-ca.crt","namespace":"\#(namespace)","uid":"\#(uid)","resourceVersion":"\#(version)","creationTimestamp":"\#(created)","annotations":{"kubernetes.io/description":"Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},"data":{"ca.crt":"-----BEGIN CERTIFICATE-----\nROOT\n-----END CERTIFICATE-----\n"}}"#
            )
        }
        // Without a CA (no TLS) it holds an empty ca.crt.
        let (plain, _) = makeStore()
        #expect(published(plain, "default")?["data"] == ["ca.crt": ""])
    }

    @Test func deletedIsRecreatedAndEditedIsRestored() throws {
        let (store, _) = makeStore(filler: CAFiller(caCertificatePEM: Self.ca))
        let publisher = RootCAPublisher(store: store)
        publisher.start()
        defer { publisher.stop() }
        let first = try #require(published(store, "default"))
        try store.delete(.configmaps, namespace: "default", name: "kube-root-ca.crt")
        publisher.flush()
        let again = try #require(published(store, "default"))
        #expect(again.uid != first.uid)
        #expect(again["data"] == ["ca.crt": .string(Self.ca)])

        var edited = again
        edited["data"] = ["ca.crt": "forged", "extra": "x"]
        edited.setValue(nil, at: ["metadata", "annotations"])
        edited.setValue("mine", at: ["metadata", "labels", "team"])
        try store.replace(.configmaps, namespace: "default", name: "kube-root-ca.crt", edited)
        publisher.flush()
        let restored = try #require(published(store, "default"))
        #expect(restored["data"] == ["ca.crt": .string(Self.ca)])
        #expect(restored.string(at: ["metadata", "annotations", "kubernetes.io/description"]) == RootCAPublisher.description)
        // The controller sets data and its annotation; other metadata stays as the user left it.
        #expect(restored.string(at: ["metadata", "labels", "team"]) == "mine")
        #expect(restored.uid == again.uid)
    }

    @Test func syncAllPublishesIntoNamespacesThatPredateItAndFollowsTheCA() throws {
        let (store, _) = makeStore()
        try store.create(.namespaces, ["metadata": ["name": "old"]])
        try store.delete(.configmaps, namespace: "old", name: "kube-root-ca.crt")
        #expect(published(store, "old") == nil)
        store.setSecretTokenFiller(CAFiller(caCertificatePEM: Self.ca))
        RootCAPublisher(store: store).syncAll()
        for namespace in ObjectStore.systemNamespaces + ["old"] {
            #expect(published(store, namespace)?["data"] == ["ca.crt": .string(Self.ca)], "\(namespace)")
        }
    }

    @Test func nothingIsPublishedIntoAGoneNamespace() throws {
        let (store, _) = makeStore()
        let publisher = RootCAPublisher(store: store)
        publisher.start()
        defer { publisher.stop() }
        try store.create(.namespaces, ["metadata": ["name": "brief"]])
        try store.delete(.namespaces, name: "brief")
        publisher.flush()
        #expect(published(store, "brief") == nil)
        #expect(store.lookup(.namespaces, name: "brief") == nil)
    }
}
