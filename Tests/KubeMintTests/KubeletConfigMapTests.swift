import Foundation
import KubeMint
import Testing

/// Issue 19: the kubelet emulation writes `configMap` volumes and projected `configMap` sources as
/// the kubelet does (`configmap.MakePayload`), and follows ConfigMap changes on its refresh pass.
@Suite struct KubeletConfigMapTests {
    func createConfigMap(_ kubelet: KubeletHarness, _ name: String, data: JSONObject, binaryData: JSONObject? = nil)
        throws
    {
        var body: JSONObject = ["metadata": ["name": .string(name)], "data": .object(data)]
        if let binaryData { body["binaryData"] = .object(binaryData) }
        try kubelet.store.create(.configmaps, namespace: "default", body)
    }

    @Test func aConfigMapVolumeWritesEveryKeyWithTheDefaultMode() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try createConfigMap(kubelet, "settings", data: ["app.conf": "debug=true\n"], binaryData: ["blob": "AP8="])
        try kubelet.createPod(
            "web-0", serviceAccount: "default",
            volumes: [["name": "config", "configMap": ["name": "settings", "defaultMode": 0o600]]])
        #expect(kubelet.read("web-0", "config", "app.conf") == "debug=true\n")
        let blob = (kubelet.volumeDirectory("web-0", "config") as NSString).appendingPathComponent("blob")
        #expect(FileManager.default.contents(atPath: blob) == Data([0x00, 0xFF]))
        #expect(fileMode(blob) == 0o600)
        // The atomic writer's layout: each key a symlink into ..data.
        #expect(linkTarget(blob) == "..data/blob")
        #expect(kubelet.projector.problems(namespace: "default", pod: "web-0").isEmpty)
    }

    @Test func projectedItemsMapKeysToPathsWithTheirModes() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try createConfigMap(kubelet, "settings", data: ["a": "one", "b": "two"])
        try kubelet.createServiceAccount("web")
        let token: JSONValue = [
            "serviceAccountToken": ["path": "token", "audience": "vault", "expirationSeconds": 600]
        ]
        let source: JSONValue = [
            "configMap": ["name": "settings", "items": [["key": "a", "path": "dir/first", "mode": 0o400]]]
        ]
        try kubelet.createPod(
            "web-0",
            volumes: [["name": "mixed", "projected": ["sources": [source, token]]]])
        #expect(kubelet.read("web-0", "mixed", "dir/first") == "one")
        #expect(kubelet.read("web-0", "mixed", "b") == nil)
        #expect(kubelet.read("web-0", "mixed", "token") != nil)
        let first = (kubelet.volumeDirectory("web-0", "mixed") as NSString).appendingPathComponent("dir/first")
        #expect(fileMode(first) == 0o400)
    }

    @Test func aMissingConfigMapOrKeyFailsTheVolumeUnlessOptional() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try createConfigMap(kubelet, "settings", data: ["a": "one"])
        try kubelet.createPod(
            "web-0", serviceAccount: "default",
            volumes: [
                ["name": "missing", "configMap": ["name": "absent"]],
                ["name": "nokey", "configMap": ["name": "settings", "items": [["key": "zz", "path": "zz"]]]],
                ["name": "optional", "configMap": ["name": "absent", "optional": true]],
                [
                    "name": "optionalkey",
                    "configMap": [
                        "name": "settings", "optional": true,
                        "items": [["key": "zz", "path": "zz"], ["key": "a", "path": "a"]],
                    ],
                ],
            ])
        #expect(!FileManager.default.fileExists(atPath: kubelet.volumeDirectory("web-0", "missing")))
        #expect(!FileManager.default.fileExists(atPath: kubelet.volumeDirectory("web-0", "nokey")))
        #expect(entries(kubelet.volumeDirectory("web-0", "optional")).filter { !$0.hasPrefix("..") } == [])
        #expect(entries(kubelet.volumeDirectory("web-0", "optionalkey")).filter { !$0.hasPrefix("..") } == ["a"])
        #expect(
            kubelet.projector.problems(namespace: "default", pod: "web-0") == [
                "volume missing: not written: kubemint has no ConfigMap \"default/absent\" (configmap \"absent\" not found; create it, or mark the source optional)",
                "volume nokey: not written: ConfigMap \"default/settings\": configmap references non-existent config key: zz",
            ])
    }

    @Test func changesReachTheFilesOnTheRefreshPass() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createPod(
            "web-0", serviceAccount: "default", volumes: [["name": "config", "configMap": ["name": "settings"]]])
        #expect(!kubelet.projector.problems(namespace: "default", pod: "web-0").isEmpty)
        try createConfigMap(kubelet, "settings", data: ["mode": "blue"])
        kubelet.projector.reconcile()
        #expect(kubelet.read("web-0", "config", "mode") == "blue")
        #expect(kubelet.projector.problems(namespace: "default", pod: "web-0").isEmpty)
        let before = linkTarget(
            (kubelet.volumeDirectory("web-0", "config") as NSString).appendingPathComponent("..data"))
        try kubelet.store.delete(.configmaps, namespace: "default", name: "settings")
        try createConfigMap(kubelet, "settings", data: ["mode": "green", "extra": "x"])
        kubelet.projector.reconcile()
        #expect(kubelet.read("web-0", "config", "mode") == "green")
        #expect(kubelet.read("web-0", "config", "extra") == "x")
        let after = linkTarget(
            (kubelet.volumeDirectory("web-0", "config") as NSString).appendingPathComponent("..data"))
        #expect(before != nil && after != nil && before != after)
        // Deleted and not optional: the volume fails and keeps its last files, as the kubelet does.
        try kubelet.store.delete(.configmaps, namespace: "default", name: "settings")
        kubelet.projector.reconcile()
        #expect(kubelet.read("web-0", "config", "mode") == "green")
    }

    @Test func theStoredRootCAConfigMapIsWhatTheKubeletWrites() throws {
        let kubelet = try KubeletHarness(ca: "SERVER CA\n")
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        // Published with the server's CA when the namespace was made.
        let published = try #require(kubelet.store.lookup(.configmaps, namespace: "default", name: "kube-root-ca.crt"))
        #expect(published["data"] == ["ca.crt": "SERVER CA\n"])
        // Edited (no publisher runs in this harness to restore it): the kubelet writes what is stored.
        var edited = published
        edited["data"] = ["ca.crt": "PUBLISHED CA\n"]
        try kubelet.store.replace(.configmaps, namespace: "default", name: "kube-root-ca.crt", edited)
        try kubelet.createPod("web-0", volumes: [KubeletHarness.kubeAPIAccess])
        #expect(kubelet.read("web-0", "kube-api-access-x7k2p", "ca.crt") == "PUBLISHED CA\n")
    }
}
