import Foundation
import Testing

@testable import KubeMint

/// Field sets of applied configurations, their FieldsV1 encoding, and the list semantics they use.
@Suite struct FieldSetTests {
    static let pod: JSONObject = [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": "web", "labels": ["app": "web"], "finalizers": ["a/b", "c/d"]],
        "spec": [
            "containers": [
                [
                    "name": "nginx", "image": "nginx:1",
                    "ports": [["containerPort": 80], ["containerPort": 53, "protocol": "UDP"]],
                    "env": [["name": "A", "value": "1"]], "args": ["-v", "x"],
                ]
            ],
            "securityContext": [:],
        ],
    ]

    @Test func anAppliedConfigurationOwnsItsLeavesAndListElements() throws {
        let set = try FieldSet(applied: Self.pod)
        #expect(
            set.sortedPaths.map(\.pathString) == [
                ".apiVersion", ".kind", ".metadata.finalizers[=\"a/b\"]",
                ".metadata.finalizers[=\"c/d\"]", ".metadata.labels.app", ".metadata.name",
                ".spec.containers[name=\"nginx\"]", ".spec.containers[name=\"nginx\"].args",
                ".spec.containers[name=\"nginx\"].env[name=\"A\"]",
                ".spec.containers[name=\"nginx\"].env[name=\"A\"].name",
                ".spec.containers[name=\"nginx\"].env[name=\"A\"].value", ".spec.containers[name=\"nginx\"].image",
                ".spec.containers[name=\"nginx\"].name",
                ".spec.containers[name=\"nginx\"].ports[containerPort=53,protocol=\"UDP\"]",
                ".spec.containers[name=\"nginx\"].ports[containerPort=53,protocol=\"UDP\"].containerPort",
                ".spec.containers[name=\"nginx\"].ports[containerPort=53,protocol=\"UDP\"].protocol",
                ".spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]",
                ".spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"].containerPort",
                ".spec.securityContext",
            ])
    }

    @Test func fieldsV1IsTheApiserversEncoding() throws {
        let set = try FieldSet(applied: Self.pod).subtracting(FieldSet(ServerSideApply.strippedPaths))
        #expect(
            JSONValue.object(set.fieldsV1).jsonString
                == #"{"f:metadata":{"f:finalizers":{"v:\"a/b\"":{},"v:\"c/d\"":{}},"f:labels":{"f:app":{}}},"#
                + #""f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:args":{},"f:env":{"k:{\"name\":\"A\"}":"#
                + #"{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{"#
                + #""k:{\"containerPort\":53,\"protocol\":\"UDP\"}":{".":{},"f:containerPort":{},"f:protocol":{}},"#
                + #""k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}},"f:securityContext":{}}}"#
        )
        #expect(FieldSet(fieldsV1: set.fieldsV1) == set)
    }

    @Test func malformedFieldsV1IsRefused() throws {
        #expect(FieldSet(fieldsV1: ["x:a": [:]]) == nil)
        #expect(FieldSet(fieldsV1: ["f:a": "b"]) == nil)
        #expect(FieldSet(fieldsV1: ["i:-1": [:]]) == nil)
        #expect(FieldSet(fieldsV1: ["k:[1]": [:]]) == nil)
        #expect(FieldSet(fieldsV1: ["i:2": [:], "v:3": [:]])?.sortedPaths == [[.value("3")], [.index(2)]])
    }

    @Test func listElementsWithoutTheirKeyOrTwiceAreRefused() {
        #expect(
            throws: ApplyError(
                path: [.field("spec"), .field("containers")],
                "element 0: associative list with keys has an element that omits key field \"name\" (and doesn't have default value)"
            )
        ) {
            try FieldSet(applied: ["spec": ["containers": [["image": "x"]]]])
        }
        #expect(throws: ApplyError(path: [.field("env")], "duplicate entries for key [name=\"A\"]")) {
            try FieldSet(applied: ["env": [["name": "A"], ["name": "A"]]])
        }
    }

    @Test func oneSchemaServesPatchAndApply() {
        #expect(KubeSchemas.strategicMergeKeys["ports"] == "containerPort")
        #expect(ApplyListType.forField("ports") == .map(keys: ["containerPort", "protocol"]))
        #expect(ApplyListType.forField("containers") == .map(keys: ["name"]))
        #expect(ApplyListType.forField("finalizers") == .set)
        #expect(KubeSchemas.strategicUnionLists.contains("finalizers"))
        #expect(ApplyListType.forField("args") == .atomic)
        // A list with a merge key and no published list type is associative by that key.
        #expect(ApplyListType.forField("imagePullSecrets") == .map(keys: ["name"]))
    }

    @Test func mergedListsTakeTheConfigurationsOrderForSharedElements() throws {
        let live: [JSONValue] = [["name": "a", "v": 1], ["name": "x"], ["name": "b"], ["name": "c"]]
        let config: [JSONValue] = [["name": "c"], ["name": "a", "v": 2], ["name": "n"]]
        let merged = try ApplyMerge.mergeList(config, into: live, field: "env", at: [])
        #expect(merged.map { $0.objectValue?["name"]?.stringValue ?? "" } == ["x", "b", "c", "a", "n"])
        #expect(merged[3].objectValue?["v"] == .int(2))
    }
}
