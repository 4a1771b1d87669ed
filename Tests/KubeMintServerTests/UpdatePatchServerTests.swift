import Foundation
import Testing

@testable import KubeMint
@testable import KubeMintServer

/// PUT and PATCH over HTTP: status codes and exact Status bodies (docs/kubernetes-behaviour.md §14).
@Suite struct UpdatePatchServerTests {
    static let accountPath = "/api/v1/namespaces/default/serviceaccounts/web"

    private func patch(_ cluster: Cluster, _ path: String, _ body: String, type: String) async -> APIResponse {
        await cluster.send("PATCH", path, body: Array(body.utf8), headers: ["Content-Type": type])
    }

    private func put(_ cluster: Cluster, _ path: String, _ body: String) async -> APIResponse {
        await cluster.send("PUT", path, body: Array(body.utf8), headers: ["Content-Type": "application/json"])
    }

    @Test func replaceWithTheCurrentVersionSucceedsAndAStaleOneIs409() async throws {
        let cluster = try Cluster()
        let created = try await cluster.create(
            "/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"web"}}"#)
        let version = try #require(created["metadata"]?["resourceVersion"]?.stringValue)
        let uid = try #require(created["metadata"]?["uid"]?.stringValue)
        let body = #"{"metadata":{"name":"web","resourceVersion":"\#(version)","labels":{"a":"b"}}}"#
        let first = await put(cluster, Self.accountPath, body)
        #expect(first.status == 200, "\(first.text)")
        let stored = try first.json()
        #expect(stored["metadata"]?["uid"]?.stringValue == uid)
        #expect(stored["metadata"]?["labels"]?["a"]?.stringValue == "b")
        #expect(stored["metadata"]?["resourceVersion"]?.stringValue == String(UInt64(version)! + 1))

        let before = await cluster.snapshot()
        let stale = await put(cluster, Self.accountPath, body)
        #expect(stale.status == 409)
        #expect(
            stale.text
                == statusBody(
                    #""message":"Operation cannot be fulfilled on serviceaccounts \"web\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"web","kind":"serviceaccounts"},"code":409"#
                ))
        #expect(await cluster.snapshot() == before)
    }

    @Test func replaceOfAMissingObjectIs404AndAChangedUIDIs422() async throws {
        let cluster = try Cluster()
        let missing = await put(cluster, Self.accountPath, #"{"metadata":{"name":"web"}}"#)
        #expect(missing.status == 404)
        #expect(
            missing.text
                == statusBody(
                    #""message":"serviceaccounts \"web\" not found","reason":"NotFound","details":{"name":"web","kind":"serviceaccounts"},"code":404"#
                ))
        try await cluster.create("/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"web"}}"#)
        let before = await cluster.snapshot()
        let changed = await put(cluster, Self.accountPath, #"{"metadata":{"name":"web","uid":"other"}}"#)
        #expect(changed.status == 422)
        #expect(
            changed.text
                == statusBody(
                    #""message":"ServiceAccount \"web\" is invalid: metadata.uid: Invalid value: \"other\": field is immutable","reason":"Invalid","details":{"name":"web","kind":"ServiceAccount","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"other\": field is immutable","field":"metadata.uid"}]},"code":422"#
                ))
        let renamed = await put(cluster, Self.accountPath, #"{"metadata":{"name":"other"}}"#)
        #expect(renamed.status == 400)
        #expect(
            renamed.text
                == statusBody(
                    #""message":"the name of the object (other) does not match the name on the URL (web)","reason":"BadRequest","code":400"#
                ))
        #expect(await cluster.snapshot() == before)
    }

    @Test func mergeAndJSONPatchesApply() async throws {
        let cluster = try Cluster()
        try await cluster.create("/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"web"}}"#)
        let merged = await patch(
            cluster, Self.accountPath, #"{"metadata":{"annotations":{"note":"x"}}}"#,
            type: "application/merge-patch+json")
        #expect(merged.status == 200, "\(merged.text)")
        #expect(try merged.json()["metadata"]?["annotations"]?["note"]?.stringValue == "x")
        let patched = await patch(
            cluster, Self.accountPath, #"[{"op":"add","path":"/metadata/labels","value":{"tier":"one"}}]"#,
            type: "application/json-patch+json; charset=utf-8")
        #expect(patched.status == 200, "\(patched.text)")
        #expect(try patched.json()["metadata"]?["labels"]?["tier"]?.stringValue == "one")
        #expect(try patched.json()["metadata"]?["annotations"]?["note"]?.stringValue == "x")
    }

    /// (patch, Content-Type, status, Status fields)
    static let hostilePatches: [(String, String, Int, String)] = [
        (
            #"[{"op":"test","path":"/metadata/name","value":"nope"}]"#, "application/json-patch+json", 422,
            #""message":"the server rejected our request due to an error in our request","reason":"Invalid","details":{},"code":422"#
        ),
        (
            #"[{"op":"remove","path":"/spec/nothing"}]"#, "application/json-patch+json", 422,
            #""message":"the server rejected our request due to an error in our request","reason":"Invalid","details":{},"code":422"#
        ),
        (
            #"{"op":"add"}"#, "application/json-patch+json", 400,
            #""message":"json: cannot unmarshal object into Go value of type jsonpatch.Patch","reason":"BadRequest","code":400"#
        ),
        (
            #"{"metadata":"#, "application/merge-patch+json", 400,
            #""message":"Invalid JSON Patch","reason":"BadRequest","code":400"#
        ),
        (
            "null", "application/merge-patch+json", 400,
            #""message":"Invalid JSON Patch","reason":"BadRequest","code":400"#
        ),
        (
            #"{"metadata":{"name":"other"}}"#, "application/merge-patch+json", 400,
            #""message":"the name of the object (other) does not match the name on the URL (web)","reason":"BadRequest","code":400"#
        ),
        (
            #"[{"op":"replace","path":"/metadata/uid","value":"u"}]"#, "application/json-patch+json", 422,
            #""message":"ServiceAccount \"web\" is invalid: metadata.uid: Invalid value: \"u\": field is immutable","reason":"Invalid","details":{"name":"web","kind":"ServiceAccount","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"u\": field is immutable","field":"metadata.uid"}]},"code":422"#
        ),
        (
            #"{"metadata":{"resourceVersion":"1"}}"#, "application/merge-patch+json", 409,
            #""message":"Operation cannot be fulfilled on serviceaccounts \"web\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"web","kind":"serviceaccounts"},"code":409"#
        ),
        (
            "{}", "application/json", 415,
            #""message":"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml","reason":"UnsupportedMediaType","code":415"#
        ),
        (
            "{}", "text/plain", 415,
            #""message":"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml","reason":"UnsupportedMediaType","code":415"#
        ),
    ]

    @Test(arguments: hostilePatches)
    func badPatchesGetTheApiserversAnswerAndStoreNothing(
        _ body: String, _ type: String, _ status: Int, _ fields: String
    ) async throws {
        let cluster = try Cluster()
        try await cluster.create("/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"web"}}"#)
        let before = await cluster.snapshot()
        let response = await patch(cluster, Self.accountPath, body, type: type)
        #expect(response.status == status, "\(response.text)")
        #expect(response.text == statusBody(fields))
        #expect(await cluster.snapshot() == before)
    }

    @Test func discoveryListsPatchAndUpdate() async throws {
        let list = try await Cluster().get("/api/v1").json()
        let resources = list["resources"]?.arrayValue ?? []
        let pods = try #require(resources.first { $0["name"]?.stringValue == "pods" })
        #expect(pods["verbs"] == ["create", "delete", "get", "list", "patch", "update", "watch"])
    }
}
