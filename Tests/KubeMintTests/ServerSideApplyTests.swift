import Foundation
import Testing

@testable import KubeMint

/// Server-side apply in the store: create or merge, managedFields, ownership, conflicts, removal.
@Suite struct ServerSideApplyTests {
    @discardableResult
    private func apply(
        _ store: ObjectStore, _ yaml: String, manager: String = "kubectl", force: Bool = false,
        resource: ResourceKind = .configmaps, name: String = "cfg"
    ) async throws -> (object: JSONObject, created: Bool) {
        try await store.applyAsync(
            resource, namespace: "default", name: name, Array(yaml.utf8), manager: manager, force: force)
    }

    private func managedFields(_ object: JSONObject) -> String {
        object.value(at: ["metadata", "managedFields"])?.jsonString ?? "none"
    }

    static let config = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cfg
          labels: {app: web}
        data:
          a: "1"
          b: "2"
        """

    @Test func applyCreatesThenMergesAndRecordsTheApplier() async throws {
        let (store, clock) = makeStore()
        let (created, isNew) = try await apply(store, Self.config)
        #expect(isNew)
        #expect(created.string(at: ["data", "a"]) == "1")
        #expect(
            managedFields(created)
                == #"[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2025-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{},"f:b":{}},"f:metadata":{"f:labels":{"f:app":{}}}}}]"#
        )
        clock.advance(by: 90)
        let (again, secondIsNew) = try await apply(store, Self.config)
        #expect(!secondIsNew)
        #expect(again == created, "an apply that changes nothing is not written")
        let (changed, _) = try await apply(store, Self.config.replacingOccurrences(of: "\"2\"", with: "\"3\""))
        #expect(changed.string(at: ["data", "b"]) == "3")
        #expect(
            changed.string(at: ["metadata", "resourceVersion"]) != created.string(at: ["metadata", "resourceVersion"]))
        #expect(managedFields(changed).contains(#""time":"2025-01-01T00:01:30Z""#))
        #expect(try store.get(.configmaps, namespace: "default", name: "cfg") == changed)
    }

    @Test func fieldsNoLongerAppliedAreRemovedUnlessAnotherManagerOwnsThem() async throws {
        let (store, _) = makeStore()
        try await apply(store, Self.config)
        try await apply(
            store, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {b: \"2\"}", manager: "other")
        let (object, _) = try await apply(store, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n")
        #expect(object["data"] == ["b": "2"], "a removed, b kept: other owns it too")
        #expect(object.value(at: ["metadata", "labels"]) == nil, "the emptied labels are gone")
        #expect(managedFields(object).contains(#""manager":"other""#))
        #expect(!managedFields(object).contains(#""manager":"kubectl""#), "a manager owning nothing is dropped")
    }

    @Test func aFieldAnotherManagerOwnsIsAConflictUntilForced() async throws {
        let (store, _) = makeStore()
        let (created, _) = try await apply(store, Self.config, manager: "first")
        let changed = Self.config.replacingOccurrences(of: "\"1\"", with: "\"9\"")
        await #expect(
            throws: KubeError(
                code: 409, reason: "Conflict",
                message: #"Apply failed with 1 conflict: conflict with "first": .data.a"#,
                details: KubeError.Details(causes: [
                    KubeError.Cause(
                        reason: "FieldManagerConflict", message: #"conflict with "first""#, field: ".data.a")
                ]))
        ) { try await apply(store, changed, manager: "second") }
        #expect(try store.get(.configmaps, namespace: "default", name: "cfg") == created)
        // The same values are no conflict: both managers own them.
        let (shared, _) = try await apply(store, Self.config, manager: "second")
        #expect(
            managedFields(shared).contains(#""manager":"first""#)
                && managedFields(shared).contains(#""manager":"second""#))
        let (forced, _) = try await apply(store, changed, manager: "second", force: true)
        #expect(forced.string(at: ["data", "a"]) == "9")
        let entries = ManagedFieldsEntry.entries(of: forced)
        #expect(entries.first { $0.manager == "first" }?.fields.contains([.field("data"), .field("a")]) == false)
        #expect(entries.first { $0.manager == "second" }?.fields.contains([.field("data"), .field("a")]) == true)
    }

    @Test func severalConflictsAreCountedAndListedByManager() {
        let update = ManagedFieldsEntry(
            manager: "kubectl-client-side-apply", operation: "Update", apiVersion: "v1", time: nil, fields: FieldSet())
        let applier = ManagedFieldsEntry(
            manager: "helm", operation: "Apply", apiVersion: "v1", time: nil, fields: FieldSet())
        let error = ApplyConflicts.error([
            (update, [.field("data"), .field("b")]), (applier, [.field("data"), .field("x")]),
            (update, [.field("data"), .field("a")]),
        ])
        #expect(
            error.message
                == "Apply failed with 3 conflicts: conflicts with \"helm\":\n- .data.x\nconflicts with \"kubectl-client-side-apply\" using v1:\n- .data.a\n- .data.b"
        )
        #expect(
            error.details?.causes.map(\.message) == [
                #"conflict with "helm""#, #"conflict with "kubectl-client-side-apply" using v1"#,
                #"conflict with "kubectl-client-side-apply" using v1"#,
            ])
    }

    @Test func associativeListsMergeByKeyAndConflictPerField() async throws {
        let (store, _) = makeStore()
        let account = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\nsecrets: [{name: s1}]\n"
        try await apply(store, account, manager: "a", resource: .serviceaccounts, name: "robot")
        let (both, _) = try await apply(
            store, account.replacingOccurrences(of: "s1", with: "s2"), manager: "b", resource: .serviceaccounts,
            name: "robot")
        #expect(both["secrets"] == [["name": "s1"], ["name": "s2"]])

        let pod = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
              - {name: app, image: "app:1", ports: [{containerPort: 80}]}
            """
        try await apply(store, pod, manager: "a", resource: .pods, name: "web")
        let newImage =
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: app, image: \"app:2\"}\n"
        await #expect(
            throws: KubeError(
                code: 409, reason: "Conflict",
                message: #"Apply failed with 1 conflict: conflict with "a": .spec.containers[name="app"].image"#,
                details: KubeError.Details(causes: [
                    KubeError.Cause(
                        reason: "FieldManagerConflict", message: #"conflict with "a""#,
                        field: #".spec.containers[name="app"].image"#)
                ]))
        ) { try await apply(store, newImage, manager: "b", resource: .pods, name: "web") }
        let (forced, _) = try await apply(store, newImage, manager: "b", force: true, resource: .pods, name: "web")
        let container = forced.value(at: ["spec", "containers"])?.arrayValue?.first?.objectValue
        #expect(container?["image"] == "app:2")
        #expect(container?["ports"]?.arrayValue?.count == 1, "the ports a owns stay")
        let entries = ManagedFieldsEntry.entries(of: forced)
        let image: FieldPath = [
            .field("spec"), .field("containers"), .key([.init(name: "name", json: #""app""#)]), .field("image"),
        ]
        #expect(entries.first { $0.manager == "a" }?.fields.contains(image) == false)
        #expect(entries.first { $0.manager == "b" }?.fields.contains(image) == true)
    }

    @Test func badConfigurationsAreRefusedAndStoreNothing() async throws {
        let (store, _) = makeStore()
        let before = store.list(.configmaps, namespace: "default")
        let cases: [(String, Int, String)] = [
            ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg\n", 400, "error decoding YAML: "),
            (
                "- a\n- b\n", 400,
                "error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"
            ),
            (
                "kind: ConfigMap\nmetadata: {name: cfg}\n", 400,
                "Incorrect version specified in apply patch. Specified patch version: , expected: v1"
            ),
            (
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, managedFields: []}\n", 400,
                "metadata.managedFields must be nil"
            ),
            (
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n", 400,
                "the name of the object (other) does not match the name on the URL (cfg)"
            ),
            (
                "apiVersion: v1\nkind: Secret\nmetadata: {name: cfg}\n", 400,
                "Secret in version \"v1\" cannot be handled as a ConfigMap"
            ),
        ]
        for (yaml, code, message) in cases {
            do {
                try await apply(store, yaml)
                Issue.record("accepted: \(yaml)")
            } catch let error as KubeError {
                #expect(error.code == code, "\(yaml)")
                #expect(error.message.hasPrefix(message), "\(yaml): \(error.message)")
            }
        }
        #expect(store.list(.configmaps, namespace: "default").items == before.items)
        try await apply(store, Self.config)
        let stored = try store.get(.configmaps, namespace: "default", name: "cfg")
        for yaml in [
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, uid: changed}\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, resourceVersion: \"1\"}\n",
        ] {
            await #expect(throws: KubeError.self) { try await apply(store, yaml) }
        }
        #expect(try store.get(.configmaps, namespace: "default", name: "cfg") == stored)
    }

    @Test func patchOptionsAreCheckedAsTheApiserverDoes() {
        #expect(
            throws: KubeError.invalid(
                kind: "PatchOptions", group: "meta.k8s.io", name: "",
                errors: [FieldError(.required, field: "fieldManager", detail: "is required for apply patch")])
        ) { try PatchOptions(fieldManager: nil, force: nil).validate(isApply: true) }
        #expect(throws: KubeError.self) { try PatchOptions(fieldManager: "m", force: "true").validate(isApply: false) }
        #expect(throws: KubeError.self) {
            try PatchOptions(fieldManager: String(repeating: "m", count: 129), force: nil).validate(isApply: true)
        }
        #expect(throws: KubeError.self) { try PatchOptions(fieldManager: "a\u{7}", force: nil).validate(isApply: true) }
        #expect(throws: Never.self) {
            try PatchOptions(fieldManager: "kubectl", force: "false").validate(isApply: true)
        }
    }
}
