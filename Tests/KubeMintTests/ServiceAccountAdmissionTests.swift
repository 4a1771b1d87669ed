import Foundation
import Testing

@testable import KubeMint

/// Issue 20: ServiceAccount admission on pod create, as plugin/pkg/admission/serviceaccount does it
/// (docs/kubernetes-behaviour.md §20.1).
@Suite struct ServiceAccountAdmissionTests {
    private func pod(_ name: String, _ spec: JSONObject, annotations: JSONObject? = nil) -> JSONObject {
        var metadata: JSONObject = ["name": .string(name)]
        if let annotations { metadata["annotations"] = .object(annotations) }
        return ["metadata": .object(metadata), "spec": .object(spec)]
    }

    @Test func aPodWithoutVolumesGetsTheDefaultAccountAndTheTokenVolume() throws {
        let (store, _) = makeStore()
        let created = try store.create(
            .pods, namespace: "default",
            pod(
                "web",
                [
                    "initContainers": [["name": "init", "image": "busybox"]],
                    "containers": [
                        ["name": "app", "image": "nginx"],
                        [
                            "name": "sidecar", "image": "envoy",
                            "volumeMounts": [["name": "own", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"]],
                        ],
                    ],
                    "volumes": [["name": "own", "emptyDir": [:]]],
                ]))
        let spec = try #require(created["spec"]?.objectValue)
        #expect(spec["serviceAccountName"] == "default")
        #expect(spec["serviceAccount"] == "default")
        let volumes = try #require(spec["volumes"]?.arrayValue)
        #expect(volumes.count == 2)
        let name = try #require(volumes[1]["name"]?.stringValue)
        #expect(name.hasPrefix("kube-api-access-"))
        let suffix = name.dropFirst("kube-api-access-".count)
        #expect(suffix.count == 5 && suffix.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        // The apiserver's TokenVolumeSource, byte for byte in its field order.
        #expect(
            volumes[1].jsonString
                == #"{"name":"\#(name)","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],"defaultMode":420}}"#
        )
        let mount = #"{"name":"\#(name)","readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}"#
        #expect(spec["initContainers"]?[0]?["volumeMounts"]?.jsonString == "[\(mount)]")
        #expect(spec["containers"]?[0]?["volumeMounts"]?.jsonString == "[\(mount)]")
        // A container that already mounts something at the path keeps its own mount only.
        #expect(spec["containers"]?[1]?["volumeMounts"]?.arrayValue?.count == 1)
    }

    @Test func automountIsDecidedByThePodThenTheAccount() throws {
        let (store, _) = makeStore()
        try store.create(
            .serviceaccounts, namespace: "default", ["metadata": ["name": "quiet"], "automountServiceAccountToken": false])
        let containers: JSONValue = [["name": "app", "image": "nginx"]]
        func volumes(_ spec: JSONObject, _ name: String) throws -> Int {
            let created = try store.create(.pods, namespace: "default", pod(name, spec))
            return created.value(at: ["spec", "volumes"])?.arrayValue?.count ?? 0
        }
        #expect(try volumes(["serviceAccountName": "quiet", "containers": containers], "a") == 0)
        #expect(
            try volumes(
                ["serviceAccountName": "quiet", "automountServiceAccountToken": true, "containers": containers], "b")
                == 1)
        #expect(try volumes(["automountServiceAccountToken": false, "containers": containers], "c") == 0)
        #expect(try volumes(["containers": containers], "d") == 1)
    }

    @Test func anExistingKubeAPIAccessVolumeIsReused() throws {
        let (store, _) = makeStore()
        let created = try store.create(
            .pods, namespace: "default",
            pod(
                "web",
                [
                    "containers": [["name": "app", "image": "nginx"]],
                    "volumes": [["name": "kube-api-access-mine", "emptyDir": [:]]],
                ]))
        #expect(created.value(at: ["spec", "volumes"])?.arrayValue?.count == 1)
        #expect(created.value(at: ["spec", "containers"])?[0]?["volumeMounts"]?[0]?["name"] == "kube-api-access-mine")
    }

