import Foundation
import Testing

@testable import KubeMint

/// `Update` managers: what creates, updates and patches record in managedFields, and how they meet
/// server-side appliers.
@Suite struct UpdateManagerTests {
    private func fieldsV1(_ object: JSONObject, _ manager: String) -> String? {
        ManagedFieldsEntry.entries(of: object).first { $0.manager == manager }.map {
            JSONValue.object($0.fields.fieldsV1).jsonString
        }
    }

    @Test func aCreateOwnsWhatItAddsWithDotsForNewMapsAndElements() async throws {
        let (store, clock) = makeStore()
        let pod: JSONObject = [
            "metadata": ["name": "web", "labels": ["run": "web"]],
            "spec": ["containers": [["name": "app", "image": "nginx", "resources": [:]]]],
            "status": ["phase": "Pending"],
        ]
        clock.advance(by: 3)
        let created = try await store.createAsync(.pods, namespace: "default", pod, manager: "kubectl-run")
        #expect(
            fieldsV1(created, "kubectl-run")
                == #"{"f:metadata":{"f:labels":{".":{},"f:run":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{},"f:resources":{}}}}}"#
        )
        let entry = try #require(ManagedFieldsEntry.entries(of: created).first)
        #expect(entry.operation == "Update" && entry.apiVersion == "v1" && entry.time == "2025-01-01T00:00:03Z")
    }

    @Test func anUpdateTakesWhatItChangesAndRemovedFieldsLeaveEveryone() throws {
        let old: JSONObject = ["metadata": ["name": "c", "labels": ["a": "1", "b": "2"]], "data": ["x": "1"]]
        var new = old
        new.setValue(["a": "9"], at: ["metadata", "labels"])
        new.setValue("2", at: ["data", "y"])
        let changes = try FieldChanges(from: old, to: new)
        #expect(
            changes.changed.sortedPaths.map(\.pathString) == [".data.y", ".metadata.labels.a"])
        #expect(changes.removed.sortedPaths.map(\.pathString) == [".metadata.labels.b"])

        var stored = old
        let applier = ManagedFieldsEntry(
            manager: "kubectl", operation: "Apply", apiVersion: "v1", time: "2025-01-01T00:00:00Z",
            fields: try FieldSet(applied: ["metadata": ["labels": ["a": "1", "b": "2"]], "data": ["x": "1"]]))
        stored.setValue([applier.json], at: ["metadata", "managedFields"])
        var updated = new
        ManagedFieldsEntry.recordUpdate(
            from: stored, into: &updated, manager: "kubectl-edit", resource: .configmaps,
            now: Date(timeIntervalSince1970: 1_735_689_660))
        #expect(fieldsV1(updated, "kubectl") == #"{"f:data":{"f:x":{}}}"#)
        #expect(fieldsV1(updated, "kubectl-edit") == #"{"f:data":{"f:y":{}},"f:metadata":{"f:labels":{"f:a":{}}}}"#)
        var reset = new
        reset.setValue([[:]], at: ["metadata", "managedFields"])
        ManagedFieldsEntry.recordUpdate(
            from: stored, into: &reset, manager: "x", resource: .configmaps, now: Date())
        #expect(reset.value(at: ["metadata", "managedFields"]) == nil)
    }

    @Test func kubectlMayTakeFieldsItsLastAppliedConfigurationStillHolds() throws {
        let lastApplied = #"{"apiVersion":"v1","data":{"mode":"fast"},"kind":"ConfigMap","metadata":{"name":"c"}}"#
        let live: JSONObject = [
            "metadata": [
                "name": "c", "annotations": ["kubectl.kubernetes.io/last-applied-configuration": .string(lastApplied)],
            ],
            "data": ["mode": "fast", "other": "x"],
        ]
        let mode: FieldPath = [.field("data"), .field("mode")]
        let other: FieldPath = [.field("data"), .field("other")]
        let kubectl = ServerSideApply(manager: "kubectl", force: false, resource: .configmaps)
        #expect(kubectl.allowedByLastApplied([mode], live: live))
        #expect(!kubectl.allowedByLastApplied([mode, other], live: live))
        #expect(
            !ServerSideApply(manager: "helm", force: false, resource: .configmaps).allowedByLastApplied(
                [mode], live: live))
        var drifted = live
        drifted.setValue("slow", at: ["data", "mode"])
        #expect(!kubectl.allowedByLastApplied([mode], live: drifted))
    }

    @Test func anObjectTooDeepForItsManagedFieldsIsStoredWithout() async throws {
        let (store, _) = makeStore()
        var deep = JSONValue.string("leaf")
        for _ in 0..<(ObjectStore.maxObjectDepth - 4) { deep = .object(["x": deep]) }
        let created = try await store.createAsync(
            .serviceaccounts, namespace: "default", ["metadata": ["name": "deep"], "x": deep], manager: "m")
        #expect(created.value(at: ["metadata", "managedFields"]) == nil)
        let shallow = try await store.createAsync(
            .serviceaccounts, namespace: "default", ["metadata": ["name": "shallow"], "x": ["y": "z"]], manager: "m")
        #expect(fieldsV1(shallow, "m") == #"{"f:x":{".":{},"f:y":{}}}"#)
    }
}
