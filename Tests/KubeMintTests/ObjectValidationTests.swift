import Foundation
import Testing

@testable import KubeMint

/// Issue 16, item 9: what the apiserver refuses at create and kubemint used to accept (201) —
/// volume names, item paths, labels, annotations — with the apiserver's messages, and 422
/// answers whose size stays bounded however many fields are wrong.
@Suite struct ObjectValidationTests {
    static let label =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    /// The 422 a pod with `volumes` (and `metadata`) gets.
    func podError(volumes: [JSONValue], metadata: JSONObject = ["name": "p"]) -> KubeError? {
        let (store, _) = makeStore()
        return kubeError {
            try store.create(
                .pods, namespace: "default",
                [
                    "metadata": .object(metadata),
                    "spec": ["containers": [["name": "app", "image": "busybox"]], "volumes": .array(volumes)],
                ])
        }
    }

    @Test func volumeNamesMustBeDNSLabels() throws {
        for name in [".", "..", "a/b", "cloud.env", "$(id)", "a\nb", "UPPER", String(repeating: "a", count: 64)] {
            let error = try #require(podError(volumes: [["name": .string(name), "emptyDir": [:]]]))
            #expect(error.code == 422 && error.reason == "Invalid")
            let quoted = "\"" + goQuoteBody(name) + "\""
            let expected =
                name.count > 63
                ? "spec.volumes[0].name: Invalid value: \(quoted): must be no more than 63 characters"
                : "spec.volumes[0].name: Invalid value: \(quoted): \(Self.label)"
            #expect(error.message == "Pod \"p\" is invalid: \(expected)", "\(name)")
            #expect(error.details?.causes.first?.field == "spec.volumes[0].name")
        }
    }

    @Test func volumeNamesMustBePresentAndUnique() throws {
        let error = try #require(
            podError(volumes: [
                ["name": "data", "emptyDir": [:]], ["name": "data", "emptyDir": [:]], ["emptyDir": [:]],
            ]))
        #expect(
            error.message
                == "Pod \"p\" is invalid: [spec.volumes[1].name: Duplicate value: \"data\", spec.volumes[2].name: Required value]"
        )
    }

    @Test func itemPathsMustBeLocalAndDescending() throws {
        let projected: JSONValue = [
            "name": "info",
            "projected": [
                "sources": [
                    ["serviceAccountToken": ["path": "/etc/token"]],
                    ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "../ca.crt"]]]],
                    ["downwardAPI": ["items": [["path": "..hidden", "fieldRef": ["fieldPath": "metadata.name"]]]]],
                    ["serviceAccountToken": ["path": ""]],
                ]
            ],
        ]
        let downward: JSONValue = [
            "name": "meta", "downwardAPI": ["items": [["path": "a/../b", "fieldRef": ["fieldPath": "metadata.name"]]]],
        ]
        let error = try #require(podError(volumes: [projected, downward]))
        let sources = "spec.volumes[0].projected.sources"
        #expect(
            error.message == "Pod \"p\" is invalid: ["
                + "\(sources)[0].serviceAccountToken.path: Invalid value: \"/etc/token\": must be a relative path, "
                + "\(sources)[1].configMap.items[0].path: Invalid value: \"../ca.crt\": must not contain '..', "
                + "\(sources)[2].downwardAPI.items[0].path: Invalid value: \"..hidden\": must not start with '..', "
                + "\(sources)[3].serviceAccountToken.path: Required value, "
                + "spec.volumes[1].downwardAPI.items[0].path: Invalid value: \"a/../b\": must not contain '..']")
    }

    @Test func validVolumesAreAccepted() throws {
        let (store, _) = makeStore()
        let pod = try store.create(
            .pods, namespace: "default",
            [
                "metadata": ["name": "p", "labels": ["app.kubernetes.io/name": "web", "tier": ""]],
                "spec": [
                    "containers": [["name": "app", "image": "busybox"]],
                    "volumes": [
                        [
                            "name": "token",
                            "projected": ["sources": [["serviceAccountToken": ["path": "a/b..c/token"]]]],
                        ]
                    ],
                ],
            ])
        #expect(pod.name == "p")
    }

    @Test func labelsAreQualifiedNamesWithShortValues() throws {
        let (store, _) = makeStore()
        let error = try #require(
            kubeError {
                try store.create(
                    .serviceaccounts, namespace: "default",
                    [
                        "metadata": [
                            "name": "sa",
                            "labels": ["bad key": "ok", "good": .string(String(repeating: "v", count: 64))],
                        ]
                    ])
            })
        #expect(
            error.message == "ServiceAccount \"sa\" is invalid: ["
                + "metadata.labels: Invalid value: \"bad key\": name part \(MetadataValidation.qualifiedNameMessage), "
                + "metadata.labels: Invalid value: \"\(String(repeating: "v", count: 64))\": must be no more than 63 characters]"
        )
        #expect(MetadataValidation.qualifiedName("/x") == ["prefix part must be non-empty"])
        #expect(MetadataValidation.qualifiedName("a/b/c").count == 1)
        #expect(MetadataValidation.labelValue("$(id)") == [MetadataValidation.labelValueMessage])
    }

    @Test func annotationsAreAtMost256KiBInTotal() throws {
        let (store, _) = makeStore()
        let big = String(repeating: "x", count: 200 * 1024)
        let error = try #require(
            kubeError {
                try store.create(
                    .serviceaccounts, namespace: "default",
                    [
                        "metadata": [
                            "name": "sa", "annotations": ["a": .string(big), "b": .string(big), "Upper/Key": "ok"],
                        ]
                    ])
            })
        #expect(
            error.message
                == "ServiceAccount \"sa\" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes"
        )
        // Exactly at the limit is fine.
        let exact = String(repeating: "x", count: 256 * 1024 - 1)
        try store.create(
            .serviceaccounts, namespace: "default", ["metadata": ["name": "sb", "annotations": ["a": .string(exact)]]])
    }

    /// 200 000 invalid secret keys made a 97 MB answer; now 100 errors are listed and the rest counted.
    @Test func invalidAnswersStayBounded() throws {
        let (store, _) = makeStore()
        var data = JSONObject()
        for index in 0..<20_000 { data["bad key \(index)"] = .string("") }
        let error = try #require(
            kubeError {
                try store.create(.secrets, namespace: "default", ["metadata": ["name": "s"], "data": .object(data)])
            })
        #expect(error.details?.causes.count == KubeError.maxListedFieldErrors)
        #expect(error.message.hasSuffix(", and 19900 more errors]"))
        #expect(error.message.utf8.count < 40_000)
        // Identical messages are listed once, as field.ErrorList.ToAggregate does.
        let twice = FieldError(.required, field: "x")
        #expect(
            KubeError.invalid(kind: "Pod", name: "p", errors: [twice, twice]).message
                == "Pod \"p\" is invalid: x: Required value")
    }
}
