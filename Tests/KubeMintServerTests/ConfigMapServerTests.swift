import Foundation
import KubeMint
import KubeMintServer
import Testing

/// Issue 19: ConfigMaps over HTTP — create, get, list, delete, kubectl's Table, discovery, and the
/// apiserver's 404/409/422 bodies.
@Suite struct ConfigMapServerTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"
    static let table = ["Accept": "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"]

    @Test func createGetListDelete() async throws {
        let cluster = try Cluster()
        let created = await cluster.post(
            Self.configMaps,
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"b":"2","a":"1"},"binaryData":{"bin":"AP8="}}"#
        )
        #expect(created.status == 201)
        let object = try created.json()
        let uid = try #require(object["metadata"]?["uid"]?.stringValue)
        let rv = try #require(object["metadata"]?["resourceVersion"]?.stringValue)
        let expected =
            #"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"settings","namespace":"default","uid":"\#(uid)","resourceVersion":"\#(rv)","creationTimestamp":"2025-01-01T00:00:00Z","managedFields":[{"operation":"Update","apiVersion":"v1","time":"2025-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:binaryData":{".":{},"f:bin":{}},"f:data":{".":{},"f:a":{},"f:b":{}}}}]},"data":{"a":"1","b":"2"},"binaryData":{"bin":"AP8="}}"#
        #expect(created.text == expected + "\n")
        let fetched = await cluster.get("\(Self.configMaps)/settings")
        #expect(fetched.status == 200 && fetched.text == expected + "\n")
        let list = try await cluster.get(Self.configMaps).json()
        #expect(list["kind"] == "ConfigMapList")
        // kube-root-ca.crt is the root-ca-cert-publisher's, in every namespace (4 at start).
        #expect(
            list["items"]?.arrayValue?.compactMap { $0["metadata"]?["name"]?.stringValue } == [
                "kube-root-ca.crt", "settings",
            ])
        let all = try await cluster.get("/api/v1/configmaps").json()
        #expect(all["items"]?.arrayValue?.count == 5)
        let deleted = await cluster.delete("\(Self.configMaps)/settings")
        #expect(deleted.status == 200)
        #expect(
            deleted.text
                == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"settings","kind":"configmaps","uid":"\#(uid)"}}"#
                + "\n")
        #expect(await cluster.get("\(Self.configMaps)/settings").status == 404)
    }

    @Test func errorsAreTheApiserversBodies() async throws {
        let cluster = try Cluster()
        let missing = await cluster.get("\(Self.configMaps)/nope")
        #expect(
            missing.text
                == statusBody(
                    #""message":"configmaps \"nope\" not found","reason":"NotFound","details":{"name":"nope","kind":"configmaps"},"code":404"#
                ))
        try await cluster.create(Self.configMaps, #"{"metadata":{"name":"x"}}"#)
        let again = await cluster.post(Self.configMaps, #"{"metadata":{"name":"x"}}"#)
        #expect(
            again.text
                == statusBody(
                    #""message":"configmaps \"x\" already exists","reason":"AlreadyExists","details":{"name":"x","kind":"configmaps"},"code":409"#
                ))
        let invalid = await cluster.post(
            Self.configMaps, #"{"metadata":{"name":"y"},"data":{"k":"v"},"binaryData":{"k":"AA=="}}"#)
        #expect(
            invalid.text
                == statusBody(
                    #""message":"ConfigMap \"y\" is invalid: data[k]: Invalid value: \"k\": duplicate of key present in binaryData","reason":"Invalid","details":{"name":"y","kind":"ConfigMap","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"k\": duplicate of key present in binaryData","field":"data[k]"}]},"code":422"#
                ))
        #expect(await cluster.get("\(Self.configMaps)/y").status == 404)
    }

    @Test func kubectlsTableHasNameDataAge() async throws {
        let cluster = try Cluster()
        try await cluster.create(
            Self.configMaps, #"{"metadata":{"name":"settings"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}"#)
        cluster.clock.advance(by: 90)
        let table = try await cluster.get(Self.configMaps, headers: Self.table).json()
        #expect(table["kind"] == "Table")
        #expect(
            table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Name", "Data", "Age"])
        #expect(table["rows"]?[0]?["cells"] == ["kube-root-ca.crt", 1, "90s"])
        #expect(table["rows"]?[1]?["cells"] == ["settings", 3, "90s"])
    }

    @Test func discoveryListsConfigMapsWithShortNameCm() async throws {
        let cluster = try Cluster()
        let resources = try await cluster.get("/api/v1").json()["resources"]?.arrayValue ?? []
        let entry = try #require(resources.first { $0["name"] == "configmaps" })
        #expect(entry["kind"] == "ConfigMap" && entry["namespaced"] == true && entry["singularName"] == "configmap")
        #expect(entry["shortNames"] == ["cm"])
        let openAPI = try await cluster.get("/openapi/v3/api/v1").json()
        #expect(openAPI["paths"]?["/api/v1/namespaces/{namespace}/configmaps/{name}"] != nil)
    }
}
