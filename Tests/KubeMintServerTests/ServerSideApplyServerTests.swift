import Foundation
import Testing

@testable import KubeMint
@testable import KubeMintServer

/// Server-side apply over HTTP: status codes, the stored object byte for byte, exact Status bodies
/// (docs/kubernetes-behaviour.md §18).
@Suite struct ServerSideApplyServerTests {
    static let path = "/api/v1/namespaces/default/configmaps/cfg"
    static let config = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"1\"\n"

    private func apply(_ cluster: Cluster, _ body: String, query: String) async -> APIResponse {
        await cluster.send(
            "PATCH", Self.path + query, body: Array(body.utf8),
            headers: ["Content-Type": "application/apply-patch+yaml"])
    }

    @Test func applyCreatesWith201ThenAnswers200() async throws {
        let cluster = try Cluster()
        let created = await apply(cluster, Self.config, query: "?fieldManager=kubectl")
        #expect(created.status == 201, "\(created.text)")
        let object = try created.json()
        let uid = try #require(object["metadata"]?["uid"]?.stringValue)
        let version = try #require(object["metadata"]?["resourceVersion"]?.stringValue)
        #expect(
            created.text
                == #"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cfg","namespace":"default","uid":"\#(uid)","resourceVersion":"\#(version)","creationTimestamp":"2025-01-01T00:00:00Z","managedFields":[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2025-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]},"data":{"a":"1"}}"#
                + "\n")
        let again = await apply(cluster, Self.config, query: "?fieldManager=kubectl&force=false")
        #expect(again.status == 200, "\(again.text)")
        #expect(again.text == created.text)
        #expect(await cluster.get(Self.path).text == created.text)
    }

    @Test func aConflictIsThe409OfTheApiserver() async throws {
        let cluster = try Cluster()
        _ = await apply(cluster, Self.config, query: "?fieldManager=owner")
        let before = await cluster.snapshot()
        let other = Self.config.replacingOccurrences(of: "\"1\"", with: "\"2\"")
        let conflict = await apply(cluster, other, query: "?fieldManager=other")
        #expect(conflict.status == 409)
        #expect(
            conflict.text
                == statusBody(
                    #""message":"Apply failed with 1 conflict: conflict with \"owner\": .data.a","reason":"Conflict","details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"owner\"","field":".data.a"}]},"code":409"#
                ))
        #expect(await cluster.snapshot() == before)
        let forced = await apply(cluster, other, query: "?fieldManager=other&force=true")
        #expect(forced.status == 200, "\(forced.text)")
        #expect(try forced.json()["data"]?["a"]?.stringValue == "2")
    }

    @Test func patchOptionsAreThe422OfTheApiserver() async throws {
        let cluster = try Cluster()
        let missing = await apply(cluster, Self.config, query: "")
        #expect(missing.status == 422)
        #expect(
            missing.text
                == statusBody(
                    #""message":"PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch","reason":"Invalid","details":{"group":"meta.k8s.io","kind":"PatchOptions","causes":[{"reason":"FieldValueRequired","message":"Required value: is required for apply patch","field":"fieldManager"}]},"code":422"#
                ))
        try await cluster.create("/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"web"}}"#)
        let forced = await cluster.send(
            "PATCH", "/api/v1/namespaces/default/serviceaccounts/web?force=true", body: Array("{}".utf8),
            headers: ["Content-Type": "application/merge-patch+json"])
        #expect(forced.status == 422)
        #expect(forced.text.contains(#"force: Forbidden: may not be specified for non-apply patch"#), "\(forced.text)")
        #expect(await cluster.get(Self.path).status == 404, "nothing created")
    }

    @Test func otherWritesRecordUpdateManagersAndAnEmptyListResetsThem() async throws {
        let cluster = try Cluster()
        let created = try await apply(cluster, Self.config + "  b: \"2\"\n", query: "?fieldManager=kubectl").json()
        let version = try #require(created["metadata"]?["resourceVersion"]?.stringValue)
        cluster.clock.advance(by: 5)
        // A PUT without managedFields keeps the stored ones and takes over what it changes.
        let put = await cluster.send(
            "PUT", Self.path, body: Array(#"{"metadata":{"name":"cfg"},"data":{"a":"3","b":"2"}}"#.utf8),
            headers: ["Content-Type": "application/json", "User-Agent": "kubectl-replace/v1.32.0 (linux/amd64)"])
        #expect(put.status == 200, "\(put.text)")
        #expect(
            try put.json()["metadata"]?["managedFields"]?.jsonString
                == #"[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2025-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:b":{}}}},{"manager":"kubectl-replace","operation":"Update","apiVersion":"v1","time":"2025-01-01T00:00:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]"#
        )
        // Now the replace owns data.a: kubectl's apply of its old value conflicts with it.
        let conflict = await apply(cluster, Self.config + "  b: \"2\"\n", query: "?fieldManager=kubectl")
        #expect(conflict.status == 409)
        #expect(
            try conflict.json()["message"]?.stringValue
                == #"Apply failed with 1 conflict: conflict with "kubectl-replace" using v1: .data.a"#)
        #expect(version != "")
        let reset = await cluster.send(
            "PATCH", Self.path, body: Array(#"{"metadata":{"managedFields":[]}}"#.utf8),
            headers: ["Content-Type": "application/merge-patch+json"])
        #expect(try reset.json()["metadata"]?["managedFields"] == nil, "\(reset.text)")
    }
}
