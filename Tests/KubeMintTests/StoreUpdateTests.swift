import Foundation
import Testing

@testable import KubeMint

/// PUT and PATCH in the store: optimistic concurrency, immutable fields, what is kept.
@Suite struct StoreUpdateTests {
    private func account(_ store: ObjectStore) throws -> JSONObject {
        try store.create(.serviceaccounts, namespace: "default", ["metadata": ["name": "web"]])
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func replaceBumpsTheResourceVersionAndKeepsSystemFields() throws {
        let (store, clock) = makeStore()
        let created = try account(store)
        clock.advance(by: 60)
        var edited = created
        edited.setValue(["tier": "one"], at: ["metadata", "labels"])
        edited.setValue(nil, at: ["metadata", "uid"])
        edited.setValue("1999-01-01T00:00:00Z", at: ["metadata", "creationTimestamp"])
        let replaced = try store.replace(.serviceaccounts, namespace: "default", name: "web", edited)
        #expect(replaced.uid == created.uid)
        #expect(
            replaced.string(at: ["metadata", "creationTimestamp"])
                == created.string(at: ["metadata", "creationTimestamp"]))
        #expect(replaced.string(at: ["metadata", "labels", "tier"]) == "one")
        let before = UInt64(created.string(at: ["metadata", "resourceVersion"]) ?? "") ?? 0
        #expect(replaced.string(at: ["metadata", "resourceVersion"]) == String(before + 1))
        #expect(store.resourceVersion == String(before + 1))
        #expect(store.list(.serviceaccounts, namespace: "default").resourceVersion == String(before + 1))
        #expect(try store.get(.serviceaccounts, namespace: "default", name: "web") == replaced)
    }

