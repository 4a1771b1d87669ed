import Foundation
import Testing

@testable import KubeMint

/// Namespace termination with graceful pod deletion (docs/kubernetes-behaviour.md §19.4).
@Suite struct NamespaceLifecycleTests {
    /// Namespace `team` with a ConfigMap and a pod bound to a fake node; graceful deletion on.
    func cluster() throws -> (ObjectStore, ManualClock) {
        let (store, clock) = makeStore()
        store.setGracefulPodDeletion(true)
        try store.bootstrapNodes(count: 1)
        try store.create(.namespaces, ["metadata": ["name": "team"]])
        try store.create(.configmaps, namespace: "team", ["metadata": ["name": "c"]])
        try store.create(
            .pods, namespace: "team",
            ["metadata": ["name": "p"], "spec": ["nodeName": "kubemint-node-0", "containers": []]])
        return (store, clock)
    }

    @Test func aNamespaceWaitsForItsPodsThenGoes() throws {
        let (store, clock) = try cluster()
        let recorder = EventRecorder()
        store.observe(recorder.record)
        let answered = try store.delete(.namespaces, name: "team")
        #expect(answered.string(at: ["status", "phase"]) == "Terminating")
        #expect(answered.string(at: ["metadata", "deletionTimestamp"]) == "2025-01-01T00:00:00Z")
        #expect(answered.value(at: ["spec", "finalizers"]) == ["kubernetes"])
        #expect(
            recorder.summary == [
                "MODIFIED namespaces team", "MODIFIED pods team/p", "DELETED configmaps team/c",
                "DELETED configmaps team/kube-root-ca.crt", "DELETED serviceaccounts team/default",
            ])
        #expect(store.lookup(.namespaces, name: "team") == answered)
        #expect(
            store.lookup(.pods, namespace: "team", name: "p")?.string(at: ["metadata", "deletionTimestamp"])
                == "2025-01-01T00:00:30Z")
        clock.advance(by: 30)
        #expect(store.finishGracefulDeletions() == 1)
        #expect(store.lookup(.namespaces, name: "team") == nil)
        #expect(recorder.summary.suffix(2) == ["DELETED pods team/p", "DELETED namespaces team"])
    }

    @Test func creatingInATerminatingNamespaceIsForbidden() throws {
        let (store, _) = try cluster()
        try store.delete(.namespaces, name: "team")
        do {
            try store.create(.serviceaccounts, namespace: "team", ["metadata": ["name": "late"]])
            Issue.record("expected 403")
        } catch {
            #expect(error.code == 403)
            #expect(error.reason == "Forbidden")
            #expect(
                error.message
                    == #"serviceaccounts "late" is forbidden: unable to create new content in namespace team because it is being terminated"#
            )
            #expect(
                error.details
                    == KubeError.Details(
                        name: "late", kind: "serviceaccounts",
                        causes: [
                            KubeError.Cause(
                                reason: "NamespaceTerminating", message: "namespace team is being terminated",
                                field: "metadata.namespace")
                        ]))
        }
        #expect(throws: KubeError.notFound(resource: "namespaces", name: "nowhere")) {
            try store.create(.serviceaccounts, namespace: "nowhere", ["metadata": ["name": "x"]])
        }
    }

    @Test func aSecondDeleteOfATerminatingNamespaceConflicts() throws {
        let (store, _) = try cluster()
        try store.delete(.namespaces, name: "team")
        do {
            try store.delete(.namespaces, name: "team")
            Issue.record("expected 409")
        } catch {
            #expect(error.code == 409)
            #expect(
                error.message
                    == #"Operation cannot be fulfilled on namespaces "team": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system."#
            )
        }
    }

    @Test func forceDeletingTheLastPodEndsTheNamespace() throws {
        let (store, _) = try cluster()
        try store.delete(.namespaces, name: "team")
        try store.delete(.pods, namespace: "team", name: "p", gracePeriodSeconds: 0)
        #expect(store.lookup(.namespaces, name: "team") == nil)
    }

    @Test func withoutWaitingPodsTheNamespaceGoesAtOnce() throws {
        let (store, _) = try cluster()
        try store.create(.namespaces, ["metadata": ["name": "empty"]])
        try store.create(.pods, namespace: "empty", ["metadata": ["name": "floating"], "spec": ["containers": []]])
        let answered = try store.delete(.namespaces, name: "empty")
        #expect(answered.string(at: ["status", "phase"]) == "Terminating")
        #expect(store.lookup(.namespaces, name: "empty") == nil)
        #expect(store.lookup(.pods, namespace: "empty", name: "floating") == nil)
    }
}
