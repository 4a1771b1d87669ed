import Foundation
import Testing

@testable import KubeMint

/// Issue 19: the ConfigMap kind in the store — defaults, validation with the apiserver's messages
/// (`ValidateConfigMap`), output order, and the namespace cascade.
@Suite struct ConfigMapTests {
    static let keyFormat =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"

    func createError(_ body: JSONObject, name: String = "cm") -> KubeError? {
        let (store, _) = makeStore()
        var object = body
        object["metadata"] = ["name": .string(name)]
        return kubeError { try store.create(.configmaps, namespace: "default", object) }
    }

    @Test func storesDataAndBinaryDataInTheApiserversOrder() throws {
        let (store, _) = makeStore()
        let created = try store.create(
            .configmaps, namespace: "default",
            [
                "binaryData": ["z": "AAE=", "b": "/w=="], "data": ["zeta": "1", "alpha": "2"],
                "metadata": ["name": "settings"], "immutable": true,
            ])
        #expect(created.keys == ["kind", "apiVersion", "metadata", "immutable", "data", "binaryData"])
        #expect(created["kind"] == "ConfigMap" && created["apiVersion"] == "v1")
        #expect(created["data"]?.objectValue?.keys == ["alpha", "zeta"])
        #expect(created["binaryData"]?.objectValue?.keys == ["b", "z"])
        #expect(store.lookup(.configmaps, namespace: "default", name: "settings") == created)
        #expect(ResourceKind(name: "cm") == .configmaps && ResourceKind(kind: "ConfigMap") == .configmaps)
    }

    @Test func keyNamesAreCheckedWordForWord() throws {
        let error = try #require(
            createError([
                "data": ["a b": "1", ".": "2", "..x": "3"], "binaryData": [String(repeating: "k", count: 254): ""],
            ]))
        #expect(error.code == 422 && error.reason == "Invalid")
        let long = String(repeating: "k", count: 254)
        #expect(
            error.message
                == "ConfigMap \"cm\" is invalid: [data[.]: Invalid value: \".\": must not be '.', "
                + "data[..x]: Invalid value: \"..x\": must not start with '..', "
                + "data[a b]: Invalid value: \"a b\": \(Self.keyFormat), "
                + "binaryData[\(long)]: Invalid value: \"\(long)\": must be no more than 253 characters]")
        #expect(error.details?.causes.map(\.field) == ["data[.]", "data[..x]", "data[a b]", "binaryData[\(long)]"])
    }

    @Test func aKeyInDataAndBinaryDataIsRefused() throws {
        let error = try #require(createError(["data": ["shared": "v"], "binaryData": ["shared": "AQ=="]]))
        #expect(
            error.message
                == "ConfigMap \"cm\" is invalid: data[shared]: Invalid value: \"shared\": duplicate of key present in binaryData"
        )
    }

    @Test func moreThanOneMebibyteInTotalIsRefused() throws {
        // 1 MiB exactly is accepted; one more byte (here a decoded binaryData byte) is not.
        let half = String(repeating: "a", count: 512 * 1024)
        let (store, _) = makeStore()
        try store.create(
            .configmaps, namespace: "default",
            ["metadata": ["name": "full"], "data": ["a": .string(half), "b": .string(half)]])
        let error = try #require(
            createError(["data": ["a": .string(half), "b": .string(half)], "binaryData": ["c": "AA=="]]))
        #expect(error.message == "ConfigMap \"cm\" is invalid: : Too long: must have at most 1048576 bytes")
        #expect(error.details?.causes.first?.reason == "FieldValueTooLong")
        #expect(error.details?.causes.first?.field == "")
    }

    @Test func binaryDataMustBeBase64AndStrings() throws {
        let bad = try #require(createError(["binaryData": ["a": "not base64!"]]))
        #expect(bad.code == 400)
        #expect(
            bad.message
                == "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: illegal base64 data at input byte 3")
        let number = try #require(createError(["data": ["a": 1]]))
        #expect(
            number.message
                == "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string"
        )
    }

    @Test func namespaceDeletionTakesItsConfigMaps() throws {
        let (store, _) = makeStore()
        try store.create(.namespaces, ["metadata": ["name": "team"]])
        try store.create(.configmaps, namespace: "team", ["metadata": ["name": "settings"]])
        try store.create(.configmaps, namespace: "default", ["metadata": ["name": "settings"]])
        try store.delete(.namespaces, name: "team")
        #expect(store.lookup(.configmaps, namespace: "team", name: "settings") == nil)
        #expect(store.lookup(.configmaps, namespace: "default", name: "settings") != nil)
    }

    @Test func configMapsSurviveARestartWithADataDirectory() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (store, data) = try openDataStore(path, seed: 7)
        let created = try store.create(
            .configmaps, namespace: "default",
            ["metadata": ["name": "settings"], "data": ["a": "1"], "binaryData": ["b": "AP8="], "immutable": true])
        try store.create(.configmaps, namespace: "default", ["metadata": ["name": "gone"]])
        try store.delete(.configmaps, namespace: "default", name: "gone")
        let before = storeDump(store)
        data.close()
        let (reopened, again) = try openDataStore(path, seed: 8)
        defer { again.close() }
        #expect(reopened.lookup(.configmaps, namespace: "default", name: "settings") == created)
        #expect(reopened.lookup(.configmaps, namespace: "default", name: "gone") == nil)
        #expect(storeDump(reopened) == before)
    }
}

/// ConfigMaps in `--manifests` files: loaded before the pods that mount them, `binaryData` as base64.
@Suite struct ConfigMapManifestTests {
    @Test func manifestsLoadConfigMapsBeforePods() throws {
        let (store, _) = makeStore()
        let text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: app, image: nginx}]
              volumes: [{name: config, configMap: {name: settings}}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {app.conf: "debug=true\\n"}
            binaryData: {blob: AP8=}
            """
        let created = try ManifestLoader.load(ManifestReader.objects(in: text, source: "cm.yaml"), into: store)
        #expect(created.compactMap { $0["kind"]?.stringValue } == ["ConfigMap", "Pod"])
        let settings = try store.get(.configmaps, namespace: "default", name: "settings")
        #expect(settings["data"] == ["app.conf": "debug=true\n"])
        #expect(settings["binaryData"] == ["blob": "AP8="])
    }
}
