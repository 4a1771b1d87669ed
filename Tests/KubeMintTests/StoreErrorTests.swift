import Foundation
import Testing

@testable import KubeMint

@Suite struct StoreErrorTests {
    @Test func notFoundAndAlreadyExistsAreWordedLikeTheApiserver() throws {
        let (store, _) = makeStore()
        #expect(throws: KubeError.notFound(resource: "serviceaccounts", name: "web")) {
            try store.get(.serviceaccounts, namespace: "default", name: "web")
        }
        do {
            _ = try store.get(.pods, namespace: "default", name: "x")
        } catch {
            #expect(error.message == #"pods "x" not found"#)
            #expect(error.code == 404)
        }
        try store.create(.serviceaccounts, namespace: "default", ["metadata": ["name": "web"]])
        do {
            try store.create(.serviceaccounts, namespace: "default", ["metadata": ["name": "web"]])
            Issue.record("expected 409")
        } catch {
            #expect(error.code == 409 && error.reason == "AlreadyExists")
            #expect(error.message == #"serviceaccounts "web" already exists"#)
        }
        #expect(throws: KubeError.notFound(resource: "pods", name: "p")) {
            try store.delete(.pods, namespace: "default", name: "p")
        }
    }

    @Test func creatingInAMissingNamespaceIs404() {
        let (store, _) = makeStore()
        #expect(throws: KubeError.notFound(resource: "namespaces", name: "x")) {
            try store.create(.pods, namespace: "x", ["metadata": ["name": "p"]])
        }
    }

    @Test func invalidNamesAre422WithFieldErrors() {
        let (store, _) = makeStore()
        do {
            try store.create(.pods, namespace: "default", ["metadata": ["name": "Bad_Name"]])
            Issue.record("expected 422")
        } catch {
            #expect(error.code == 422 && error.reason == "Invalid")
            #expect(
                error.message
                    == #"Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#
            )
            #expect(error.details?.causes.first?.field == "metadata.name")
        }
        #expect(
            throws: KubeError.invalid(
                kind: "ServiceAccount", name: "",
                errors: [FieldError(.required, field: "metadata.name", detail: "name or generateName is required")])
        ) { try store.create(.serviceaccounts, namespace: "default", ["metadata": [:]]) }
        do {
            try store.create(.namespaces, ["metadata": ["name": "a.b"]])
            Issue.record("expected 422")
        } catch {
            #expect(
                error.message
                    == #"Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#
            )
        }
        do {
            try store.create(.nodes, ["metadata": ["name": .string(String(repeating: "a", count: 254))]])
            Issue.record("expected 422")
        } catch {
            #expect(error.details?.causes.count == 1)
            #expect(error.details?.causes.first?.message.hasSuffix("must be no more than 253 characters") == true)
        }
    }

    @Test func tokenSecretNeedsItsServiceAccountAnnotation() {
        let (store, _) = makeStore()
        #expect(
            throws: KubeError.invalid(
                kind: "Secret", name: "t",
                errors: [FieldError(.required, field: "metadata.annotations[kubernetes.io/service-account.name]")])
        ) {
            try store.create(
                .secrets, namespace: "default",
                ["metadata": ["name": "t"], "type": "kubernetes.io/service-account-token"])
        }
    }

    @Test func kindAndVersionMismatchesAre400() {
        let (store, _) = makeStore()
        #expect(
            throws: KubeError.badRequest(
                #"Secret in version "v1" cannot be handled as a Pod: converting (v1.Secret) to (core.Pod): unknown conversion"#
            )
        ) {
            try store.create(
                .pods, namespace: "default", ["kind": "Secret", "apiVersion": "v1", "metadata": ["name": "p"]])
        }
        #expect(
            throws: KubeError.badRequest(
                #"Pod in version "v1" cannot be handled as a Pod: no kind "Pod" is registered for version "apps/v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30""#
            )
        ) {
            try store.create(
                .pods, namespace: "default", ["kind": "Pod", "apiVersion": "apps/v1", "metadata": ["name": "p"]])
        }
        #expect(throws: KubeError.self) {
            try store.create(.pods, namespace: "default", ["kind": 3, "metadata": ["name": "p"]])
        }
    }

    @Test func bodyNamespaceMustMatchTheURL() {
        let (store, _) = makeStore()
        #expect(
            throws: KubeError.badRequest(
                "the namespace of the provided object does not match the namespace sent on the request")
        ) { try store.create(.pods, namespace: "default", ["metadata": ["name": "p", "namespace": "kube-system"]]) }
    }

    @Test func resourceVersionOnCreateFailsExceptForManifests() throws {
        let (store, _) = makeStore()
        let object: JSONObject = [
            "metadata": ["name": "p", "resourceVersion": "5", "uid": "11111111-2222-4333-8444-555555555555"]
        ]
        #expect(
            throws: KubeError(
                code: 500, reason: "", message: "resourceVersion should not be set on objects to be created")
        ) { try store.create(.pods, namespace: "default", object) }
        let created = try store.create(.pods, namespace: "default", object, options: .manifest)
        #expect(created.uid == "11111111-2222-4333-8444-555555555555")
        #expect(created.string(at: ["metadata", "resourceVersion"]) == store.resourceVersion)
    }

    @Test func badSecretDataIs400() {
        let (store, _) = makeStore()
        #expect(
            throws: KubeError.badRequest(
                #"Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 2"#)
        ) { try store.create(.secrets, namespace: "default", ["metadata": ["name": "s"], "data": ["k": "ab!d"]]) }
    }

    @Test func failedRequestsLeaveTheStoreUnchanged() throws {
        let (store, _) = makeStore()
        let recorder = EventRecorder()
        store.observe(recorder.record)
        let before = store.resourceVersion
        _ = try? store.create(.pods, namespace: "default", ["metadata": ["name": "Bad"]])
        _ = try? store.create(.pods, namespace: "missing", ["metadata": ["name": "p"]])
        _ = try? store.create(.namespaces, ["metadata": ["name": "default"]])
        _ = try? store.delete(.namespaces, name: "kube-system")
        _ = try? store.delete(.pods, namespace: "default", name: "nope")
        #expect(store.resourceVersion == before)
        #expect(recorder.summary.isEmpty)
    }
}
