import Foundation
import Testing

@testable import KubeMint

/// testdata/manifests of this package, found from this file's path.
let manifestsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("testdata/manifests").path

@Suite struct ManifestTests {
    @Test func tutorialManifestsLoadAsIs() throws {
        let (store, _) = makeStore()
        let created = try ManifestLoader.load(paths: [manifestsFolder], into: store)
        // Files in name order, then dependency order: the namespace, then the account, then both pods.
        #expect(
            created.map { "\($0["kind"]!.stringValue!) \($0.namespace ?? "")/\($0.name!)" } == [
                "Namespace /mytest", "ServiceAccount default/build-robot", "Pod default/nginx", "Pod mytest/read-token2",
            ])
        let nginx = try store.get(.pods, namespace: "default", name: "nginx")
        #expect(nginx.string(at: ["spec", "serviceAccountName"]) == "build-robot")
        #expect(
            nginx.value(at: ["spec", "volumes"])?[0]?["projected"]?["sources"]?[0]?["serviceAccountToken"] == [
                "path": "vault-token", "expirationSeconds": 7200, "audience": "vault",
            ])
        #expect(nginx.value(at: ["spec", "containers"])?[0]?["securityContext"]?["capabilities"]?["drop"] == ["ALL"])
        #expect(store.lookup(.serviceaccounts, namespace: "mytest", name: "default") != nil)
        let reader = try store.get(.pods, namespace: "mytest", name: "read-token2")
        #expect(
            reader.value(at: ["spec", "containers"])?[0]?["command"] == ["cat", "/var/run/secrets/tokens/service2"])
    }

    @Test func multiDocumentYAMLWithListsInDependencyOrder() throws {
        let (store, _) = makeStore()
        let text = """
            # a comment before the first separator is not a document
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: web-0, namespace: apps}
              spec: {serviceAccountName: web, nodeName: node-1}
            - apiVersion: v1
              kind: ServiceAccount
              metadata: {name: web, namespace: apps, uid: 0b8e3c62-8f2a-4f59-9d7e-2a1f7c5b9e10}
            ---
            kind: Node
            apiVersion: v1
            metadata:
              name: node-1
            """
        let objects = try ManifestReader.objects(in: text, source: "inline.yaml")
        #expect(objects.map(\.document) == [1, 1, 2])
        #expect(objects.map(\.item) == [1, 2, nil])
        let recorder = EventRecorder()
        store.observe(recorder.record)
        try ManifestLoader.load(objects, into: store)
        #expect(
            recorder.summary == [
                "ADDED namespaces apps", "ADDED serviceaccounts apps/default", "ADDED configmaps apps/kube-root-ca.crt",
                "ADDED nodes node-1",
                "ADDED serviceaccounts apps/web", "ADDED pods apps/web-0",
            ])
        #expect(
            store.lookup(.serviceaccounts, namespace: "apps", name: "web")?.uid
                == "0b8e3c62-8f2a-4f59-9d7e-2a1f7c5b9e10")
    }

    @Test func yamlScalarsResolveLikeKubectl() throws {
        let text = """
            kind: Secret
            metadata:
              name: s
              annotations:
                quoted: "yes"
                plain: yes
                octal: 0o17
                hex: 0x1F
                under: 1_000
                float: 2.5
                big: 99999999999999999999
                empty:
                tilde: ~
                str: !!str 12
                time: 2025-01-01
                port: "8080"
                ratio: 1:20
            """
        let annotations = try #require(
            ManifestReader.objects(in: text, source: "s.yaml").first?.object.value(at: ["metadata", "annotations"]))
        #expect(annotations["quoted"] == "yes")
        #expect(annotations["plain"] == true)
        #expect(annotations["octal"] == 15)
        #expect(annotations["hex"] == 31)
        #expect(annotations["under"] == 1000)
        #expect(annotations["float"] == 2.5)
        #expect(annotations["big"] == .double(1e20))
        #expect(annotations["empty"] == nil as JSONValue)
        #expect(annotations["tilde"] == nil as JSONValue)
        #expect(annotations["str"] == "12")
        #expect(annotations["time"] == "2025-01-01")
        #expect(annotations["port"] == "8080")
        #expect(annotations["ratio"] == "1:20")
    }

    @Test func mergeKeysAndAliases() throws {
        let text = """
            base: &base {a: 1, b: 2}
            kind: Pod
            metadata:
              <<: *base
              b: 3
              name: m
            """
        let object = try #require(ManifestReader.objects(in: text, source: "m.yaml").first?.object)
        #expect(object.value(at: ["metadata"]) == ["a": 1, "b": 3, "name": "m"])
    }

    @Test func billionLaughsFailsInsteadOfExploding() {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        #expect(
            throws: ManifestError(
                source: "lol.yaml", document: 1,
                message: "document too large (more than 10000 values after expanding aliases)")
        ) {
            try ManifestReader.objects(
                in: lines.joined(separator: "\n"), source: "lol.yaml", isJSON: false, maxValues: 10000)
        }
    }

    @Test func errorsNameFileDocumentAndItem() {
        let (store, _) = makeStore()
        #expect(
            throws: ManifestError(
                source: "x.yaml", document: 2,
                message:
                    "kind \"Service\" is not supported by kubemint (supported: Namespace, Node, ServiceAccount, Secret, Pod, ConfigMap, Role, ClusterRole, RoleBinding, ClusterRoleBinding, PodCertificateRequest, ClusterTrustBundle)"
            )
        ) {
            try ManifestLoader.load(
                ManifestReader.objects(in: "kind: Pod\n---\nkind: Service\n", source: "x.yaml"), into: store)
        }
        do {
            try ManifestLoader.load(
                ManifestReader.objects(
                    in: "kind: List\nitems:\n- kind: Pod\n  metadata: {name: Bad_Name}\n", source: "l.yaml"),
                into: store)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description.hasPrefix(
                    #"l.yaml: document 1: item 1: Error from server (Invalid): Pod "Bad_Name" is invalid: metadata.name"#
                ))
            #expect(error.kubeError?.code == 422)
        }
        #expect(throws: ManifestError.self) { try ManifestReader.objects(in: "a: [1, 2\n", source: "broken.yaml") }
        #expect(throws: ManifestError(source: "d.yaml", document: 1, message: "expected an object, got [1]")) {
            try ManifestReader.objects(in: "[1]", source: "d.yaml")
        }
        #expect(throws: ManifestError(source: "missing.yaml", message: "no such file or directory")) {
            try ManifestReader.objects(atPath: "missing.yaml")
        }
    }

    @Test func jsonFilesAreParsedStrictly() throws {
        let objects = try ManifestReader.objects(
            in: #"{"kind":"NodeList","items":[{"kind":"Node","metadata":{"name":"n1"}}]}"#, source: "n.json",
            isJSON: true)
        #expect(objects.first?.object.name == "n1")
        #expect(
            throws: ManifestError(
                source: "n.json", message: "invalid JSON at byte 3: data after the end of the JSON value")
        ) {
            try ManifestReader.objects(in: "{} x", source: "n.json", isJSON: true)
        }
    }

    @Test func duplicateYAMLKeysAreRejected() {
        #expect(throws: ManifestError.self) {
            try ManifestReader.objects(in: "kind: Pod\nkind: Node\n", source: "dup.yaml")
        }
    }
}