    @Test func aMissingAccountIsForbiddenAndNothingIsStored() throws {
        let (store, _) = makeStore()
        let why = "error looking up service account default/ghost: serviceaccount \"ghost\" not found"
        #expect(throws: KubeError.forbidden(resource: "pods", name: "web", why: why)) {
            try store.create(.pods, namespace: "default", pod("web", ["serviceAccountName": "ghost"]))
        }
        #expect(store.lookup(.pods, namespace: "default", name: "web") == nil)
        // Before a name is generated the message names the generateName; with neither, Unknown.
        #expect(throws: KubeError.forbidden(resource: "pods", name: "web-", why: why)) {
            try store.create(
                .pods, namespace: "default",
                ["metadata": ["generateName": "web-"], "spec": ["serviceAccountName": "ghost"]])
        }
        #expect(throws: KubeError.forbidden(resource: "pods", name: "Unknown", why: why)) {
            try store.create(.pods, namespace: "default", ["spec": ["serviceAccountName": "ghost"]])
        }
        // Admission comes before validation: an invalid pod naming a missing account is a 403.
        #expect(throws: KubeError.forbidden(resource: "pods", name: "Bad_Name", why: why)) {
            try store.create(.pods, namespace: "default", pod("Bad_Name", ["serviceAccountName": "ghost"]))
        }
        // The deprecated field names the account too.
        #expect(throws: KubeError.forbidden(resource: "pods", name: "old", why: why)) {
            try store.create(.pods, namespace: "default", pod("old", ["serviceAccount": "ghost"]))
        }
    }

    @Test func imagePullSecretsComeFromTheAccountWhenThePodHasNone() throws {
        let (store, _) = makeStore()
        try store.create(
            .serviceaccounts, namespace: "default",
            ["metadata": ["name": "puller"], "imagePullSecrets": [["name": "registry"], ["name": "mirror"]]])
        let inherited = try store.create(
            .pods, namespace: "default", pod("a", ["serviceAccountName": "puller", "automountServiceAccountToken": false]))
        #expect(inherited.value(at: ["spec", "imagePullSecrets"]) == [["name": "registry"], ["name": "mirror"]])
        let own = try store.create(
            .pods, namespace: "default",
            pod("b", ["serviceAccountName": "puller", "imagePullSecrets": [["name": "mine"]]]))
        #expect(own.value(at: ["spec", "imagePullSecrets"]) == [["name": "mine"]])
    }

    @Test func enforceMountableSecretsRefusesSecretsTheAccountDoesNotList() throws {
        let (store, _) = makeStore()
        try store.create(
            .serviceaccounts, namespace: "default",
            [
                "metadata": ["name": "strict", "annotations": ["kubernetes.io/enforce-mountable-secrets": "true"]],
                "secrets": [["name": "allowed"]], "imagePullSecrets": [["name": "pull"]],
            ])
        let base: JSONObject = ["serviceAccountName": "strict", "automountServiceAccountToken": false]
        func refusal(_ extra: JSONObject) -> String? {
            var spec = base
            for member in extra.members { spec[member.key] = member.value }
            do {
                try store.create(.pods, namespace: "default", pod("p", spec))
                try store.delete(.pods, namespace: "default", name: "p")
                return nil
            } catch {
                #expect(error.code == 403)
                return error.message
            }
        }
        let tail = "is not allowed because service account strict does not reference that secret"
        #expect(refusal(["volumes": [["name": "v", "secret": ["secretName": "allowed"]]]]) == nil)
        #expect(
            refusal(["volumes": [["name": "v", "secret": ["secretName": "other"]]]])
                == "pods \"p\" is forbidden: volume with secret.secretName=\"other\" \(tail)")
        #expect(
            refusal([
                "containers": [
                    ["name": "c", "image": "i", "env": [["name": "E", "valueFrom": ["secretKeyRef": ["name": "other", "key": "k"]]]]]
                ]
            ]) == "pods \"p\" is forbidden: container c with envVar E referencing secret.secretName=\"other\" \(tail)")
        #expect(
            refusal([
                "containers": [["name": "c", "image": "i"]],
                "initContainers": [["name": "i", "image": "i", "envFrom": [["secretRef": ["name": "other"]]]]],
            ]) == "pods \"p\" is forbidden: init container i with envFrom referencing secret.secretName=\"other\" \(tail)")
        #expect(
            refusal(["imagePullSecrets": [["name": "pull"], ["name": "nope"]]])
                == "pods \"p\" is forbidden: imagePullSecrets[1].name=\"nope\" is not allowed because service account strict does not reference that imagePullSecret"
        )
        // Without the annotation (or with a false one) nothing is checked.
        try store.create(.serviceaccounts, namespace: "default", ["metadata": ["name": "lenient"]])
        let lenient = pod(
            "q",
            ["serviceAccountName": "lenient", "volumes": [["name": "v", "secret": ["secretName": "anything"]]]])
        #expect(try store.create(.pods, namespace: "default", lenient).name == "q")
    }

    @Test func mirrorPodsAreCheckedNotChanged() throws {
        let (store, _) = makeStore()
        let mirror: JSONObject = ["kubernetes.io/config.mirror": "hash"]
        let created = try store.create(
            .pods, namespace: "default",
            pod("static", ["containers": [["name": "c", "image": "i"]]], annotations: mirror))
        #expect(created.value(at: ["spec", "serviceAccountName"]) == nil)
        #expect(created.value(at: ["spec", "volumes"]) == nil)
        #expect(
            throws: KubeError.forbidden(
                resource: "pods", name: "m1", why: "a mirror pod may not reference service accounts")
        ) {
            try store.create(.pods, namespace: "default", pod("m1", ["serviceAccountName": "default"], annotations: mirror))
        }
        #expect(throws: KubeError.forbidden(resource: "pods", name: "m2", why: "a mirror pod may not reference secrets")) {
            try store.create(
                .pods, namespace: "default",
                pod("m2", ["volumes": [["name": "v", "secret": ["secretName": "s"]]]], annotations: mirror))
        }
        #expect(
            throws: KubeError.forbidden(
                resource: "pods", name: "m3", why: "a mirror pod may not use ServiceAccountToken volume projections")
        ) {
            try store.create(
                .pods, namespace: "default",
                pod(
                    "m3", ["volumes": [["name": "v", "projected": ["sources": [["serviceAccountToken": ["path": "t"]]]]]]],
                    annotations: mirror))
        }
    }
}