    @Test func aStaleResourceVersionIsAConflictAndStoresNothing() throws {
        let (store, _) = makeStore()
        let created = try account(store)
        var first = created
        first.setValue(["a": "1"], at: ["metadata", "annotations"])
        let stored = try store.replace(.serviceaccounts, namespace: "default", name: "web", first)
        var stale = created
        stale.setValue(["a": "2"], at: ["metadata", "annotations"])
        #expect(
            throws: KubeError.conflict(
                resource: "serviceaccounts", name: "web",
                why: "the object has been modified; please apply your changes to the latest version and try again")
        ) { try store.replace(.serviceaccounts, namespace: "default", name: "web", stale) }
        #expect(try store.get(.serviceaccounts, namespace: "default", name: "web") == stored)
        // Without a resourceVersion the update is unconditional.
        stale.setValue(nil, at: ["metadata", "resourceVersion"])
        let unconditional = try store.replace(.serviceaccounts, namespace: "default", name: "web", stale)
        #expect(unconditional.string(at: ["metadata", "annotations", "a"]) == "2")
    }

    @Test func immutableFieldsMissingObjectsAndMismatchedNamesAreRefused() throws {
        let (store, _) = makeStore()
        let created = try account(store)
        var changedUID = created
        changedUID.setValue("0000", at: ["metadata", "uid"])
        #expect(
            throws: KubeError.invalid(
                kind: "ServiceAccount", name: "web",
                errors: [
                    FieldError(.invalid, field: "metadata.uid", value: .string("0000"), detail: "field is immutable")
                ])
        ) { try store.replace(.serviceaccounts, namespace: "default", name: "web", changedUID) }
        #expect(throws: KubeError.notFound(resource: "serviceaccounts", name: "nope")) {
            try store.replace(
                .serviceaccounts, namespace: "default", name: "nope", ["metadata": ["name": "nope"]])
        }
        #expect(throws: KubeError.badRequest("the name of the object (web) does not match the name on the URL (other)"))
        {
            try store.replace(.serviceaccounts, namespace: "default", name: "other", created)
        }
        #expect(try store.get(.serviceaccounts, namespace: "default", name: "web") == created)
    }

    @Test func immutableConfigMapsKeepTheirDataAndBinaryData() throws {
        let (store, _) = makeStore()
        let configMap = try store.create(
            .configmaps, namespace: "default",
            ["metadata": ["name": "c"], "immutable": true, "data": ["k": "v"], "binaryData": ["b": "AAE="]])
        var relabelled = configMap
        relabelled.setValue(["tier": "one"], at: ["metadata", "labels"])
        let kept = try store.replace(.configmaps, namespace: "default", name: "c", relabelled)
        #expect(kept.value(at: ["metadata", "labels", "tier"]) == "one")
        var changed = kept
        changed["data"] = ["k": "w"]
        changed["binaryData"] = nil
        changed["immutable"] = false
        let because = "field is immutable when `immutable` is set"
        #expect(
            throws: KubeError.invalid(
                kind: "ConfigMap", name: "c",
                errors: [
                    FieldError(.forbidden, field: "immutable", detail: because),
                    FieldError(.forbidden, field: "data", detail: because),
                    FieldError(.forbidden, field: "binaryData", detail: because),
                ])
        ) { try store.replace(.configmaps, namespace: "default", name: "c", changed) }
        #expect(try store.get(.configmaps, namespace: "default", name: "c") == kept)
    }

    @Test func immutableSecretsAndPodSpecsKeepTheirContent() throws {
        let (store, _) = makeStore()
        let secret = try store.create(
            .secrets, namespace: "default",
            ["metadata": ["name": "s"], "immutable": true, "data": ["k": .string("dg==")]])
        var changed = secret
        changed["data"] = ["k": "eA=="]
        changed["immutable"] = false
        #expect(
            throws: KubeError.invalid(
                kind: "Secret", name: "s",
                errors: [
                    FieldError(.forbidden, field: "immutable", detail: "field is immutable when `immutable` is set"),
                    FieldError(.forbidden, field: "data", detail: "field is immutable when `immutable` is set"),
                ])
        ) { try store.replace(.secrets, namespace: "default", name: "s", changed) }
        let pod = try store.create(
            .pods, namespace: "default",
            ["metadata": ["name": "p"], "spec": ["containers": [["name": "c", "image": "i"]]]])
        func withContainer(_ object: JSONObject, _ change: (inout JSONObject) -> Void) -> JSONObject {
            var containers = object.value(at: ["spec", "containers"])?.arrayValue ?? []
            var first = containers[0].objectValue ?? JSONObject()
            change(&first)
            containers[0] = .object(first)
            var changed = object
            changed.setValue(.array(containers), at: ["spec", "containers"])
            return changed
        }
        var newImage = withContainer(pod) { $0["image"] = "j" }
        newImage.setValue(nil, at: ["metadata", "resourceVersion"])
        let updated = try store.replace(.pods, namespace: "default", name: "p", newImage)
        #expect(updated.value(at: ["spec", "containers"])?.arrayValue?.first?["image"] == "j")
        #expect(updated["status"] == pod["status"])
        let newName = withContainer(updated) { $0["name"] = "d" }
        do {
            try store.replace(.pods, namespace: "default", name: "p", newName)
            Issue.record("expected 422")
        } catch {
            #expect(error.code == 422)
            #expect(
                error.message.hasPrefix(
                    #"Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`"#
                ))
        }
    }

    @Test func podsKeepAGenerationThatOnlySpecChangesMove() throws {
        let (store, _) = makeStore()
        let pod = try store.create(
            .pods, namespace: "default",
            ["metadata": ["name": "p", "generation": 7], "spec": ["containers": [["name": "c", "image": "i"]]]])
        #expect(pod.value(at: ["metadata", "generation"]) == 1)
        let labelled = try store.patch(
            .pods, namespace: "default", name: "p", type: .merge,
            bytes(#"{"metadata":{"labels":{"a":"b"},"generation":40}}"#))
        #expect(labelled.value(at: ["metadata", "generation"]) == 1)
        let newImage = try store.patch(
            .pods, namespace: "default", name: "p", type: .strategicMerge,
            bytes(#"{"spec":{"containers":[{"name":"c","image":"j"}]}}"#))
        #expect(newImage.value(at: ["metadata", "generation"]) == 2)
        var replaced = newImage
        replaced.setValue(JSONValue.int(9), at: ["metadata", "generation"])
        replaced.setValue(JSONValue.int(30), at: ["spec", "activeDeadlineSeconds"])
        #expect(try store.replace(.pods, namespace: "default", name: "p", replaced).value(at: ["metadata", "generation"]) == 3)
        let account = try store.create(
            .serviceaccounts, namespace: "default", ["metadata": ["name": "g", "generation": 5]])
        #expect(account.value(at: ["metadata", "generation"]) == 5)
        let patched = try store.patch(
            .serviceaccounts, namespace: "default", name: "g", type: .merge,
            bytes(#"{"metadata":{"generation":6},"automountServiceAccountToken":false}"#))
        #expect(patched.value(at: ["metadata", "generation"]) == 5)
    }

    @Test func mergeAndJSONPatchesGoThroughTheUpdateRules() throws {
        let (store, _) = makeStore()
        let created = try account(store)
        let merged = try store.patch(
            .serviceaccounts, namespace: "default", name: "web", type: .merge,
            bytes(#"{"metadata":{"labels":{"tier":"one"}},"automountServiceAccountToken":false}"#))
        #expect(merged.string(at: ["metadata", "labels", "tier"]) == "one")
        #expect(merged["automountServiceAccountToken"] == false)
        #expect(merged.uid == created.uid)
        let jsonPatched = try store.patch(
            .serviceaccounts, namespace: "default", name: "web", type: .json,
            bytes(
                #"[{"op":"test","path":"/metadata/labels/tier","value":"one"},{"op":"replace","path":"/metadata/labels/tier","value":"two"}]"#
            ))
        #expect(jsonPatched.string(at: ["metadata", "labels", "tier"]) == "two")
        let unlabelled = try store.patch(
            .serviceaccounts, namespace: "default", name: "web", type: .merge,
            bytes(#"{"metadata":{"labels":{"tier":null}}}"#))
        #expect(unlabelled.value(at: ["metadata", "labels"]) == nil)
        let generic = KubeError(
            code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request",
            details: KubeError.Details())
        #expect(throws: generic) {
            try store.patch(
                .serviceaccounts, namespace: "default", name: "web", type: .json,
                bytes(
                    #"[{"op":"replace","path":"/metadata/labels/tier","value":"three"},{"op":"test","path":"/metadata/labels/tier","value":"one"}]"#
                ))
        }
        #expect(throws: KubeError.badRequest("Invalid JSON Patch")) {
            try store.patch(.serviceaccounts, namespace: "default", name: "web", type: .merge, bytes("{nope"))
        }
        #expect(
            throws: KubeError.conflict(resource: "serviceaccounts", name: "web", why: ObjectStore.modifiedSinceRead)
        ) {
            try store.patch(
                .serviceaccounts, namespace: "default", name: "web", type: .merge,
                bytes(#"{"metadata":{"resourceVersion":"1","labels":{"tier":"x"}}}"#))
        }
        #expect(throws: KubeError.badRequest("the name of the object (other) does not match the name on the URL (web)"))
        {
            try store.patch(
                .serviceaccounts, namespace: "default", name: "web", type: .merge,
                bytes(#"{"metadata":{"name":"other"}}"#))
        }
        do {
            try store.patch(
                .serviceaccounts, namespace: "default", name: "web", type: .merge, bytes(#"{"metadata":{"uid":"x"}}"#))
            Issue.record("expected 422")
        } catch {
            #expect(
                error.message
                    == #"ServiceAccount "web" is invalid: metadata.uid: Invalid value: "x": field is immutable"#)
        }
        #expect(throws: KubeError.notFound(resource: "serviceaccounts", name: "nope")) {
            try store.patch(.serviceaccounts, namespace: "default", name: "nope", type: .merge, bytes("{nope"))
        }
        #expect(try store.get(.serviceaccounts, namespace: "default", name: "web") == unlabelled)
    }

    @Test func labelsOnAServiceAccountNeverInvalidateItsIdentity() throws {
        let (store, _) = makeStore()
        let created = try account(store)
        let recorder = EventRecorder()
        let id = store.observe { recorder.record($0) }
        defer { store.removeObserver(id) }
        let patched = try store.patch(
            .serviceaccounts, namespace: "default", name: "web", type: .merge,
            bytes(#"{"metadata":{"annotations":{"a":"b"}}}"#))
        #expect(patched.uid == created.uid)
        #expect(recorder.summary == ["MODIFIED serviceaccounts default/web"])
    }

    @Test func concurrentPatchesWithoutAVersionAreNeverLost() throws {
        let (store, _) = makeStore()
        try account(store)
        DispatchQueue.concurrentPerform(iterations: 40) { i in
            _ = try? store.patch(
                .serviceaccounts, namespace: "default", name: "web", type: .merge,
                Array(#"{"metadata":{"annotations":{"k\#(i)":"v"}}}"#.utf8))
        }
        let annotations = try store.get(.serviceaccounts, namespace: "default", name: "web")
            .value(at: ["metadata", "annotations"])?.objectValue
        #expect(annotations?.members.count == 40)
    }
}
